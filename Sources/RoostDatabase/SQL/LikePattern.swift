/// Builds `LIKE` patterns from user text so that `%`, `_` and `\` in the text match
/// literally. Use them with `ESCAPE '\'`, which both SQLite and PostgreSQL understand.
///
/// ```swift
/// let pattern = LikePattern.contains(search)   // "100%" -> "%100\%%"
/// let rows = try await db.query("SELECT id FROM posts WHERE title LIKE \(pattern) ESCAPE '\\'")
/// ```
public enum LikePattern {
    /// `text` with `\`, `%` and `_` escaped by a backslash.
    ///
    /// ```swift
    /// LikePattern.escape("a_b")   // "a\_b"
    /// ```
    public static func escape(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            if scalar == "\\" || scalar == "%" || scalar == "_" { result.append("\\") }
            result.unicodeScalars.append(scalar)
        }
        return result
    }

    /// Matches values containing `text`.
    ///
    /// ```swift
    /// LikePattern.contains("swift")   // "%swift%"
    /// ```
    public static func contains(_ text: String) -> String { "%" + escape(text) + "%" }

    /// Matches values starting with `text`.
    ///
    /// ```swift
    /// LikePattern.startsWith("Sw")   // "Sw%"
    /// ```
    public static func startsWith(_ text: String) -> String { escape(text) + "%" }

    /// Matches values ending with `text`.
    ///
    /// ```swift
    /// LikePattern.endsWith(".swift")   // "%.swift"
    /// ```
    public static func endsWith(_ text: String) -> String { "%" + escape(text) }
}
