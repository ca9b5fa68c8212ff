import Foundation
import Roost
import RoostAuth
import RoostORM
import RoostSecurity

/// The blog: a list of posts, a post's page and a form to write one, plus the JSON API.
/// Anyone may read; writing needs a login (a session for the form, `Authorization: Bearer`
/// with an API token for the JSON API), and the post records its author. Deleting needs the
/// `demo.delete_post` permission: superusers have it; others once it is granted (migrating
/// creates the permission rows).
enum BlogRoutes {
    static func register(on app: App) {
        app.get("/posts", name: "posts") { req in
            try req.render("posts.html", PostList(posts: try await latestPosts(on: req.db)))
        }
        // Anonymous visitors are sent to the login page, and back here afterwards.
        app.get("/posts/new", name: "new_post", options: .requireLogin) { req in
            try req.render("post_form.html", PostForm())
        }
        app.post("/posts/new", options: .requireLogin) { req in
            let form = try await req.form()
            let draft = PostDraft(title: clean(form["title"]), body: clean(form["body"]))
            if let problem = validate(draft) {
                return try req.render("post_form.html", PostForm(draft: draft, error: problem), status: .unprocessableContent)
            }
            var post = Post(title: draft.title, body: draft.body, author: author(of: req))
            try await post.save(on: req.db)
            return Response.redirect(to: try req.app.urlFor("post", ["id": post.id ?? 0]), status: .seeOther)
        }
        app.get("/posts/<int:id>", name: "post") { (req, id: Int64) in
            let post = try await post(id, on: req.db)
            var author: String?
            if let reference = post.author {
                author = try await User.objects.filter { $0.id == reference.id }.first(on: req.db)?.username
            }
            let canDelete = try await req.user.hasPerm("demo.delete_post")
            return try req.render("post.html", PostPage(post: post, author: author, canDelete: canDelete))
        }
        // Browsers without a login go to the login page; logged-in users without the permission get 403.
        app.post("/posts/<int:id>/delete", name: "delete_post", options: .requirePermission("demo.delete_post")) { (req, id: Int64) in
            let deleted = try await Post.objects.filter { $0.id == id }.delete(on: req.db)
            guard deleted > 0 else { throw HTTPError(.notFound, "No post \(id)") }
            return Response.redirect(to: try req.app.urlFor("posts"), status: .seeOther)
        }

        // The JSON API is exempt from CSRF checks: browsers cannot send a cross-site
        // `application/json` body without CORS' consent, and API clients have no CSRF cookie.
        app.group("/api", options: .csrfExempt) { api in
            api.get("/posts", name: "api.posts") { req in try await latestPosts(on: req.db) }
            api.get("/posts/<int:id>", name: "api.post") { (req, id: Int64) in try await post(id, on: req.db) }
            // Anonymous clients get 401; send an API token (TokenBackend) as a Bearer token.
            api.post("/posts", options: .requireLogin) { req in
                let draft = try await req.decodeJSON(PostDraft.self)
                if let problem = validate(draft) { throw HTTPError(.unprocessableContent, problem) }
                var post = Post(title: draft.title, body: draft.body, author: author(of: req))
                try await post.save(on: req.db)
                var response = try Response.json(post, status: .created)
                response.headerFields[.location] = try req.app.urlFor("api.post", ["id": post.id ?? 0])
                return response
            }
        }
    }

    static func latestPosts(on db: any DatabaseExecutor) async throws -> [Post] {
        try await Post.objects.orderBy(\.publishedAt, .descending).orderBy(\.id, .descending).limit(20).all(on: db)
    }

    static func post(_ id: Int64, on db: any DatabaseExecutor) async throws -> Post {
        guard let post = try await Post.objects.filter({ $0.id == id }).first(on: db) else {
            throw HTTPError(.notFound, "No post \(id)")
        }
        return post
    }

    /// A reference to the logged-in user, for a new post's author: by id only, so that
    /// encoding the post never encodes the user row.
    static func author(of req: Request) -> Reference<User>? {
        guard let id = req.user.model(as: User.self)?.id else { return nil }
        return Reference(id: id)
    }

    static func validate(_ draft: PostDraft) -> String? {
        guard !draft.title.isEmpty, draft.title.count <= 200 else { return "A post needs a title of 1 to 200 characters." }
        guard draft.body.count <= 20_000 else { return "The text is longer than 20,000 characters." }
        return nil
    }

    static func clean(_ text: String?) -> String {
        (text ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

/// `posts.html`'s context.
struct PostList: Encodable {
    var posts: [Post]
}

/// `post.html`'s context.
struct PostPage: Encodable {
    var post: Post
    /// The author's username, if the post has an author.
    var author: String?
    /// Whether the user may delete the post (shows the button).
    var canDelete = false
}

/// `post_form.html`'s context.
struct PostForm: Encodable {
    var draft = PostDraft(title: "", body: "")
    var error: String?
}
