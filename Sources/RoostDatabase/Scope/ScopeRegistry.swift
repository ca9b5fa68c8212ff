/// Task-local bookkeeping that makes ``Database`` calls inside `db.transaction { … }` (or
/// `db.withConnection { … }`) run on the pinned connection — Django's rule that everything
/// inside `atomic()` shares its connection. It also avoids the classic pool deadlock where a
/// transaction holds the last connection and a query inside it waits for another.
enum ScopeRegistry {
    /// An immutable list of the scopes active in this task, innermost first.
    final class Node: Sendable {
        let scope: ConnectionScope
        let next: Node?

        init(scope: ConnectionScope, next: Node?) {
            self.scope = scope
            self.next = next
        }
    }

    @TaskLocal static var active: Node?

    /// Scopes whose connection is streaming rows in this task; a statement on one of them
    /// from inside the stream would wait for itself.
    @TaskLocal static var streaming: [ObjectIdentifier] = []

    /// The innermost open scope of `pool` in this task, if any.
    static func scope(for pool: ConnectionPool) -> ConnectionScope? {
        var node = active
        while let current = node {
            if current.scope.pool === pool, current.scope.isOpen { return current.scope }
            node = current.next
        }
        return nil
    }
}
