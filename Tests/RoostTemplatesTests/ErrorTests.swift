import RoostTemplates
import Testing

@Suite("Errors")
struct ErrorTests {
    func error(_ templates: [String: String], _ name: String, _ context: [String: TemplateValue] = [:]) -> TemplateError? {
        let env = TemplateEnvironment(loader: DictionaryLoader(templates))
        do {
            _ = try env.render(name, context: context)
            return nil
        } catch {
            return error as? TemplateError
        }
    }

    @Test func syntaxErrorsCarryNameLineColumnAndExcerpt() throws {
        let e = try #require(error(["p.html": "<p>\n  {{ user.name | }}\n</p>"], "p.html"))
        #expect(e.code == .syntax)
        #expect(e.templateName == "p.html")
        #expect(e.line == 2)
        #expect(e.column == 18)
        #expect(e.excerpt == "{{ user.name | }}")
        #expect(e.message == "expected token 'name', got 'end of print statement'")
        #expect(e.description.contains("File \"p.html\", line 2"))
    }

    @Test func unclosedBlocksUseJinjaWording() throws {
        let e = try #require(error(["t": "{% for x in y %}\n{% if x %}\n"], "t"))
        #expect(e.message == "Unexpected end of template. Jinja was looking for the following tags: 'elif' or 'else' or 'endif'. The innermost block that needs to be closed is 'if'.")
    }

    @Test func runtimeErrorsPointAtTheFailingLine() throws {
        let e = try #require(error(["t": "a\nb\n{{ 1 + 'x' }}"], "t"))
        #expect(e.code == .type)
        #expect(e.line == 3)
        #expect(e.excerpt == "{{ 1 + 'x' }}")
    }

    @Test func errorsInIncludedTemplatesNameThatTemplate() throws {
        let e = try #require(error(["main": "x\n{% include 'inc' %}", "inc": "\n\n{{ nope.attr }}"], "main"))
        #expect(e.code == .undefined)
        #expect(e.templateName == "inc")
        #expect(e.line == 3)
        #expect(e.message == "'nope' is undefined")
    }

    @Test func unknownFiltersAndTestsFailAtCompileTime() throws {
        let e = try #require(error(["t": "ok\n{{ x|frobnicate }}"], "t"))
        #expect(e.code == .assertion)
        #expect(e.message == "No filter named 'frobnicate'.")
        #expect(e.line == 2)
    }

    @Test func missingTemplatesListTheSearchPath() throws {
        let env = TemplateEnvironment(loader: DirectoryLoader(paths: ["/nonexistent/a", "/nonexistent/b"]))
        do {
            _ = try env.render("page.html")
            Issue.record("expected an error")
        } catch let e as TemplateError {
            #expect(e.code == .templateNotFound)
            #expect(e.searchedPaths == ["/nonexistent/a", "/nonexistent/b"])
            #expect(e.message == "'page.html' not found in search path: '/nonexistent/a', '/nonexistent/b'")
        }
    }

    @Test func strictUndefinedNamesTheVariable() throws {
        var config = TemplateConfiguration()
        config.undefined = .strict
        let env = TemplateEnvironment(configuration: config)
        do {
            _ = try env.renderString("line\n{{ user.missing }}", context: ["user": ["name": "x"]])
            Issue.record("expected an error")
        } catch let e as TemplateError {
            #expect(e.code == .undefined)
            #expect(e.message == "'dict object' has no attribute 'missing'")
            #expect(e.line == 2)
        }
    }

    @Test func customFilterErrorsAreWrappedWithLocation() throws {
        struct Boom: Error {}
        var config = TemplateConfiguration()
        config.registerFilter("boom") { _, _ in throw Boom() }
        let env = TemplateEnvironment(configuration: config)
        do {
            _ = try env.renderString("\n{{ 1|boom }}")
            Issue.record("expected an error")
        } catch let e as TemplateError {
            #expect(e.code == .runtime)
            #expect(e.line == 2)
        }
    }
}
