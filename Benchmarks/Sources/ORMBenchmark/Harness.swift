#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The four workloads of issue 4, item 9.
enum BenchCase: String, CaseIterable, Sendable {
    case getByKey = "pk"
    case page = "page"
    case bulkInsert = "insert"
    case listing = "listing"

    var title: String {
        switch self {
        case .getByKey: "fetch 1 row by primary key"
        case .page: "fetch 20 rows (filtered, ordered)"
        case .bulkInsert: "insert 10,000 rows in bulk"
        case .listing: "100 posts + authors + tags"
        }
    }
}

enum Backend: String, CaseIterable, Sendable {
    case sqlite
    case postgres

    var title: String {
        switch self {
        case .sqlite: "SQLite"
        case .postgres: "PostgreSQL"
        }
    }
}

enum ImplementationKind: String, CaseIterable, Sendable {
    case roost
    case raw
    case fluent

    var title: String {
        switch self {
        case .roost: "Roost ORM"
        case .raw: "raw driver"
        case .fluent: "Fluent"
        }
    }
}

/// One workload as one implementation runs it.
struct Operation: Sendable {
    /// Runs operation number `index` (inputs are picked by index) and returns a checksum of
    /// what it read or wrote, so that nothing can be optimised away. This is what is timed.
    let run: @Sendable (Int) async throws -> Int
    /// Runs operation number `index` and returns its result in canonical text form (one line
    /// per row), for the cross-implementation check. Not timed.
    let verify: @Sendable (Int) async throws -> [String]
    /// Untimed preparation before every operation (the insert case empties its table).
    var reset: (@Sendable () async throws -> Void)?
}

/// One implementation (Roost, raw driver or Fluent) on one backend.
struct Implementation: Sendable {
    let kind: ImplementationKind
    let operations: [BenchCase: Operation]
    let shutdown: @Sendable () async throws -> Void
}

struct BenchmarkError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// Timing options.
struct TimingOptions: Sendable {
    /// Rounds over all backends and cases; each round measures every case again, so that a
    /// burst of load from other processes lands in one round's batches only.
    var rounds = 3
    /// Timed batches per implementation, case and round.
    var batches = 7
    var batchSeconds = 0.1
    var warmupSeconds = 0.2
}

/// Seconds on the monotonic clock.
func monotonicSeconds() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
}

/// CPU seconds used by this process (all threads), for the profile mode.
func processCPUSeconds() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
}

func medianOf(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    let mid = sorted.count / 2
    return sorted.count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}

/// The measured time per operation of each implementation for one case.
struct Measurement: Sendable {
    /// Seconds per operation of each timed batch, in batch order.
    var perBatch: [ImplementationKind: [Double]] = [:]
    /// CPU seconds of this process (all its threads) per operation of each timed batch.
    var cpuPerBatch: [ImplementationKind: [Double]] = [:]

    /// Adds another round's batches.
    mutating func merge(_ other: Measurement) {
        for (kind, values) in other.perBatch { perBatch[kind, default: []] += values }
        for (kind, values) in other.cpuPerBatch { cpuPerBatch[kind, default: []] += values }
    }

    func median(_ kind: ImplementationKind) -> Double? {
        perBatch[kind].map { medianOf($0) }
    }

    func cpuMedian(_ kind: ImplementationKind) -> Double? {
        cpuPerBatch[kind].map { medianOf($0) }
    }

    /// The median over batch cycles of `a`'s time divided by `b`'s in the same cycle. The
    /// implementations' batches of one cycle run back to back, so a load burst from other
    /// processes hits both sides of each ratio: steadier than the ratio of the medians.
    func pairedRatio(_ a: ImplementationKind, _ b: ImplementationKind, cpu: Bool = false) -> Double? {
        guard let x = cpu ? cpuPerBatch[a] : perBatch[a], let y = cpu ? cpuPerBatch[b] : perBatch[b],
            x.count == y.count, !x.isEmpty
        else { return nil }
        return medianOf(zip(x, y).map { $0 / $1 })
    }

    /// Half the relative spread between the quartile batches, in percent.
    func spread(_ kind: ImplementationKind) -> Double? {
        guard let values = perBatch[kind]?.sorted(), values.count >= 4 else { return nil }
        let q1 = values[values.count / 4], q3 = values[(values.count * 3) / 4]
        return (q3 - q1) / (2 * medianOf(values)) * 100
    }
}

/// Times one case across implementations: each warms up, then batches run interleaved
/// (round-robin, rotating who goes first) so that drift and background load hit every
/// implementation alike. Each implementation's batch size is chosen from its warm-up so that
/// a batch takes about `batchSeconds`.
struct BatchTimer {
    let options: TimingOptions

    func measure(_ implementations: [(ImplementationKind, Operation)]) async throws -> Measurement {
        var sink = 0
        var batchSizes: [Int] = []
        var counter = 0
        for (_, operation) in implementations {
            let end = monotonicSeconds() + options.warmupSeconds
            var ops = 0
            var elapsed = 0.0
            repeat {
                elapsed += try await timed(operation, index: counter, sink: &sink).wall
                counter += 1
                ops += 1
            } while ops < 3 || monotonicSeconds() < end
            let perOp = elapsed / Double(ops)
            batchSizes.append(max(1, min(100_000, Int((options.batchSeconds / perOp).rounded()))))
        }
        var measurement = Measurement()
        for round in 0..<options.batches {
            for position in 0..<implementations.count {
                let index = (position + round) % implementations.count
                let (kind, operation) = implementations[index]
                let batchSize = batchSizes[index]
                var elapsed = 0.0, cpu = 0.0
                for _ in 0..<batchSize {
                    let time = try await timed(operation, index: counter, sink: &sink)
                    elapsed += time.wall
                    cpu += time.cpu
                    counter += 1
                }
                measurement.perBatch[kind, default: []].append(elapsed / Double(batchSize))
                measurement.cpuPerBatch[kind, default: []].append(cpu / Double(batchSize))
            }
        }
        if sink == 42 { print("", terminator: "") } // keeps `sink` alive
        return measurement
    }

    /// Runs one operation (after its untimed reset) and returns its duration and the CPU time
    /// this process spent meanwhile, in seconds.
    private func timed(_ operation: Operation, index: Int, sink: inout Int) async throws -> (wall: Double, cpu: Double) {
        if let reset = operation.reset { try await reset() }
        let startCPU = processCPUSeconds()
        let start = monotonicSeconds()
        sink &+= try await operation.run(index)
        let end = monotonicSeconds()
        return (end - start, processCPUSeconds() - startCPU)
    }
}

/// Formats seconds per operation as µs or ms.
func formatDuration(_ seconds: Double) -> String {
    if seconds >= 1e-3 { return String(format2: seconds * 1e3) + " ms" }
    return String(format2: seconds * 1e6) + " µs"
}

extension String {
    /// A number with two decimals (or one above 100), without Foundation.
    init(format2 value: Double) {
        if value >= 100 {
            let tenths = Int((value * 10).rounded())
            self = "\(tenths / 10).\(tenths % 10)"
        } else {
            let hundredths = Int((value * 100).rounded())
            let fraction = hundredths % 100
            self = "\(hundredths / 100)." + (fraction < 10 ? "0" : "") + "\(fraction)"
        }
    }

    func padded(_ width: Int, right: Bool = false) -> String {
        let count = self.count
        guard count < width else { return self }
        let padding = String(repeating: " ", count: width - count)
        return right ? padding + self : self + padding
    }
}
