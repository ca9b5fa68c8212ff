import Roost
import RoostPasswords
import RoostTemplates

/// The login, logout and password pages, mounted by `useAuth` under
/// ``AuthConfiguration/routePrefix`` (`/accounts`) as the blueprint `auth`, with Django's
/// paths and names:
///
/// | Path | Name | Template |
/// |---|---|---|
/// | `login/` | `auth.login` | `registration/login.html` |
/// | `logout/` (POST) | `auth.logout` | `registration/logged_out.html` |
/// | `password_change/` | `auth.password_change` | `registration/password_change_form.html` |
/// | `password_change/done/` | `auth.password_change_done` | `registration/password_change_done.html` |
/// | `password_reset/` | `auth.password_reset` | `registration/password_reset_form.html` |
/// | `password_reset/done/` | `auth.password_reset_done` | `registration/password_reset_done.html` |
/// | `reset/<uidb64>/<token>/` | `auth.password_reset_confirm` | `registration/password_reset_confirm.html` |
/// | `reset/done/` | `auth.password_reset_complete` | `registration/password_reset_complete.html` |
///
/// The e-mail is `registration/password_reset_email.txt` with the subject
/// `registration/password_reset_subject.txt`. Every page extends `registration/base.html`.
enum AuthRoutes {
    static func blueprint<U: AuthUser>(_ service: AuthService<U>) -> Blueprint {
        let auth = Blueprint("auth")
        let login = LoginViews(service: service)
        auth.get("/login/", name: "login") { req in try login.show(req) }
        auth.post("/login/") { req in try await login.submit(req) }
        auth.post("/logout/", name: "logout") { req in try await login.logout(req) }

        let change = PasswordChangeViews(service: service)
        auth.get("/password_change/", name: "password_change", options: .requireLogin) { req in try change.show(req) }
        auth.post("/password_change/", options: .requireLogin) { req in try await change.submit(req) }
        auth.get("/password_change/done/", name: "password_change_done", options: .requireLogin) { req in
            try AuthPage.render(req, "registration/password_change_done.html")
        }

        let reset = PasswordResetViews(service: service)
        auth.get("/password_reset/", name: "password_reset") { req in try reset.showRequestForm(req) }
        auth.post("/password_reset/") { req in try await reset.submitRequestForm(req) }
        auth.get("/password_reset/done/", name: "password_reset_done") { req in
            try AuthPage.render(req, "registration/password_reset_done.html")
        }
        auth.get("/reset/<uidb64>/<token>/", name: "password_reset_confirm") { (req, uid: String, token: String) in
            try await reset.showConfirmForm(req, uid: uid, token: token)
        }
        auth.post("/reset/<uidb64>/<token>/") { (req, uid: String, token: String) in
            try await reset.submitConfirmForm(req, uid: uid, token: token)
        }
        auth.get("/reset/done/", name: "password_reset_complete") { req in
            try AuthPage.render(req, "registration/password_reset_complete.html")
        }
        return auth
    }
}

/// Rendering helpers shared by the auth pages.
enum AuthPage {
    /// Renders an auth template; the pages are never cached (they hold tokens and errors).
    static func render(
        _ request: Request, _ name: String, _ context: [String: TemplateValue] = [:], status: HTTPResponse.Status = .ok
    ) throws -> Response {
        var response = try request.render(name, context, status: status)
        response.headerFields[.cacheControl] = "no-cache, no-store, must-revalidate, private"
        return response
    }

    /// A list of messages as a template value.
    static func list(_ messages: [String]) -> TemplateValue {
        .list(messages.map { .string($0) })
    }

    /// What password rules compare a new password with.
    static func attributes(of user: some AuthUser) -> PasswordUserAttributes {
        var attributes = [
            PasswordUserAttributes.Attribute(name: "username", value: user.username),
            PasswordUserAttributes.Attribute(name: "email", verboseName: "email address", value: user.email),
        ]
        if let user = user as? User {
            attributes.append(.init(name: "first_name", value: user.firstName))
            attributes.append(.init(name: "last_name", value: user.lastName))
        }
        return PasswordUserAttributes(attributes)
    }

    /// Checks a new password typed twice against the app's rules.
    /// - Returns: The problems, empty when the password is acceptable.
    static func newPasswordErrors(_ first: String, _ second: String, for user: some AuthUser, validators: PasswordValidators) -> [String] {
        guard !first.isEmpty else { return ["Enter a new password."] }
        guard first == second else { return ["The two new passwords are not the same."] }
        do {
            try validators.validate(first, user: attributes(of: user))
            return []
        } catch {
            return error.failures.map(\.message)
        }
    }
}
