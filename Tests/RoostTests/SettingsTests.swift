import Foundation
import Logging
import Roost
import Testing

@Suite struct SettingsTests {
    @Test func hasSafeDefaults() throws {
        let settings = try Settings.load(environment: [:])
        #expect(settings.debug == false)
        #expect(settings.secretKey == nil)
        #expect(settings.host == "127.0.0.1")
        #expect(settings.port == 8000)
        #expect(settings.workers == ProcessInfo.processInfo.activeProcessorCount)
        #expect(settings.allowedHosts.isEmpty)
        #expect(settings.logLevel == .info)
    }

    @Test func readsTypedValuesFromTheEnvironment() throws {
        let settings = try Settings.load(environment: [
            "DEBUG": "yes", "PORT": "9001", "WORKERS": "3", "ALLOWED_HOSTS": "example.com, www.example.com,",
            "SECRET_KEY": "s3cret", "LOG_LEVEL": "WARNING", "DATABASE_URL": "postgres://u:p@localhost/db",
        ])
        #expect(settings.debug)
        #expect(settings.port == 9001)
        #expect(settings.workers == 3)
        #expect(settings.allowedHosts == ["example.com", "www.example.com"])
        #expect(settings.secretKey == "s3cret")
        #expect(settings.logLevel == .warning)
        #expect(settings.databaseURL == "postgres://u:p@localhost/db")
    }

    @Test(arguments: [
        ("PORT", "eighty"), ("PORT", "70000"), ("DEBUG", "maybe"), ("WORKERS", "0"), ("LOG_LEVEL", "loud"),
        ("ACCESS_LOG", "2"),
    ])
    func stopsOnABadValueNamingKeyAndValue(_ key: String, _ value: String) {
        #expect {
            _ = try Settings.load(environment: [key: value])
        } throws: { error in
            let settingsError = error as? SettingsError
            return settingsError?.key == key && settingsError?.value == value && "\(error)".contains(key)
        }
    }

    @Test func readsASettingsFileThatTheEnvironmentOverrides() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("roost-settings-\(UUID()).json").path
        try #"{"PORT": 8123, "DEBUG": true, "ALLOWED_HOSTS": ["a.example", "b.example"], "PAGE_SIZE": 50, "HOST": "0.0.0.0"}"#
            .write(toFile: path, atomically: true, encoding: .utf8)
        let settings = try Settings.load(environment: ["ROOST_SETTINGS_FILE": path, "HOST": "127.0.0.2"])
        #expect(settings.port == 8123)
        #expect(settings.debug)
        #expect(settings.allowedHosts == ["a.example", "b.example"])
        #expect(settings.host == "127.0.0.2")
        #expect(settings.settingsFile == path)
        #expect(try settings.value(for: SettingKey("PAGE_SIZE", default: 20)) == 50)
    }

    @Test func refusesAnUnreadableOrInvalidSettingsFile() throws {
        #expect(throws: SettingsError.self) { try Settings.load(environment: ["ROOST_SETTINGS_FILE": "/nonexistent/roost.json"]) }
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("roost-bad-\(UUID()).json").path
        try "[1, 2]".write(toFile: path, atomically: true, encoding: .utf8)
        #expect(throws: SettingsError.self) { try Settings.load(environment: ["ROOST_SETTINGS_FILE": path]) }
    }

    @Test func readsTheAppsOwnTypedSettings() throws {
        let pageSize = SettingKey("PAGE_SIZE", default: 20)
        let features = SettingKey("FEATURES", default: [String]())
        #expect(try Settings([:]).value(for: pageSize) == 20)
        #expect(try Settings(["PAGE_SIZE": "5", "FEATURES": "a,b"]).value(for: pageSize) == 5)
        #expect(try Settings(["FEATURES": "a,b"]).value(for: features) == ["a", "b"])
        #expect(throws: SettingsError.self) { try Settings(["PAGE_SIZE": "many"]).value(for: pageSize) }
        #expect(try Settings(["CUSTOM": "x"]).text("CUSTOM") == "x")
    }

    @Test func madeSecretKeysAreLongDistinctAndSafeToPaste() throws {
        let keys = (0..<20).map { _ in Settings.makeSecretKey() }
        #expect(Set(keys).count == keys.count)
        for key in keys {
            #expect(key.utf8.count == 50)
            #expect(key.utf8.allSatisfy { $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_") || (48...57).contains($0) || (65...90).contains($0) || (97...122).contains($0) })
            #expect(try Settings(["SECRET_KEY": key]).secretKey == key)
        }
    }
}
