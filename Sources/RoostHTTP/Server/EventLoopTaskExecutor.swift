import NIOCore

/// Runs Swift concurrency jobs on one NIO event loop.
///
/// Request tasks prefer this executor, so a handler that suspends resumes on its
/// connection's event loop instead of hopping to the global pool and back: two thread hops
/// saved per await, and the connection's state can be touched without locks.
final class EventLoopTaskExecutor: TaskExecutor {
    let eventLoop: any EventLoop

    init(eventLoop: any EventLoop) {
        self.eventLoop = eventLoop
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        eventLoop.execute {
            job.runSynchronously(on: self.asUnownedTaskExecutor())
        }
    }
}
