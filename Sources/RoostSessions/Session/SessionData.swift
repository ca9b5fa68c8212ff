#if canImport(FoundationEssentials)
public import FoundationEssentials
#else
public import Foundation
#endif

/// What a ``SessionStore`` keeps for one session: its identifier, when it expires, and its
/// values, `Codable` so a store can serialize it however it likes.
///
/// Stores treat it as opaque apart from ``id`` (the key a server-side store files it under)
/// and ``expiresAt`` (when to forget it).
public struct SessionData: Sendable, Equatable, Codable {
    /// A random identifier of 32 characters from `[a-z0-9]`, made by the server; rotated by
    /// ``Session/cycleKey()``.
    public internal(set) var id: String
    /// When the session stops being valid.
    public internal(set) var expiresAt: Date
    /// A per-session lifetime set by the app (``Session/expiry``).
    var expiry: SessionExpiry?
    /// The values, by key name.
    var values: [String: SessionValue]

    init(id: String = SessionData.makeID(), expiresAt: Date, expiry: SessionExpiry? = nil, values: [String: SessionValue] = [:]) {
        self.id = id
        self.expiresAt = expiresAt
        self.expiry = expiry
        self.values = values
    }

    private enum CodingKeys: String, CodingKey {
        case id, expiresAt = "exp", expiry = "ttl", values = "v"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        expiresAt = Date(timeIntervalSince1970: Double(try container.decode(Int64.self, forKey: .expiresAt)))
        expiry = try container.decodeIfPresent(SessionExpiry.self, forKey: .expiry)
        values = try container.decodeIfPresent([String: SessionValue].self, forKey: .values) ?? [:]
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(Int64(expiresAt.timeIntervalSince1970.rounded(.up)), forKey: .expiresAt)
        try container.encodeIfPresent(expiry, forKey: .expiry)
        if !values.isEmpty { try container.encode(values, forKey: .values) }
    }

    /// Whether the session has expired at `date`.
    public func isExpired(at date: Date = Date()) -> Bool {
        expiresAt <= date
    }

    /// A new random session identifier: 32 characters from `[a-z0-9]` (about 165 bits).
    public static func makeID() -> String {
        let alphabet = Array("abcdefghijklmnopqrstuvwxyz0123456789".utf8)
        var generator = SystemRandomNumberGenerator()
        var bytes: [UInt8] = []
        bytes.reserveCapacity(32)
        for _ in 0..<32 { bytes.append(alphabet[Int.random(in: 0..<alphabet.count, using: &generator)]) }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Whether `text` has the shape of an identifier ``makeID()`` makes; stores refuse others
    /// before touching their storage.
    public static func isWellFormedID(_ text: String) -> Bool {
        text.utf8.count == 32 && text.utf8.allSatisfy { (0x61...0x7A).contains($0) || (0x30...0x39).contains($0) }
    }
}
