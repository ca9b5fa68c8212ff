import RoostDatabaseConformance
import Testing

/// The shared backend suite on a real PostgreSQL server. Serialized, so that the server's
/// connection limit is never approached.
@Suite(.serialized) struct PostgresConformanceTests {
    @Test(arguments: ConformanceCase.allCases)
    func conformance(_ testCase: ConformanceCase) async throws {
        try await testCase.run(with: .postgres)
    }
}
