/// Dicts given back after a render, for the next render's values of the same types.
///
/// A handler renders values of the same `Encodable` types again and again; each struct
/// becomes a dict, which is one allocation. Once a render is over, the encoded context is
/// usually held by nothing else: its dicts, emptied, wait in their ``KeyShape`` for the next
/// values of their type, which saves an allocation, a deallocation and the reference counting
/// of the shared keys per struct. Only a dict (and a list) that nothing else holds is taken
/// back — `isKnownUniquelyReferenced` says so — so a value a template or filter kept
/// somewhere is never touched.
extension EncodingSession {
    /// How deep into nested dicts and lists ``recycle(_:)`` looks.
    static let maxRecycleDepth = 4

    /// Takes back the dicts of a rendered context; `vars` is empty afterwards.
    func recycle(_ vars: inout RenderVariables) {
        guard case .dict(var dict) = vars else { return }
        // Each holder lets go before the value is looked at, so that a value held only here
        // is seen as uniquely referenced.
        vars = .swift([:])
        let storage = dict.storage
        dict = .empty
        recycle(storage, depth: 0)
    }

    /// Keeps `storage` if nothing else holds it, after emptying its values.
    private func recycle(_ storage: consuming DictStorage, depth: Int) {
        var storage = storage
        guard isKnownUniquelyReferenced(&storage), let shapeRef = shape(of: storage),
              shapeRef._withUnsafeGuaranteedRef({ $0.spares.count < KeyShape.maxSpares })
        else { return }
        for i in 0..<storage.count { recycleValue(at: storage.base + i, depth: depth + 1) }
        shapeRef._withUnsafeGuaranteedRef { $0.spares.append(storage) }
    }

    /// Leaves `None` at `p`, taking back the dicts of the value that was there.
    private func recycleValue(at p: UnsafeMutablePointer<TemplateValue>, depth: Int) {
        guard depth <= Self.maxRecycleDepth else {
            p.pointee = .none
            return
        }
        if let dict = TemplateValue.dict(at: p) {
            // The slot's reference to the dict becomes this function's.
            p.initialize(to: .none)
            recycle(dict.takeRetainedValue(), depth: depth)
        } else if TemplateValue.isList(at: p) {
            var taken = p.move()
            p.initialize(to: .none)
            guard case .list(var items) = taken else { return }
            taken = .none
            // A list that something else holds is copied here first; its dicts are then not
            // uniquely referenced and stay as they are.
            items.withUnsafeMutableBufferPointer { elements in
                for i in elements.indices { recycleValue(at: elements.baseAddress! + i, depth: depth + 1) }
            }
        } else {
            p.pointee = .none
        }
    }

    /// The shape whose key list `storage` shares, if it is one of this session's.
    private func shape(of storage: DictStorage) -> Unmanaged<KeyShape>? {
        let keys = storage.keysAddress
        if let last = lastRecycledShape, last._withUnsafeGuaranteedRef({ $0.keysAddress == keys }) { return last }
        for info in keyTypes {
            if let shape = info.shape, shape.keysAddress == keys {
                lastRecycledShape = .passUnretained(shape)
                return .passUnretained(shape)
            }
        }
        return nil
    }
}
