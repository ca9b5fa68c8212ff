public import RoostTemplates
import Synchronization

extension App {
    /// Changes how templates are compiled and rendered: filters, tests, globals, autoescape,
    /// undefined handling, limits. Call it before the app starts serving.
    ///
    /// ```swift
    /// app.configureTemplates { templates in
    ///     templates.registerFilter("shout") { value, _ in .string(value.description.uppercased() + "!") }
    /// }
    /// ```
    public func configureTemplates(_ change: (inout TemplateConfiguration) -> Void) {
        registration.withLock { registration in
            precondition(registration.frozen == nil, "Roost: configure templates before the app starts serving")
            change(&registration.templateConfiguration)
        }
    }

    /// Adds a folder templates are looked up in, after the app's own (`templates` unless
    /// `TEMPLATES_DIR` says otherwise) and those added before. Blueprints add theirs here.
    public func addTemplateFolder(_ path: String) {
        registration.withLock { registration in
            precondition(registration.frozen == nil, "Roost: add template folders before the app starts serving")
            registration.templateFolders.append(path)
        }
    }

    /// Adds a source of templates searched after every template folder: modules that ship
    /// default templates (RoostAuth's login pages) add theirs here, so an app overrides one by
    /// putting a template of the same name in its own folder.
    ///
    /// ```swift
    /// app.addTemplateLoader(DictionaryLoader(["registration/login.html": "<form>…</form>"]))
    /// ```
    public func addTemplateLoader(_ loader: any TemplateLoader) {
        registration.withLock { registration in
            precondition(registration.frozen == nil, "Roost: add template loaders before the app starts serving")
            registration.templateLoaders.append(loader)
        }
    }

    /// Adds values to every template's context, computed per request: Flask's context
    /// processors. Security and auth use it for `csrf_token` and `user`.
    ///
    /// ```swift
    /// app.addTemplateContext { req in ["site_name": "My blog"] }
    /// ```
    public func addTemplateContext(_ provider: @escaping @Sendable (Request) -> [String: TemplateValue]) {
        registration.withLock { registration in
            precondition(registration.frozen == nil, "Roost: add template context before the app starts serving")
            registration.templateContextProviders.append(provider)
        }
    }

    /// The template environment the app renders with (created when the app starts).
    public var templates: TemplateEnvironment {
        get throws { try compiled().context.templates }
    }

    func makeTemplateEnvironment(_ registration: Registration) -> TemplateEnvironment {
        var configuration = registration.templateConfiguration
        if settings.debug { configuration.autoReload = true }
        let appFolder = settings.text("TEMPLATES_DIR") ?? "templates"
        let folders = DirectoryLoader(paths: [appFolder] + registration.templateFolders)
        guard !registration.templateLoaders.isEmpty else {
            return TemplateEnvironment(loader: folders, configuration: configuration)
        }
        return TemplateEnvironment(loader: ChainLoader([folders] + registration.templateLoaders), configuration: configuration)
    }
}
