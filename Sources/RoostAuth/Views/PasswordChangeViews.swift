import Roost
import RoostPasswords
import RoostTemplates

/// The password change page for logged-in users (Django's `PasswordChangeView`).
struct PasswordChangeViews<U: AuthUser>: Sendable {
    let service: AuthService<U>

    /// `GET password_change/`.
    func show(_ request: Request) throws -> Response {
        try page(request, errors: [])
    }

    /// `POST password_change/`: checks the old password and the new one's rules, stores the
    /// new hash, keeps this session logged in (others end) and redirects to the done page.
    func submit(_ request: Request) async throws -> Response {
        guard var user = request.user.model(as: U.self) else { throw HTTPError(.forbidden) }
        let form = try await request.form()
        let old = form["old_password"] ?? ""
        guard await service.hashers.check(old, against: user.password).isValid else {
            return try page(request, errors: ["Your current password is not correct."])
        }
        let new = form["new_password1"] ?? ""
        let errors = AuthPage.newPasswordErrors(new, form["new_password2"] ?? "", for: user, validators: service.validators)
        guard errors.isEmpty else { return try page(request, errors: errors) }
        user.password = try await service.hashers.hash(new)
        try await UserLookup.storePassword(user.password, of: user, on: request.db)
        service.updateSessionAuthHash(user, request: request)
        let done = (try? request.app.urlFor("auth.password_change_done")) ?? request.path.description + "done/"
        return .redirect(to: done, status: .found)
    }

    private func page(_ request: Request, errors: [String]) throws -> Response {
        try AuthPage.render(
            request, "registration/password_change_form.html",
            ["errors": AuthPage.list(errors), "help_texts": AuthPage.list(service.validators.helpTexts)]
        )
    }
}
