import Synchronization

/// A thread-safe list that closures running in other tasks can append to.
final class LockedList<Element: Sendable>: Sendable {
    private let storage = Mutex<[Element]>([])

    func append(_ element: Element) {
        storage.withLock { $0.append(element) }
    }

    func removeAll() {
        storage.withLock { $0.removeAll() }
    }

    var elements: [Element] { storage.withLock { $0 } }
}
