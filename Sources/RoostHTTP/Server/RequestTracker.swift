import Synchronization

/// Counts the request tasks of one server run, so that shutdown waits for them before it
/// stops the event loops they resume on: a task still waiting on a database when its loop
/// is gone could never finish, and would keep its pooled connection (and any transaction)
/// for good.
final class RequestTracker: Sendable {
    private let count = Atomic<Int>(0)

    /// The number of request tasks running now.
    var running: Int { count.load(ordering: .acquiring) }

    /// Runs `operation`, counted as a request in flight while it runs.
    func track(_ operation: () async -> Void) async {
        count.add(1, ordering: .relaxed)
        await operation()
        count.subtract(1, ordering: .releasing)
    }
}
