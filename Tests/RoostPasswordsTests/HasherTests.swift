import RoostPasswords
import Testing

@Suite struct HasherTests {
    /// Few iterations keep these tests fast; the Django fixtures cover the real count.
    let fast = PBKDF2PasswordHasher(iterations: 1000)

    @Test func defaultIterationsAreDjangos() {
        #expect(PBKDF2PasswordHasher().iterations == 1_000_000)
        #expect(PBKDF2PasswordHasher.defaultIterations == 1_000_000)
    }

    @Test func encodesInDjangosFormat() throws {
        let encoded = try fast.encode("secret")
        let fields = encoded.split(separator: "$", omittingEmptySubsequences: false)
        #expect(fields.count == 4)
        #expect(fields[0] == "pbkdf2_sha256")
        #expect(fields[1] == "1000")
        #expect(fields[2].count == 22)
        #expect(fields[2].allSatisfy { $0.isLetter || $0.isNumber })
        #expect(fields[3].count == 44)  // base64 of 32 bytes, padded
        #expect(fast.verify("secret", against: encoded))
        #expect(!fast.verify("Secret", against: encoded))
    }

    @Test func saltsDiffer() throws {
        #expect(try fast.encode("same") != fast.encode("same"))
    }

    @Test func rejectsBadSalts() {
        #expect(throws: PasswordHashingError.self) { try fast.encode("x", salt: "a$b") }
        #expect(throws: PasswordHashingError.self) { try fast.encode("x", salt: "") }
    }

    @Test(arguments: [
        "", "pbkdf2_sha256", "pbkdf2_sha256$abc$salt$hash", "pbkdf2_sha256$0$salt$aGFzaA==",
        "pbkdf2_sha256$1000$$aGFzaA==", "pbkdf2_sha256$1000$salt$not base64!", "md5$1000$salt$aGFzaA==",
        "pbkdf2_sha256$-5$salt$aGFzaA==",
    ])
    func malformedHashesNeverVerify(_ encoded: String) {
        #expect(!fast.verify("anything", against: encoded))
        #expect(fast.needsRehash(encoded))
    }

    @Test func needsRehashWhenIterationsChange() throws {
        let encoded = try fast.encode("pw")
        #expect(!fast.needsRehash(encoded))
        #expect(PBKDF2PasswordHasher(iterations: 2000).needsRehash(encoded))
        #expect(fast.needsRehash(try fast.encode("pw", salt: "short")))
    }

    @Test func scryptRoundTripsAndTracksParameters() throws {
        let small = ScryptPasswordHasher(workFactor: 1 << 10, blockSize: 4, parallelism: 1)
        let encoded = try small.encode("pw")
        let fields = encoded.split(separator: "$")
        #expect(fields.count == 6)
        #expect(fields[0] == "scrypt" && fields[1] == "1024" && fields[3] == "4" && fields[4] == "1")
        #expect(fields[5].count == 88)  // base64 of 64 bytes
        #expect(small.verify("pw", against: encoded))
        #expect(!small.verify("pW", against: encoded))
        #expect(!small.needsRehash(encoded))
        #expect(ScryptPasswordHasher().needsRehash(encoded))
        #expect(!small.verify("pw", against: "scrypt$1000$salt$8$1$aGFzaA=="))  // N not a power of two
    }

    @Test func policyHashesWithThePreferredHasherAndUpgradesOthers() async throws {
        let small = ScryptPasswordHasher(workFactor: 1 << 10, blockSize: 4, parallelism: 1)
        let hashers = PasswordHashers([fast, small])
        let encoded = try await hashers.hash("pw")
        #expect(encoded.hasPrefix("pbkdf2_sha256$1000$"))
        #expect(await hashers.check("pw", against: encoded) == .valid(upgradedHash: nil))

        let legacy = try small.encode("pw")
        guard case .valid(let upgraded?) = await hashers.check("pw", against: legacy) else {
            Issue.record("a scrypt hash should verify and be upgraded to PBKDF2")
            return
        }
        #expect(upgraded.hasPrefix("pbkdf2_sha256$1000$"))
        #expect(await hashers.check("wrong", against: legacy) == .invalid)
    }

    @Test func unusablePasswordsNeverVerify() async {
        let hashers = PasswordHashers([fast])
        let unusable = PasswordHashers.makeUnusable()
        #expect(unusable.hasPrefix("!") && unusable.count == 41)
        #expect(!hashers.isUsable(unusable))
        #expect(await hashers.check("", against: unusable) == .invalid)
        #expect(await hashers.check("x", against: "unknown$hash") == .invalid)
        #expect(hashers.hasher(for: "unknown$hash") == nil)
    }
}
