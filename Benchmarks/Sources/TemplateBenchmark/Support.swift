#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The two workloads.
enum Workload: String, CaseIterable {
    /// The TechEmpower fortunes page: 13 escaped rows.
    case fortunes
    /// extends + two includes + a macro called for each of 1,000 items, with filters.
    case page
}

/// The Swift values every engine renders.
struct BenchmarkData: Sendable {
    let fortunes = FortunesPage.make()
    let page = CatalogPage.make()
}

/// One engine set up for one workload.
struct Renderer {
    /// One render, as timed; returns the output's size in bytes.
    let run: () throws -> Int
    /// One render, as a string, for the output check.
    let output: () throws -> String

    init(run: @escaping () throws -> Int, output: @escaping () throws -> String) {
        self.run = run
        self.output = output
    }
}

struct BenchmarkError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// Reads a whole UTF-8 file.
func readFile(_ path: String) throws -> String {
    guard let file = fopen(path, "rb") else { throw BenchmarkError("cannot open \(path)") }
    defer { fclose(file) }
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 65536)
    while true {
        let n = fread(&chunk, 1, chunk.count, file)
        if n <= 0 { break }
        bytes.append(contentsOf: chunk[0..<n])
    }
    return String(decoding: bytes, as: UTF8.self)
}

/// Writes a string to a file (for `--dump`).
func writeFile(_ path: String, _ text: String) throws {
    guard let file = fopen(path, "wb") else { throw BenchmarkError("cannot write \(path)") }
    defer { fclose(file) }
    var text = text
    text.withUTF8 { _ = fwrite($0.baseAddress, 1, $0.count, file) }
}

/// Timing parameters, the same as templates_jinja2.py's.
struct TimingOptions {
    var batches = 11
    var batchSeconds = 0.25
    var warmupSeconds = 0.5
}

/// Renders per second: the median of `batches` timed batches, after a warm-up, with a batch size
/// chosen as Python's `timeit.Timer.autorange` does (1, 2, 5, 10, 20, 50, ... renders until one
/// batch takes 0.2 s) and then scaled so that a batch lasts about `batchSeconds`.
/// `sink` receives the output sizes so that no render can be optimised away.
func measure(_ options: TimingOptions, sink: inout Int, _ body: () throws -> Int) throws -> (rate: Double, batchSize: Int) {
    let clock = ContinuousClock()
    func seconds(_ d: Duration) -> Double {
        Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
    }
    func batch(_ n: Int) throws -> Double {
        let start = clock.now
        for _ in 0..<n { sink &+= try body() }
        return seconds(clock.now - start)
    }
    let warmupEnd = clock.now + .milliseconds(Int(options.warmupSeconds * 1000))
    repeat { sink &+= try body() } while clock.now < warmupEnd

    var number = 1
    var elapsed = 0.0
    calibrate: for multiplier in sequence(first: 1, next: { $0 * 10 }) {
        for step in [1, 2, 5] {
            number = step * multiplier
            elapsed = try batch(number)
            if elapsed >= 0.2 { break calibrate }
        }
    }
    let batchSize = max(1, Int((Double(number) * options.batchSeconds / elapsed).rounded()))
    var rates: [Double] = []
    for _ in 0..<options.batches {
        rates.append(Double(batchSize) / (try batch(batchSize)))
    }
    rates.sort()
    let mid = rates.count / 2
    let median = rates.count % 2 == 1 ? rates[mid] : (rates[mid - 1] + rates[mid]) / 2
    return (median, batchSize)
}
