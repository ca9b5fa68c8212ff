import Foundation
import RoostDatabase
import RoostORM
import Testing

/// Inserts a small data set: two authors, four articles, three labels.
func seed(_ db: Database) async throws -> (ada: Author, bob: Author, articles: [Article]) {
    let ada = try await Author.objects.create(Author(name: "Ada", email: "ada@example.com"), on: db)
    let bob = try await Author.objects.create(Author(name: "Bob", email: nil, active: false), on: db)
    let day: TimeInterval = 86_400
    let base = Date(timeIntervalSince1970: 1_700_000_000)
    var articles: [Article] = []
    let specs: [(String, Int, ArticleStatus, Author, Date?)] = [
        ("Swift on the server", 10, ArticleStatus.published, ada, base),
        ("NIO in depth", 30, .published, ada, base.addingTimeInterval(day * 40)),
        ("Draft: templates", 0, .draft, bob, nil),
        ("100% pure Swift_fun", 5, .archived, bob, base.addingTimeInterval(day * 400)),
    ]
    for (index, spec) in specs.enumerated() {
        var article = Article(
            title: spec.0, views: spec.1, rating: index == 0 ? nil : Double(index) + 0.5, status: spec.2,
            publishedAt: spec.4, author: Reference(spec.3), editor: index == 1 ? Reference(bob) : nil, labels: ManyToMany()
        )
        try await article.save(on: db)
        articles.append(article)
    }
    return (ada, bob, articles)
}

@Suite(.serialized) struct QuerySetTests {
    @Test(arguments: Backend.allCases)
    func createsReadsUpdatesAndDeletes(_ backend: Backend) async throws {
        try await backend.withDatabase { db in
            var author = Author(name: "Grace", email: "grace@example.com", born: CalendarDate(year: 1906, month: 12, day: 9))
            #expect(!author.isSaved)
            try await author.save(on: db)
            let id = try #require(author.id)
            let loaded = try await Author.objects.get(pk: id, on: db)
            #expect(loaded == author)
            author.name = "Grace Hopper"
            try await author.save(on: db)
            #expect(try await Author.objects.get(pk: id, on: db).name == "Grace Hopper")
            try await author.delete(on: db)
            await #expect(throws: ObjectDoesNotExist<Author>.self) { try await Author.objects.get(pk: id, on: db) }
        }
    }

    /// `get(pk:)` reuses its compiled statement: every key finds its own row, a QuerySet
    /// with a filter still applies it, and a UUID key works the same.
    @Test(arguments: Backend.allCases)
    func primaryKeyLookupsFindTheirOwnRow(_ backend: Backend) async throws {
        try await backend.withDatabase { db in
            let authors = try await Author.objects.bulkCreate((0..<30).map { Author(name: "n\($0)", active: $0 % 2 == 0) }, on: db)
            for author in authors.shuffled() {
                #expect(try await Author.objects.get(pk: author.id!, on: db) == author)
            }
            let inactive = try #require(authors.first { !$0.active })
            await #expect(throws: ObjectDoesNotExist<Author>.self) {
                try await Author.objects.filter { $0.active == true }.get(pk: inactive.id!, on: db)
            }
            #expect(try await Author.objects.filter { $0.active == false }.get(pk: inactive.id!, on: db) == inactive)
            let document = try await Document.objects.create(Document(title: "u"), on: db)
            #expect(try await Document.objects.get(pk: document.id, on: db).title == "u")
            await #expect(throws: ObjectDoesNotExist<Document>.self) { try await Document.objects.get(pk: UUID(), on: db) }
        }
    }

    /// Models are decoded as the driver reads rows, into storage that starts small: results
    /// of every size come back whole and in order, and a row that does not fit its model
    /// fails the query without harming the connection.
    @Test(arguments: Backend.allCases)
    func readsResultsOfAnySize(_ backend: Backend) async throws {
        try await backend.withDatabase { db in
            #expect(try await Author.objects.all(on: db).isEmpty)
            let authors = try await Author.objects.bulkCreate((0..<300).map { Author(name: "n\($0)") }, on: db)
            let ordered = Author.objects.orderBy(\.id)
            #expect(try await ordered.all(on: db) == authors)
            #expect(try await ordered[0..<5].all(on: db) == Array(authors[0..<5]))
            #expect(try await ordered[250..<400].all(on: db) == Array(authors[250..<300]))
            #expect(try await ordered.limit(1000).all(on: db).count == 300)
            #expect(try await Author.objects.get(pk: authors[299].id!, on: db) == authors[299])

            guard backend == .sqlite else { return }
            // SQLite stores text in an integer column: the model cannot read that row back.
            try await db.execute("UPDATE \(identifier: "orm_author") SET \(identifier: "active") = \("maybe") WHERE id = \(authors[200].id!)")
            await #expect {
                _ = try await ordered.all(on: db)
            } throws: { error in
                (error as? ModelDecodingError)?.field == "Author.active"
            }
            #expect(try await ordered[0..<200].all(on: db).count == 200, "the rows before it still read")
        }
    }

    @Test(arguments: Backend.allCases)
    func filtersWithLookups(_ backend: Backend) async throws {
        try await backend.withDatabase { db in
            _ = try await seed(db)
            func titles(_ query: QuerySet<Article>) async throws -> [String] {
                try await query.orderBy(\.id).all(on: db).map(\.title)
            }
            #expect(try await titles(Article.objects.filter { $0.views > 5 }) == ["Swift on the server", "NIO in depth"])
            #expect(try await titles(Article.objects.filter { $0.views >= 5 && $0.views <= 10 }) == ["Swift on the server", "100% pure Swift_fun"])
            #expect(try await titles(Article.objects.filter { $0.title.contains("Swift") }) == ["Swift on the server", "100% pure Swift_fun"])
            #expect(try await titles(Article.objects.filter { $0.title.contains("swift") }).isEmpty)
            #expect(try await titles(Article.objects.filter { $0.title.icontains("swift") }).count == 2)
            #expect(try await titles(Article.objects.filter { $0.title.contains("100%") }) == ["100% pure Swift_fun"])
            #expect(try await titles(Article.objects.filter { $0.title.contains("_") }) == ["100% pure Swift_fun"])
            #expect(try await titles(Article.objects.filter { $0.title.startsWith("NIO") }) == ["NIO in depth"])
            #expect(try await titles(Article.objects.filter { $0.title.istartsWith("nio") }) == ["NIO in depth"])
            #expect(try await titles(Article.objects.filter { $0.title.endsWith("depth") }) == ["NIO in depth"])
            #expect(try await titles(Article.objects.filter { $0.title.iequals("nio IN DEPTH") }) == ["NIO in depth"])
            #expect(try await titles(Article.objects.filter { $0.publishedAt == nil }) == ["Draft: templates"])
            #expect(try await titles(Article.objects.filter { $0.rating != nil }).count == 3)
            #expect(try await titles(Article.objects.filter { $0.status.isIn([.draft, .archived]) }).count == 2)
            #expect(try await titles(Article.objects.filter { $0.status.isIn([]) }).isEmpty)
            #expect(try await titles(Article.objects.filter { $0.views.isBetween(1...10) }).count == 2)
            #expect(try await titles(Article.objects.filter { $0.publishedAt.year == 2024 }) == ["100% pure Swift_fun"])
            #expect(try await titles(Article.objects.filter { $0.publishedAt.month == 11 }) == ["Swift on the server"])
            #expect(try await titles(Article.objects.exclude { $0.status == .published }).count == 2)
            #expect(try await titles(Article.objects.filter { $0.status == .draft || $0.views == 30 }).count == 2)
            #expect(try await titles(Article.objects.filter { !($0.views > 0) }) == ["Draft: templates"])
            #expect(try await titles(Article.objects.filter { $0.title.matches(regex: "^[0-9]+%") }) == ["100% pure Swift_fun"])
            #expect(try await titles(Article.objects.filter { $0.title.matches(regex: "^nio", caseInsensitive: true) }) == ["NIO in depth"])
            #expect(try await titles(Article.objects.filter { $0.title.matches(regex: "^nio") }).isEmpty)
        }
    }

    @Test(arguments: Backend.allCases)
    func followsRelationsInFilters(_ backend: Backend) async throws {
        try await backend.withDatabase { db in
            let (ada, bob, _) = try await seed(db)
            #expect(try await Article.objects.filter { $0.author.name == "Ada" }.count(on: db) == 2)
            #expect(try await Article.objects.filter { $0.author == bob }.count(on: db) == 2)
            #expect(try await Article.objects.filter { $0.author.active == false }.count(on: db) == 2)
            #expect(try await Article.objects.filter { $0.editor.name == "Bob" }.count(on: db) == 1)
            #expect(try await Article.objects.filter { $0.editor.isNull }.count(on: db) == 3)
            #expect(try await ada.related(\Article.author).count(on: db) == 2)
            #expect(try await bob.related(\Article.editor).count(on: db) == 1)
        }
    }

    @Test(arguments: Backend.allCases)
    func ordersSlicesAndCounts(_ backend: Backend) async throws {
        try await backend.withDatabase { db in
            _ = try await seed(db)
            let byViews = Article.objects.orderBy(\.views, .descending)
            #expect(try await byViews.all(on: db).map(\.views) == [30, 10, 5, 0])
            #expect(try await byViews[1..<3].all(on: db).map(\.views) == [10, 5])
            #expect(try await byViews[1..<3][1..<5].all(on: db).map(\.views) == [5])
            #expect(try await byViews[2...].all(on: db).map(\.views) == [5, 0])
            #expect(try await byViews.first(on: db)?.views == 30)
            #expect(try await byViews.last(on: db)?.views == 0)
            #expect(try await byViews.reversed().all(on: db).map(\.views) == [0, 5, 10, 30])
            #expect(try await Article.objects.orderBy { [$0.author.name.descending, $0.views.ascending] }.all(on: db).map(\.views) == [0, 5, 10, 30])
            #expect(try await Article.objects.orderBy { $0.publishedAt.ascending(nulls: .last) }.all(on: db).last?.publishedAt == nil)
            #expect(try await Article.objects.orderBy { $0.publishedAt.ascending(nulls: .first) }.all(on: db).first?.publishedAt == nil)
            #expect(try await byViews[1..<3].count(on: db) == 2)
            #expect(try await Article.objects.count(on: db) == 4)
            #expect(try await Article.objects.filter { $0.views > 100 }.exists(on: db) == false)
            #expect(try await Article.objects.exists(on: db))
            #expect(try await Article.objects.orderByRandom().all(on: db).count == 4)
            #expect(try await Article.objects.valuesList({ $0.author.name }, on: db).sorted() == ["Ada", "Ada", "Bob", "Bob"])
            #expect(try await Author.objects.valuesList({ $0.name }, on: db).sorted() == ["Ada", "Bob"])
            #expect(try await Article.objects.filter { $0.author.name == "Ada" }.distinct().valuesList({ $0.author.name }, on: db) == ["Ada"])
        }
    }

    @Test(arguments: Backend.allCases)
    func getReportsNoneAndMany(_ backend: Backend) async throws {
        try await backend.withDatabase { db in
            _ = try await seed(db)
            await #expect(throws: ObjectDoesNotExist<Article>.self) { try await Article.objects.get(on: db) { $0.views == 999 } }
            await #expect(throws: MultipleObjectsReturned<Article>.self) { try await Article.objects.get(on: db) { $0.views > 0 } }
            #expect(try await Article.objects.get(on: db) { $0.views == 30 }.title == "NIO in depth")
        }
    }

    @Test(arguments: Backend.allCases)
    func updatesAndDeletesInBulkWithExpressions(_ backend: Backend) async throws {
        try await backend.withDatabase { db in
            let (ada, _, _) = try await seed(db)
            let changed = try await Article.objects.filter { $0.author == ada }.update({ [$0.views.set($0.views + 1), $0.body.set("edited")] }, on: db)
            #expect(changed == 2)
            #expect(try await Article.objects.filter { $0.body == "edited" }.orderBy(\.views).valuesList({ $0.views }, on: db) == [11, 31])
            #expect(try await Article.objects.filter { $0.author.name == "Bob" }.update({ [$0.views.set(7)] }, on: db) == 2)
            #expect(try await Article.objects.filter { $0.views == 7 }.delete(on: db) == 2)
            #expect(try await Article.objects.count(on: db) == 2)
            try await ada.delete(on: db)
            #expect(try await Article.objects.count(on: db) == 0, "cascade deletes Ada's articles")
        }
    }

    @Test(arguments: Backend.allCases)
    func aggregatesAndGroups(_ backend: Backend) async throws {
        try await backend.withDatabase { db in
            _ = try await seed(db)
            let row = try await Article.objects.aggregate({ [.count(), .sum($0.views), .maximum($0.views), .minimum($0.views), .average($0.rating)] }, on: db)
            #expect(try row.decode(Int.self, at: 0) == 4)
            #expect(try row.decode(Int.self, at: 1) == 45)
            #expect(try row.decode(Int.self, at: 2) == 30)
            #expect(try row.decode(Int.self, at: 3) == 0)
            #expect(abs(try row.decode(Double.self, at: 4) - 2.5) < 0.0001)
            let counted = try await Author.objects.orderBy(\.name).annotate(count: \Article.author, on: db)
            #expect(counted.map { "\($0.model.name)=\($0.count)" } == ["Ada=2", "Bob=2"])
            let groups = try await Article.objects.groupBy({ [$0.author.name] }, { [.count(), .sum($0.views)] }, on: db)
            #expect(try groups.map { try $0.decode(String.self, at: 0) } == ["Ada", "Bob"])
            #expect(try groups.map { try $0.decode(Int.self, at: 2) } == [40, 5])
        }
    }
}
