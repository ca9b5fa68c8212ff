import Foundation
import Roost
import RoostAuth
import RoostORM
import RoostSecurity
import RoostTesting
import Synchronization
import Testing

@Suite("createsuperuser")
struct CreateSuperuserTests {
    @Test(arguments: Backend.allCases)
    func nonInteractiveCreatesAWorkingSuperuser(backend: Backend) async throws {
        try await withAuthApp(backend, settings: ["ROOST_SUPERUSER_PASSWORD": "Sup3r-Secret-Root"], routes: AccessTests.routes) { fixture in
            let output = try await fixture.run(["createsuperuser", "--no-input", "--username", "root", "--email", "root@example.com"])
            #expect(output.contains("Superuser root created."))
            let root = try await fixture.user("root")
            #expect(root.isSuperuser && root.isStaff && root.isActive)
            #expect(root.email == "root@example.com")
            #expect(root.password.hasPrefix("pbkdf2_sha256$1000$"))

            let client = try fixture.app.testClient()
            #expect(try await client.logIn("root", "Sup3r-Secret-Root").status == .found)
            #expect(try await client.get("/staff").text == "staff area")
            #expect(try await client.get("/publish").text == "publishing")

            // The same username again is refused.
            await #expect(throws: (any Error).self) {
                try await fixture.run(["createsuperuser", "--no-input", "--username", "root", "--email", "other@example.com"])
            }
            #expect(try await User.objects.count(on: fixture.database) == 1)
        }
    }

    @Test func nonInteractiveNeedsAUsernameAndAcceptablePassword() async throws {
        try await withAuthApp(.sqlite, settings: ["ROOST_SUPERUSER_PASSWORD": "12345678"]) { (fixture: AuthTestApp) async throws in
            await #expect(throws: (any Error).self) { try await fixture.run(["createsuperuser", "--no-input"]) }
            var message = ""
            do {
                try await fixture.run(["createsuperuser", "--no-input", "--username", "root"])
            } catch {
                message = "\(error)"
            }
            #expect(message.contains("ROOST_SUPERUSER_PASSWORD is refused"))
            #expect(try await User.objects.count(on: fixture.database) == 0)
        }
        try await withAuthApp(.sqlite) { fixture in
            let output = try await fixture.run(["createsuperuser", "--no-input", "--username", "admin", "--email", "a@example.com"])
            #expect(output.contains("unusable"))
            #expect(try await fixture.user("admin").hasUsablePassword == false)
            await #expect(throws: (any Error).self) {
                try await fixture.run(["createsuperuser", "--no-input", "--username", "bad name!"])
            }
        }
    }

    @Test func interactiveAsksForWhatIsMissing() async throws {
        try await withAuthApp(.sqlite) { fixture in
            try await fixture.makeUser("taken")
            let answers = Mutex(["taken", "boss", "boss@example.com", "Long-Enough-Pass-1", "different", "Long-Enough-Pass-1", "Long-Enough-Pass-1"])
            let prompts = Mutex<[String]>([])
            fixture.app.commandInput = CommandInput { prompt, secret in
                prompts.withLock { $0.append(prompt.trimmingCharacters(in: .whitespaces) + (secret ? " [secret]" : "")) }
                return answers.withLock { $0.isEmpty ? nil : $0.removeFirst() }
            }
            let output = try await fixture.run(["createsuperuser"])
            #expect(output.contains("that username is already taken"))
            #expect(output.contains("the two passwords are not the same"))
            #expect(output.contains("Superuser boss created."))
            #expect(prompts.withLock { $0.contains("Password: [secret]") && $0.contains("Password (again): [secret]") })
            #expect(prompts.withLock { $0.filter { $0 == "Username:" }.count } == 2)
            let boss = try await fixture.user("boss")
            #expect(boss.isSuperuser)
            #expect(await boss.checkPassword("Long-Enough-Pass-1", using: fastHashers))
        }
    }
}
