/// A guestbook signature.
struct Signature: Codable, Sendable {
    var name: String
    var message: String
}

/// The guestbook, in memory (the blog lives in the database).
actor DemoStore {
    private var signatures: [Signature] = []

    func entries() -> [Signature] { signatures }

    func sign(name: String, message: String) {
        signatures.insert(Signature(name: name, message: message), at: 0)
        if signatures.count > 100 { signatures.removeLast() }
    }
}
