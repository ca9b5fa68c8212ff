import Foundation
import NIOCore
import Roost
import RoostSecurity
import RoostSessions
import RoostTesting

/// Settings every security test starts from.
let baseSettings = [
    "SECRET_KEY": "security-test-secret-key-0123456789",
    "ALLOWED_HOSTS": "localhost,example.com,.example.org",
]

/// A template folder with a form page.
func makeTemplateFolder() throws -> String {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("roost-security-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    try """
        <form method="post">{{ csrf_input }}<input name="title"></form>
        """.write(to: folder.appendingPathComponent("form.html"), atomically: true, encoding: .utf8)
    try "{{ csrf_token }}".write(to: folder.appendingPathComponent("token.txt"), atomically: true, encoding: .utf8)
    try #"<script nonce="{{ csp_nonce }}"></script>"#.write(to: folder.appendingPathComponent("nonce.html"), atomically: true, encoding: .utf8)
    return folder.path
}

/// An app with every protection on and a few routes.
func makeSecureApp(
    _ settings: [String: String] = [:], sessions: SessionSetup = .signedCookies,
    configure: (inout SecurityConfiguration) -> Void = { _ in }, routes: (App) -> Void = { _ in }
) throws -> App {
    var values = baseSettings
    values["TEMPLATES_DIR"] = try makeTemplateFolder()
    values.merge(settings) { _, new in new }
    let app = App(settings: try Settings(values))
    try app.useSecurity(sessions: sessions, configure)
    app.get("/form") { req in try req.render("form.html") }
    app.get("/token") { req in try req.render("token.txt") }
    app.get("/json") { _ in ["ok": true] }
    app.post("/submit") { _ in "accepted" }
    app.put("/submit") { _ in "accepted" }
    app.patch("/submit") { _ in "accepted" }
    app.delete("/submit") { _ in "accepted" }
    app.post("/upload") { req in "accepted \(try await req.form()["title"] ?? "-")" }
    app.post("/hook", options: .csrfExempt) { _ in "hooked" }
    app.group("/api", options: .csrfExempt) { api in
        api.post("/items") { _ in "created" }
    }
    app.get("/embed", options: .frameOptions(.sameOrigin)) { _ in Response.html("<p>embed</p>") }
    app.get("/widget", options: .frameOptions(.exempt)) { _ in Response.html("<p>widget</p>") }
    app.get("/remote") { req in req.connection.remoteAddress ?? "-" }
    app.get("/scheme") { req in req.scheme }
    routes(app)
    return app
}

/// The hidden field's token from a rendered form.
func formToken(_ html: String) -> String? {
    guard let start = html.range(of: "name=\"csrfmiddlewaretoken\" value=\"") else { return nil }
    let rest = html[start.upperBound...]
    return rest.firstIndex(of: "\"").map { String(rest[..<$0]) }
}

/// A transport that serves plain TCP but tells the app the connection is secure, as a TLS
/// transport would: HTTPS without certificates.
struct SecureMarkingTransport: ServerTransport {
    func configure(_ channel: any Channel, installer: ConnectionHTTPInstaller) -> EventLoopFuture<Void> {
        channel.eventLoop.makeCompletedFuture { try installer.installHTTP1(on: channel, isSecure: true) }
    }
}
