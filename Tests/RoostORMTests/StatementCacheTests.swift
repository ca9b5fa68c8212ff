import RoostDatabase
import RoostORM
import Testing

/// QuerySets of one shape share their compiled statement and bind their own values. The first
/// query of each shape here binds equal values where order matters, the worst case for a
/// mix-up; the queries after it must still each find exactly their own rows.
@Suite(.serialized) struct StatementCacheTests {
    func seedArticles(_ db: Database) async throws -> (ada: Author, bob: Author) {
        let ada = try await Author.objects.create(Author(name: "Ada", email: "ada@example.com"), on: db)
        let bob = try await Author.objects.create(Author(name: "Bob", email: "bob@example.com"), on: db)
        for views in 0..<30 {
            var article = Article(
                title: "t\(views)", views: views, status: views % 3 == 0 ? .published : .draft,
                author: Reference(views % 2 == 0 ? ada : bob), labels: ManyToMany())
            try await article.save(on: db)
        }
        return (ada, bob)
    }

    @Test(arguments: Backend.allCases)
    func queriesOfOneShapeBindTheirOwnValues(_ backend: Backend) async throws {
        try await backend.withDatabase { db in
            _ = try await seedArticles(db)
            func views(_ query: QuerySet<Article>) async throws -> [Int] {
                try await query.all(on: db).map(\.views)
            }
            for (low, high) in [(5, 5), (2, 9), (9, 2), (0, 29), (20, 25)] {
                let expected = Array(0..<30).filter { $0 > low && $0 < high }
                #expect(try await views(Article.objects.filter { $0.views > low && $0.views < high }.orderBy(\.views)) == expected)
                let descending = Array(0..<30).filter { $0 >= low || $0 <= high - 20 }.sorted(by: >)
                #expect(try await views(Article.objects.filter { $0.views >= low || $0.views <= high - 20 }.orderBy(\.views, .descending))
                    == descending)
            }
            for (low, high) in [(3, 3), (4, 12), (10, 20)] {
                let expected = Array(low...high)
                #expect(try await views(Article.objects.filter { $0.views.isBetween(low...high) }.orderBy(\.views)) == expected)
            }
            for list in [[1, 1], [4, 7], [28, 0], [5], [2, 3, 4, 5], []] {
                let expected = list.filter { (0..<30).contains($0) }.sorted().reduce(into: [Int]()) { if $0.last != $1 { $0.append($1) } }
                #expect(try await views(Article.objects.filter { $0.views.isIn(list) }.orderBy(\.views)) == expected)
            }
        }
    }

    @Test(arguments: Backend.allCases)
    func joinsSlicesAndRelatedRowsKeepTheirValues(_ backend: Backend) async throws {
        try await backend.withDatabase { db in
            _ = try await seedArticles(db)
            for (name, minimum) in [("Ada", 0), ("Bob", 0), ("Ada", 20), ("Bob", 25), ("Nobody", 0)] {
                let found = try await Article.objects
                    .filter { $0.author.name == name && $0.views >= minimum }
                    .orderBy(\.views)
                    .selectRelated(\.author)[0..<5]
                    .all(on: db)
                let parity = name == "Ada" ? 0 : 1
                let expected = name == "Nobody" ? [] : Array(Array(0..<30).filter { $0 % 2 == parity && $0 >= minimum }.prefix(5))
                #expect(found.map(\.views) == expected)
                #expect(found.allSatisfy { $0.author.object?.name == name })
            }
            // Same filters, other slices (an offset is compiled each time).
            let page2 = try await Article.objects.filter { $0.views < 30 }.orderBy(\.views)[5..<10].all(on: db)
            #expect(page2.map(\.views) == Array(5..<10))
            let page3 = try await Article.objects.filter { $0.views < 30 }.orderBy(\.views)[10..<15].all(on: db)
            #expect(page3.map(\.views) == Array(10..<15))
        }
    }

    /// Text lookups derive their bound pattern from the value: compiled each time, still right.
    @Test(arguments: Backend.allCases)
    func textLookupsFindTheirOwnRows(_ backend: Backend) async throws {
        try await backend.withDatabase { db in
            _ = try await seedArticles(db)
            for (prefix, count) in [("t1", 11), ("t2", 11), ("t29", 1), ("x", 0)] {
                #expect(try await Article.objects.filter { $0.title.startsWith(prefix) }.count(on: db) == count)
                #expect(try await Article.objects.filter { $0.title.startsWith(prefix) }.all(on: db).count == count)
            }
        }
    }

    /// Many-to-many prefetches keep one statement text per number of keys: pages of several
    /// sizes, in turn and repeated, each get their own labels, on both placeholder styles.
    @Test(arguments: Backend.allCases)
    func prefetchesOfEachPageSizeGetTheirOwnTargets(_ backend: Backend) async throws {
        try await backend.withDatabase { db in
            _ = try await seedArticles(db)
            let labels = try await Label.objects.bulkCreate((0..<5).map { Label(name: "l\($0)") }, on: db)
            var expected: [Int: [String]] = [:]
            for article in try await Article.objects.all(on: db) {
                // Article v is labelled l(v mod 5) and, for odd v, l((v + 1) mod 5) too.
                let mine = [labels[article.views % 5]] + (article.views % 2 == 1 ? [labels[(article.views + 1) % 5]] : [])
                try await article.relation(\.labels).add(mine, on: db)
                expected[article.views] = mine.map(\.name).sorted()
            }
            for (low, size) in [(0, 1), (3, 3), (7, 1), (10, 3), (0, 30), (12, 3)] {
                let page = try await Article.objects
                    .filter { $0.views >= low }
                    .orderBy(\.views)[0..<size]
                    .prefetchRelated(\.labels)
                    .all(on: db)
                #expect(page.map(\.views) == Array(low..<min(30, low + size)))
                for article in page {
                    #expect(article.labels.objects?.map(\.name).sorted() == expected[article.views], "views \(article.views)")
                }
            }
        }
    }

    /// AND and OR operands are parenthesised only where they nest another AND, OR or
    /// BETWEEN: mixed conditions still mean what the Swift expressions say.
    @Test(arguments: Backend.allCases)
    func nestedConditionsKeepTheirPrecedence(_ backend: Backend) async throws {
        try await backend.withDatabase { db in
            _ = try await seedArticles(db)
            let published = Set(stride(from: 0, to: 30, by: 3))
            let cases: [((Article.Columns) -> Predicate, (Int) -> Bool)] = [
                ({ ($0.views < 5 || $0.views > 25) && $0.status == .published },
                 { ($0 < 5 || $0 > 25) && published.contains($0) }),
                ({ $0.views < 5 || ($0.views > 25 && $0.status == .published) },
                 { $0 < 5 || ($0 > 25 && published.contains($0)) }),
                ({ !($0.views < 5 || $0.views > 25) && $0.views.isBetween(10...12) },
                 { !($0 < 5 || $0 > 25) && (10...12).contains($0) }),
                ({ $0.views.isBetween(1...3) || $0.views.isBetween(27...28) },
                 { (1...3).contains($0) || (27...28).contains($0) }),
                ({ ($0.views.isBetween(0...10) && $0.views > 8) || $0.views == 20 },
                 { ((0...10).contains($0) && $0 > 8) || $0 == 20 }),
                ({ !($0.views > 2) || $0.views == 29 },
                 { !($0 > 2) || $0 == 29 }),
            ]
            for (index, (condition, expected)) in cases.enumerated() {
                let found = try await Article.objects.filter(condition).orderBy(\.views).all(on: db).map(\.views)
                #expect(found == (0..<30).filter(expected), "case \(index)")
            }
        }
    }
}
