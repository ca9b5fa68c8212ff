import Roost
import RoostTemplates

/// The login page and the logout action (Django's `LoginView` and `LogoutView`).
struct LoginViews<U: AuthUser>: Sendable {
    let service: AuthService<U>

    /// `GET login/`: the form, remembering a safe `next`.
    func show(_ request: Request) throws -> Response {
        try page(request, username: "", next: request.safeRedirectPath(request.query["next"]) ?? "", errors: [])
    }

    /// `POST login/`: authenticates, logs in and redirects to `next` or `LOGIN_REDIRECT_URL`.
    func submit(_ request: Request) async throws -> Response {
        let form = try await request.form()
        let username = form["username"] ?? ""
        let password = form["password"] ?? ""
        let next = request.safeRedirectPath(form["next"] ?? request.query["next"])
        guard !username.isEmpty, !password.isEmpty else {
            return try page(request, username: username, next: next ?? "", errors: ["Enter a username and a password."])
        }
        let user: RequestUser?
        do {
            user = try await service.authenticate(Credentials(username: username, password: password), request: request)
        } catch let throttled as LoginThrottled {
            var response = try page(request, username: username, next: next ?? "", errors: [throttled.message], status: .tooManyRequests)
            for field in throttled.headerFields { response.headerFields.append(field) }
            return response
        }
        guard let user, let model = user.model else {
            return try page(
                request, username: username, next: next ?? "",
                errors: ["The username and password do not match an active account (both are case-sensitive)."]
            )
        }
        try await service.login(model, backend: user.backend, request: request)
        return .redirect(to: next ?? service.configuration.loginRedirectURL, status: .found)
    }

    /// `POST logout/`: ends the session, then redirects to a safe `next`, to
    /// `LOGOUT_REDIRECT_URL`, or shows the "logged out" page.
    func logout(_ request: Request) async throws -> Response {
        let form = try await request.form()
        service.logout(request: request)
        let next = request.safeRedirectPath(form["next"] ?? request.query["next"])
        if let target = next ?? service.configuration.logoutRedirectURL {
            return .redirect(to: target, status: .found)
        }
        return try AuthPage.render(request, "registration/logged_out.html")
    }

    private func page(
        _ request: Request, username: String, next: String, errors: [String], status: HTTPResponse.Status = .ok
    ) throws -> Response {
        try AuthPage.render(
            request, "registration/login.html",
            ["username": .string(username), "next": .string(next), "errors": AuthPage.list(errors)],
            status: status
        )
    }
}
