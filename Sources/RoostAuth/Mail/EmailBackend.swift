#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
public import Roost
import Synchronization

/// Sends e-mail: Django's `EMAIL_BACKEND`. RoostAuth sends password-reset mail through it.
///
/// Roost ships backends for development and tests — ``ConsoleEmailBackend`` (the default:
/// prints messages), ``FileEmailBackend`` (one file per message) and ``MemoryEmailBackend``
/// (keeps them in an outbox for tests). For production, wrap your mail service:
///
/// ```swift
/// struct PostmarkBackend: EmailBackend {
///     let client: PostmarkClient
///     func send(_ messages: [EmailMessage]) async throws {
///         for message in messages {
///             try message.validate()
///             try await client.send(from: message.from, to: message.to, subject: message.subject, text: message.body)
///         }
///     }
/// }
/// try app.useAuth { $0.emailBackend = PostmarkBackend(client: postmark) }
/// ```
public protocol EmailBackend: Sendable {
    /// Sends messages.
    /// - Parameter messages: The messages.
    /// - Throws: ``EmailError`` for a malformed message, or the transport's error.
    func send(_ messages: [EmailMessage]) async throws
}

/// Prints each message, as it would be sent, to the console (standard output by default):
/// for development. Django's console backend.
public struct ConsoleEmailBackend: EmailBackend {
    private let console: Console

    /// Creates the backend.
    /// - Parameter console: Where to print; standard output by default.
    public init(console: Console = .standardOutput) {
        self.console = console
    }

    /// Validates and delivers the messages.
    public func send(_ messages: [EmailMessage]) async throws {
        for message in messages {
            try message.validate()
            console.write(message.rendered + String(repeating: "-", count: 79) + "\n")
        }
    }
}

/// Writes each message to its own file in a folder: for development and staging. Django's
/// file backend.
///
/// ```swift
/// try app.useAuth { $0.emailBackend = FileEmailBackend(directory: "/tmp/app-mail") }
/// ```
/// Settings: `EMAIL_BACKEND=file` with `EMAIL_FILE_PATH=/tmp/app-mail`.
public struct FileEmailBackend: EmailBackend {
    /// The folder messages are written to; created when missing.
    public let directory: String

    /// Creates the backend.
    /// - Parameter directory: The folder to write to.
    public init(directory: String) {
        self.directory = directory
    }

    /// Validates and delivers the messages.
    public func send(_ messages: [EmailMessage]) async throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        for message in messages {
            try message.validate()
            let name = "\(Int(message.date.timeIntervalSince1970))-\(AuthCrypto.randomText(count: 12)).eml"
            let path = directory.hasSuffix("/") ? directory + name : directory + "/" + name
            guard FileManager.default.createFile(atPath: path, contents: Data(message.rendered.utf8)) else {
                throw EmailError("cannot write \(path)")
            }
        }
    }
}

/// Keeps sent messages in memory: for tests (Django's `locmem` backend and `mail.outbox`).
///
/// ```swift
/// let mail = MemoryEmailBackend()
/// try app.useAuth { $0.emailBackend = mail }
/// … // request a password reset
/// #expect(mail.outbox.first?.to == ["ada@example.com"])
/// ```
public final class MemoryEmailBackend: EmailBackend {
    private let sent = Mutex<[EmailMessage]>([])

    /// An empty outbox.
    public init() {}

    /// Validates and delivers the messages.
    public func send(_ messages: [EmailMessage]) async throws {
        for message in messages { try message.validate() }
        sent.withLock { $0 += messages }
    }

    /// The messages sent so far, oldest first.
    public var outbox: [EmailMessage] { sent.withLock { $0 } }

    /// Empties the outbox.
    public func clear() {
        sent.withLock { $0.removeAll() }
    }
}
