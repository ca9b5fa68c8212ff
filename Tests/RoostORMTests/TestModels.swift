import Foundation
import RoostDatabase
import RoostORM

@Model(table: "orm_author")
struct Author: Equatable {
    var id: Int64?
    @Field(maxLength: 100, verboseName: "Full name") var name: String
    @Field(unique: true) var email: String?
    var active: Bool = true
    var born: CalendarDate?
}

enum ArticleStatus: String, DatabaseEnum {
    case draft, published, archived
}

@Model(table: "orm_article")
struct Article {
    var id: Int64?
    @Field(maxLength: 200) var title: String
    var body: String = ""
    var views: Int = 0
    var rating: Double?
    var status: ArticleStatus = .draft
    var publishedAt: Date?
    @ForeignKey(onDelete: .cascade, relatedName: "articles") var author: Reference<Author>
    @ForeignKey(onDelete: .setNull) var editor: Reference<Author>?
    @ManyToMany var labels: ManyToMany<Label>
    @Transient var scratch: String = "not stored"

    static var constraints: [ModelConstraint<Article>] {
        [.check("orm_article_views_non_negative") { $0.views >= 0 }]
    }

    static var indexes: [ModelIndex<Article>] {
        [ModelIndex(\.status, \.publishedAt)]
    }
}

@Model(table: "orm_label")
struct Label {
    var id: Int64?
    @Field(maxLength: 50, unique: true) var name: String
}

@Model(table: "orm_document")
struct Document {
    var id: UUID = UUID()
    var title: String
    var payload: Data = Data()
    var price: Decimal = 0
    var attributes: JSONField<[String: String]> = JSONField(["kind": "plain"])
}

@Model(table: "orm_membership")
struct Membership {
    var id: Int64?
    @ForeignKey(onDelete: .cascade) var author: Reference<Author>
    @ForeignKey(onDelete: .cascade) var club: Reference<Club>
    var role: String = "member"
}

@Model(table: "orm_club")
struct Club {
    var id: Int64?
    var name: String
    @ManyToMany(through: Membership.self) var members: ManyToMany<Author>
}

/// A database-assigned key declared between other fields, not first.
@Model(table: "orm_ticket")
struct Ticket: Equatable {
    var code: String
    var id: Int64?
    var seats: Int
    var note: String?
}

/// Every model of the tests, in any order (the schema editor sorts them).
let allTestModels: [any Model.Type] = [
    Article.self, Author.self, Label.self, Document.self, Club.self, Membership.self, Ticket.self,
]
