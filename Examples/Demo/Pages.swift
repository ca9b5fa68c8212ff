import Roost

/// The demo's HTML. Every interpolated value goes through `escape`: the template engine
/// that will replace these strings escapes by default.
enum Pages {
    static func escape(_ text: String) -> String {
        var result = ""
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&#34;"
            case "'": result += "&#39;"
            default: result.append(character)
            }
        }
        return result
    }

    static func layout(title: String, body: String) -> String {
        """
        <!doctype html>
        <html lang="en">
        <head><meta charset="utf-8"><title>\(escape(title))</title>
        <link rel="stylesheet" href="/static/css/site.css"></head>
        <body>
        <nav><a href="/">Home</a> · <a href="/guestbook">Guestbook</a> · <a href="/api/posts">API</a></nav>
        \(body)
        </body>
        </html>
        """
    }

    static func home(_ req: Request) -> String {
        """
        <h1>Roost demo</h1>
        <p>This site is served by Roost on SwiftNIO. Try:</p>
        <ul>
          <li><a href="/api/posts">/api/posts</a>: a JSON API (<code>POST</code> JSON to create a post)</li>
          <li><a href="/api/posts/1">/api/posts/1</a>: one post; <a href="/api/posts/99">/api/posts/99</a> is a JSON 404</li>
          <li><a href="/guestbook">/guestbook</a>: a form that posts back</li>
          <li><a href="/static/hello.txt">/static/hello.txt</a>: a static file with ETag and ranges</li>
          <li><a href="/nowhere">/nowhere</a>: the custom 404 page</li>
        </ul>
        <p>You are visiting from <code>\(escape(req.connection.remoteAddress ?? "?"))</code>.</p>
        """
    }

    static func guestbook(_ entries: [Signature], error: String? = nil) -> String {
        var html = "<h1>Guestbook</h1>"
        if let error { html += "<p role=\"alert\">\(escape(error))</p>" }
        html += """
            <form method="post" action="/guestbook">
              <label>Name <input name="name" maxlength="80" required></label>
              <label>Message <textarea name="message" rows="3" maxlength="2000" required></textarea></label>
              <button type="submit">Sign</button>
            </form>
            """
        if entries.isEmpty { html += "<p>No one has signed yet.</p>" }
        for entry in entries {
            html += "<div class=\"entry\"><strong>\(escape(entry.name))</strong><p>\(escape(entry.message))</p></div>"
        }
        return html
    }

    static func notFound(_ req: Request) -> String {
        "<h1>Not found</h1><p>Nothing lives at <code>\(escape(String(req.path)))</code>. <a href=\"/\">Go home</a>.</p>"
    }
}
