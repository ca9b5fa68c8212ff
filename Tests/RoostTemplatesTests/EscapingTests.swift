import RoostTemplates
import Testing

/// Output escaping works on 16-byte blocks: special characters at every position of a block,
/// at block boundaries and in short tails must come out exactly as markupsafe writes them.
@Suite("Escaping")
struct EscapingTests {
    static func reference(_ s: String) -> String {
        var out = ""
        for c in s.unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&#34;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }

    static func environment() -> TemplateEnvironment {
        var config = TemplateConfiguration()
        config.autoescape = .enabled
        return TemplateEnvironment(configuration: config)
    }

    @Test func everyPositionAndLength() throws {
        let template = try Self.environment().template(source: "{{ s }}|{{ s|upper }}|{{ s|e }}")
        let specials: [Character] = ["&", "<", ">", "\"", "'", "é", "—", "🙂"]
        for length in [0, 1, 7, 8, 15, 16, 17, 31, 32, 33, 47, 70] {
            let base = String(repeating: "a", count: length)
            for position in stride(from: 0, to: max(length, 1), by: 3) {
                for special in specials {
                    var chars = Array(base)
                    if position < chars.count { chars[position] = special } else { chars.append(special) }
                    let s = String(chars)
                    let escaped = Self.reference(s)
                    let upper = Self.reference(s.uppercased())
                    #expect(try template.render(["s": .string(s)]) == "\(escaped)|\(upper)|\(escaped)")
                }
            }
        }
    }

    @Test func runsOfSpecialCharacters() throws {
        let template = try Self.environment().template(source: "{{ s }}")
        let s = String(repeating: "<&>\"'", count: 20) + "tail"
        #expect(try template.render(["s": .string(s)]) == Self.reference(s))
    }
}
