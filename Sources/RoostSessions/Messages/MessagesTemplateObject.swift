import Roost
import RoostTemplates
import Synchronization

/// `messages` in templates: the queued flash messages, taken from the session the first
/// time the template iterates or tests them (so a page that never mentions `messages` leaves
/// them for the next one).
final class MessagesTemplateObject: TemplateObject {
    private let request: Request
    private let taken = Mutex<[TemplateValue]?>(nil)

    init(_ request: Request) {
        self.request = request
    }

    var typeName: String { "Messages" }

    func attribute(named name: String) -> TemplateValue? { nil }

    var iterated: [TemplateValue]? {
        taken.withLock { taken in
            if let taken { return taken }
            let values = request.takeFlashMessages().map { TemplateValue.object(FlashMessageTemplateObject($0)) }
            taken = values
            return values
        }
    }

    var printed: String { "<Messages>" }
}

/// One message in templates: prints as its text; has `message`, `level`, `level_tag`,
/// `tags` and `extra_tags`.
final class FlashMessageTemplateObject: TemplateObject {
    let message: FlashMessage

    init(_ message: FlashMessage) {
        self.message = message
    }

    var typeName: String { "Message" }

    func attribute(named name: String) -> TemplateValue? {
        switch name {
        case "message": .string(message.text)
        case "level": .int(message.level.rawValue)
        case "level_tag": .string(message.level.tag)
        case "tags": .string(message.tags)
        case "extra_tags": .string(message.extraTags)
        default: nil
        }
    }

    var printed: String { message.text }
}
