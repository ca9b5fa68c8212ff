public import Roost

extension Session.Key where Value == [FlashMessage] {
    /// Where flash messages wait to be shown.
    static let messages = Session.Key<[FlashMessage]>("_messages")
}

extension Request {
    /// Queues a message for the visitor's next rendered page (Django's `messages.add_message`).
    ///
    /// ```swift
    /// req.flash("Profile saved.", level: .success)
    /// return Response.redirect(to: "/profile")
    /// ```
    /// - Parameters:
    ///   - text: The message.
    ///   - level: Its level, `.info` by default.
    ///   - extraTags: Extra CSS classes.
    /// - Precondition: sessions are on (`useSessions` or `useSecurity`).
    public func flash(_ text: String, level: FlashMessage.Level = .info, extraTags: String = "") {
        session[.messages, default: []].append(FlashMessage(text, level: level, extraTags: extraTags))
    }

    /// Takes the queued messages: they are returned once and then forgotten (Django's
    /// `get_messages`, iterated). Templates get them as `messages`.
    ///
    /// ```swift
    /// app.get("/api/notices") { req in req.takeFlashMessages().map(\.text) }
    /// ```
    /// - Returns: The messages in the order they were queued; empty without sessions.
    public func takeFlashMessages() -> [FlashMessage] {
        guard let session = sessionIfAvailable, session.contains(.messages) else { return [] }
        let messages = session[.messages] ?? []
        session.removeValue(for: .messages)
        return messages
    }

    /// The queued messages, left in place.
    public var pendingFlashMessages: [FlashMessage] {
        sessionIfAvailable?[.messages] ?? []
    }
}
