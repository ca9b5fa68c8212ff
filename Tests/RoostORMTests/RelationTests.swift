import Foundation
import RoostDatabase
@testable import RoostORM
import Testing

@Suite(.serialized) struct RelationTests {
    @Test(arguments: Backend.allCases)
    func selectsRelatedRowsInTheSameQuery(_ backend: Backend) async throws {
        try await backend.withDatabase { db in
            _ = try await seed(db)
            let recorder = QueryRecorder()
            let articles = try await recorder.record {
                try await Article.objects.selectRelated(\.author).selectRelated(\.editor).orderBy(\.id).all(on: db)
            }
            #expect(recorder.count == 1)
            #expect(articles.map { $0.author.object?.name } == ["Ada", "Ada", "Bob", "Bob"])
            #expect(articles.map { $0.editor?.object?.name } == [nil, "Bob", nil, nil])
        }
    }

    @Test(arguments: Backend.allCases)
    func prefetchesWithOneQueryPerRelation(_ backend: Backend) async throws {
        try await backend.withDatabase { db in
            let articles = try await seedLabelledArticles(db)
            try await articles[1].relation(\.labels).add(Label.objects.get(on: db) { $0.name == "nio" }, on: db)
            let recorder = QueryRecorder()
            let loaded = try await recorder.record {
                try await Article.objects.prefetchRelated(\.labels).prefetchRelated(\.author).orderBy(\.id).all(on: db)
            }
            #expect(recorder.count == 3, "one for articles, one per relation: no N+1")
            #expect(loaded.map { $0.labels.objects?.map(\.name) ?? [] } == [["swift", "nio"], ["nio"], [], []])
            #expect(loaded.allSatisfy { $0.author.object != nil })
        }
    }

    @Test(arguments: Backend.allCases)
    func prefetchGroupsTargetsPerSourcePosition(_ backend: Backend) async throws {
        try await backend.withDatabase { db in
            let articles = try await seedLabelledArticles(db)
            let relation = try #require(Article.schema.manyToMany.first { $0.name == "labels" })
            // A source listed twice, an unsaved one (NULL key) and one without links.
            let keys = [articles[1], articles[0], articles[1], articles[3]].map(\.primaryKeyValue)
            let groups = try await ManyToManyRelationLoader<Article, Label>(relation: relation)
                .load(for: [keys[0], .null] + keys.dropFirst(), on: db)
            #expect(groups.map { $0.map(\.name) } == [["nio"], [], ["swift", "nio"], ["nio"], []])
        }
    }

    @Test(arguments: Backend.allCases)
    func managesManyToManyLinks(_ backend: Backend) async throws {
        try await backend.withDatabase { db in
            let (_, _, articles) = try await seed(db)
            let labels = try await Label.objects.bulkCreate(["a", "b", "c"].map { Label(name: $0) }, on: db)
            let relation = articles[0].relation(\.labels)
            try await relation.set(labels, on: db)
            #expect(try await relation.objects.count(on: db) == 3)
            try await relation.remove(labels[1], on: db)
            #expect(try await relation.objects.orderBy(\.name).valuesList({ $0.name }, on: db) == ["a", "c"])
            #expect(try await relation.objects.filter { $0.name == "c" }.count(on: db) == 1)
            try await relation.clear(on: db)
            #expect(try await relation.objects.count(on: db) == 0)
            try await relation.add(labels, on: db)
            try await labels[0].delete(on: db)
            #expect(try await relation.objects.count(on: db) == 2, "deleting a label removes its links")
        }
    }

    @Test(arguments: Backend.allCases)
    func readsManyToManyThroughAnExplicitModel(_ backend: Backend) async throws {
        try await backend.withDatabase { db in
            let (ada, bob, _) = try await seed(db)
            let club = try await Club.objects.create(Club(name: "Compilers", members: ManyToMany()), on: db)
            _ = try await Membership.objects.create(Membership(author: Reference(ada), club: Reference(club), role: "chair"), on: db)
            _ = try await Membership.objects.create(Membership(author: Reference(bob), club: Reference(club)), on: db)
            #expect(Club.schema.manyToMany.first?.table == "orm_membership")
            #expect(try await club.relation(\.members).objects.orderBy(\.name).valuesList({ $0.name }, on: db) == ["Ada", "Bob"])
            let loaded = try await Club.objects.prefetchRelated(\.members).all(on: db)
            #expect(loaded.first?.members.objects?.map(\.name) == ["Ada", "Bob"])
            #expect(try await Membership.objects.filter { $0.role == "chair" }.valuesList({ $0.author.name }, on: db) == ["Ada"])
        }
    }

    @Test(arguments: Backend.allCases)
    func appliesOnDeleteRules(_ backend: Backend) async throws {
        try await backend.withDatabase { db in
            let (ada, bob, _) = try await seed(db)
            try await bob.delete(on: db)
            let remaining = try await Article.objects.orderBy(\.id).all(on: db)
            #expect(remaining.count == 2, "cascade removed Bob's articles")
            #expect(remaining.allSatisfy { $0.editor == nil }, "set null cleared Bob as editor")
            try await ada.delete(on: db)
            #expect(try await Article.objects.count(on: db) == 0)
        }
    }

    @Test(arguments: Backend.allCases)
    func fetchesAReferenceOnDemand(_ backend: Backend) async throws {
        try await backend.withDatabase { db in
            let (ada, _, articles) = try await seed(db)
            let article = try await Article.objects.get(pk: try #require(articles[0].id), on: db)
            #expect(article.author.object == nil)
            #expect(try await article.author.fetch(on: db) == ada)
        }
    }

    /// The seeded articles, the first labelled "swift" and "nio", the second "nio".
    private func seedLabelledArticles(_ db: Database) async throws -> [Article] {
        let (_, _, articles) = try await seed(db)
        let swift = try await Label.objects.create(Label(name: "swift"), on: db)
        let nio = try await Label.objects.create(Label(name: "nio"), on: db)
        try await articles[0].relation(\.labels).add([swift, nio], on: db)
        try await articles[1].relation(\.labels).add(nio, on: db)
        return articles
    }
}
