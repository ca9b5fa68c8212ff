import HTTPTypes
import Logging
import NIOCore
import NIOPosix
import RoostHTTP
import RoostTesting
import ServiceLifecycle
import Synchronization
import Testing

@Suite struct ShutdownTests {
    @Test func finishesInFlightRequestsThenStopsAccepting() async throws {
        let started = AsyncStream.makeStream(of: Void.self)
        let slow = ClosureResponder { _, _, _ in
            started.continuation.yield()
            try await Task.sleep(for: .milliseconds(300))
            return .text("finished")
        }
        var boundPort = 0
        try await withServer(slow) { port, group in
            boundPort = port
            let busy = try await RawHTTPConnection.connect(port: port)
            let idle = try await RawHTTPConnection.connect(port: port)
            try await busy.send("GET /slow HTTP/1.1\r\nHost: x\r\n\r\n")
            var startedIterator = started.stream.makeAsyncIterator()
            await startedIterator.next()

            await group.triggerGracefulShutdown()
            let response = try await busy.readResponse()
            #expect(response.status == 200)
            #expect(response.text == "finished")
            // Whether the response itself says `Connection: close` depends on whether the
            // quiesce event reached the connection before the handler finished; either way
            // the server closes the connection after it.
            #expect(try await busy.isClosedByServer())
            #expect(try await idle.isClosedByServer())
        }
        await #expect(throws: (any Error).self) { _ = try await RawHTTPConnection.connect(port: boundPort) }
    }

    /// A server given its event loops (to share them with database connections) serves on
    /// them and leaves them running when it stops: their owner shuts them down.
    @Test func servesOnAGivenGroupAndLeavesItRunning() async throws {
        let loops = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let loop = loops.next()
        let responder = ClosureResponder { _, _, _ in
            .text(MultiThreadedEventLoopGroup.currentEventLoop === loop ? "on the given loop" : "elsewhere")
        }
        try await withServer(responder, configure: {
            $0.threads = 4
            $0.eventLoopGroup = loops
        }) { port, group in
            let client = try await RawHTTPConnection.connect(port: port)
            try await client.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n")
            #expect(try await client.readResponse().text == "on the given loop")
            await group.triggerGracefulShutdown()
        }
        #expect(try await loop.submit { 42 }.get() == 42, "the group still runs")
        try await loops.shutdownGracefully()
    }

    @Test func forceClosesRequestsThatOutliveTheGracePeriod() async throws {
        let stuck = ClosureResponder { _, _, _ in
            try? await Task.sleep(for: .seconds(30))
            return .text("too late")
        }
        let clock = ContinuousClock()
        var start = clock.now
        var connection: RawHTTPConnection?
        try await withServer(stuck, configure: { $0.timeouts.shutdownGracePeriod = .milliseconds(200) }) { port, group in
            let client = try await RawHTTPConnection.connect(port: port)
            connection = client
            try await client.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n")
            try await Task.sleep(for: .milliseconds(50))
            start = clock.now
            await group.triggerGracefulShutdown()
        }
        #expect(clock.now - start < .seconds(10))
        #expect(try await #require(connection).isClosedByServer())
    }

    @Test func waitsForRequestTasksThatOutliveTheirConnection() async throws {
        // A handler blocked in work that ignores cancellation (a database call), whose client
        // has gone: shutdown must keep the event loop alive until the task has finished.
        let started = AsyncStream.makeStream(of: Void.self)
        let finished = Flag()
        let responder = ClosureResponder { _, _, _ in
            started.continuation.yield()
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                Task.detached {
                    try? await Task.sleep(for: .milliseconds(300))
                    continuation.resume()
                }
            }
            try? await Task.sleep(for: .milliseconds(1))
            finished.set()
            return .text("done")
        }
        try await withServer(responder) { port, group in
            let connection = try await RawHTTPConnection.connect(port: port)
            try await connection.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n")
            var startedIterator = started.stream.makeAsyncIterator()
            await startedIterator.next()
            await connection.close()
            await group.triggerGracefulShutdown()
        }
        #expect(finished.isSet)
    }
}

/// Runs `responder` behind a server in a service group and calls `body` with the bound port
/// and the group, whose shutdown the tests trigger; returns once the server has stopped.
private func withServer(
    _ responder: some HTTPResponder, configure: (inout HTTPServerConfiguration) -> Void = { _ in },
    _ body: (Int, ServiceGroup) async throws -> Void
) async throws {
    let ports = AsyncStream.makeStream(of: Int.self)
    let configuration = HTTPServerConfiguration.tests {
        $0.port = 0
        configure(&$0)
    }
    let server = HTTPServer(responder: responder, configuration: configuration) { ports.continuation.yield($0.port) }
    let group = ServiceGroup(services: [server], logger: Logger(label: "test"))
    try await withThrowingTaskGroup(of: Void.self) { tasks in
        tasks.addTask { try await group.run() }
        var portIterator = ports.stream.makeAsyncIterator()
        let port = try #require(await portIterator.next())
        try await body(port, group)
        try await tasks.waitForAll()
    }
}

/// A flag set from one task and read from another.
private final class Flag: Sendable {
    private let value = Mutex(false)
    var isSet: Bool { value.withLock { $0 } }
    func set() { value.withLock { $0 = true } }
}
