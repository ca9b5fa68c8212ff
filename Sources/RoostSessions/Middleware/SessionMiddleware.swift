#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
public import Roost
import Synchronization

/// Loads the visitor's session before the handler and saves it after: Django's
/// `SessionMiddleware`. Installed by ``Roost/App/useSessions(store:configuration:)``; add
/// it yourself only to give a group its own store.
///
/// ```swift
/// app.use(SessionMiddleware(store: MemorySessionStore()))
/// ```
///
/// A missing, tampered or expired cookie gives a fresh, empty session (never an error and
/// never another visitor's session). The session is saved only when it changed (or on every
/// request with ``SessionConfiguration/saveEveryRequest``), never after a server error. A
/// session emptied by ``Session/flush()`` deletes its cookie. Responses of requests that
/// used the session get `Vary: Cookie`.
public struct SessionMiddleware: Middleware {
    /// Where sessions are kept.
    public let store: any SessionStore
    /// Cookie and lifetime settings.
    public let configuration: SessionConfiguration

    /// Creates the middleware.
    public init(store: any SessionStore, configuration: SessionConfiguration = SessionConfiguration()) {
        self.store = store
        self.configuration = configuration
    }

    public func respond(to request: Request, next: Next) async throws -> Response {
        // Installed twice (app-wide and on a group): the outer one owns the session.
        if request.storage[SessionStorageKey.self] != nil { return try await next(request) }
        let cookie = request.cookies[configuration.cookieName]
        var loaded: SessionData?
        if let cookie, !cookie.isEmpty { loaded = try await store.load(cookieValue: cookie) }
        let session = Session(loaded: loaded, defaultExpiry: Date().addingTimeInterval(seconds(configuration.maxAge)))
        var request = request
        request.storage[SessionStorageKey.self] = session
        var response = try await next(request)
        try await commit(session, to: &response, for: request, hadCookie: cookie != nil)
        return response
    }

    private func commit(_ session: Session, to response: inout Response, for request: Request, hadCookie: Bool) async throws {
        let snapshot = session.state.withLock { state in
            defer { state.discardedIDs.removeAll() }
            return state
        }
        if snapshot.accessed { response.addVaryCookie() }
        if let failure = snapshot.encodingFailure { throw failure }
        guard response.status.code < 500 else { return }
        for id in snapshot.discardedIDs { try await store.delete(id: id) }

        if snapshot.data.values.isEmpty {
            // Nothing worth keeping: drop the cookie (and the stored session) if there was one.
            if hadCookie {
                if let stored = snapshot.storedID { try await store.delete(id: stored) }
                response.deleteCookie(named: configuration.cookieName, path: configuration.cookiePath, domain: configuration.cookieDomain)
            }
            return
        }
        guard snapshot.modified || configuration.saveEveryRequest else { return }

        var data = snapshot.data
        let now = Date()
        let lifetime: Double
        var cookieMaxAge: Int?
        switch data.expiry {
        case .after(let duration)?:
            lifetime = seconds(duration)
            cookieMaxAge = Int(lifetime)
        case .browserSession?:
            lifetime = seconds(configuration.maxAge)
        case nil:
            lifetime = seconds(configuration.maxAge)
            if !configuration.expireAtBrowserClose { cookieMaxAge = Int(lifetime) }
        }
        data.expiresAt = now.addingTimeInterval(lifetime)
        let value = try await store.save(data)
        session.state.withLock { state in
            state.storedID = data.id
            state.data.expiresAt = data.expiresAt
            state.modified = false
        }
        response.setCookie(Cookie(
            name: configuration.cookieName, value: value, maxAge: cookieMaxAge,
            expires: cookieMaxAge.map { _ in data.expiresAt.timeIntervalSince1970 },
            domain: configuration.cookieDomain, path: configuration.cookiePath,
            secure: configuration.isSecure(for: request), httpOnly: configuration.httpOnly,
            sameSite: configuration.sameSite
        ))
    }

    private func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
    }
}

/// Where the session middleware keeps the request's ``Session``.
enum SessionStorageKey: RequestStorageKey {
    typealias Value = Session
}

extension Response {
    /// Adds `Cookie` to `Vary` unless it is there already.
    mutating func addVaryCookie() {
        let existing = headerFields[values: .vary]
        let listed = existing.flatMap { $0.split(separator: ",") }.map { $0.filter { $0 != " " && $0 != "\t" }.lowercased() }
        if listed.contains("cookie") || listed.contains("*") { return }
        headerFields.append(HTTPField(name: .vary, value: "Cookie"))
    }
}
