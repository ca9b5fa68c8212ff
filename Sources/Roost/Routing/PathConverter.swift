#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A typed placeholder in a route pattern, such as `<int:id>`.
///
/// Converters decide which path segments a placeholder matches and in which order
/// overlapping routes are tried: `/users/<int:id>` is tried before `/users/<name>`, and a
/// literal `/users/me` before both.
public struct PathConverter: Sendable, Hashable, CustomStringConvertible {
    /// The built-in converters.
    enum Kind: String, Sendable, CaseIterable {
        case int
        case float
        case uuid
        case slug
        case string
        case path
    }

    let kind: Kind

    /// A non-negative decimal integer (`42`). Handlers receive it as an integer type.
    public static let int = PathConverter(kind: .int)
    /// A decimal number with a dot (`1.5`).
    public static let float = PathConverter(kind: .float)
    /// A UUID in its canonical 8-4-4-4-12 form, any case.
    public static let uuid = PathConverter(kind: .uuid)
    /// ASCII letters, digits, `-` and `_` (`hello-world_2`).
    public static let slug = PathConverter(kind: .slug)
    /// Any non-empty segment (an encoded `%2F` inside it is kept as `/`). The default for `<name>`.
    public static let string = PathConverter(kind: .string)
    /// The rest of the path, slashes included; only valid as the last placeholder.
    public static let path = PathConverter(kind: .path)

    /// Finds the converter named in a pattern.
    init?(name: String) {
        guard let kind = Kind(rawValue: name) else { return nil }
        self.kind = kind
    }

    private init(kind: Kind) {
        self.kind = kind
    }

    /// The converter's name as written in patterns.
    public var description: String { kind.rawValue }

    /// Lower runs first when several placeholders could match the same segment.
    var priority: Int {
        switch kind {
        case .int: 0
        case .float: 1
        case .uuid: 2
        case .slug: 3
        case .string: 4
        case .path: 5
        }
    }

    /// Whether a decoded segment is acceptable for this converter.
    func matches(_ segment: Substring) -> Bool {
        guard !segment.isEmpty else { return false }
        switch kind {
        case .int:
            return segment.utf8.count <= 18 && segment.utf8.allSatisfy { $0 >= 48 && $0 <= 57 }
        case .float:
            var sawDot = false
            var digits = 0
            for byte in segment.utf8 {
                if byte == UInt8(ascii: ".") {
                    if sawDot { return false }
                    sawDot = true
                } else if byte >= 48 && byte <= 57 {
                    digits += 1
                } else {
                    return false
                }
            }
            return sawDot && digits > 0 && segment.utf8.first != UInt8(ascii: ".")
                && segment.utf8.last != UInt8(ascii: ".")
        case .uuid:
            return segment.utf8.count == 36 && UUID(uuidString: String(segment)) != nil
        case .slug:
            return segment.utf8.allSatisfy { byte in
                (byte >= 48 && byte <= 57) || (byte >= 65 && byte <= 90) || (byte >= 97 && byte <= 122)
                    || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_")
            }
        case .string, .path:
            // Segments are split before decoding, so a `/` here came from `%2F`: it is data.
            return true
        }
    }
}
