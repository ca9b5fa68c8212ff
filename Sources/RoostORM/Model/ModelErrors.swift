/// Thrown by `get` when no row matches: Django's `DoesNotExist`, typed by model.
///
/// ```swift
/// do { _ = try await Post.objects.get(pk: 7, on: db) }
/// catch is ObjectDoesNotExist<Post> { … }
/// ```
public struct ObjectDoesNotExist<M: Model>: ObjectDoesNotExistError, CustomStringConvertible {
    /// The model's name.
    public var modelName: String { M.schema.name }
    public var description: String { "\(M.schema.name) matching query does not exist." }
}

/// Thrown by `get` when several rows match: Django's `MultipleObjectsReturned`.
public struct MultipleObjectsReturned<M: Model>: Error, Sendable, CustomStringConvertible {
    /// How many rows matched (at least 2; counting stops at 21).
    public let count: Int
    public var description: String {
        "get() returned more than one \(M.schema.name) -- it returned \(count > 20 ? "more than 20" : "\(count)")!"
    }
}

/// Any model's "does not exist" error, so web layers can map them all to 404.
public protocol ObjectDoesNotExistError: Error, Sendable {
    /// The model's name.
    var modelName: String { get }
}

/// A delete refused because protected rows reference the row (`OnDelete.protect` /
/// `.restrict`).
public struct ProtectedError: Error, Sendable, CustomStringConvertible {
    /// The model whose delete was refused.
    public let model: String
    /// The constraint that refused it.
    public let constraint: String?
    public var description: String {
        "cannot delete \(model): other rows still reference it" + (constraint.map { " (\($0))" } ?? "")
    }
}

/// A model operation that needs a saved model (or an unsaved one) was given the other.
public struct ModelStateError: Error, Sendable, CustomStringConvertible {
    public let description: String
}
