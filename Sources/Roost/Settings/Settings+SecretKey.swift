extension Settings {
    /// A new random `SECRET_KEY`: 50 characters from `[A-Za-z0-9_-]` (300 bits) drawn from
    /// the system's secure generator, safe to paste into JSON, a shell or an environment file.
    /// `roost new` writes one into `roost.json`; use it when rotating a key.
    ///
    /// ```swift
    /// let key = Settings.makeSecretKey()   // e.g. "q3Zk-…" (50 characters)
    /// ```
    public static func makeSecretKey() -> String {
        let alphabet = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_".utf8)
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<50).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &generator)] }
        return String(decoding: bytes, as: UTF8.self)
    }
}
