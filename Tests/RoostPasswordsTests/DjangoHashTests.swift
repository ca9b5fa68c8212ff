import RoostPasswords
import Testing

/// Hashes made by Django's own `make_password` verify in Roost, and wrong passwords do not.
@Suite struct DjangoHashTests {
    let hashers = PasswordHashers.default

    @Test func fixturesArePresent() throws {
        #expect(try DjangoFixtures.load("hashes", as: [DjangoFixtures.Hash].self).count >= 7)
    }

    @Test(arguments: DjangoFixtures.hashes)
    func djangoHashVerifiesOnlyTheRightPassword(_ fixture: DjangoFixtures.Hash) async throws {
        let hasher = try #require(hashers.hasher(for: fixture.encoded))
        #expect(hasher.algorithm == fixture.algorithm)
        #expect(await hashers.check(fixture.password, against: fixture.encoded).isValid)
        #expect(await hashers.check(fixture.wrong, against: fixture.encoded) == .invalid)
    }

    @Test(arguments: DjangoFixtures.hashes)
    func rehashDecisionMatchesDjango(_ fixture: DjangoFixtures.Hash) throws {
        let hasher = try #require(hashers.hasher(for: fixture.encoded))
        #expect(hasher.needsRehash(fixture.encoded) == fixture.djangoMustUpdate)
        // Django's check_password also upgrades hashes of a non-preferred algorithm.
        let expected = fixture.djangoMustUpdate || fixture.algorithm != "pbkdf2_sha256"
        #expect(hashers.needsRehash(fixture.encoded) == expected)
    }

    @Test func reproducesDjangosEncodingExactly() throws {
        // Same password, salt and iterations give the very string Django stored.
        for fixture in DjangoFixtures.hashes where fixture.algorithm == "pbkdf2_sha256" {
            let fields = fixture.encoded.split(separator: "$")
            let iterations = try #require(Int(fields[1]))
            let encoded = try PBKDF2PasswordHasher().encode(fixture.password, salt: String(fields[2]), iterations: iterations)
            #expect(encoded == fixture.encoded)
        }
    }

    @Test func outdatedHashIsUpgradedOnSuccessfulCheck() async throws {
        let fixture = try #require(DjangoFixtures.hashes.first { $0.encoded.contains("$260000$") })
        guard case .valid(let upgraded?) = await hashers.check(fixture.password, against: fixture.encoded) else {
            Issue.record("expected a valid check with an upgraded hash")
            return
        }
        #expect(upgraded.hasPrefix("pbkdf2_sha256$1000000$"))
        #expect(!hashers.needsRehash(upgraded))
    }
}
