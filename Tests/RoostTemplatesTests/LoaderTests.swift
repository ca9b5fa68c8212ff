import Foundation
import RoostTemplates
import Testing

@Suite("Loaders", .serialized)
struct LoaderTests {
    /// A fresh temporary directory with `files`.
    func directory(_ files: [String: String]) throws -> String {
        let root = NSTemporaryDirectory() + "roost-templates-" + UUID().uuidString
        for (name, text) in files {
            let path = root + "/" + name
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try text.write(toFile: path, atomically: true, encoding: .utf8)
        }
        return root
    }

    @Test func directoryLoaderSearchesPathsInOrder() throws {
        let app = try directory(["page.html": "app page", "only-app.html": "A"])
        let blueprint = try directory(["page.html": "blueprint page", "bp/only.html": "B"])
        let env = TemplateEnvironment(loader: DirectoryLoader(paths: [app, blueprint]))
        #expect(try env.render("page.html") == "app page")
        #expect(try env.render("bp/only.html") == "B")
        #expect(try env.render("only-app.html") == "A")
        #expect(try env.render("./bp//only.html") == "B")
    }

    @Test(arguments: ["../secret.txt", "a/../../secret.txt", "/etc/passwd", "a\\b.txt"])
    func directoryLoaderRejectsEscapingNames(_ name: String) throws {
        let root = try directory(["inner/x.txt": "x"])
        let env = TemplateEnvironment(loader: DirectoryLoader(paths: [root + "/inner"]))
        do {
            _ = try env.render(name)
            Issue.record("expected \(name) to be rejected")
        } catch let e as TemplateError {
            #expect(e.code == .templateNotFound)
        }
    }

    @Test func includesCannotEscapeEither() throws {
        let root = try directory(["inner/x.txt": "{% include '../secret.txt' %}", "secret.txt": "SECRET"])
        let env = TemplateEnvironment(loader: DirectoryLoader(paths: [root + "/inner"]))
        #expect(throws: TemplateError.self) { try env.render("x.txt") }
    }

    @Test func chainLoaderTakesTheFirstHit() throws {
        let env = TemplateEnvironment(loader: ChainLoader([
            DictionaryLoader(["a.txt": "memory"]),
            DictionaryLoader(["a.txt": "second", "b.txt": "b from second"]),
        ]))
        #expect(try env.render("a.txt") == "memory")
        #expect(try env.render("b.txt") == "b from second")
        #expect(throws: TemplateError.self) { try env.render("c.txt") }
    }

    @Test func compiledTemplatesAreCached() throws {
        let root = try directory(["t.txt": "one"])
        let env = TemplateEnvironment(loader: DirectoryLoader(paths: [root]))
        #expect(try env.render("t.txt") == "one")
        try "two".write(toFile: root + "/t.txt", atomically: true, encoding: .utf8)
        #expect(try env.render("t.txt") == "one")
        env.clearCache()
        #expect(try env.render("t.txt") == "two")
    }

    @Test func autoReloadRecompilesChangedFiles() throws {
        let root = try directory(["t.txt": "one"])
        var config = TemplateConfiguration()
        config.autoReload = true
        let env = TemplateEnvironment(loader: DirectoryLoader(paths: [root]), configuration: config)
        #expect(try env.render("t.txt") == "one")
        try "two".write(toFile: root + "/t.txt", atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: 60)], ofItemAtPath: root + "/t.txt")
        #expect(try env.render("t.txt") == "two")
    }

    @Test func missingIncludeListsSearchPath() throws {
        let root = try directory(["main.txt": "{% include 'gone.txt' %}"])
        let env = TemplateEnvironment(loader: DirectoryLoader(paths: [root]))
        do {
            _ = try env.render("main.txt")
            Issue.record("expected an error")
        } catch let e as TemplateError {
            #expect(e.code == .templateNotFound)
            #expect(e.message.contains(root))
            #expect(e.templateName == "main.txt")
            #expect(e.line == 1)
        }
    }

    @Test func customLoadersPlugIn() throws {
        struct Upper: TemplateLoader {
            func load(_ name: String) throws -> TemplateSource? {
                name.hasPrefix("x") ? TemplateSource(source: "{{ '\(name)'|upper }}") : nil
            }
            var searchPaths: [String] { ["upper"] }
        }
        let env = TemplateEnvironment(loader: Upper())
        #expect(try env.render("xyz") == "XYZ")
    }
}
