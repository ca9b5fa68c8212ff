/// The DEBUG error page, Roost's read-only answer to Werkzeug's debugger: the error, where
/// it came from, the request, and on 404 the route table.
///
/// It is only ever produced when DEBUG is on; it exposes internals by design.
enum DebugPage {
    static func response(for error: any Error, request: Request) -> Response {
        let type = HTMLEscaping.escape(String(reflecting: Swift.type(of: error)))
        var html = """
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><title>\(type) — Roost debug</title>
            <style>\(style)</style></head><body>
            <h1>\(type)</h1>
            <pre class="error">\(HTMLEscaping.escape(String(describing: error)))</pre>
            """
        if let route = request.route {
            html += "<p>Raised by the handler of <code>\(HTMLEscaping.escape(route.description))</code>, registered at <code>\(HTMLEscaping.escape(route.sourceLocation.description))</code>.</p>"
        }
        html += requestSection(request)
        html += "<p class=\"note\">You see this page because DEBUG is on. Turn it off in production.</p></body></html>\n"
        return Response(
            status: .internalServerError,
            headerFields: [.contentType: "text/html; charset=utf-8"],
            body: .init(string: html)
        )
    }

    /// Extra details appended to status pages in DEBUG.
    static func details(for error: any HTTPResponseError, request: Request) -> String {
        var html = "<style>\(style)</style>"
        if let httpError = error as? HTTPError {
            html += "<p>Raised at <code>\(HTMLEscaping.escape(httpError.sourceLocation.description))</code>.</p>"
        }
        if error.status == .notFound || error.status == .methodNotAllowed {
            html += "<h2>Routes tried</h2><table><tr><th>Method</th><th>Pattern</th><th>Name</th></tr>"
            for route in request.app.routes {
                html += "<tr><td>\(HTMLEscaping.escape(route.method.rawValue))</td>"
                html += "<td><code>\(HTMLEscaping.escape(route.pattern.description))</code></td>"
                html += "<td>\(HTMLEscaping.escape(route.name ?? ""))</td></tr>"
            }
            html += "</table>"
        }
        html += requestSection(request)
        html += "<p class=\"note\">You see these details because DEBUG is on.</p>"
        return html
    }

    private static func requestSection(_ request: Request) -> String {
        var html = "<h2>Request</h2><pre>\(HTMLEscaping.escape("\(request.method) \(request.head.path ?? "/")"))</pre>"
        html += "<table><tr><th>Header</th><th>Value</th></tr>"
        if let host = request.host {
            html += "<tr><td>Host</td><td>\(HTMLEscaping.escape(host))</td></tr>"
        }
        for field in request.headers {
            html += "<tr><td>\(HTMLEscaping.escape(field.name.rawName))</td><td>\(HTMLEscaping.escape(field.value))</td></tr>"
        }
        html += "</table><p>Request ID <code>\(HTMLEscaping.escape(request.id))</code></p>"
        return html
    }

    private static let style = """
        body{font:14px/1.4 system-ui,sans-serif;margin:2em;color:#222}h1{color:#a00}
        pre{background:#f6f6f6;padding:1em;overflow:auto}table{border-collapse:collapse}
        td,th{border:1px solid #ddd;padding:.3em .6em;text-align:left;vertical-align:top}.note{color:#666}
        """
}
