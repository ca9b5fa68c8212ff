import Roost
import RoostTemplates
import Synchronization

/// `user` in templates (Django's `user` context variable): the request's user or the
/// anonymous user.
///
/// ```jinja
/// {% if user.is_authenticated %}Hello {{ user.username }}{% else %}<a href="{{ url_for('auth.login') }}">Log in</a>{% endif %}
/// ```
///
/// Attributes: `is_authenticated`, `is_anonymous`, `is_active`, `is_staff`, `is_superuser`,
/// `username`, `email`, `id`/`pk`, and the user model's other stored fields in snake_case
/// (`first_name`, `date_joined`) — never `password`.
final class UserTemplateObject: TemplateObject {
    private let user: RequestUser
    private let fields = Mutex<TemplateDict?>(nil)

    init(_ user: RequestUser) {
        self.user = user
    }

    var typeName: String { user.isAuthenticated ? user.model.map { "\(type(of: $0))" } ?? "User" : "AnonymousUser" }

    var printed: String { user.isAuthenticated ? user.username : "AnonymousUser" }

    func attribute(named name: String) -> TemplateValue? {
        switch name {
        case "is_authenticated": return .bool(user.isAuthenticated)
        case "is_anonymous": return .bool(user.isAnonymous)
        case "is_active": return .bool(user.isActive)
        case "is_staff": return .bool(user.isStaff)
        case "is_superuser": return .bool(user.isSuperuser)
        case "username": return .string(user.username)
        case "email": return .string(user.email)
        case "id", "pk": return user.id.map { .string($0) } ?? TemplateValue.none
        case "password": return nil
        default: return modelFields()?[Self.camelCase(name)]
        }
    }

    /// The model's encoded fields, made on first use.
    private func modelFields() -> TemplateDict? {
        guard let model = user.model else { return nil }
        return fields.withLock { cached in
            if let cached { return cached }
            guard case .dict(let dict)? = try? TemplateValueEncoder().encode(model) else { return nil }
            cached = dict
            return dict
        }
    }

    /// `first_name` → `firstName`.
    static func camelCase(_ name: String) -> String {
        var result = ""
        var upperNext = false
        for character in name {
            if character == "_" {
                upperNext = !result.isEmpty
            } else if upperNext {
                result += character.uppercased()
                upperNext = false
            } else {
                result.append(character)
            }
        }
        return result
    }
}
