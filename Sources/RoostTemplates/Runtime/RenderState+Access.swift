/// Attribute access, subscription and calls with Jinja's rules: `a.b` tries the attribute,
/// then the item; `a['b']` tries the item, then the attribute; failures give undefined.
extension RenderState {
    func undefinedAttribute(_ obj: TemplateValue, _ key: TemplateValue) -> TemplateValue {
        if case .string(let s) = key {
            return .undefined(UndefinedValue(.attribute(owner: obj.objectTypeRepr, key: PythonRepr.string(s))))
        }
        if case .markup(let s) = key {
            return .undefined(UndefinedValue(.attribute(owner: obj.objectTypeRepr, key: PythonRepr.string(s))))
        }
        return .undefined(UndefinedValue(.element(owner: obj.objectTypeRepr, key: key.repr)))
    }

    /// `obj.name`.
    func getattr(_ obj: TemplateValue, _ name: String) throws -> TemplateValue {
        switch obj {
        case .dict(let d):
            if BuiltinMethods.isDictMethod(name) { return BuiltinMethods.bound(obj, name) }
            if let v = d[name] { return v }
        case .object(let o):
            if let v = o.attribute(named: name) { return v }
        case .undefined(let u):
            if undefined == .chainable { return obj }
            throw undefinedError(u)
        case .callable(let c):
            if case .macro(let m) = c.kind, let v = m.attribute(name) { return v }
        default:
            if let v = BuiltinMethods.attribute(obj, name) { return v }
        }
        return undefinedAttribute(obj, .string(name))
    }

    /// `obj[key]`.
    func getitem(_ obj: TemplateValue, _ key: TemplateValue) throws -> TemplateValue {
        switch obj {
        case .dict(let d):
            if let v = d[key] { return v }
        case .list(let items), .tuple(let items):
            if let i = key.intValue, !isFloat(key) {
                let idx = i < 0 ? items.count + i : i
                if idx >= 0 && idx < items.count { return items[idx] }
            }
        case .string(let s), .markup(let s):
            if let i = key.intValue, !isFloat(key) {
                let scalars = s.unicodeScalars
                let n = scalars.count
                let idx = i < 0 ? n + i : i
                if idx >= 0 && idx < n {
                    let c = String(scalars[scalars.index(scalars.startIndex, offsetBy: idx)])
                    return obj.isMarkup ? .markup(c) : .string(c)
                }
            }
        case .undefined(let u):
            if undefined == .chainable { return obj }
            throw undefinedError(u)
        case .object(let o):
            if let name = key.stringValue, let v = o.attribute(named: name) { return v }
            if let i = key.intValue, !isFloat(key), let items = o.iterated {
                let idx = i < 0 ? items.count + i : i
                if idx >= 0 && idx < items.count { return items[idx] }
            }
        default:
            break
        }
        if let name = key.stringValue {
            switch obj {
            case .dict, .object: break
            default:
                if let v = try? getattr(obj, name), v.isDefined { return v }
            }
            if case .dict = obj, BuiltinMethods.isDictMethod(name) { return BuiltinMethods.bound(obj, name) }
        }
        return undefinedAttribute(obj, key)
    }

    private func isFloat(_ v: TemplateValue) -> Bool {
        if case .double = v { return true }
        return false
    }

    /// `obj[start:stop:step]`.
    func slice(_ obj: TemplateValue, _ start: TemplateValue, _ stop: TemplateValue, _ step: TemplateValue) throws -> TemplateValue {
        func bound(_ v: TemplateValue) throws -> Int? {
            switch v {
            case .none: return nil
            case .int(let i): return i
            case .bool(let b): return b ? 1 : 0
            case .undefined(let u): throw undefinedError(u)
            default: throw TemplateError.type("slice indices must be integers or None or have an __index__ method")
            }
        }
        let b = (try bound(start), try bound(stop), try bound(step))
        switch obj {
        case .list(let items): return .list(try PySlice.apply(items, b.0, b.1, b.2))
        case .tuple(let items): return .tuple(try PySlice.apply(items, b.0, b.1, b.2))
        case .string(let s), .markup(let s):
            let scalars = Array(s.unicodeScalars)
            var view = String.UnicodeScalarView()
            view.append(contentsOf: try PySlice.apply(scalars, b.0, b.1, b.2))
            return obj.isMarkup ? .markup(String(view)) : .string(String(view))
        case .undefined(let u):
            if undefined == .chainable { return obj }
            throw undefinedError(u)
        default:
            return undefinedAttribute(obj, .none)
        }
    }

    /// Calls `callee` with `args`.
    func call(_ callee: TemplateValue, _ args: TemplateArguments) throws -> TemplateValue {
        switch callee {
        case .callable(let c): return try c.call(args, self)
        case .object(let o):
            if let loop = o.asLoop { return try loop.call(args, self) }
            throw TemplateError.type("'\(o.typeName)' object is not callable")
        case .undefined(let u):
            throw undefinedError(u)
        default:
            throw TemplateError.type("'\(callee.typeName)' object is not callable")
        }
    }
}

/// Python slice semantics.
enum PySlice {
    static func apply<T>(_ items: [T], _ start: Int?, _ stop: Int?, _ step: Int?) throws -> [T] {
        let n = items.count
        let step = step ?? 1
        if step == 0 { throw TemplateError.value("slice step cannot be zero") }
        var out: [T] = []
        if step > 0 {
            var lo = start ?? 0
            var hi = stop ?? n
            if lo < 0 { lo = max(0, lo + n) }
            if hi < 0 { hi = max(0, hi + n) }
            lo = min(lo, n)
            hi = min(hi, n)
            var i = lo
            while i < hi {
                out.append(items[i])
                i += step
            }
        } else {
            var hi = start ?? (n - 1)
            var lo = stop ?? -1
            if start != nil {
                if hi < 0 { hi += n }
                hi = min(hi, n - 1)
            }
            if let s = stop {
                lo = s < 0 ? max(-1, s + n) : min(s, n - 1)
            }
            var i = hi
            while i > lo && i >= 0 {
                out.append(items[i])
                i += step
            }
        }
        return out
    }
}
