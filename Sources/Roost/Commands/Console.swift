/// Where management commands write their output: standard output by default, a buffer in
/// tests.
///
/// ```swift
/// struct Greet: AppCommand {
///     func run(app: App) async throws { app.console.print("Hello") }
/// }
/// ```
public struct Console: Sendable {
    private let sink: @Sendable (String) -> Void

    /// A console writing to `sink`.
    public init(_ sink: @escaping @Sendable (String) -> Void) {
        self.sink = sink
    }

    /// The process's standard output.
    public static let standardOutput = Console { FileHandleOutput.standardOutput($0) }

    /// Writes text as it is.
    public func write(_ text: String) {
        sink(text)
    }

    /// Writes a line.
    public func print(_ line: String) {
        sink(line + "\n")
    }
}
