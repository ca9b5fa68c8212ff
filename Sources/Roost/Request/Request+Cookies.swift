extension Request {
    /// The cookies the client sent, by name (the first of duplicates wins).
    ///
    /// Quoted values are unquoted as Werkzeug does, so cookies written by Flask apps read
    /// back unchanged.
    public var cookies: [String: String] {
        var cookies: [String: String] = [:]
        for header in head.headerFields[values: .cookie] {
            for piece in header.split(separator: ";") {
                let pair = piece.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                let name = String(pair[0]).trimmingWhitespace()
                guard !name.isEmpty, cookies[name] == nil else { continue }
                let raw = pair.count > 1 ? String(pair[1]).trimmingWhitespace() : ""
                cookies[name] = Cookie.unquote(raw)
            }
        }
        return cookies
    }
}
