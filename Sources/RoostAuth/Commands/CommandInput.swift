#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
public import Roost

/// Where interactive management commands (`createsuperuser`) read answers from: the
/// terminal by default, with passwords read without echo; tests give scripted answers.
///
/// ```swift
/// var answers = ["ada", "ada@example.com", "s3cret-Passw0rd", "s3cret-Passw0rd"].makeIterator()
/// app.commandInput = CommandInput { _, _ in answers.next() }   // (in a test, behind a lock)
/// try await app.runCommand(["createsuperuser"])
/// ```
public struct CommandInput: Sendable {
    private let read: @Sendable (_ prompt: String, _ secret: Bool) -> String?

    /// Input from a closure that receives the prompt and whether the answer is secret.
    public init(_ read: @escaping @Sendable (_ prompt: String, _ secret: Bool) -> String?) {
        self.read = read
    }

    /// Asks a question and returns the answer line, or `nil` at end of input.
    /// - Parameters:
    ///   - prompt: The question, printed before reading.
    ///   - secret: Whether the answer must not be echoed (passwords).
    public func ask(_ prompt: String, secret: Bool = false) -> String? {
        read(prompt, secret)
    }

    /// The process's terminal: prompts on standard output, answers from standard input,
    /// secret answers without echo when standard input is a terminal.
    public static let terminal = CommandInput { prompt, secret in
        print(prompt, terminator: "")
        fflush(nil)
        guard secret, isatty(STDIN_FILENO) == 1 else { return readLine(strippingNewline: true) }
        var saved = termios()
        tcgetattr(STDIN_FILENO, &saved)
        var silent = saved
        silent.c_lflag &= ~tcflag_t(ECHO)
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &silent)
        defer {
            tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved)
            print("")
        }
        return readLine(strippingNewline: true)
    }

    /// Whether standard input is a terminal.
    public static var isInteractiveTerminal: Bool { isatty(STDIN_FILENO) == 1 }
}

enum CommandInputKey: AppStorageKey {
    typealias Value = CommandInput
}

extension App {
    /// Where interactive commands read answers; ``CommandInput/terminal`` unless replaced.
    public var commandInput: CommandInput {
        get { storage[CommandInputKey.self] ?? .terminal }
        set { storage[CommandInputKey.self] = newValue }
    }

    /// Whether interactive commands can ask questions: answers were scripted, or standard
    /// input is a terminal.
    var hasInteractiveCommandInput: Bool {
        storage[CommandInputKey.self] != nil || CommandInput.isInteractiveTerminal
    }
}
