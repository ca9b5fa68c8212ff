import ArgumentParser

/// `routes`: prints the route table.
struct RoutesCommand: AppCommand {
    static let configuration = CommandConfiguration(
        commandName: "routes",
        abstract: "List every route: method, pattern and name."
    )

    func run(app: App) async throws {
        let routes = try app.compiled().context.routes
        app.console.write(Self.table(routes))
    }

    static func table(_ routes: [RouteInfo]) -> String {
        let rows = routes.map { [$0.method.rawValue, $0.pattern.description, $0.name ?? ""] }
        let header = ["METHOD", "PATH", "NAME"]
        var widths = header.map(\.count)
        for row in rows {
            for (index, cell) in row.enumerated() { widths[index] = max(widths[index], cell.count) }
        }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { index, cell in
                index == cells.count - 1 ? cell : cell + String(repeating: " ", count: widths[index] - cell.count + 2)
            }.joined() + "\n"
        }
        return line(header) + rows.map(line).joined()
    }
}
