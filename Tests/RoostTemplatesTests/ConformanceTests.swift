import Foundation
import RoostTemplates
import Testing

/// One case of `Fixtures/conformance.json`, produced by real Jinja2 3.1.6 (see `generate.py`).
struct ConformanceCase: Sendable, CustomTestStringConvertible {
    let id: String
    let templates: [String: String]
    let main: String
    let context: [String: TemplateValue]
    let options: TemplateValue
    let expected: TemplateValue
    let check: String?

    var testDescription: String { id }

    static let all: [ConformanceCase] = {
        guard let url = Bundle.module.url(forResource: "conformance", withExtension: "json", subdirectory: "Fixtures"),
              let data = try? Data(contentsOf: url),
              case .dict(let root)? = try? TemplateValue.parseJSON(String(decoding: data, as: UTF8.self)),
              let cases = root["cases"]?.arrayValue
        else { return [] }
        return cases.compactMap { c -> ConformanceCase? in
            guard case .dict(let d) = c, let id = d["id"]?.stringValue, let main = d["main"]?.stringValue,
                  case .dict(let t)? = d["templates"], case .dict(let ctx)? = d["context"]
            else { return nil }
            var templates: [String: String] = [:]
            for (k, v) in zip(t.keys, t.values) { templates[k.printed] = v.stringValue ?? "" }
            var context: [String: TemplateValue] = [:]
            for (k, v) in zip(ctx.keys, ctx.values) { context[k.printed] = v }
            return ConformanceCase(
                id: id, templates: templates, main: main, context: context, options: d["options"] ?? .none,
                expected: d["expected"] ?? .none, check: d["check"]?.stringValue)
        }
    }()

    func environment() -> TemplateEnvironment {
        var config = TemplateConfiguration()
        guard case .dict(let o) = options else { return TemplateEnvironment(loader: DictionaryLoader(templates), configuration: config) }
        if o["trim_blocks"] == .bool(true) { config.trimBlocks = true }
        if o["lstrip_blocks"] == .bool(true) { config.lstripBlocks = true }
        if o["keep_trailing_newline"] == .bool(true) { config.keepTrailingNewline = true }
        if o["undefined"]?.stringValue == "strict" { config.undefined = .strict }
        if case .bool(let b)? = o["autoescape"] { config.autoescape = b ? .enabled : .disabled }
        return TemplateEnvironment(loader: DictionaryLoader(templates), configuration: config)
    }
}

/// Maps Jinja's exception names to ``TemplateError/Code``.
func errorCode(forJinjaType type: String) -> TemplateError.Code? {
    switch type {
    case "TemplateSyntaxError": return .syntax
    case "TemplateAssertionError": return .assertion
    case "UndefinedError": return .undefined
    case "TypeError": return .type
    case "ValueError": return .value
    case "ZeroDivisionError": return .zeroDivision
    case "TemplateRuntimeError": return .runtime
    case "TemplateNotFound": return .templateNotFound
    case "RecursionError", "SecurityError", "OverflowError": return .limitExceeded
    case "FilterArgumentError": return .filterArgument
    default: return nil
    }
}

@Suite("Conformance with Jinja2 3.1.6")
struct ConformanceTests {
    @Test("fixture file loads with at least 300 cases")
    func fixtureLoads() {
        #expect(ConformanceCase.all.count >= 300)
    }

    @Test("renders like Jinja2", arguments: ConformanceCase.all)
    func rendersLikeJinja(_ c: ConformanceCase) throws {
        let env = c.environment()
        let result = Result { try env.render(c.main, context: c.context) }
        guard case .dict(let expected) = c.expected else { Issue.record("bad fixture"); return }
        if let output = expected["output"]?.stringValue {
            switch result {
            case .success(let text):
                #expect(text == output, "\(c.id)\n--- expected ---\n\(output)\n--- got ---\n\(text)")
            case .failure(let error):
                Issue.record("\(c.id): expected output \(output.debugDescription), got error \(error)")
            }
            return
        }
        guard case .dict(let e)? = expected["error"], let type = e["type"]?.stringValue else {
            Issue.record("bad fixture \(c.id)")
            return
        }
        switch result {
        case .success(let text):
            Issue.record("\(c.id): expected \(type), got output \(text.debugDescription)")
        case .failure(let raw):
            guard let error = raw as? TemplateError else {
                Issue.record("\(c.id): not a TemplateError: \(raw)")
                return
            }
            #expect(error.code == errorCode(forJinjaType: type), "\(c.id): expected \(type), got \(error)")
            if c.check == "error-type" { return }
            if let line = e["line"]?.intValue {
                #expect(error.line == line, "\(c.id): expected line \(line), got \(error)")
            }
            if let name = e["template"]?.stringValue {
                #expect(error.templateName == name, "\(c.id): expected template \(name), got \(error)")
            }
            let message = e["message"]?.stringValue ?? ""
            if type == "TemplateNotFound" {
                let head = message.components(separatedBy: " in search path").first ?? message
                #expect(error.message.hasPrefix(head), "\(c.id): expected message starting \(head.debugDescription), got \(error.message.debugDescription)")
            } else {
                #expect(error.message == message, "\(c.id): expected message \(message.debugDescription), got \(error.message.debugDescription)")
            }
        }
    }
}
