import Foundation
import Roost
import RoostTesting

/// An app with settings that ignore the environment.
func makeApp(_ settings: [String: String] = [:]) throws -> App {
    App(settings: try Settings(["ACCESS_LOG": "false"].merging(settings) { $1 }))
}

import Synchronization

/// Runs `body` against `app` with its console captured; returns what was written.
func captureOutput(of app: App, _ body: () async throws -> Void) async throws -> String {
    let captured = CapturedText()
    app.console = Console { text in captured.append(text) }
    try await body()
    return captured.text
}

final class CapturedText: Sendable {
    private let storage = Mutex("")
    func append(_ text: String) { storage.withLock { $0 += text } }
    var text: String { storage.withLock { $0 } }
}

/// A value shared between tasks in a test.
final class LockedBox<Value: Sendable>: Sendable {
    private let storage: Mutex<Value>
    init(_ value: Value) { storage = Mutex(value) }
    func withLock<R: Sendable>(_ body: (inout Value) -> R) -> R { storage.withLock { body(&$0) } }
}
