/// A parsed form: text fields and uploaded files.
///
/// ```swift
/// let form = try await req.form()
/// let title = form["title"] ?? ""
/// if let avatar = form.file("avatar") { try await avatar.save(to: "uploads/\(avatar.filename)") }
/// ```
public struct FormData: Sendable {
    /// The text fields, in order.
    public let fields: QueryParameters
    /// The uploaded files, in order.
    public let files: [UploadedFile]

    /// The first value of a text field.
    public subscript(name: String) -> String? { fields[name] }

    /// Every value of a text field.
    public func all(_ name: String) -> [String] { fields.all(name) }

    /// The first file uploaded under a field name.
    public func file(_ name: String) -> UploadedFile? { files.first { $0.fieldName == name } }

    /// Every file uploaded under a field name.
    public func files(_ name: String) -> [UploadedFile] { files.filter { $0.fieldName == name } }
}

/// Bounds on what a form may contain, checked while it is read.
///
/// Defaults follow Django's: 1,000 fields, 2.5 MB of text fields, files above 2.5 MB
/// spooled to disk.
public struct FormLimits: Sendable {
    /// The most fields and files in one form.
    public var maxFields = 1000
    /// The most bytes of text fields held in memory in total.
    public var maxFieldBytes = 2_621_440
    /// Files up to this size stay in memory; larger ones go to a temporary file.
    public var memoryFileSize = 2_621_440
    /// The largest header section of one multipart part.
    public var maxPartHeaderBytes = 16 * 1024
    /// Where spooled files are written; the system's temporary directory by default.
    public var temporaryDirectory: String?

    /// The default limits.
    public init() {}
}
