import Configuration
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A settings file read synchronously at start-up, served through swift-configuration's
/// JSON snapshot so files and environment variables share one lookup path.
struct JSONSettingsFile: ConfigProvider {
    private let snapshotValue: JSONSnapshot
    let path: String

    /// Reads and parses the file.
    /// - Throws: ``SettingsError`` when it cannot be read or is not a JSON object.
    init(path: String) throws(SettingsError) {
        self.path = path
        let bytes: [UInt8]
        do {
            bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
        } catch {
            throw SettingsError(key: "ROOST_SETTINGS_FILE", value: path, reason: "the settings file cannot be read")
        }
        do {
            snapshotValue = try JSONSnapshot(
                data: bytes.span.bytes, providerName: "settings file \(path)", parsingOptions: .default
            )
        } catch {
            throw SettingsError(key: "ROOST_SETTINGS_FILE", value: path, reason: "the settings file is not a JSON object: \(error)")
        }
    }

    var providerName: String { snapshotValue.providerName }

    func value(forKey key: AbsoluteConfigKey, type: ConfigType) throws -> LookupResult {
        try snapshotValue.value(forKey: key, type: type)
    }

    func fetchValue(forKey key: AbsoluteConfigKey, type: ConfigType) async throws -> LookupResult {
        try value(forKey: key, type: type)
    }

    func watchValue<Return: ~Copyable>(
        forKey key: AbsoluteConfigKey,
        type: ConfigType,
        updatesHandler: nonisolated(nonsending) (ConfigUpdatesAsyncSequence<Result<LookupResult, any Error>, Never>) async throws -> Return
    ) async throws -> Return {
        try await watchValueFromValue(forKey: key, type: type, updatesHandler: updatesHandler)
    }

    func snapshot() -> any ConfigSnapshot { snapshotValue }

    func watchSnapshot<Return: ~Copyable>(
        updatesHandler: nonisolated(nonsending) (ConfigUpdatesAsyncSequence<any ConfigSnapshot, Never>) async throws -> Return
    ) async throws -> Return {
        try await watchSnapshotFromSnapshot(updatesHandler: updatesHandler)
    }
}
