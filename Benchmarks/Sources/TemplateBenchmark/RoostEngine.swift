import RoostTemplates

/// RoostTemplates renders Templates/jinja2/ — the very files Jinja2 renders — with its default
/// configuration (autoescape on for `.html`), into a reused byte buffer as the web layer does.
struct RoostEngine {
    let fortunes: Template
    let page: Template

    init(templates: String) throws {
        let env = TemplateEnvironment(loader: DirectoryLoader(paths: [templates + "/jinja2"]))
        fortunes = try env.template(named: "fortunes.html")
        page = try env.template(named: "page.html")
    }

    /// The `Encodable` context, encoded inside the timed loop: what a Roost handler does
    /// (`req.render("page.html", model)`).
    func renderer(_ workload: Workload, data: BenchmarkData) -> Renderer {
        var buffer: [UInt8] = []
        buffer.reserveCapacity(256 * 1024)
        switch workload {
        case .fortunes:
            let (template, model) = (fortunes, data.fortunes)
            return Renderer {
                buffer.removeAll(keepingCapacity: true)
                try template.render(model, into: &buffer)
                return buffer.count
            } output: {
                try template.render(model)
            }
        case .page:
            let (template, model) = (page, data.page)
            return Renderer {
                buffer.removeAll(keepingCapacity: true)
                try template.render(model, into: &buffer)
                return buffer.count
            } output: {
                try template.render(model)
            }
        }
    }

    /// The context converted to `[String: TemplateValue]` once, outside the timed loop: the
    /// template engine alone.
    func prebuiltRenderer(_ workload: Workload, data: BenchmarkData) throws -> Renderer {
        let template = workload == .fortunes ? fortunes : page
        let context = workload == .fortunes ? try Self.dictionary(data.fortunes) : try Self.dictionary(data.page)
        var buffer: [UInt8] = []
        buffer.reserveCapacity(256 * 1024)
        return Renderer {
            buffer.removeAll(keepingCapacity: true)
            try template.render(context, into: &buffer)
            return buffer.count
        } output: {
            try template.render(context)
        }
    }

    static func dictionary(_ value: some Encodable) throws -> [String: TemplateValue] {
        guard case .dict(let dict) = try TemplateValueEncoder().encode(value) else {
            throw BenchmarkError("the context did not encode as a dict")
        }
        var result: [String: TemplateValue] = [:]
        for (key, value) in dict.pairs {
            guard case .string(let name) = key else { throw BenchmarkError("non-string key \(key)") }
            result[name] = value
        }
        return result
    }
}
