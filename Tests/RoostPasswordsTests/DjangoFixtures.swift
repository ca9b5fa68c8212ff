import Foundation
import Testing

/// The fixtures `Fixtures/generate.py` made with Django.
enum DjangoFixtures {
    struct Hash: Decodable, Sendable, CustomTestStringConvertible {
        let note: String
        let password: String
        let wrong: String
        let encoded: String
        let algorithm: String
        let djangoMustUpdate: Bool

        var testDescription: String { note }
    }

    struct Validators: Decodable, Sendable {
        struct Case: Decodable, Sendable {
            let user: Int
            let password: String
            let codes: [String: String?]
        }

        let users: [[String: String]]
        let cases: [Case]
    }

    static func load<T: Decodable>(_ name: String, as type: T.Type) throws -> T {
        guard let url = Bundle.module.url(forResource: name, withExtension: "json", subdirectory: "Fixtures") else {
            throw FixtureMissing(name: name)
        }
        return try JSONDecoder().decode(T.self, from: Data(contentsOf: url))
    }

    static var hashes: [Hash] {
        (try? load("hashes", as: [Hash].self)) ?? []
    }

    struct FixtureMissing: Error, CustomStringConvertible {
        let name: String
        var description: String { "Fixtures/\(name).json is missing; run Fixtures/generate.py" }
    }
}
