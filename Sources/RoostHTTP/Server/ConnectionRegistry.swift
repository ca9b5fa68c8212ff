import NIOCore
import Synchronization

/// The server's open connections: counted for the connection cap, listed for shutdown.
final class ConnectionRegistry: Sendable {
    private struct State {
        var channels: [ObjectIdentifier: any Channel] = [:]
        var nextID: UInt64 = 0
        var onCapacity: (@Sendable () -> Void)?
        var drainWaiters: [CheckedContinuation<Void, Never>] = []
    }

    private let state = Mutex(State())
    let limit: Int

    init(limit: Int) {
        self.limit = max(1, limit)
    }

    var count: Int { state.withLock { $0.channels.count } }

    /// Adds a new connection and returns its number; removes it again when it closes.
    func register(_ channel: any Channel) -> UInt64 {
        let id = ObjectIdentifier(channel)
        let number = state.withLock { state in
            state.channels[id] = channel
            state.nextID += 1
            return state.nextID
        }
        channel.closeFuture.whenComplete { _ in self.unregister(id) }
        return number
    }

    private func unregister(_ id: ObjectIdentifier) {
        let (callback, waiters) = state.withLock { state -> ((@Sendable () -> Void)?, [CheckedContinuation<Void, Never>]) in
            guard state.channels.removeValue(forKey: id) != nil else { return (nil, []) }
            let callback = state.channels.count < limit ? state.onCapacity : nil
            var waiters: [CheckedContinuation<Void, Never>] = []
            if state.channels.isEmpty { swap(&waiters, &state.drainWaiters) }
            return (callback, waiters)
        }
        callback?()
        for waiter in waiters { waiter.resume() }
    }

    /// Sets what to call when a connection closes while the server is at its cap.
    func onCapacityAvailable(_ callback: @escaping @Sendable () -> Void) {
        state.withLock { $0.onCapacity = callback }
    }

    /// Every open connection.
    var channels: [any Channel] { state.withLock { Array($0.channels.values) } }

    /// Returns when no connection is open.
    func waitUntilEmpty() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let resumeNow = state.withLock { state -> Bool in
                if state.channels.isEmpty { return true }
                state.drainWaiters.append(continuation)
                return false
            }
            if resumeNow { continuation.resume() }
        }
    }
}
