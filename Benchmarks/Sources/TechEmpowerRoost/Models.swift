import RoostORM

/// A row of the TechEmpower `World` table: 10,000 rows, ids 1…10,000.
@Model(table: "world")
struct World: Encodable {
    var id: Int64?
    @Field(column: "randomnumber") var randomNumber: Int
}

/// A row of the TechEmpower `Fortune` table: the 12 standard fortunes.
@Model(table: "fortune")
struct Fortune: Encodable {
    var id: Int64?
    @Field(maxLength: 2048) var message: String
}

/// What `fortunes.html` renders.
struct FortunesPage: Encodable {
    let fortunes: [Fortune]
}

/// The JSON test's message.
struct Message: Encodable, Sendable {
    let message: String
}
