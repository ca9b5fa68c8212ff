/// Prints ``SourceValue`` trees as Swift source: compactly on one line (for checksums) or
/// wrapped and indented to fit a line width (for migration files people read in diffs).
///
/// ```swift
/// let value = SourceValue.call("IndexSpec", [.init(nil, .string("post_slug_idx")), .init("columns", .array([.string("slug")]))])
/// MigrationSerializer.compact(value)                  // IndexSpec("post_slug_idx", columns: ["slug"])
/// MigrationSerializer.pretty(value, indent: 8)        // the same, wrapped if longer than the width
/// ```
public enum MigrationSerializer {
    /// The widest line ``pretty(_:indent:width:)`` aims for.
    public static let lineWidth = 120

    /// One line, no optional spaces: the canonical form checksums are taken over.
    public static func compact(_ value: SourceValue) -> String {
        switch value {
        case .string(let text): return literal(text)
        case .int(let number): return String(number)
        case .double(let number): return number == number.rounded() && abs(number) < 1e15 ? String(Int64(number)) + ".0" : "\(number)"
        case .bool(let flag): return flag ? "true" : "false"
        case .nilLiteral: return "nil"
        case .member(let name): return "." + name
        case .call(let name, let arguments): return name + "(" + arguments.map(compact).joined(separator: ", ") + ")"
        case .array(let items): return "[" + items.map(compact).joined(separator: ", ") + "]"
        case .verbatim(let text): return text
        }
    }

    /// Source text starting at column `indent`, wrapped to stay within `width` where it can.
    /// Continuation lines are indented by four more spaces per level.
    public static func pretty(_ value: SourceValue, indent: Int, width: Int = lineWidth) -> String {
        let flat = compact(value)
        if (indent + flat.count <= width && !containsList(value)) || !isWrappable(value) { return flat }
        let inner = String(repeating: " ", count: indent + 4)
        let closing = String(repeating: " ", count: indent)
        switch value {
        case .call(let name, let arguments):
            let lines = arguments.map { inner + pretty($0, indent: indent + 4, width: width) }
            return name + "(\n" + lines.joined(separator: ",\n") + "\n" + closing + ")"
        case .array(let items):
            let lines = items.map { inner + pretty($0, indent: indent + 4, width: width) + "," }
            return "[\n" + lines.joined(separator: "\n") + "\n" + closing + "]"
        default:
            return flat
        }
    }

    private static func pretty(_ argument: SourceArgument, indent: Int, width: Int) -> String {
        guard let label = argument.label else { return pretty(argument.value, indent: indent, width: width) }
        return label + ": " + pretty(argument.value, indent: indent, width: width)
    }

    private static func compact(_ argument: SourceArgument) -> String {
        guard let label = argument.label else { return compact(argument.value) }
        return label + ": " + compact(argument.value)
    }

    /// Lists of two or more calls (fields, operations) get a line per item, so a change to
    /// one shows as one line in a diff.
    private static func containsList(_ value: SourceValue) -> Bool {
        switch value {
        case .array(let items):
            let calls = items.allSatisfy { item in
                if case .call(let name, _) = item { name.first?.isUppercase == true } else { false }
            }
            return (items.count > 1 && calls) || items.contains(where: containsList)
        case .call(_, let arguments):
            return arguments.contains { containsList($0.value) }
        default:
            return false
        }
    }

    private static func isWrappable(_ value: SourceValue) -> Bool {
        switch value {
        case .call(_, let arguments): !arguments.isEmpty
        case .array(let items): !items.isEmpty
        default: false
        }
    }

    /// A Swift string literal for `text`, escaping quotes, backslashes and control characters.
    ///
    /// ```swift
    /// MigrationSerializer.literal("say \"hi\"\n")   // "say \"hi\"\n"
    /// ```
    public static func literal(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case "\0": result += "\\0"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    result += "\\u{" + String(scalar.value, radix: 16) + "}"
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result + "\""
    }
}
