import Foundation
import RoostDatabase
import RoostMigrations
import RoostORM
import Testing

@Suite("Migration files: serializer and writer")
struct WriterTests {
    @Test func operationsPrintAsTheSwiftThatBuildsThem() {
        let check = AddConstraint(model: "Post", .check("views_ok", .comparison(.column(.root, "views"), .greaterOrEqual, .value(.int(0)))))
        #expect(MigrationSerializer.compact(check.source)
            == #"AddConstraint(model: "Post", .check("views_ok", .comparison(.column(.root, "views"), .greaterOrEqual, .value(.int(0)))))"#)
        let field = AddField(model: "Post", FieldSpec("publishedAt", .dateTime, nullable: true))
        #expect(MigrationSerializer.compact(field.source) == #"AddField(model: "Post", FieldSpec("publishedAt", .dateTime, nullable: true))"#)
        let custom = AddField(model: "Post", FieldSpec("editor", .bigInteger, column: "editor_ref", references: "User", onDelete: .setNull))
        #expect(MigrationSerializer.compact(custom.source)
            == #"AddField(model: "Post", FieldSpec("editor", .bigInteger, column: "editor_ref", references: "User", onDelete: .setNull))"#)
        #expect(MigrationSerializer.literal("say \"hi\"\n\\") == #""say \"hi\"\n\\""#)
    }

    @Test func valuesWithoutLiteralsUseHelpers() throws {
        let date = try #require(CalendarDate("2024-02-29"))
        #expect(MigrationSerializer.compact(AddField(model: "E", FieldSpec("d", .date), default: .date(date)).source).hasSuffix(#"default: .date(iso: "2024-02-29"))"#))
        #expect(DatabaseValue.date(iso: "2024-02-29") == .date(date))
        #expect(DatabaseValue.decimal(string: "1.50") == .decimal(Decimal(string: "1.50")!))
        #expect(DatabaseValue.timestamp(secondsSince1970: 0) == .timestamp(Date(timeIntervalSince1970: 0)))
    }

    @Test func checksumsChangeWithTheOperationsOnly() {
        let one = Migration(app: "a", name: "0001_x", operations: [RunSQL(["SELECT 1"], reverse: [])])
        let same = Migration(app: "a", name: "0001_x", operations: [RunSQL(["SELECT 1"], reverse: [])])
        let other = Migration(app: "a", name: "0001_x", operations: [RunSQL(["SELECT 2"], reverse: [])])
        #expect(one.checksum == same.checksum)
        #expect(one.checksum != other.checksum)
        #expect(one.checksum.count == 16)
    }

    @Test func migrationFilesAreReadableSwift() throws {
        let (v1, initial) = try makeMigrations("blog", models: BlogV1.models, after: [])
        let (_, changes) = try makeMigrations("blog", models: BlogV2.models, after: v1.migrations, answers: blogRenames)
        let first = MigrationWriter.source(of: try #require(initial.first), namespace: "BlogMigrations")
        #expect(first.contains("""
            extension BlogMigrations {
                static let m0001_initial = Migration(
                    app: "blog",
                    name: "0001_initial",
                    dependencies: [],
                    operations: [
                        CreateModel(
                            "Author",
                            table: "blog_author",
                            fields: [
                                FieldSpec("id", .autoIncrement),
                                FieldSpec("name", .string(maxLength: 100)),
                            ]
                        ),
            """))
        let second = MigrationWriter.source(of: try #require(changes.first), namespace: "BlogMigrations")
        #expect(second.contains(#"            RenameField(model: "Article", from: "body", to: "content"),"#))
        #expect(second.contains(#"dependencies: [.init("blog", "0001_initial")],"#))
        let registry = MigrationWriter.registrySource(app: "blog", namespace: "BlogMigrations", names: ["0001_initial", "0002_more"])
        #expect(registry.contains("    static let all: [Migration] = [\n        m0001_initial,\n        m0002_more,\n    ]"))
    }
}
