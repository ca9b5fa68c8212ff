import Roost
import RoostTesting

/// An app with settings that ignore the environment.
func makeApp(_ settings: [String: String] = [:]) throws -> App {
    App(settings: try Settings(["ACCESS_LOG": "false"].merging(settings) { $1 }))
}
