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
    /// Time batches in CPU time of this thread (the default) rather than wall-clock time, so that
    /// other processes on a shared machine do not count against the engine being measured.
    var cpuClock = true
}

/// Batch timing shared by all engines, so that they are measured the same way.
struct Timer {
    let options: TimingOptions
    private let clock = ContinuousClock()

    init(_ options: TimingOptions) {
        self.options = options
    }

    /// Warms `body` up, then picks its batch size as Python's `timeit.Timer.autorange` does
    /// (1, 2, 5, 10, 20, 50, ... renders until one batch takes 0.2 s), scaled so that a batch
    /// lasts about `batchSeconds`. `sink` receives the output sizes so that no render can be
    /// optimised away.
    func calibrate(sink: inout Int, _ body: () throws -> Int) throws -> Int {
        let warmupEnd = clock.now + .milliseconds(Int(options.warmupSeconds * 1000))
        repeat { sink &+= try body() } while clock.now < warmupEnd
        var number = 1
        var elapsed = 0.0
        calibrate: for multiplier in sequence(first: 1, next: { $0 * 10 }) {
            for step in [1, 2, 5] {
                number = step * multiplier
                elapsed = try seconds(number, sink: &sink, body)
                if elapsed >= 0.2 { break calibrate }
            }
        }
        return max(1, Int((Double(number) * options.batchSeconds / elapsed).rounded()))
    }

    /// Renders per second over one batch of `size` renders.
    func rate(_ size: Int, sink: inout Int, _ body: () throws -> Int) throws -> Double {
        Double(size) / (try seconds(size, sink: &sink, body))
    }

    private func seconds(_ n: Int, sink: inout Int, _ body: () throws -> Int) throws -> Double {
        let start = now()
        for _ in 0..<n { sink &+= try body() }
        return now() - start
    }

    /// Seconds on the chosen clock: this thread's CPU time, or monotonic wall-clock time.
    private func now() -> Double {
        var ts = timespec()
        clock_gettime(options.cpuClock ? CLOCK_THREAD_CPUTIME_ID : CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
    }
}

func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    let mid = sorted.count / 2
    return sorted.count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}
