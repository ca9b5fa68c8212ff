/// A post in the demo's JSON API.
struct Post: Codable, Sendable {
    var id: Int
    var title: String
    var body: String
}

/// What a client sends to create a post.
struct PostDraft: Codable, Sendable {
    var title: String
    var body: String
}

/// A guestbook signature.
struct Signature: Codable, Sendable {
    var name: String
    var message: String
}

/// The demo's data, in memory (the ORM arrives in a later release of the demo).
actor DemoStore {
    private var allPosts: [Post] = [
        Post(id: 1, title: "Hello, Roost", body: "A Swift web framework with Flask's core and Django's batteries."),
        Post(id: 2, title: "Typed routes", body: "Placeholders arrive in handlers as typed arguments."),
    ]
    private var signatures: [Signature] = []

    func posts() -> [Post] { allPosts }

    func post(id: Int) -> Post? { allPosts.first { $0.id == id } }

    func add(_ draft: PostDraft) -> Post {
        let post = Post(id: (allPosts.map(\.id).max() ?? 0) + 1, title: draft.title, body: draft.body)
        allPosts.append(post)
        return post
    }

    func entries() -> [Signature] { signatures }

    func sign(name: String, message: String) {
        signatures.insert(Signature(name: name, message: message), at: 0)
        if signatures.count > 100 { signatures.removeLast() }
    }
}
