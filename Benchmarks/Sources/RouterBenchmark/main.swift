// Route lookup cost with 10 versus 1,000 routes, through the app's real responder (route
// lookup, request construction, handler, response), in process.
// Usage: router-benchmark [iterations]
import Foundation
import Roost

func makeApp(routes: Int) throws -> App {
    let app = App(settings: try Settings(["ACCESS_LOG": "false"]))
    for index in 0..<routes {
        app.get("/static/\(index)/page") { _ in "s" }
        app.get("/items/\(index)/<int:id>") { (_, id: Int) in "d" }
    }
    return app
}

func measure(routes: Int, paths: [String], iterations: Int) async throws -> Double {
    let responder = try makeApp(routes: routes).responder()
    let context = ConnectionContext()
    let requests = paths.map { HTTPRequest(method: .get, scheme: "http", authority: "localhost", path: $0, headerFields: [:]) }
    for request in requests {
        let response = try await responder.respond(to: request, body: .empty, context: context)
        precondition(response.status == .ok, "\(request.path!) gave \(response.status)")
    }
    let clock = ContinuousClock()
    let start = clock.now
    for index in 0..<iterations {
        _ = try await responder.respond(to: requests[index % requests.count], body: .empty, context: context)
    }
    let elapsed = clock.now - start
    let nanoseconds = Double(elapsed.components.seconds) * 1e9 + Double(elapsed.components.attoseconds) / 1e9
    return nanoseconds / Double(iterations)
}

let iterations = CommandLine.arguments.dropFirst().first.flatMap(Int.init) ?? 2_000_000
print("Route dispatch cost, ns per request (lower is better), \(iterations) requests each")
print("routes  literal-path  placeholder-path")
for count in [10, 1000] {
    let literal = try await measure(routes: count, paths: ["/static/\(count - 1)/page", "/static/0/page"], iterations: iterations)
    let dynamic = try await measure(routes: count, paths: ["/items/\(count - 1)/42", "/items/0/7"], iterations: iterations)
    print(String(format: "%6d  %12.0f  %16.0f", count, literal, dynamic))
}
