/// The values of dicts, many dicts to one allocation: the encoder moves the values of each
/// struct it finishes into the session's current chunk, and the dict refers to its range.
/// This saves an allocation and a deallocation per struct.
///
/// A chunk is filled by one encoder on one thread and only read once the encode call that
/// filled it has returned (see ``ChunkReference``); it lives as long as a dict refers to it.
final class ValueChunk: ManagedBuffer<ValueChunk.Header, TemplateValue> {
    struct Header {
        var count: Int
        let capacity: Int
    }

    /// An empty chunk with room for `capacity` values.
    static func make(capacity: Int) -> ValueChunk {
        let buffer = ValueChunk.create(minimumCapacity: capacity) { _ in Header(count: 0, capacity: capacity) }
        return unsafeDowncast(buffer, to: ValueChunk.self)
    }

    /// A chunk holding exactly `values`.
    static func make(copying values: [TemplateValue]) -> ValueChunk {
        let chunk = make(capacity: values.count)
        chunk.withUnsafeMutablePointers { header, elements in
            values.withUnsafeBufferPointer { source in
                if let base = source.baseAddress { elements.initialize(from: base, count: source.count) }
            }
            header.pointee.count = values.count
        }
        return chunk
    }

    deinit {
        withUnsafeMutablePointers { header, elements in
            _ = elements.deinitialize(count: header.pointee.count)
        }
    }

    /// The first value (stable for the chunk's life).
    @inline(__always)
    var base: UnsafeMutablePointer<TemplateValue> { withUnsafeMutablePointerToElements { $0 } }

    /// How many more values fit.
    @inline(__always)
    var room: Int { withUnsafeMutablePointerToHeader { $0.pointee.capacity - $0.pointee.count } }

    /// Moves `count` values from `source` to the end of the chunk, which has room for them;
    /// returns the position of the first.
    @inline(__always)
    func append(moving source: UnsafeMutablePointer<TemplateValue>, count: Int) -> Int {
        withUnsafeMutablePointers { header, elements in
            let start = header.pointee.count
            (elements + start).moveInitialize(from: source, count: count)
            header.pointee.count = start + count
            return start
        }
    }
}

/// A dict's reference to its chunk. `ManagedBuffer` is not `Sendable`; a chunk is written only
/// by the encode call that fills it, before any dict referring to it can reach another
/// thread, and never after, hence `@unchecked Sendable`.
struct ChunkReference: @unchecked Sendable {
    let chunk: ValueChunk
}
