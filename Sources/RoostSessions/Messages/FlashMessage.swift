/// A one-time message for the visitor's next page ("Saved.", "Wrong password."): Django's
/// messages framework, kept in the session until shown.
///
/// ```swift
/// app.post("/posts") { req in
///     …
///     req.flash("Your post was published.", level: .success)
///     return Response.redirect(to: "/posts")
/// }
/// ```
///
/// ```jinja
/// {% for message in messages %}
///   <p class="{{ message.tags }}">{{ message }}</p>
/// {% endfor %}
/// ```
public struct FlashMessage: Sendable, Codable, Equatable, CustomStringConvertible {
    /// How important a message is; Django's numeric levels and tag names.
    public struct Level: Sendable, Codable, Hashable, Comparable {
        /// The numeric level (Django's `DEBUG` 10 … `ERROR` 40).
        public let rawValue: Int

        /// A level of your own.
        public init(rawValue: Int) {
            self.rawValue = rawValue
        }

        /// 10, for development messages.
        public static let debug = Level(rawValue: 10)
        /// 20, for information.
        public static let info = Level(rawValue: 20)
        /// 25, for a successful action.
        public static let success = Level(rawValue: 25)
        /// 30, for a failure that is not yet a problem.
        public static let warning = Level(rawValue: 30)
        /// 40, for a failed action.
        public static let error = Level(rawValue: 40)

        /// The CSS-friendly name: `debug`, `info`, `success`, `warning`, `error`, or empty.
        public var tag: String {
            switch rawValue {
            case 10: "debug"
            case 20: "info"
            case 25: "success"
            case 30: "warning"
            case 40: "error"
            default: ""
            }
        }

        public static func < (lhs: Level, rhs: Level) -> Bool { lhs.rawValue < rhs.rawValue }

        public init(from decoder: any Decoder) throws {
            rawValue = try decoder.singleValueContainer().decode(Int.self)
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            try container.encode(rawValue)
        }
    }

    /// The text shown.
    public var text: String
    /// The level.
    public var level: Level
    /// Extra CSS classes, space-separated.
    public var extraTags: String

    /// Creates a message.
    public init(_ text: String, level: Level = .info, extraTags: String = "") {
        self.text = text
        self.level = level
        self.extraTags = extraTags
    }

    /// The level's tag and the extra tags, for a `class` attribute (Django's `message.tags`).
    public var tags: String {
        [extraTags, level.tag].filter { !$0.isEmpty }.joined(separator: " ")
    }

    public var description: String { text }

    private enum CodingKeys: String, CodingKey { case text = "m", level = "l", extraTags = "t" }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        text = try container.decode(String.self, forKey: .text)
        level = try container.decode(Level.self, forKey: .level)
        extraTags = try container.decodeIfPresent(String.self, forKey: .extraTags) ?? ""
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(text, forKey: .text)
        try container.encode(level, forKey: .level)
        if !extraTags.isEmpty { try container.encode(extraTags, forKey: .extraTags) }
    }
}
