#if canImport(FoundationEssentials)
public import FoundationEssentials
#else
public import Foundation
#endif
import Roost

/// An e-mail to send: Django's `EmailMessage`, plain text with an optional HTML alternative.
///
/// ```swift
/// let message = EmailMessage(
///     subject: "Welcome", body: "Hello Ada", from: "site@example.com", to: ["ada@example.com"]
/// )
/// try await req.emailBackend.send([message])
/// ```
///
/// Line breaks in the subject or an address are refused (``EmailError``): they would let
/// a visitor add headers of their own (header injection).
public struct EmailMessage: Sendable, Equatable {
    /// The subject line.
    public var subject: String
    /// The plain-text body.
    public var body: String
    /// An HTML version of the body, if any.
    public var htmlBody: String?
    /// The sender.
    public var from: String
    /// The recipients.
    public var to: [String]
    /// When it was made.
    public var date: Date

    /// Creates a message.
    public init(subject: String, body: String, htmlBody: String? = nil, from: String, to: [String], date: Date = Date()) {
        self.subject = subject
        self.body = body
        self.htmlBody = htmlBody
        self.from = from
        self.to = to
        self.date = date
    }

    /// Checks the header values for line breaks.
    /// - Throws: ``EmailError`` naming the header.
    public func validate() throws(EmailError) {
        for (name, value) in [("Subject", subject), ("From", from)] + to.map({ ("To", $0) }) where value.contains(where: \.isNewline) {
            throw EmailError("the \(name) header contains a line break: refused (header injection)")
        }
        if to.isEmpty { throw EmailError("the message has no recipient") }
    }

    /// The message in the text form of RFC 5322 (what console and file backends write).
    public var rendered: String {
        var text = "From: \(from)\nTo: \(to.joined(separator: ", "))\nSubject: \(subject)\n"
        text += "Date: \(Self.formatDate(date))\nMIME-Version: 1.0\n"
        if let htmlBody {
            let boundary = "roost-\(Int(date.timeIntervalSince1970))"
            text += "Content-Type: multipart/alternative; boundary=\"\(boundary)\"\n\n"
            text += "--\(boundary)\nContent-Type: text/plain; charset=utf-8\n\n\(body)\n"
            text += "--\(boundary)\nContent-Type: text/html; charset=utf-8\n\n\(htmlBody)\n--\(boundary)--\n"
        } else {
            text += "Content-Type: text/plain; charset=utf-8\n\n\(body)\n"
        }
        return text
    }

    private static func formatDate(_ date: Date) -> String {
        HTTPDate.format(secondsSince1970: date.timeIntervalSince1970)
    }
}

/// A message that cannot be sent.
public struct EmailError: Error, Sendable, CustomStringConvertible {
    /// What is wrong.
    public let message: String

    /// Creates the error.
    public init(_ message: String) {
        self.message = message
    }

    /// The message.
    public var description: String { message }
}
