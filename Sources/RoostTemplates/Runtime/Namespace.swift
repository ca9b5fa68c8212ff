import Synchronization

/// Jinja's `namespace()`: an object whose attributes `{% set ns.attr = … %}` can change from
/// inside loops and blocks.
final class Namespace: TemplateObject {
    private let storage: Mutex<[(String, TemplateValue)]>

    init(_ initial: [(String, TemplateValue)]) {
        storage = Mutex(initial)
    }

    var typeName: String { "Namespace" }

    func attribute(named name: String) -> TemplateValue? {
        storage.withLock { attrs in attrs.last { $0.0 == name }?.1 }
    }

    func set(_ name: String, _ value: TemplateValue) {
        storage.withLock { attrs in
            if let i = attrs.firstIndex(where: { $0.0 == name }) {
                attrs[i].1 = value
            } else {
                attrs.append((name, value))
            }
        }
    }

    var printed: String {
        let pairs = storage.withLock { $0 }
        let dict = TemplateValue.dict(TemplateDict(pairs.map { (TemplateValue.string($0.0), $0.1) }))
        return "<Namespace \(dict.repr)>"
    }
}

/// Jinja's `cycler(*items)`: `next()`, `reset()` and `current`.
final class Cycler: TemplateObject {
    private let items: [TemplateValue]
    private let position = Mutex(0)

    init(_ items: [TemplateValue]) {
        self.items = items
    }

    var typeName: String { "Cycler" }

    func attribute(named name: String) -> TemplateValue? {
        switch name {
        case "current":
            return position.withLock { items[$0] }
        case "next":
            return .callable(TemplateCallable(name: "next") { [self] _ in
                self.position.withLock { p in
                    let v = self.items[p]
                    p = (p + 1) % self.items.count
                    return v
                }
            })
        case "reset":
            return .callable(TemplateCallable(name: "reset") { [self] _ in
                self.position.withLock { $0 = 0 }
                return .none
            })
        case "items":
            return .list(items)
        default:
            return nil
        }
    }
}

/// State of a `joiner()`: the first call returns `""`, later calls the separator.
final class JoinerState: Sendable {
    let used = Mutex(false)
}
