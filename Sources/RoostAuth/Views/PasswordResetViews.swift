#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Logging
import Roost
import RoostORM
import RoostPasswords
import RoostSessions
import RoostTemplates

extension Session.Key where Value == String {
    /// The reset token between the e-mailed link and the form (Django's
    /// `_password_reset_token`), so the token leaves the address bar before the page loads
    /// anything (no leak through `Referer`).
    static let passwordResetToken = Session.Key<String>("_password_reset_token")
}

/// The password reset pages (Django's `PasswordResetView` and `PasswordResetConfirmView`).
struct PasswordResetViews<U: AuthUser>: Sendable {
    let service: AuthService<U>

    /// The path segment that stands in for the token once it is in the session.
    static var setPasswordSegment: String { "set-password" }

    /// `GET password_reset/`: asks for an e-mail address.
    func showRequestForm(_ request: Request) throws -> Response {
        try AuthPage.render(request, "registration/password_reset_form.html", ["email": .string(""), "errors": AuthPage.list([])])
    }

    /// `POST password_reset/`: mails a link to every active user with that address and a
    /// usable password, then always shows the same "done" page, so the form does not reveal
    /// which addresses have accounts.
    func submitRequestForm(_ request: Request) async throws -> Response {
        let email = (try await request.form()["email"] ?? "").trimmingWhitespace
        guard EmailAddress.isPlausible(email), email.utf8.count <= 254 else {
            return try AuthPage.render(
                request, "registration/password_reset_form.html",
                ["email": .string(email), "errors": AuthPage.list(["Enter a valid email address."])]
            )
        }
        let users = try await U.objects.filter(UserLookup.email(matching: email, in: U.self)).limit(20).all(on: request.db)
        var messages: [EmailMessage] = []
        for user in users where user.isActive && user.hasUsablePassword && !user.email.isEmpty {
            messages.append(try message(for: user, request: request))
        }
        if !messages.isEmpty {
            do {
                try await service.emailBackend.send(messages)
            } catch {
                // Failing loudly would tell the visitor the address has an account.
                request.logger.error("Password reset e-mail could not be sent: \(error)")
            }
        }
        let done = (try? request.app.urlFor("auth.password_reset_done")) ?? "done/"
        return .redirect(to: done, status: .found)
    }

    private func message(for user: U, request: Request) throws -> EmailMessage {
        let uid = AuthCrypto.base64URL(user.authIdentifier)
        let token = service.resetTokens.makeToken(for: user)
        let path = try request.app.urlFor("auth.password_reset_confirm", ["uidb64": uid, "token": token])
        let domain = request.host ?? "localhost"
        let context: [String: TemplateValue] = [
            "email": .string(user.email), "domain": .string(domain), "site_name": .string(domain),
            "protocol": .string(request.scheme), "uid": .string(uid), "token": .string(token),
            "username": .string(user.username), "reset_url": .string("\(request.scheme)://\(domain)\(path)"),
        ]
        let templates = request.app.templates
        // A subject must be one line: it goes into a header.
        let subject = try templates.render("registration/password_reset_subject.txt", context: context)
            .split(whereSeparator: \.isNewline).joined(separator: " ").trimmingWhitespace
        let body = try templates.render("registration/password_reset_email.txt", context: context)
        return EmailMessage(subject: subject, body: body, from: service.defaultFromEmail, to: [user.email])
    }

    /// `GET reset/<uidb64>/<token>/`: a valid token moves into the session and the visitor is
    /// redirected to `reset/<uidb64>/set-password/`, which shows the form.
    func showConfirmForm(_ request: Request, uid: String, token: String) async throws -> Response {
        guard let user = try await user(uid, request: request) else { return try invalidLink(request) }
        if token == Self.setPasswordSegment {
            guard let stored = request.sessionIfAvailable?[.passwordResetToken], service.resetTokens.checkToken(stored, for: user) else {
                return try invalidLink(request)
            }
            return try form(request, errors: [])
        }
        guard service.resetTokens.checkToken(token, for: user), let session = request.sessionIfAvailable else {
            return try invalidLink(request)
        }
        session[.passwordResetToken] = token
        let target = try request.app.urlFor("auth.password_reset_confirm", ["uidb64": uid, "token": Self.setPasswordSegment])
        return .redirect(to: target, status: .found)
    }

    /// `POST reset/<uidb64>/set-password/`: sets the new password and ends a login lock-out
    /// of the username; the token dies with the old password hash.
    func submitConfirmForm(_ request: Request, uid: String, token: String) async throws -> Response {
        guard var user = try await user(uid, request: request) else { return try invalidLink(request) }
        let session = request.sessionIfAvailable
        let presented = token == Self.setPasswordSegment ? session?[.passwordResetToken] : token
        guard let presented, service.resetTokens.checkToken(presented, for: user) else { return try invalidLink(request) }
        let form = try await request.form()
        let new = form["new_password1"] ?? ""
        let errors = AuthPage.newPasswordErrors(new, form["new_password2"] ?? "", for: user, validators: service.validators)
        guard errors.isEmpty else { return try self.form(request, errors: errors) }
        user.password = try await service.hashers.hash(new)
        try await UserLookup.storePassword(user.password, of: user, on: request.db)
        session?.removeValue(for: .passwordResetToken)
        // Whoever read the mailbox is the owner: a lock-out from someone else's guesses ends.
        try await service.throttler?.recordSuccess(username: user.username)
        let done = (try? request.app.urlFor("auth.password_reset_complete")) ?? "/"
        return .redirect(to: done, status: .found)
    }

    private func user(_ uid: String, request: Request) async throws -> U? {
        guard let text = AuthCrypto.decodeBase64URL(Substring(uid)), let id = U.primaryKey(fromAuthIdentifier: text) else { return nil }
        return try await U.objects.filter(pk: id).first(on: request.db)
    }

    private func form(_ request: Request, errors: [String]) throws -> Response {
        try AuthPage.render(
            request, "registration/password_reset_confirm.html",
            ["validlink": .bool(true), "errors": AuthPage.list(errors), "help_texts": AuthPage.list(service.validators.helpTexts)]
        )
    }

    private func invalidLink(_ request: Request) throws -> Response {
        try AuthPage.render(request, "registration/password_reset_confirm.html", ["validlink": .bool(false), "errors": AuthPage.list([])])
    }
}
