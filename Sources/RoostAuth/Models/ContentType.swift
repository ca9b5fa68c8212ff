public import RoostORM

/// One kind of model the app knows, as permissions refer to it: Django's
/// `django.contrib.contenttypes` row, in a table of the same name and shape
/// (`django_content_type`: `id`, `app_label`, `model`), so that the permission rows of an
/// existing Django database keep their meaning.
///
/// Rows are made by ``PermissionRegistry/sync(on:)`` for every registered model; you rarely
/// create them yourself.
///
/// ```swift
/// let type = try await ContentType.objects.get(on: db) { $0.appLabel == "blog" && $0.model == "post" }
/// ```
@Model(table: "django_content_type", verboseName: "content type")
public struct ContentType: Equatable {
    /// The primary key.
    public var id: Int64?
    /// The app the model belongs to (`blog`), the first half of permission names.
    @Field(maxLength: 100) public var appLabel: String
    /// The model's name in lower case (`post`).
    @Field(column: "model", maxLength: 100, verboseName: "python model class name") public var model: String

    /// Creates a content type.
    /// - Parameters:
    ///   - appLabel: The app label.
    ///   - model: The model name in lower case.
    public init(id: Int64? = nil, appLabel: String, model: String) {
        self.id = id
        self.appLabel = appLabel
        self.model = model
    }

    /// `app_label` and `model` together are unique, as in Django.
    public static var constraints: [ModelConstraint<ContentType>] {
        [.unique(\.appLabel, \.model, name: "django_content_type_app_label_model_uniq")]
    }

    /// `blog.post`.
    public var label: String { "\(appLabel).\(model)" }
}
