import Logging
import RoostDatabase
import Testing

@Suite struct DatabasesTests {
    struct AnalyticsRouter: DatabaseRouter {
        func databaseForRead(model: String) -> String? { model.hasPrefix("Analytics") ? "analytics" : nil }
        func databaseForWrite(model: String) -> String? { model.hasPrefix("Analytics") ? "analytics" : nil }
    }

    struct BrokenRouter: DatabaseRouter {
        func databaseForRead(model: String) -> String? { "nowhere" }
    }

    func database(_ name: String) -> Database {
        Database(name: name, driver: FakeDriver(), logger: .quiet)
    }

    @Test func requiresADefaultDatabase() {
        let error = #expect(throws: DatabaseConfigurationError.self) { _ = try Databases(["main": database("main")]) }
        #expect(error?.code == .missingDefault)
    }

    @Test func routersChooseReadAndWriteDatabases() throws {
        let databases = try Databases(
            ["default": database("default"), "analytics": database("analytics"), "replica": database("replica")],
            routers: [AnalyticsRouter(), ReadReplicaRouter(replicas: ["replica"])])
        #expect(try databases.forRead(model: "AnalyticsEvent").name == "analytics")
        #expect(try databases.forWrite(model: "AnalyticsEvent").name == "analytics")
        #expect(try databases.forRead(model: "Post").name == "replica")
        #expect(try databases.forWrite(model: "Post").name == "default")
        #expect(databases.default.name == "default")
        #expect(databases.names == ["analytics", "default", "replica"])
        #expect(databases["replica"]?.name == "replica")
        #expect(databases.allowsRelation("Post", "Comment"))
        #expect(databases.allowsMigration(on: "default"))
        #expect(!databases.allowsMigration(on: "replica"))
    }

    @Test func aRouterNamingAMissingDatabaseIsATypedError() throws {
        let databases = try Databases(["default": database("default")], routers: [BrokenRouter()])
        let error = #expect(throws: DatabaseConfigurationError.self) { _ = try databases.forRead(model: "Post") }
        #expect(error?.code == .unknownDatabase)
        #expect(try databases.forWrite(model: "Post").name == "default")
    }

    @Test func relationsAcrossDatabasesAreRefusedByDefault() throws {
        let databases = try Databases(["default": database("default"), "analytics": database("analytics")],
                                      routers: [AnalyticsRouter()])
        #expect(!databases.allowsRelation("Post", "AnalyticsEvent"))
    }
}
