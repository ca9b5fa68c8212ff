#if canImport(FoundationEssentials)
public import FoundationEssentials
#else
public import Foundation
#endif
public import RoostORM

/// One row of the `roost_session` table that ``DatabaseSessionStore`` keeps sessions in,
/// shaped like Django's `django_session`: the key, the data (JSON) and the expiry date.
///
/// Create the table with the schema editor (or a migration once migrations land):
///
/// ```swift
/// try await SchemaEditor(database: db).createTables(for: [SessionRecord.self])
/// ```
@Model(table: "roost_session", verboseName: "session")
public struct SessionRecord {
    /// The session's identifier (``SessionData/id``), the primary key.
    @Field(column: "session_key", maxLength: 40) public var id: String
    /// The session as JSON.
    @Field(column: "session_data") public var data: String
    /// When the session expires; `clearsessions` deletes rows past it.
    @Field(column: "expire_date", index: true) public var expireDate: Date

    /// Creates a row.
    public init(id: String, data: String, expireDate: Date) {
        self.id = id
        self.data = data
        self.expireDate = expireDate
    }
}
