/// A setting whose value cannot be used; start-up stops with this message.
public struct SettingsError: Error, Sendable, CustomStringConvertible {
    /// The setting's name (`PORT`).
    public let key: String
    /// The value as given.
    public let value: String
    /// What a valid value looks like.
    public let reason: String

    /// Creates the error.
    public init(key: String, value: String, reason: String) {
        self.key = key
        self.value = value
        self.reason = reason
    }

    public var description: String { "invalid setting \(key)=\"\(value)\": \(reason)" }
}
