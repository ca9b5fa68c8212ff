import Foundation
import RoostDatabase
import RoostORM
import Testing

@Suite(.serialized) struct WritingTests {
    @Test(arguments: Backend.allCases)
    func bulkCreatesAndUpdates(_ backend: Backend) async throws {
        try await backend.withDatabase { db in
            let recorder = QueryRecorder()
            let authors = try await recorder.record {
                try await Author.objects.bulkCreate((0..<250).map { Author(name: "Author \($0)") }, on: db)
            }
            #expect(recorder.count == 1, "one statement is atomic by itself: no BEGIN and COMMIT around it")
            #expect(authors.count == 250)
            #expect(Set(authors.compactMap(\.id)).count == 250)
            #expect(try await Author.objects.count(on: db) == 250)
            let stored = try await Author.objects.all(on: db)
            let names = Dictionary(uniqueKeysWithValues: stored.map { ($0.id, $0.name) })
            #expect(authors.enumerated().allSatisfy { $1.name == "Author \($0)" && names[$1.id] == $1.name },
                    "each model comes back in order with its own row's key")
            var changed = Array(authors.prefix(3))
            for index in changed.indices { changed[index].name = "Renamed \(index)"; changed[index].active = false }
            #expect(try await Author.objects.bulkUpdate(changed, fields: [\Author.name], on: db) == 3)
            let reloaded = try await Author.objects.filter { $0.name.startsWith("Renamed") }.all(on: db)
            #expect(reloaded.count == 3)
            #expect(reloaded.allSatisfy { $0.active }, "only the listed fields are written")
        }
    }

    /// Models given a key and models without one, mixed, are inserted by separate statements
    /// (one INSERT names the key column for all rows or none) and come back in their order.
    @Test(arguments: Backend.allCases)
    func bulkCreatesModelsWithAndWithoutKeys(_ backend: Backend) async throws {
        try await backend.withDatabase { db in
            let models = (0..<10).map { index in
                var author = Author(name: "a\(index)")
                if index.isMultiple(of: 3) { author.id = Int64(90_000 + index) }
                return author
            }
            let created = try await Author.objects.bulkCreate(models, on: db)
            #expect(created.map(\.name) == models.map(\.name))
            #expect(created.enumerated().allSatisfy { index, author in
                models[index].id == nil ? author.id != nil : author.id == models[index].id
            })
            #expect(Set(created.compactMap(\.id)).count == 10)
            let stored = try await Author.objects.orderBy(\.name).all(on: db)
            #expect(stored == created.sorted { $0.name < $1.name })
        }
    }

    /// The key column is left out of a bulk insert wherever it sits among the fields, and
    /// each row keeps its own values around it, NULLs included.
    @Test(arguments: Backend.allCases)
    func bulkCreatesAroundAKeyInTheMiddle(_ backend: Backend) async throws {
        try await backend.withDatabase { db in
            let tickets = (0..<120).map { Ticket(code: "c\($0)", seats: $0, note: $0.isMultiple(of: 3) ? nil : "n'\($0)") }
            let created = try await Ticket.objects.bulkCreate(tickets, on: db)
            #expect(created.map(\.code) == tickets.map(\.code))
            #expect(Set(created.compactMap(\.id)).count == 120)
            let stored = try await Ticket.objects.orderBy(\.seats).all(on: db)
            #expect(stored == created.sorted { $0.seats < $1.seats }, "every row holds its own code, seats and note")
        }
    }

    /// One statement per batch sets every row to its own values, for every column type
    /// (PostgreSQL casts each CASE branch to the column's type: jsonb, uuid, numeric, bytea,
    /// timestamptz), across batches, with duplicates (last wins), unsaved models (skipped),
    /// NULLs and hostile text.
    @Test(arguments: Backend.allCases)
    func bulkUpdatesEveryTypeInBatches(_ backend: Backend) async throws {
        try await backend.withDatabase { db in
            let documents = try await Document.objects.bulkCreate((0..<3).map { Document(title: "d\($0)") }, on: db)
            var changedDocuments = documents
            for index in changedDocuments.indices {
                changedDocuments[index].payload = Data([UInt8(index), 0xFF])
                changedDocuments[index].price = Decimal(string: "12.3\(index)")!
                changedDocuments[index].attributes = JSONField(["kind": "k\(index)", "quote": "it's \"x\""])
                changedDocuments[index].title = "'; DROP TABLE orm_document; --"
            }
            let documentCount = try await Document.objects.bulkUpdate(
                changedDocuments, fields: [\Document.payload, \Document.price, \Document.attributes, \Document.title], on: db)
            #expect(documentCount == 3)
            for expected in changedDocuments {
                let stored = try await Document.objects.get(pk: expected.id, on: db)
                #expect(stored.payload == expected.payload)
                #expect(stored.price == expected.price)
                #expect(stored.attributes.value == expected.attributes.value)
                #expect(stored.title == expected.title)
            }

            let author = try await Author.objects.create(Author(name: "A"), on: db)
            let articles = try await Article.objects.bulkCreate(
                (0..<450).map { Article(title: "t\($0)", author: Reference(author), labels: ManyToMany()) }, on: db)
            var changed = articles
            let when = Date(timeIntervalSince1970: 1_700_000_000)
            for index in changed.indices {
                changed[index].views = index * 2
                changed[index].rating = index.isMultiple(of: 2) ? nil : Double(index) / 4
                changed[index].publishedAt = index.isMultiple(of: 3) ? when.addingTimeInterval(Double(index)) : nil
                changed[index].status = .published
            }
            // Listed twice: the later values are written.
            var again = changed[7]
            again.views = 99_999
            changed.append(again)
            changed.append(Article(title: "never saved", author: Reference(author), labels: ManyToMany()))
            let fields: [any PartialKeyPath<Article> & Sendable] = [\Article.views, \Article.rating, \Article.publishedAt, \Article.status]
            #expect(try await Article.objects.bulkUpdate(changed, fields: fields, on: db) == 450)
            let stored = try await Article.objects.orderBy(\.id).all(on: db)
            #expect(stored.count == 450)
            for (index, article) in stored.enumerated() {
                #expect(article.views == (index == 7 ? 99_999 : index * 2))
                #expect(article.rating == (index.isMultiple(of: 2) ? nil : Double(index) / 4))
                #expect(article.publishedAt == (index.isMultiple(of: 3) ? when.addingTimeInterval(Double(index)) : nil))
                #expect(article.status == .published)
                #expect(article.title == "t\(index)", "fields not listed stay as they were")
            }
            // A violation in the last batch undoes the earlier batches too.
            var invalid = stored
            for index in invalid.indices { invalid[index].views = 5 }
            invalid[invalid.count - 1].views = -1
            let violation = await #expect(throws: DatabaseError.self) {
                try await Article.objects.bulkUpdate(invalid, fields: [\Article.views], on: db)
            }
            #expect(violation?.code == .checkViolation)
            #expect(try await Article.objects.filter { $0.views == 5 }.count(on: db) == 0)
            #expect(try await Article.objects.bulkUpdate([], fields: fields, on: db) == 0)
            #expect(try await Article.objects.bulkUpdate([Article(title: "x", author: Reference(author), labels: ManyToMany())], fields: fields, on: db) == 0)
        }
    }

    @Test(arguments: Backend.allCases)
    func getsOrCreatesAndUpdatesOrCreates(_ backend: Backend) async throws {
        try await backend.withDatabase { db in
            let first = try await Label.objects.getOrCreate(on: db, { $0.name == "swift" }) { Label(name: "swift") }
            #expect(first.created)
            let second = try await Label.objects.getOrCreate(on: db, { $0.name == "swift" }) { Label(name: "swift") }
            #expect(!second.created)
            #expect(second.model.id == first.model.id)
            let updated = try await Author.objects.updateOrCreate(
                on: db, { $0.email == "x@example.com" }, apply: { $0.name = "X2" }, makeNew: { Author(name: "X", email: "x@example.com") }
            )
            #expect(updated.created && updated.model.name == "X")
            let again = try await Author.objects.updateOrCreate(
                on: db, { $0.email == "x@example.com" }, apply: { $0.name = "X2" }, makeNew: { Author(name: "X", email: "x@example.com") }
            )
            #expect(!again.created && again.model.name == "X2")
            #expect(try await Author.objects.count(on: db) == 1)
        }
    }

    @Test(arguments: Backend.allCases)
    func rollsBackATransactionThatThrows(_ backend: Backend) async throws {
        try await backend.withDatabase { db in
            struct Abort: Error {}
            await #expect(throws: Abort.self) {
                try await db.transaction { tx -> Void in
                    _ = try await Author.objects.create(Author(name: "Ghost"), on: tx)
                    let inside = try await Author.objects.count(on: tx)
                    #expect(inside == 1)
                    throw Abort()
                }
            }
            let after = try await Author.objects.count(on: db)
            #expect(after == 0)
        }
    }

    @Test(arguments: Backend.allCases)
    func reportsConstraintViolationsAsTypedErrors(_ backend: Backend) async throws {
        try await backend.withDatabase { db in
            _ = try await Author.objects.create(Author(name: "A", email: "same@example.com"), on: db)
            await #expect {
                _ = try await Author.objects.create(Author(name: "B", email: "same@example.com"), on: db)
            } throws: { error in
                (error as? DatabaseError)?.code == .uniqueViolation
            }
            let (ada, _, _) = try await seed(db)
            await #expect {
                _ = try await Article.objects.create(
                    Article(title: "Bad", views: -1, author: Reference(ada), editor: nil, labels: ManyToMany()), on: db
                )
            } throws: { error in
                let databaseError = error as? DatabaseError
                return databaseError?.code == .checkViolation
                    && (backend == .sqlite || databaseError?.constraint == "orm_article_views_non_negative")
            }
            await #expect {
                _ = try await Article.objects.create(
                    Article(title: "Orphan", author: Reference(id: 999_999), editor: nil, labels: ManyToMany()), on: db
                )
            } throws: { error in
                (error as? DatabaseError)?.code == .foreignKeyViolation
            }
            #expect(try await Article.objects.filter { $0.title == "Bad" || $0.title == "Orphan" }.count(on: db) == 0)
        }
    }

    @Test(arguments: Backend.allCases)
    func storesUUIDKeysDataDecimalsAndJSON(_ backend: Backend) async throws {
        try await backend.withDatabase { db in
            var document = Document(title: "Invoice", payload: Data([0, 1, 2, 255]), price: Decimal(string: "12345678901234.5678")!)
            document.attributes.value["kind"] = "invoice"
            try await document.save(on: db)
            let loaded = try await Document.objects.get(pk: document.id, on: db)
            #expect(loaded.id == document.id)
            #expect(loaded.payload == Data([0, 1, 2, 255]))
            #expect(loaded.price == Decimal(string: "12345678901234.5678")!, "exact, not rounded through a double")
            #expect(loaded.attributes.value == ["kind": "invoice"])
            var renamed = loaded
            renamed.title = "Receipt"
            try await renamed.save(on: db)
            #expect(try await Document.objects.count(on: db) == 1)
            #expect(try await Document.objects.get(pk: document.id, on: db).title == "Receipt")
        }
    }

    @Test(arguments: Backend.allCases)
    func streamsRowsWithoutLoadingThemAll(_ backend: Backend) async throws {
        try await backend.withDatabase { db in
            _ = try await Label.objects.bulkCreate((0..<2000).map { Label(name: "label \($0)") }, on: db)
            var seen = 0
            try await Label.objects.orderBy(\.id).forEach(on: db) { _ in seen += 1 }
            #expect(seen == 2000)
        }
    }
}

@Suite(.serialized) struct SafetyTests {
    static let payloads = [
        "'; DROP TABLE orm_author; --", "\" OR 1=1 --", "' OR '1'='1", "%", "_", "\\", "*", "[a]", "?", "$1",
        "Robert'); DROP TABLE orm_article;--", "💥'\"`;",
    ]

    @Test(arguments: Backend.allCases)
    func bindsHostileInputThroughEveryLookup(_ backend: Backend) async throws {
        try await backend.withDatabase { db in
            _ = try await seed(db)
            for payload in Self.payloads {
                _ = try await Author.objects.filter { $0.name == payload }.all(on: db)
                _ = try await Author.objects.filter { $0.name.contains(payload) || $0.name.icontains(payload) }.all(on: db)
                _ = try await Author.objects.filter { $0.name.startsWith(payload) || $0.name.iendsWith(payload) }.all(on: db)
                _ = try await Author.objects.filter { $0.name.isIn([payload, "x"]) || $0.name.iequals(payload) }.all(on: db)
                _ = try await Author.objects.filter { $0.email != payload }.update({ [$0.name.set(payload)] }, on: db)
                let created = try await Label.objects.create(Label(name: payload), on: db)
                #expect(try await Label.objects.get(pk: try #require(created.id), on: db).name == payload)
                #expect(try await Label.objects.filter { $0.name.contains(payload) }.count(on: db) >= 1)
            }
            // Text with NUL cannot be stored by either backend: a clear error, nothing written.
            await #expect(throws: DatabaseError.self) { _ = try await Label.objects.create(Label(name: "a\u{0}b"), on: db) }
            #expect(try await Author.objects.count(on: db) == 2, "the authors table is intact")
            #expect(try await Article.objects.count(on: db) == 4, "the articles table is intact")
        }
    }

    @Test(arguments: Backend.allCases)
    func matchesWildcardsLiterally(_ backend: Backend) async throws {
        try await backend.withDatabase { db in
            _ = try await Label.objects.bulkCreate(["100%", "1000", "a_b", "axb", "[x]", "x"].map { Label(name: $0) }, on: db)
            #expect(try await Label.objects.filter { $0.name.contains("%") }.valuesList({ $0.name }, on: db) == ["100%"])
            #expect(try await Label.objects.filter { $0.name.contains("_") }.valuesList({ $0.name }, on: db) == ["a_b"])
            #expect(try await Label.objects.filter { $0.name.icontains("_") }.valuesList({ $0.name }, on: db) == ["a_b"])
            #expect(try await Label.objects.filter { $0.name.startsWith("[") }.valuesList({ $0.name }, on: db) == ["[x]"])
        }
    }

    @Test(arguments: Backend.allCases)
    func explainsRowsThatDoNotFitTheModel(_ backend: Backend) async throws {
        try await backend.withDatabase { db in
            _ = try await db.execute("INSERT INTO \(identifier: "orm_label") (\(identifier: "name")) VALUES (\("ok"))")
            struct Broken: Error {}
            // A raw row whose "name" is NULL cannot become a Label.
            let rows = try await db.query("SELECT \(identifier: "id"), NULL AS \(identifier: "name") FROM \(identifier: "orm_label")")
            #expect {
                _ = try Label(row: rows[0], startingAt: 0)
            } throws: { error in
                let decoding = error as? ModelDecodingError
                return decoding?.field == "Label.name" && "\(error)".contains("NULL")
            }
        }
    }
}

@Suite struct ValidationTests {
    @Test func checksRequiredLengthsAndChoices() throws {
        let valid = Author(name: "Ada")
        try valid.fullClean()
        #expect {
            try Author(name: "   ").fullClean()
        } throws: { error in
            (error as? ValidationError)?.fieldErrors["name"] == ["This field cannot be blank."]
        }
        #expect {
            try Author(name: String(repeating: "x", count: 101)).fullClean()
        } throws: { error in
            (error as? ValidationError)?.fieldErrors["name"]?.first?.contains("at most 100 characters") == true
        }
    }

    @Test(arguments: Backend.allCases)
    func checksUniqueFieldsAgainstTheDatabase(_ backend: Backend) async throws {
        try await backend.withDatabase { db in
            var first = try await Author.objects.create(Author(name: "A", email: "a@example.com"), on: db)
            try await first.validateUnique(on: db)
            let clash = Author(name: "B", email: "a@example.com")
            await #expect {
                try await clash.validateUnique(on: db)
            } throws: { error in
                (error as? ValidationError)?.fieldErrors["email"] != nil
            }
            first.name = "A2"
            try await first.validateUnique(on: db)
        }
    }
}

@Suite struct SchemaMetadataTests {
    @Test func describesModelsAsValues() throws {
        let schema = Article.schema
        #expect(schema.table == "orm_article")
        #expect(schema.fields.map(\.name) == ["id", "title", "body", "views", "rating", "status", "publishedAt", "author", "editor"])
        #expect(schema.field(named: "publishedAt")?.column == "published_at")
        #expect(schema.field(named: "author")?.column == "author_id")
        #expect(schema.field(named: "title")?.type == .string(maxLength: 200))
        #expect(schema.field(named: "body")?.type == .text)
        #expect(schema.field(named: "rating")?.nullable == true)
        #expect(schema.field(named: "status")?.choices.map(\.label) == ["draft", "published", "archived"])
        #expect(schema.field(named: "author")?.reference?.onDelete == .cascade)
        #expect(schema.field(named: "author")?.reference?.relatedName == "articles")
        #expect(schema.field(named: "editor")?.reference?.onDelete == .setNull)
        #expect(schema.manyToMany.map(\.table) == ["article_labels"])
        #expect(schema.indexes.map(\.columns) == [["status", "published_at"]])
        #expect(schema.primaryKey.type == .autoIncrement)
        #expect(Author.schema.field(named: "name")?.verboseName == "Full name")
        #expect(Author.schema.field(named: "email")?.unique == true)
        #expect(Document.schema.primaryKey.type == .uuid)
        #expect(Document.schema.field(named: "attributes")?.type == .json)
    }

    @Test func encodesModelsForTemplatesAndJSON() throws {
        let author = Author(id: 3, name: "Ada", email: nil, active: true, born: nil)
        let json = String(decoding: try JSONEncoder().encode(author), as: UTF8.self)
        #expect(json.contains("\"name\":\"Ada\""))
    }
}
