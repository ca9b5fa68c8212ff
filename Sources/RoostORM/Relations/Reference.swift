public import RoostDatabase

/// A reference to another model's row: the foreign key's value, and the row itself once
/// loaded by `selectRelated`, `prefetchRelated` or ``fetch(on:)``.
///
/// ```swift
/// let post = try await Post.objects.selectRelated(\.author).get(id: 1, on: db)
/// print(post.author.id, post.author.object?.name ?? "?")
/// ```
public struct Reference<Target: Model>: Sendable {
    /// The referenced row's primary key.
    public var id: Target.ID
    /// The referenced row, when it was loaded with the query.
    public var object: Target?

    /// A reference by primary key.
    @inlinable
    public init(id: Target.ID) {
        self.id = id
        self.object = nil
    }

    /// A reference to a saved model (its primary key must be set).
    /// - Precondition: `target` has been saved.
    public init(_ target: Target) {
        guard let id = try? Target.ID(databaseValue: target.primaryKeyValue) else {
            preconditionFailure("Reference(\(Target.self)) to a model that has not been saved yet")
        }
        self.id = id
        self.object = target
    }

    /// The referenced row: the loaded one, or fetched now.
    /// - Throws: ``ObjectDoesNotExist`` when the row is gone.
    public func fetch(on database: any DatabaseExecutor) async throws -> Target {
        if let object { return object }
        return try await Target.objects.get(pk: id, on: database)
    }
}

extension Reference: DatabaseValueConvertible {
    public var databaseValue: DatabaseValue { id.databaseValue }

    @inlinable
    public init(databaseValue: DatabaseValue) throws(DatabaseDecodingError) {
        self.init(id: try Target.ID(databaseValue: databaseValue))
    }
}

extension Reference: ModelFieldValue {
    public static var fieldType: FieldType {
        let type = Target.ID.fieldType
        return type == .autoIncrement ? .bigInteger : type
    }
}

extension Reference: Encodable where Target.ID: Encodable {
    /// Encodes as the primary key, or as the object when it was loaded and is encodable.
    public func encode(to encoder: any Encoder) throws {
        if let object = object as? any Encodable {
            try object.encode(to: encoder)
        } else {
            var container = encoder.singleValueContainer()
            try container.encode(id)
        }
    }
}

extension Reference: Equatable {
    public static func == (lhs: Reference, rhs: Reference) -> Bool { lhs.id == rhs.id }
}
