import Dispatch
import RoostDatabase
import Synchronization

/// A bounded hand-off between sqlite-nio's row callback (on the connection's own thread,
/// which may block) and an async consumer: rows travel in batches, and when `maxReadyBatches` are
/// waiting the producing thread blocks until the consumer catches up. At most
/// `(maxReadyBatches + 1) × batchSize` rows are held at any time, whatever the result size.
///
/// Blocking the producer thread is safe because each connection runs on a thread of its own:
/// only the connection's own next statement, which cannot start before this one ends, waits.
final class SQLiteRowChannel: Sendable {
    private struct State {
        var ready: [[Row]] = []
        var pending: [Row] = []
        var finished = false
        var failure: (any Error)?
        var cancelled = false
        var producerWaiting = false
        var consumer: CheckedContinuation<[Row]?, any Error>?
        var highWaterMark = 0
    }

    private enum Step {
        case deliver([Row]?, signalProducer: Bool)
        case fail(any Error)
        case wait
    }

    private let state = Mutex(State())
    private let producerGate = DispatchSemaphore(value: 0)
    private let batchSize: Int
    private let maxReadyBatches: Int

    init(batchSize: Int = 256, maxReadyBatches: Int = 4) {
        self.batchSize = batchSize
        self.maxReadyBatches = maxReadyBatches
    }

    /// The most rows held at once so far (for tests of the memory bound).
    var highWaterMark: Int { state.withLock { $0.highWaterMark } }

    // MARK: Producer (driver thread)

    /// Adds a row; blocks the calling thread while the buffer is full. Returns at once after
    /// ``cancel()``.
    func produce(_ row: Row) {
        var handOff: (CheckedContinuation<[Row]?, any Error>, [Row])?
        let mustWait = state.withLock { state -> Bool in
            guard !state.cancelled else { return false }
            state.pending.append(row)
            state.highWaterMark = max(state.highWaterMark, state.ready.count * batchSize + state.pending.count)
            guard state.pending.count >= batchSize else { return false }
            let batch = state.pending
            state.pending = []
            state.pending.reserveCapacity(batchSize)
            if let consumer = state.consumer {
                state.consumer = nil
                handOff = (consumer, batch)
                return false
            }
            state.ready.append(batch)
            guard state.ready.count >= maxReadyBatches else { return false }
            state.producerWaiting = true
            return true
        }
        if let (consumer, batch) = handOff { consumer.resume(returning: batch) }
        if mustWait { producerGate.wait() }
    }

    /// Marks the end of the rows, or the statement's failure.
    func finish(_ error: (any Error)?) {
        let step = state.withLock { state -> (CheckedContinuation<[Row]?, any Error>, Step)? in
            state.finished = true
            state.failure = error
            guard let consumer = state.consumer else { return nil }
            state.consumer = nil
            return (consumer, Self.step(&state))
        }
        if let (consumer, step) = step { Self.resume(consumer, with: step) }
    }

    // MARK: Consumer (async)

    /// The next batch, `nil` at the end; throws the statement's error.
    func next() async throws -> [Row]? {
        let step = state.withLock { Self.step(&$0) }
        switch step {
        case .deliver(let batch, let signal):
            if signal { producerGate.signal() }
            return batch
        case .fail(let error):
            throw error
        case .wait:
            return try await withCheckedThrowingContinuation { continuation in
                let step = state.withLock { state -> Step in
                    let step = Self.step(&state)
                    if case .wait = step { state.consumer = continuation }
                    return step
                }
                if case .wait = step { return }
                Self.resume(continuation, with: step)
                if case .deliver(_, true) = step { producerGate.signal() }
            }
        }
    }

    /// The consumer stops early: drops buffered rows and releases a blocked producer, which
    /// then discards the remaining rows.
    func cancel() {
        let signal = state.withLock { state -> Bool in
            state.cancelled = true
            state.ready.removeAll()
            state.pending.removeAll()
            defer { state.producerWaiting = false }
            return state.producerWaiting
        }
        if signal { producerGate.signal() }
    }

    private static func step(_ state: inout State) -> Step {
        if !state.ready.isEmpty {
            let batch = state.ready.removeFirst()
            let signal = state.producerWaiting
            state.producerWaiting = false
            return .deliver(batch, signalProducer: signal)
        }
        guard state.finished else { return .wait }
        if !state.pending.isEmpty {
            defer { state.pending = [] }
            return .deliver(state.pending, signalProducer: false)
        }
        if let failure = state.failure { return .fail(failure) }
        return .deliver(nil, signalProducer: false)
    }

    private static func resume(_ continuation: CheckedContinuation<[Row]?, any Error>, with step: Step) {
        switch step {
        case .deliver(let batch, _): continuation.resume(returning: batch)
        case .fail(let error): continuation.resume(throwing: error)
        case .wait: preconditionFailure("a waiting step is never resumed")
        }
    }
}
