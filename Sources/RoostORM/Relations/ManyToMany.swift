/// A many-to-many relation on a model. It holds no column: the links live in a join table.
/// After `prefetchRelated`, ``objects`` holds the related rows.
///
/// ```swift
/// @Model struct Post { var id: Int64?; @ManyToMany var tags: ManyToMany<Tag> }
/// try await post.tags.add(swift, on: db)                    // via the relation helpers
/// let posts = try await Post.objects.prefetchRelated(\.tags).all(on: db)
/// posts[0].tags.objects                                      // [Tag], no extra query
/// ```
public struct ManyToMany<Target: Model>: Sendable {
    /// The related rows, when prefetched.
    public var objects: [Target]?

    /// An unloaded relation.
    public init() {
        objects = nil
    }

    init(objects: [Target]) {
        self.objects = objects
    }
}

extension ManyToMany: Encodable {
    /// Encodes the prefetched rows (an empty list when not loaded).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.unkeyedContainer()
        for object in objects ?? [] {
            if let encodable = object as? any Encodable { try container.encode(encodable) }
        }
    }
}
