import Synchronization

/// A FIFO async mutex: one holder at a time, waiters resumed in order. It serializes the
/// statements that tasks sharing one pinned connection send, so that multi-step operations
/// (SQLite's execute-then-`changes()`) are never interleaved.
final class AsyncGate: Sendable {
    private struct State {
        var isHeld = false
        var waiters: [CheckedContinuation<Void, Never>] = []
    }

    private let state = Mutex(State())

    /// Waits for the gate, then holds it. Not cancellable: holders always release promptly.
    func enter() async {
        let entered = state.withLock { state -> Bool in
            guard !state.isHeld else { return false }
            state.isHeld = true
            return true
        }
        if entered { return }
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let enteredNow = state.withLock { state -> Bool in
                if !state.isHeld {
                    state.isHeld = true
                    return true
                }
                state.waiters.append(continuation)
                return false
            }
            if enteredNow { continuation.resume() }
        }
    }

    /// Releases the gate, handing it to the next waiter if any.
    func leave() {
        let next = state.withLock { state -> CheckedContinuation<Void, Never>? in
            if state.waiters.isEmpty {
                state.isHeld = false
                return nil
            }
            return state.waiters.removeFirst()
        }
        next?.resume()
    }
}
