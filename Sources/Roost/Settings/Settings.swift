import Configuration
#if canImport(FoundationEssentials)
public import FoundationEssentials
#else
public import Foundation
#endif
public import Logging

/// The app's configuration: built-in settings as typed properties, the app's own through
/// ``SettingKey``s.
///
/// Values come from environment variables first, then an optional JSON settings file
/// (`ROOST_SETTINGS_FILE`, or `roost.json` in the working directory when present), then
/// defaults. Both sources are read with apple/swift-configuration. A value that does not
/// parse stops start-up with a ``SettingsError`` naming the key and the value.
///
/// ```sh
/// DEBUG=1 PORT=8080 ALLOWED_HOSTS=example.com,www.example.com swift run MyApp
/// ```
public struct Settings: Sendable {
    /// `DEBUG`: detailed error pages and relaxed host checks. Off by default; never on in production.
    public let debug: Bool
    /// `SECRET_KEY`: the key for signing cookies and tokens. Keep it secret.
    public let secretKey: String?
    /// `SECRET_KEY_FALLBACKS`: former secret keys, still accepted when verifying signatures
    /// so that `SECRET_KEY` can be rotated without logging everyone out. Empty by default.
    public let secretKeyFallbacks: [String]
    /// `ALLOWED_HOSTS`: host names this app answers for (`localhost` is allowed in DEBUG).
    public let allowedHosts: [String]
    /// `HOST`: the address `serve` binds, `127.0.0.1` by default.
    public let host: String
    /// `PORT`: the port `serve` binds, 8000 by default.
    public let port: Int
    /// `WORKERS`: event-loop threads, one per core by default.
    public let workers: Int
    /// `DATABASE_URL`: where the database is, `sqlite:///db.sqlite3` by default.
    public let databaseURL: String
    /// `LOG_LEVEL`: the least severe log level written, `info` by default.
    public let logLevel: Logger.Level
    /// `ACCESS_LOG`: one `info` line per request, on by default.
    public let accessLog: Bool
    /// The settings file that was read, if any.
    public let settingsFile: String?

    private let reader: ConfigReader

    /// Reads settings from the environment and the settings file.
    /// - Parameter environment: The variables to read; the process's environment by default.
    /// - Throws: ``SettingsError`` for a value that does not parse or an unreadable file.
    public static func load(
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(SettingsError) -> Settings {
        var providers: [any ConfigProvider] = [EnvironmentVariablesProvider(environmentVariables: environment)]
        var file: String?
        if let path = environment["ROOST_SETTINGS_FILE"], !path.isEmpty {
            file = path
        } else if FileManager.default.fileExists(atPath: "roost.json") {
            file = "roost.json"
        }
        if let file { providers.append(try JSONSettingsFile(path: file)) }
        return try Settings(reader: ConfigReader(providers: providers), settingsFile: file)
    }

    /// Settings from explicit values only, ignoring the environment (for tests and tools).
    ///
    /// ```swift
    /// let app = App(settings: try .init(["DEBUG": "true"]))
    /// ```
    public init(_ values: [String: String] = [:]) throws(SettingsError) {
        let provider = InMemoryProvider(
            values: Dictionary(uniqueKeysWithValues: values.map { (AbsoluteConfigKey(ConfigKey($0.key)), ConfigValue(.string($0.value), isSecret: false)) })
        )
        try self.init(reader: ConfigReader(provider: provider), settingsFile: nil)
    }

    private init(reader: ConfigReader, settingsFile: String?) throws(SettingsError) {
        self.reader = reader
        self.settingsFile = settingsFile
        debug = try Self.read(reader, SettingKey("DEBUG", default: false))
        let secret = try Self.read(reader, SettingKey("SECRET_KEY", default: ""))
        secretKey = secret.isEmpty ? nil : secret
        secretKeyFallbacks = try Self.read(reader, SettingKey("SECRET_KEY_FALLBACKS", default: [String]()))
        allowedHosts = try Self.read(reader, SettingKey("ALLOWED_HOSTS", default: [String]()))
        host = try Self.read(reader, SettingKey("HOST", default: "127.0.0.1"))
        port = try Self.read(reader, SettingKey("PORT", default: 8000))
        guard (0...65535).contains(port) else {
            throw SettingsError(key: "PORT", value: "\(port)", reason: "a port must be between 0 and 65535")
        }
        workers = try Self.read(reader, SettingKey("WORKERS", default: ProcessInfo.processInfo.activeProcessorCount))
        guard (1...1024).contains(workers) else {
            throw SettingsError(key: "WORKERS", value: "\(workers)", reason: "between 1 and 1024 threads")
        }
        databaseURL = try Self.read(reader, SettingKey("DATABASE_URL", default: "sqlite:///db.sqlite3"))
        logLevel = try Self.read(reader, SettingKey("LOG_LEVEL", default: Logger.Level.info))
        accessLog = try Self.read(reader, SettingKey("ACCESS_LOG", default: true))
    }

    /// Reads one of the app's own settings.
    /// - Throws: ``SettingsError`` when the value is present but does not parse.
    public func value<Value>(for key: SettingKey<Value>) throws(SettingsError) -> Value {
        try Self.read(reader, key)
    }

    /// The raw text of any setting, if present.
    public func text(_ name: String) -> String? {
        Self.rawText(reader, name)
    }

    private static func read<Value>(_ reader: ConfigReader, _ key: SettingKey<Value>) throws(SettingsError) -> Value {
        let configKey = ConfigKey(key.name)
        if let text = reader.string(forKey: configKey) {
            guard let value = Value.fromSettingText(text) else {
                throw SettingsError(key: key.name, value: text, reason: "expected \(Value.settingDescription)")
            }
            return value
        }
        // Typed values from the settings file, read as the type the setting expects.
        let native: Any? =
            switch Value.self {
            case is Int.Type: reader.int(forKey: configKey)
            case is Double.Type: reader.double(forKey: configKey)
            case is Bool.Type: reader.bool(forKey: configKey)
            case is [String].Type: reader.stringArray(forKey: configKey)
            default: nil
            }
        if let native = native as? Value { return native }
        guard let text = rawText(reader, key.name) else { return key.defaultValue }
        guard let value = Value.fromSettingText(text) else {
            throw SettingsError(key: key.name, value: text, reason: "expected \(Value.settingDescription)")
        }
        return value
    }

    /// The value of `name` as text, whatever type the source holds it as.
    private static func rawText(_ reader: ConfigReader, _ name: String) -> String? {
        let key = ConfigKey(name)
        if let text = reader.string(forKey: key) { return text }
        if let bool = reader.bool(forKey: key) { return bool ? "true" : "false" }
        if let int = reader.int(forKey: key) { return String(int) }
        if let double = reader.double(forKey: key) { return String(double) }
        if let list = reader.stringArray(forKey: key) { return list.joined(separator: ",") }
        return nil
    }
}
