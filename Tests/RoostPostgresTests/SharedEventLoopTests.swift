import Logging
import NIOCore
import NIOPosix
@testable import RoostDatabase
@testable import RoostPostgres
import Testing

/// A backend given the HTTP server's event loops opens each connection on the loop of the
/// request that needed it.
@Suite(.serialized) struct SharedEventLoopTests {
    /// Runs jobs on one NIO event loop, as Roost's HTTP server runs request tasks.
    final class LoopExecutor: TaskExecutor {
        let loop: any EventLoop
        init(_ loop: any EventLoop) { self.loop = loop }
        func enqueue(_ job: consuming ExecutorJob) {
            let job = UnownedJob(job)
            loop.execute { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
        }
    }

    /// The event loop the pooled connection's socket lives on.
    static func connectionLoop(of db: Database) async throws -> ObjectIdentifier {
        try await db.pool.withConnection { connection in
            ObjectIdentifier(try #require(connection as? PostgresDatabaseConnection).eventLoop)
        }
    }

    @Test func connectionsOpenOnTheCallersLoopOfTheSharedGroup() async throws {
        let loops = MultiThreadedEventLoopGroup(numberOfThreads: 2)
        let all = Array(loops.makeIterator())
        var configuration = try PostgresTestServer.configuration()
        configuration.pool.maxConnections = 1
        for target in all {
            let db = try Database(configuration: configuration, backends: [PostgresBackend(eventLoopGroup: loops)], logger: .init(label: "test"))
            let loop = try await withTaskExecutorPreference(LoopExecutor(target)) {
                #expect(MultiThreadedEventLoopGroup.currentEventLoop === target)
                #expect(try await db.queryValue("SELECT 1", as: Int.self) == 1)
                return try await Self.connectionLoop(of: db)
            }
            #expect(loop == ObjectIdentifier(target))
            await db.shutdown()
        }
        // Called from outside the group (a test task, a command): any loop of the group.
        let db = try Database(configuration: configuration, backends: [PostgresBackend(eventLoopGroup: loops)], logger: .init(label: "test"))
        #expect(try await db.queryValue("SELECT 1", as: Int.self) == 1)
        let loop = try await Self.connectionLoop(of: db)
        #expect(all.contains { ObjectIdentifier($0) == loop })
        await db.shutdown()
        try await loops.shutdownGracefully()
    }
}
