import Foundation
import RoostSigning
import Testing

@Suite struct SignerTests {
    let keys = SigningKeys(secret: "current-secret-key")

    @Test func signsAndVerifies() throws {
        let signer = Signer(keys: keys)
        let signed = signer.sign("hello:world")
        #expect(signed.hasPrefix("hello:world:"))
        #expect(try signer.unsign(signed) == "hello:world")
    }

    @Test(arguments: ["tampered", "hello:world:", "hello:world:AAAA", "", "no separator at all"])
    func tamperedValuesAreRefused(_ mutation: String) {
        let signer = Signer(keys: keys)
        let signed = signer.sign("hello:world")
        let candidates = [signed.replacingOccurrences(of: "hello", with: "jello"), mutation, signed + "x", String(signed.dropLast())]
        for candidate in candidates {
            #expect(throws: SignatureError.self) { try signer.unsign(candidate) }
        }
    }

    @Test func onlyTheCanonicalSignatureTextVerifies() {
        // The last of 43 base64 characters carries two spare bits: other characters decode
        // to the same bytes, and must still be refused, as Django compares the text.
        let signer = Signer(keys: keys)
        let signed = signer.sign("hello")
        let alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
        for character in alphabet where character != signed.last {
            let candidate = String(signed.dropLast()) + String(character)
            #expect(throws: SignatureError.self) { try signer.unsign(candidate) }
        }
    }

    @Test func saltsSeparateUses() {
        let signed = Signer(keys: keys, salt: "unsubscribe").sign("ada@example.com")
        #expect(throws: SignatureError.self) { try Signer(keys: keys, salt: "password-reset").unsign(signed) }
    }

    @Test func fallbackKeysVerifyButDoNotSign() throws {
        let old = Signer(keys: SigningKeys(secret: "old-key"))
        let signedWithOld = old.sign("42")
        let rotated = Signer(keys: SigningKeys(secret: "new-key", fallbacks: ["old-key"]))
        #expect(try rotated.unsign(signedWithOld) == "42")
        #expect(rotated.sign("42") != signedWithOld)
        #expect(throws: SignatureError.self) { try Signer(keys: SigningKeys(secret: "new-key")).unsign(signedWithOld) }
    }

    @Test func timestampedValuesExpireAfterMaxAge() throws {
        let signer = TimestampSigner(keys: keys)
        let signedAt = Date(timeIntervalSince1970: 1_700_000_000)
        let signed = signer.sign("42", at: signedAt)
        #expect(try signer.unsign(signed, maxAge: .seconds(60), now: signedAt.addingTimeInterval(59)) == "42")
        let error = #expect(throws: SignatureError.self) {
            try signer.unsign(signed, maxAge: .seconds(60), now: signedAt.addingTimeInterval(61))
        }
        #expect(error?.code == .expired)
        #expect(error?.signedAt == signedAt)
        #expect(try signer.unsign(signed, now: signedAt.addingTimeInterval(1e9)) == "42")  // no max age
        #expect(try signer.unsignWithDate(signed).signedAt == signedAt)
    }

    @Test func timestampedValueFromFallbackKeyStillExpires() throws {
        let signedAt = Date(timeIntervalSince1970: 1_700_000_000)
        let signed = TimestampSigner(keys: SigningKeys(secret: "old")).sign("x", at: signedAt)
        let rotated = TimestampSigner(keys: SigningKeys(secret: "new", fallbacks: ["old"]))
        #expect(try rotated.unsign(signed, maxAge: .seconds(10), now: signedAt) == "x")
        #expect(throws: SignatureError.self) { try rotated.unsign(signed, maxAge: .seconds(10), now: signedAt.addingTimeInterval(11)) }
    }

    @Test func signsObjects() throws {
        struct Payload: Codable, Equatable { let user: Int; let next: String }
        let signer = TimestampSigner(keys: keys, salt: "login")
        let token = try signer.sign(object: Payload(user: 7, next: "/a"))
        #expect(try signer.unsign(object: token, as: Payload.self) == Payload(user: 7, next: "/a"))
        let plain = Signer(keys: keys)
        #expect(try plain.unsign(object: try plain.sign(object: [1, 2, 3]), as: [Int].self) == [1, 2, 3])
        #expect(throws: SignatureError.self) { try plain.unsign(object: plain.sign("not base64 json!"), as: [Int].self) }
    }
}

/// Values signed by Django's `django.core.signing` verify in Roost and Roost reproduces them.
@Suite struct DjangoSigningCompatibilityTests {
    struct Fixture: Decodable {
        struct Case: Decodable {
            let kind: String
            let key: String
            let salt: String
            let value: String
            let signed: String
            let timestamp: Int?
        }

        struct Object: Decodable {
            let key: String
            let salt: String
            let signed: String
            let timestamp: Int
        }

        let cases: [Case]
        let objects: [Object]
    }

    func load() throws -> Fixture {
        let url = try #require(Bundle.module.url(forResource: "signatures", withExtension: "json", subdirectory: "Fixtures"))
        return try JSONDecoder().decode(Fixture.self, from: Data(contentsOf: url))
    }

    @Test func djangoSignaturesVerifyAndAreReproduced() throws {
        let fixture = try load()
        #expect(fixture.cases.count == 30)
        for item in fixture.cases {
            let keys = SigningKeys(secret: item.key)
            if item.kind == "plain" {
                let signer = Signer(keys: keys, salt: item.salt)
                #expect(signer.sign(item.value) == item.signed)
                #expect(try signer.unsign(item.signed) == item.value)
            } else {
                let signer = TimestampSigner(keys: keys, salt: item.salt)
                let date = Date(timeIntervalSince1970: Double(item.timestamp ?? 0))
                #expect(signer.sign(item.value, at: date) == item.signed)
                #expect(try signer.unsign(item.signed) == item.value)
            }
            // With the key only as a fallback, Django's signature still verifies.
            let rotated = Signer(keys: SigningKeys(secret: "brand-new-key", fallbacks: [item.key]), salt: item.salt)
            #expect(throws: Never.self) { try rotated.unsign(item.signed) }
        }
    }

    @Test func djangoSignedObjectsDecode() throws {
        struct Payload: Decodable, Equatable { let user: Int; let next: String }
        for object in try load().objects {
            let signer = TimestampSigner(keys: SigningKeys(secret: object.key), salt: object.salt)
            #expect(try signer.unsign(object: object.signed, as: Payload.self) == Payload(user: 7, next: "/a"))
        }
    }
}
