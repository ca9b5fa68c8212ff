#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import RoostDatabase
import Testing

/// Streaming large results with back-pressure.
enum StreamingCases {
    struct Stop: Error {}

    static let rowCount = 100_000

    /// 100,000 rows of about 4 KB each: 400 MB if they were all held at once.
    static func bigResult(_ schema: ConformanceSchema) -> SQL {
        schema.isPostgres
            ? "SELECT x, repeat('x', 4096) AS payload FROM generate_series(1, \(rowCount)) AS x"
            : """
              WITH RECURSIVE seq(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM seq WHERE x < \(rowCount))
              SELECT x, hex(zeroblob(2048)) AS payload FROM seq
              """
    }

    static func manyRows(_ harness: ConformanceHarness) async throws {
        try await harness.withDatabase(.init(maxConnections: 1)) { db in
            let schema = ConformanceSchema(db)
            let baseline = residentMegabytes()
            var peak = baseline
            var count = 0
            var sum: Int64 = 0
            try await db.stream(bigResult(schema)) { row in
                count += 1
                sum += try row.decode(Int64.self, at: 0)
                #expect(row.values[1] != .null)
                if count.isMultiple(of: 5_000) {
                    peak = max(peak, residentMegabytes())
                    await Task.yield()
                }
            }
            #expect(count == rowCount)
            #expect(sum == Int64(rowCount) * Int64(rowCount + 1) / 2)
            #if os(Linux)
            #expect(peak - baseline < 150, "streaming 400 MB of rows grew the process by \(peak - baseline) MB")
            #endif
        }
    }

    static func earlyStop(_ harness: ConformanceHarness) async throws {
        try await harness.withDatabase(.init(maxConnections: 1)) { db in
            let schema = ConformanceSchema(db)
            var seen = 0
            await #expect(throws: Stop.self) {
                try await db.stream(bigResult(schema)) { _ in
                    seen += 1
                    if seen == 10 { throw Stop() }
                }
            }
            #expect(seen == 10)
            #expect(try await db.queryValue("SELECT \(7) AS n", as: Int.self) == 7, "the only connection is usable again")
            try await db.transaction { tx in
                var rows = 0
                try await tx.stream("SELECT \(1) AS n UNION ALL SELECT \(2)") { _ in rows += 1 }
                #expect(rows == 2)
            }
            #expect(db.pool.statistics.connectionsDiscarded == 0)
        }
    }

    /// The process's resident memory in MB (Linux), or 0 where unknown.
    static func residentMegabytes() -> Int {
        #if os(Linux)
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
        for line in status.split(separator: "\n") where line.hasPrefix("VmRSS:") {
            let kilobytes = line.split(separator: " ").dropFirst().first.flatMap { Int($0) } ?? 0
            return kilobytes / 1024
        }
        #endif
        return 0
    }
}
