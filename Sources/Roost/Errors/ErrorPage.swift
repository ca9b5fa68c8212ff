import Logging
import RoostDatabase

/// Roost's default responses for errors no handler took.
///
/// With DEBUG off they say only the status and, for ``HTTPResponseError``s, their public
/// reason; with DEBUG on, unhandled errors get the ``DebugPage``.
enum ErrorPage {
    static func response(for error: any Error, request: Request) -> Response {
        if let httpError = error as? any HTTPResponseError {
            var response = page(
                status: httpError.status, reason: httpError.publicReason, request: request,
                debugDetails: request.app.debug ? DebugPage.details(for: httpError, request: request) : nil
            )
            for field in httpError.headerFields { response.headerFields.append(field) }
            return response
        }
        if let databaseError = error as? DatabaseError, databaseError.isUnavailability {
            request.logger.error("Database unavailable in \(request.method) \(request.path): \(databaseError)")
            var response = page(
                status: .serviceUnavailable, reason: "The service is temporarily unavailable; try again shortly.",
                request: request,
                debugDetails: request.app.debug ? "<pre>\(HTMLEscaping.escape(String(describing: databaseError)))</pre>" : nil
            )
            response.headerFields[.retryAfter] = "5"
            return response
        }
        if error is CancellationError && Task.isCancelled {
            // The request's connection closed (the client went away, or the server is stopping
            // and its grace period ran out): nobody reads this answer, and it is no app error.
            request.logger.debug("Request cancelled in \(request.method) \(request.path)")
        } else {
            request.logger.error(
                "Unhandled error in \(request.method) \(request.path): \(String(reflecting: error))",
                metadata: ["route": .string(request.route?.description ?? "-")]
            )
        }
        if request.app.debug {
            return DebugPage.response(for: error, request: request)
        }
        return page(status: .internalServerError, reason: nil, request: request, debugDetails: nil)
    }

    /// A small HTML page, or JSON when the client asked for JSON.
    static func page(status: HTTPResponse.Status, reason: String?, request: Request, debugDetails: String?) -> Response {
        let message = reason ?? status.reasonPhrase
        if prefersJSON(request) {
            let body = "{\"error\":\(jsonString(message)),\"status\":\(status.code)}"
            return Response(status: status, headerFields: [.contentType: "application/json"], body: .init(string: body))
        }
        let title = "\(status.code) \(HTMLEscaping.escape(status.reasonPhrase))"
        var html = """
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><title>\(title)</title></head>
            <body><h1>\(title)</h1><p>\(HTMLEscaping.escape(message))</p>
            """
        if let debugDetails { html += debugDetails }
        html += "</body></html>\n"
        return Response(status: status, headerFields: [.contentType: "text/html; charset=utf-8"], body: .init(string: html))
    }

    static func prefersJSON(_ request: Request) -> Bool {
        guard let accept = request.headers[.accept] else { return false }
        return accept.contains("application/json") && !accept.contains("text/html")
    }

    static func jsonString(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case "<": result += "\\u003c"
            case ">": result += "\\u003e"
            case "&": result += "\\u0026"
            default:
                if scalar.value < 0x20 {
                    result += "\\u" + String(repeating: "0", count: 4 - String(scalar.value, radix: 16).count)
                        + String(scalar.value, radix: 16)
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result + "\""
    }
}

extension DatabaseError {
    /// Whether the error means the database cannot be reached right now (answered with 503).
    var isUnavailability: Bool {
        code == .connectionFailed || code == .connectionLost || code == .acquireTimeout || code == .poolShutDown
    }
}
