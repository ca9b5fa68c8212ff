import Foundation
import Roost
import RoostAuth
import RoostAuthTesting
import RoostORM
import RoostPasswords
import RoostSessions
import RoostSigning
import RoostSecurity
import RoostTesting
import Testing

/// Hashes made by Django 5.2's `make_password`, copied from
/// `Tests/RoostPasswordsTests/Fixtures/hashes.json` (see its `generate.py`).
enum DjangoHashes {
    /// `correct horse battery staple`, Django 5.2's default 1,000,000 iterations.
    static let current = "pbkdf2_sha256$1000000$2HHk21CvdigWzoQvXpDN2J$vfr1H8ZBARPthRrkOW8L57sZEIhFS3uRBGc8yPVR6EQ="
    /// `hunter2`, 260,000 iterations (Django 3.2).
    static let legacy = "pbkdf2_sha256$260000$2YEhxTv0fmV497sqSL8TNn$D7m6LZLmSsxNRU+08qPDYPeK+m4APvpEbrUjdVIh2Gw="
    /// `s3cr3t scrypt`, Django's scrypt defaults.
    static let scrypt =
        "scrypt$16384$mCFe4rre8RBBvdYYt16qCH$8$5$IOimL+wVq4I9yE/SwwWCZBM38+GKufFItHUCX6dOcScjTCG72F8N6s/PMJ8heLY96imkU4+1Rmp8CuwrP3NWBA=="
}

@Suite("Passwords through the login flow")
struct PasswordTests {
    @Test(arguments: Backend.allCases)
    func djangoMadeHashLogsIn(backend: Backend) async throws {
        // The app keeps Django's own defaults here, so the hash is current and stays as it is.
        try await withAuthApp(backend, configure: { $0.passwordHashers = .default }) { fixture in
            var migrated = User(username: "django", password: DjangoHashes.current)
            try await migrated.save(on: fixture.database)
            let client = try fixture.app.testClient()
            #expect(try await client.logIn("django", "correct horse battery stapl").status == .ok)
            #expect(try await client.get("/whoami").text == "anonymous")
            #expect(try await client.logIn("django", "correct horse battery staple").status == .found)
            #expect(try await client.get("/whoami").text == "django")
            #expect(try await fixture.user("django").password == DjangoHashes.current)
        }
    }

    @Test(arguments: Backend.allCases)
    func hashIsUpgradedOnLoginWhenTheIterationsChange(backend: Backend) async throws {
        try await withAuthApp(backend) { fixture in
            var legacy = User(username: "legacy", password: DjangoHashes.legacy)
            try await legacy.save(on: fixture.database)
            var scrypt = User(username: "scrypt", password: DjangoHashes.scrypt)
            try await scrypt.save(on: fixture.database)
            let client = try fixture.app.testClient()

            // A wrong password changes nothing.
            _ = try await client.logIn("legacy", "Hunter2")
            #expect(try await fixture.user("legacy").password == DjangoHashes.legacy)

            #expect(try await client.logIn("legacy", "hunter2").status == .found)
            let upgraded = try await fixture.user("legacy").password
            #expect(upgraded.hasPrefix("pbkdf2_sha256$1000$"))
            #expect(fastHashers.preferred.verify("hunter2", against: upgraded))
            // The session survives the upgrade (its digest was made from the new hash).
            #expect(try await client.get("/whoami").text == "legacy")

            // Another algorithm is replaced by the preferred one.
            let other = try fixture.app.testClient()
            #expect(try await other.logIn("scrypt", "s3cr3t scrypt").status == .found)
            #expect(try await fixture.user("scrypt").password.hasPrefix("pbkdf2_sha256$1000$"))
            // And the new hash logs in again.
            let again = try fixture.app.testClient()
            #expect(try await again.logIn("legacy", "hunter2").status == .found)
        }
    }

    @Test(arguments: Backend.allCases)
    func passwordChangeKeepsThisSessionAndEndsOthers(backend: Backend) async throws {
        try await withAuthApp(backend) { fixture in
            try await fixture.makeUser("ada", password: "correct-horse-42", email: "ada@example.com")
            let browser = try fixture.app.testClient()
            let laptop = try fixture.app.testClient()
            _ = try await browser.logIn("ada", "correct-horse-42")
            _ = try await laptop.logIn("ada", "correct-horse-42")

            // Anonymous visitors cannot reach the page.
            let anonymous = try fixture.app.testClient()
            #expect(try await anonymous.get("/accounts/password_change/", headers: [.accept: "text/html"]).status == .found)

            let wrongOld = try await browser.submitForm(
                "/accounts/password_change/",
                [("old_password", "nope"), ("new_password1", "Another-Secret-77"), ("new_password2", "Another-Secret-77")]
            )
            #expect(wrongOld.text.contains("Your current password is not correct."))
            let mismatch = try await browser.submitForm(
                "/accounts/password_change/",
                [("old_password", "correct-horse-42"), ("new_password1", "Another-Secret-77"), ("new_password2", "Another-Secret-78")]
            )
            #expect(mismatch.text.contains("The two new passwords are not the same."))
            let weak = try await browser.submitForm(
                "/accounts/password_change/", [("old_password", "correct-horse-42"), ("new_password1", "12345678"), ("new_password2", "12345678")]
            )
            #expect(weak.status == .ok)
            #expect(weak.text.contains("errors"))

            let changed = try await browser.submitForm(
                "/accounts/password_change/",
                [("old_password", "correct-horse-42"), ("new_password1", "Another-Secret-77"), ("new_password2", "Another-Secret-77")]
            )
            #expect(changed.status == .found)
            #expect(changed.headers[.location] == "/accounts/password_change/done/")
            #expect(try await browser.get("/whoami").text == "ada")
            #expect(try await laptop.get("/whoami").text == "anonymous")

            let fresh = try fixture.app.testClient()
            #expect(try await fresh.logIn("ada", "correct-horse-42").status == .ok)
            #expect(try await fresh.logIn("ada", "Another-Secret-77").status == .found)
        }
    }
}

@Suite("Password reset")
struct PasswordResetTests {
    /// The path of the reset link in a message body.
    static func resetPath(in body: String) throws -> String {
        guard let start = body.range(of: "http://localhost") else { throw TestFailure("no link in:\n\(body)") }
        let rest = body[start.upperBound...]
        return String(rest.prefix { !$0.isWhitespace })
    }

    @Test(arguments: Backend.allCases)
    func resetLinkWorksOnce(backend: Backend) async throws {
        try await withAuthApp(backend) { fixture in
            try await fixture.makeUser("ada", password: "correct-horse-42", email: "ada@example.com")
            let client = try fixture.app.testClient()

            // An unknown address gets the same answer and no mail.
            let unknown = try await client.submitForm("/accounts/password_reset/", [("email", "nobody@example.com")])
            #expect(unknown.status == .found)
            #expect(fixture.mail.outbox.isEmpty)

            let asked = try await client.submitForm("/accounts/password_reset/", [("email", "ADA@example.com")])
            #expect(asked.status == .found)
            #expect(asked.headers[.location] == "/accounts/password_reset/done/")
            let message = try #require(fixture.mail.outbox.first)
            #expect(message.to == ["ada@example.com"])
            #expect(message.subject == "Choose a new password for localhost")
            let link = try Self.resetPath(in: message.body)
            #expect(link.hasPrefix("/accounts/reset/"))

            // The token moves into the session; the form is at set-password/.
            let opened = try await client.get(link)
            #expect(opened.status == .found)
            let formPath = try #require(opened.headers[.location])
            #expect(formPath.hasSuffix("/set-password/"))
            let done = try await client.submitForm(formPath, [("new_password1", "Brand-New-Secret-9"), ("new_password2", "Brand-New-Secret-9")])
            #expect(done.status == .found)
            #expect(done.headers[.location] == "/accounts/reset/done/")
            #expect(try await client.logIn("ada", "Brand-New-Secret-9").status == .found)

            // The link is dead now: its password hash changed.
            let reused = try fixture.app.testClient()
            let page = try await reused.get(link)
            #expect(page.status == .ok)
            #expect(page.text.contains("Link expired"))
        }
    }

    @Test func resetEndsALockOut() async throws {
        try await withAuthApp(.sqlite) { fixture in
            try await fixture.makeUser("ada", password: "correct-horse-42", email: "ada@example.com")
            for attempt in 1...10 {
                _ = try await fixture.app.testClient(remoteAddress: "10.9.0.\(attempt)").logIn("ada", "guess")
            }
            let owner = try fixture.app.testClient(remoteAddress: "192.0.2.1")
            #expect(try await owner.logIn("ada", "correct-horse-42").status == .tooManyRequests)
            _ = try await owner.submitForm("/accounts/password_reset/", [("email", "ada@example.com")])
            let link = try Self.resetPath(in: try #require(fixture.mail.outbox.first).body)
            let formPath = try #require(try await owner.get(link).headers[.location])
            _ = try await owner.submitForm(formPath, [("new_password1", "Brand-New-Secret-9"), ("new_password2", "Brand-New-Secret-9")])
            #expect(try await owner.logIn("ada", "Brand-New-Secret-9").status == .found)
        }
    }

    @Test(arguments: Backend.allCases)
    func expiredAndForgedLinksAreRefused(backend: Backend) async throws {
        try await withAuthApp(backend) { fixture in
            let ada = try await fixture.makeUser("ada", password: "correct-horse-42", email: "ada@example.com")
            let tokens = PasswordResetTokens<User>(keys: try SigningKeys(settings: fixture.app.settings), timeout: .seconds(259_200))
            let uid = Data(ada.authIdentifier.utf8).base64EncodedString().replacingOccurrences(of: "=", with: "")
            let client = try fixture.app.testClient()

            let old = tokens.makeToken(for: ada, at: Date().addingTimeInterval(-4 * 86_400))
            #expect(!tokens.checkToken(old, for: ada))
            #expect(try await client.get("/accounts/reset/\(uid)/\(old)/").text.contains("Link expired"))

            let current = tokens.makeToken(for: ada)
            #expect(tokens.checkToken(current, for: ada))
            #expect(!tokens.checkToken(current, for: ada, now: Date().addingTimeInterval(3 * 86_400 + 60)))
            // A character inside the signature (the last one's low bits are base64 padding).
            var characters = Array(current)
            characters[characters.count - 5] = characters[characters.count - 5] == "Q" ? "R" : "Q"
            let forged = String(characters)
            #expect(try await client.get("/accounts/reset/\(uid)/\(forged)/").text.contains("Link expired"))
            #expect(try await client.get("/accounts/reset/Zm9v/\(current)/").text.contains("Link expired"))
            // Without the token in the session, set-password/ does not show the form.
            #expect(try await client.get("/accounts/reset/\(uid)/set-password/").text.contains("Link expired"))

            // A login invalidates the link too.
            #expect(try await client.logIn("ada", "correct-horse-42").status == .found)
            #expect(!tokens.checkToken(current, for: try await fixture.user("ada")))
        }
    }

    @Test func fileBackendWritesTheMessage() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("roost-auth-mail-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let configured = try AuthConfiguration<User>(settings: Settings(["EMAIL_BACKEND": "file", "EMAIL_FILE_PATH": folder]))
        #expect((configured.emailBackend as? FileEmailBackend)?.directory == folder)
        #expect(throws: SettingsError.self) { try AuthConfiguration<User>(settings: Settings(["EMAIL_BACKEND": "file"])) }
        #expect(throws: SettingsError.self) { try AuthConfiguration<User>(settings: Settings(["EMAIL_BACKEND": "smtp"])) }
        try await withAuthApp(.sqlite, configure: { $0.emailBackend = FileEmailBackend(directory: folder) }) { fixture in
            try await fixture.makeUser("ada", email: "ada@example.com")
            let client = try fixture.app.testClient()
            #expect(try await client.submitForm("/accounts/password_reset/", [("email", "ada@example.com")]).status == .found)
            let files = try FileManager.default.contentsOfDirectory(atPath: folder)
            #expect(files.count == 1)
            let text = try String(contentsOfFile: folder + "/" + files[0], encoding: .utf8)
            #expect(text.contains("To: ada@example.com"))
            #expect(text.contains("Subject: Choose a new password for localhost"))
            #expect(text.contains("/accounts/reset/"))
            #expect(fixture.mail.outbox.isEmpty)
        }
    }

    @Test func consoleBackendPrintsTheMessage() async throws {
        let output = CapturedOutput()
        try await withAuthApp(.sqlite, configure: { $0.emailBackend = ConsoleEmailBackend(console: output.console) }) { fixture in
            try await fixture.makeUser("ada", email: "ada@example.com")
            let client = try fixture.app.testClient()
            _ = try await client.submitForm("/accounts/password_reset/", [("email", "ada@example.com")])
            let printed = output.take()
            #expect(printed.contains("To: ada@example.com"))
            #expect(printed.contains("/accounts/reset/"))
        }
    }
}

@Suite("E-mail messages")
struct EmailMessageTests {
    @Test func headerInjectionIsRefused() async throws {
        let mail = MemoryEmailBackend()
        let injected = EmailMessage(subject: "Hi\r\nBcc: victim@example.com", body: "x", from: "site@example.com", to: ["ada@example.com"])
        await #expect(throws: EmailError.self) { try await mail.send([injected]) }
        let badRecipient = EmailMessage(subject: "Hi", body: "x", from: "site@example.com", to: ["ada@example.com\nBcc: x@example.com"])
        await #expect(throws: EmailError.self) { try await mail.send([badRecipient]) }
        await #expect(throws: EmailError.self) { try await mail.send([EmailMessage(subject: "Hi", body: "x", from: "a@example.com", to: [])]) }
        #expect(mail.outbox.isEmpty)
        let fine = EmailMessage(subject: "Hi", body: "Hello", htmlBody: "<p>Hello</p>", from: "site@example.com", to: ["ada@example.com"])
        try await mail.send([fine])
        #expect(mail.outbox == [fine])
        #expect(fine.rendered.contains("multipart/alternative"))
    }
}
