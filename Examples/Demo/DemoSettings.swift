import Foundation
import Roost

/// The demo's settings: the environment and `roost.json` as for any app, plus a random
/// `SECRET_KEY` when none is set, so that `swift run demo` works with no setup.
struct DemoSettings {
    /// The settings to start the app with.
    let settings: Settings
    /// Whether `SECRET_KEY` was made up for this run (the caller logs a warning).
    let generatedSecretKey: Bool

    /// Reads the settings; generates an ephemeral `SECRET_KEY` when it is missing.
    /// - Throws: `SettingsError` for a setting that does not parse.
    static func load(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> DemoSettings {
        let settings = try Settings.load(environment: environment)
        guard settings.secretKey == nil else { return DemoSettings(settings: settings, generatedSecretKey: false) }
        var withKey = environment
        withKey["SECRET_KEY"] = Settings.makeSecretKey()
        return DemoSettings(settings: try Settings.load(environment: withKey), generatedSecretKey: true)
    }
}
