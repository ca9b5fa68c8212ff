import NIOPosix

/// Runs blocking work (file system calls) on NIO's shared thread pool, off the event loops.
///
/// ```swift
/// let data = try await BlockingIO.run { try readWholeFile(path) }
/// ```
public enum BlockingIO {
    /// Runs `work` on a pool thread and returns its result.
    /// - Throws: What `work` throws, or an error when the pool is shut down.
    public static func run<Result: Sendable>(_ work: @escaping @Sendable () throws -> Result) async throws -> Result {
        try await NIOThreadPool.singleton.runIfActive(work)
    }
}
