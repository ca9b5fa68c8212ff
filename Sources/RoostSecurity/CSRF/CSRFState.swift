import Roost
import Synchronization

/// The request's CSRF secret and whether the response must store it.
final class CSRFState: Sendable {
    struct State {
        var secret: String?
        /// A token was handed out (a page embeds it).
        var used = false
        /// The secret is new or rotated and must be stored.
        var changed = false
    }

    let state: Mutex<State>

    init(secret: String?, changed: Bool) {
        state = Mutex(State(secret: secret, changed: changed))
    }

    /// A fresh masked token, making a secret first if there is none.
    func token() -> String {
        state.withLock { state in
            let secret: String
            if let existing = state.secret {
                secret = existing
            } else {
                secret = CSRFToken.makeSecret()
                state.secret = secret
                state.changed = true
            }
            state.used = true
            return CSRFToken.mask(secret)
        }
    }

    /// Replaces the secret: tokens handed out before stop working.
    func rotate() {
        state.withLock { state in
            state.secret = CSRFToken.makeSecret()
            state.changed = true
        }
    }

    var secret: String? { state.withLock { $0.secret } }
}

/// Where the CSRF middleware keeps the request's ``CSRFState``.
enum CSRFStateKey: RequestStorageKey {
    typealias Value = CSRFState
}
