/// Detects SQL text holding more than one statement. sqlite-nio compiles only the first
/// statement of a string and silently ignores the rest, so `"CREATE TABLE a(…); CREATE TABLE
/// b(…)"` would create only `a`; Roost rejects such text instead (PostgreSQL rejects it too).
enum SQLiteStatementCheck {
    /// `true` when meaningful text follows a top-level `;`. Quotes (`'…'`, `"…"`, `` `…` ``,
    /// `[…]`) and comments are skipped. `CREATE TRIGGER` bodies legitimately hold `;`, so
    /// triggers are not checked.
    static func hasTrailingStatement(_ sql: String) -> Bool {
        // Most statements hold no semicolon at all: one allocation-free scan settles them.
        guard sql.containsUTF8Byte(UInt8(ascii: ";")) else { return false }
        let bytes = Array(sql.utf8)
        if startsWithCreateTrigger(bytes) { return false }
        var index = 0
        var sawSemicolon = false
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "'"), UInt8(ascii: "\""), UInt8(ascii: "`"):
                if sawSemicolon { return true }
                index = skipQuoted(bytes, from: index, closing: byte)
            case UInt8(ascii: "["):
                if sawSemicolon { return true }
                index = skipQuoted(bytes, from: index, closing: UInt8(ascii: "]"))
            case UInt8(ascii: "-") where index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: "-"):
                while index < bytes.count, bytes[index] != UInt8(ascii: "\n") { index += 1 }
            case UInt8(ascii: "/") where index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: "*"):
                index += 2
                while index + 1 < bytes.count, !(bytes[index] == UInt8(ascii: "*") && bytes[index + 1] == UInt8(ascii: "/")) {
                    index += 1
                }
                index += 2
            case UInt8(ascii: ";"):
                sawSemicolon = true
                index += 1
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"):
                index += 1
            default:
                if sawSemicolon { return true }
                index += 1
            }
        }
        return false
    }

    /// Index just past the closing quote (a doubled quote is an escaped one).
    private static func skipQuoted(_ bytes: [UInt8], from start: Int, closing: UInt8) -> Int {
        var index = start + 1
        while index < bytes.count {
            if bytes[index] == closing {
                if index + 1 < bytes.count, bytes[index + 1] == closing, closing != UInt8(ascii: "]") {
                    index += 2
                    continue
                }
                return index + 1
            }
            index += 1
        }
        return index
    }

    private static func startsWithCreateTrigger(_ bytes: [UInt8]) -> Bool {
        let words = String(decoding: bytes.prefix(64), as: UTF8.self).uppercased()
            .split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" })
        guard words.first == "CREATE" else { return false }
        let rest = words.dropFirst().drop { $0 == "TEMP" || $0 == "TEMPORARY" }
        return rest.first == "TRIGGER"
    }

    /// Whether a statement is `BEGIN`, `COMMIT`/`END`, `ROLLBACK`, `SAVEPOINT` or `RELEASE`:
    /// statements that change no rows, so `execute` need not ask for counters after them.
    static func isTransactionControl(_ text: String) -> Bool {
        var word = ""
        for scalar in text.unicodeScalars {
            if scalar == " " || scalar == "\n" || scalar == "\t" { if word.isEmpty { continue } else { break } }
            word.unicodeScalars.append(scalar)
            if word.count > 9 { return false }
        }
        switch word.uppercased() {
        case "BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE", "END": return true
        default: return false
        }
    }
}
