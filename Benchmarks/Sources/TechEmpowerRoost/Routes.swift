import Roost
import RoostORM

extension App {
    /// The six TechEmpower tests.
    func addTechEmpowerRoutes() {
        get("/plaintext") { _ in "Hello, World!" }

        get("/json") { _ in Message(message: "Hello, World!") }

        get("/db") { req in
            try await World.objects.get(pk: randomID(), on: req.db)
        }

        get("/queries") { req in
            var worlds: [World] = []
            for _ in 0..<queryCount(req) {
                worlds.append(try await World.objects.get(pk: randomID(), on: req.db))
            }
            return worlds
        }

        get("/fortunes") { req in
            var fortunes = try await Fortune.objects.all(on: req.db)
            fortunes.append(Fortune(id: 0, message: "Additional fortune added at request time."))
            fortunes.sort { $0.message < $1.message }
            return try req.render("fortunes.html", FortunesPage(fortunes: fortunes))
        }

        get("/updates") { req in
            var worlds: [World] = []
            for _ in 0..<queryCount(req) {
                var world = try await World.objects.get(pk: randomID(), on: req.db)
                world.randomNumber = .random(in: 1...10_000)
                worlds.append(world)
            }
            // Written in id order, so that concurrent requests cannot deadlock each other.
            try await World.objects.bulkUpdate(worlds.sorted { $0.id! < $1.id! }, fields: [\World.randomNumber], on: req.db)
            return worlds
        }
    }
}

/// The `queries` parameter as the TechEmpower rules read it: 1…500, anything else 1.
func queryCount(_ req: Request) -> Int {
    min(max(req.query["queries"].flatMap { Int($0) } ?? 1, 1), 500)
}

/// A random World id.
func randomID() -> Int64 { .random(in: 1...10_000) }
