public import Logging

/// A type a setting can be read as. Parsing is strict: a value that does not parse stops
/// start-up instead of silently becoming the default.
public protocol SettingValue: Sendable {
    /// Parses the text form (environment variables are always text).
    ///
    /// A static function rather than an initializer, so that `Int.init` and friends stay
    /// unambiguous in user code.
    static func fromSettingText(_ text: String) -> Self?
    /// What valid text looks like, for error messages.
    static var settingDescription: String { get }
}

extension String: SettingValue {
    public static func fromSettingText(_ text: String) -> String? { text }
    public static var settingDescription: String { "text" }
}

extension Int: SettingValue {
    public static func fromSettingText(_ text: String) -> Int? { Int(text.trimmingWhitespace()) }
    public static var settingDescription: String { "an integer" }
}

extension Double: SettingValue {
    public static func fromSettingText(_ text: String) -> Double? { Double(text.trimmingWhitespace()) }
    public static var settingDescription: String { "a number" }
}

extension Bool: SettingValue {
    public static func fromSettingText(_ text: String) -> Bool? {
        switch text.trimmingWhitespace().lowercased() {
        case "1", "true", "yes", "on": true
        case "0", "false", "no", "off", "": false
        default: nil
        }
    }
    public static var settingDescription: String { "true/false, yes/no, on/off or 1/0" }
}

extension Array: SettingValue where Element == String {
    /// A comma-separated list (`a.example, b.example`); JSON arrays in the settings file work too.
    public static func fromSettingText(_ text: String) -> [String]? {
        text.split(separator: ",").map { String($0).trimmingWhitespace() }.filter { !$0.isEmpty }
    }
    public static var settingDescription: String { "a comma-separated list" }
}

extension Logger.Level: SettingValue {
    public static func fromSettingText(_ text: String) -> Logger.Level? {
        Logger.Level(rawValue: text.trimmingWhitespace().lowercased())
    }
    public static var settingDescription: String {
        "one of " + Logger.Level.allCases.map(\.rawValue).joined(separator: ", ")
    }
}

extension String {
    func trimmingWhitespace() -> String {
        var text = Substring(self)
        while let first = text.first, first.isWhitespace { text.removeFirst() }
        while let last = text.last, last.isWhitespace { text.removeLast() }
        return String(text)
    }
}

/// A typed, named setting with a default, for an app's own configuration.
///
/// ```swift
/// extension SettingKey where Value == Int {
///     static let pageSize = SettingKey("PAGE_SIZE", default: 20)
/// }
/// let pageSize = try app.settings.value(for: .pageSize)   // PAGE_SIZE=abc stops with a clear error
/// ```
public struct SettingKey<Value: SettingValue>: Sendable {
    /// The name, as an environment variable and as a settings-file key.
    public let name: String
    /// The value when the setting is absent.
    public let defaultValue: Value

    /// Declares a setting.
    public init(_ name: String, default defaultValue: Value) {
        self.name = name
        self.defaultValue = defaultValue
    }
}
