import RoostPasswords
import Testing

@Suite struct ValidatorTests {
    /// Each of the four validators gives the same verdict as Django's on the same passwords
    /// and users (`Fixtures/validators.json`, made by Django).
    @Test func verdictsMatchDjango() throws {
        let fixture = try DjangoFixtures.load("validators", as: DjangoFixtures.Validators.self)
        let validators: [(String, any PasswordValidator)] = [
            ("minimum_length", MinimumLengthValidator()),
            ("user_attribute_similarity", UserAttributeSimilarityValidator()),
            ("common", CommonPasswordValidator()),
            ("numeric", NumericPasswordValidator()),
        ]
        #expect(fixture.cases.count > 50)
        for testCase in fixture.cases {
            let values = fixture.users[testCase.user]
            let user = values.isEmpty
                ? nil : PasswordUserAttributes(values.sorted { $0.key < $1.key }.map { .init(name: $0.key, value: $0.value) })
            for (name, validator) in validators {
                let expected = testCase.codes[name] ?? nil
                let actual = validator.validate(testCase.password, user: user)?.code.rawValue
                #expect(actual == expected, "\(name) on \(testCase.password.debugDescription) for user \(testCase.user)")
            }
        }
    }

    @Test func messagesAndHelpTexts() {
        let tooShort = MinimumLengthValidator(minimumLength: 10).validate("abc", user: nil)
        #expect(tooShort?.message == "This password is too short. It must contain at least 10 characters.")
        #expect(MinimumLengthValidator(minimumLength: 1).helpText == "Your password must contain at least 1 character.")
        let user = PasswordUserAttributes([.init(name: "email", verboseName: "email address", value: "ada@example.com")])
        #expect(
            UserAttributeSimilarityValidator().validate("ada@example", user: user)?.message
                == "The password is too similar to the email address."
        )
        #expect(NumericPasswordValidator().validate("123", user: nil)?.message == "This password is entirely numeric.")
        #expect(CommonPasswordValidator().validate("PASSWORD", user: nil)?.message == "This password is too common.")
    }

    @Test func listCollectsEveryFailure() throws {
        let error = #expect(throws: PasswordValidationError.self) {
            try PasswordValidators.default.validate("1234", user: nil)
        }
        #expect(error?.failures.map(\.code) == [.tooShort, .tooCommon, .entirelyNumeric])
        try PasswordValidators.default.validate("a much better passphrase", user: nil)
        #expect(PasswordValidators.default.helpTexts.count == 4)
    }

    @Test func builtInListIsDjangos() {
        let validator = CommonPasswordValidator()
        #expect(validator.passwords.count == 19_640)
        #expect(validator.passwords.contains("123456"))
        #expect(validator.passwords.contains("fallen_angel"))
        let custom = CommonPasswordValidator(passwords: ["  Hunter2 "])
        #expect(custom.validate("HUNTER2", user: nil)?.code == .tooCommon)
    }
}
