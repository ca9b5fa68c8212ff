import Foundation
import Roost
import RoostSessions

extension Session.Key where Value == Int {
    static let visits = Session.Key<Int>("visits")
}

extension Session.Key where Value == [String] {
    static let cart = Session.Key<[String]>("cart")
}

extension Session.Key where Value == Double {
    static let ratio = Session.Key<Double>("ratio")
}

/// An app with routes that read and change the session.
func makeSessionApp(
    store: (any SessionStore)? = nil, settings: [String: String] = [:], configure: (App) -> Void = { _ in }
) throws -> App {
    var values = ["SECRET_KEY": "sessions-test-secret-key-0123456789"]
    values.merge(settings) { _, new in new }
    let app = App(settings: try Settings(values))
    try app.useSessions(store: store)
    app.get("/visit") { req in
        let visits = (req.session[.visits] ?? 0) + 1
        req.session[.visits] = visits
        return "\(visits)"
    }
    app.get("/peek") { req in "\(req.session[.visits] ?? 0)" }
    app.get("/id") { req in req.session.id }
    app.get("/cycle") { req in
        req.session.cycleKey()
        return req.session.id
    }
    app.get("/logout") { req in
        req.session.flush()
        return "bye"
    }
    app.get("/remember") { req in
        req.session.expiry = .after(.seconds(30 * 86_400))
        req.session[.visits] = 1
        return "ok"
    }
    app.get("/forget-on-close") { req in
        req.session.expiry = .browserSession
        req.session[.visits] = 1
        return "ok"
    }
    app.get("/cart/<item>") { (req, item: String) in
        req.session[.cart, default: []].append(item)
        return req.session[.cart]?.joined(separator: ",") ?? ""
    }
    app.get("/nan") { req in
        req.session[.ratio] = .nan
        return "stored"
    }
    app.get("/untouched") { _ in "plain" }
    configure(app)
    return app
}

/// Attributes of the `Set-Cookie` for `name`, lowercased, without the name=value pair.
func cookieAttributes(_ headers: HTTPFields, _ name: String) -> [String]? {
    for value in headers[values: .setCookie] where value.hasPrefix(name + "=") {
        return value.split(separator: ";").dropFirst().map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
    }
    return nil
}
