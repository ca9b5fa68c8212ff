import Foundation
import RoostTesting
import Synchronization
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// The `demo` executable as a user runs it: a separate process, signals, thousands of
/// connections.
@Suite(.serialized) struct DemoProcessTests {
    /// A running `demo serve --port 0`.
    final class DemoProcess: Sendable {
        let process: Process
        let port: Int
        private let output: LockedBox<String>

        /// The SQLite file of this run, removed by ``stop(with:)``.
        let database: String
        /// The demo binary and the environment it runs with.
        let binary: String
        let environment: [String: String]

        init(arguments: [String] = ["serve", "--migrate", "--port", "0"], environment: [String: String] = [:]) async throws {
            let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
                .appendingPathComponent("demo").path
            guard FileManager.default.isExecutableFile(atPath: binary) else {
                throw RawHTTPError(description: "demo binary not found at \(binary); build all targets first")
            }
            let process = Process()
            process.executableURL = URL(fileURLWithPath: binary)
            process.arguments = arguments
            let database = FileManager.default.temporaryDirectory.appendingPathComponent("demo-\(UUID().uuidString).sqlite3").path
            let environment = [
                "ACCESS_LOG": "false", "LOG_LEVEL": "warning", "PATH": "/usr/bin:/bin", "DATABASE_URL": "sqlite:///" + database,
            ].merging(environment) { $1 }
            process.environment = environment
            let pipe = Pipe()
            process.standardOutput = pipe
            let output = LockedBox("")
            let (lines, continuation) = AsyncStream.makeStream(of: String.self)
            pipe.fileHandleForReading.readabilityHandler = { handle in
                let data = handle.availableData
                if data.isEmpty {
                    continuation.finish()
                    handle.readabilityHandler = nil
                    return
                }
                let text = String(decoding: data, as: UTF8.self)
                output.withLock { $0 += text }
                continuation.yield(text)
            }
            try process.run()
            var seen = ""
            var port: Int?
            for await text in lines {
                seen += text
                if let range = seen.range(of: #"http://127\.0\.0\.1:(\d+)/"#, options: .regularExpression) {
                    let address = seen[range]
                    port = Int(address.split(separator: ":").last!.dropLast())
                    break
                }
            }
            guard let port else {
                process.terminate()
                throw RawHTTPError(description: "demo did not report its port; output: \(seen)")
            }
            self.process = process
            self.port = port
            self.output = output
            self.database = database
            self.binary = binary
            self.environment = environment
        }

        /// Runs another command of the demo on the same database (`createsuperuser …`) and
        /// returns its output; throws when it fails.
        @discardableResult
        func run(_ arguments: [String], environment extra: [String: String] = [:]) throws -> String {
            let command = Process()
            command.executableURL = URL(fileURLWithPath: binary)
            command.arguments = arguments
            command.environment = environment.merging(extra) { $1 }
            let pipe = Pipe()
            command.standardOutput = pipe
            command.standardError = pipe
            command.standardInput = FileHandle.nullDevice
            try command.run()
            let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            command.waitUntilExit()
            guard command.terminationStatus == 0 else {
                throw RawHTTPError(description: "demo \(arguments.joined(separator: " ")) failed: \(output)")
            }
            return output
        }

        var standardOutput: String { output.withLock { $0 } }

        /// Sends a signal and waits for the process to exit; returns its status.
        func stop(with signal: Int32) async -> Int32 {
            kill(process.processIdentifier, signal)
            while process.isRunning { try? await Task.sleep(for: .milliseconds(20)) }
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: database + suffix) }
            return process.terminationStatus
        }
    }

    @Test(arguments: [SIGTERM, SIGINT])
    func shutsDownCleanlyOnSignals(_ signal: Int32) async throws {
        let demo = try await DemoProcess()
        let server = LiveServer(port: demo.port)
        #expect(try await server.request("/").status == 200)
        #expect(await demo.stop(with: signal) == 0)
        #expect(demo.standardOutput.contains("Roost stopped"))
    }

    @Test func servesItsPagesAPIFormAndStaticFiles() async throws {
        let demo = try await DemoProcess()
        let server = LiveServer(port: demo.port)
        let home = try await server.request("/")
        #expect(home.status == 200)
        #expect(home.text.contains("<h1>Roost demo</h1>"))
        #expect(home.text.contains("href=\"/static/css/site.css\""))
        #expect(try await server.request("/api/posts/1").text.contains("\"title\":\"Hello, Roost\""))
        #expect(try await server.request("/api/posts/99").text == #"{"error":"No post 99"}"#)
        let form = try await server.request("/guestbook")
        let (cookie, token) = try Self.csrf(of: form)
        let formHeaders = [("Content-Type", "application/x-www-form-urlencoded"), ("Cookie", cookie)]
        let forged = try await server.request(
            "/guestbook", method: "POST", headers: [("Content-Type", "application/x-www-form-urlencoded")],
            body: Array("name=x&message=hello".utf8)
        )
        #expect(forged.status == 403)
        let signed = try await server.request(
            "/guestbook", method: "POST", headers: formHeaders,
            body: Array("csrfmiddlewaretoken=\(token)&name=%3Cscript%3E&message=hello".utf8)
        )
        #expect(signed.status == 303)
        let book = try await server.request("/guestbook")
        #expect(book.text.contains("<strong>&lt;script&gt;</strong>"))
        #expect(try await server.request("/static/hello.txt").text.hasPrefix("Hello from a static file"))
        let missing = try await server.request("/nowhere")
        #expect(missing.status == 404)
        #expect(missing.text.contains("Nothing lives at <code>/nowhere</code>"))
        #expect(await demo.stop(with: SIGTERM) == 0)
    }

    @Test func blogListsShowsAndCreatesPostsInSQLite() async throws {
        let demo = try await DemoProcess()
        let server = LiveServer(port: demo.port)
        let list = try await server.request("/posts")
        #expect(list.status == 200)
        #expect(list.text.contains(#"<a href="/posts/1">Hello, Roost</a>"#))
        #expect(list.text.contains(#"<a href="/accounts/login/?next=%2Fposts">Log in</a>"#))
        #expect(try await server.request("/posts/2").text.contains("<h1>Typed routes</h1>"))
        #expect(try await server.request("/posts/99").status == 404)

        // Writing needs a login: browsers go to the login page, API clients get 401.
        var browser = DemoBrowser(port: demo.port)
        let anonymous = try await browser.get("/posts/new")
        #expect(anonymous.status == 302)
        #expect(anonymous.header("Location") == "/accounts/login/?next=%2Fposts%2Fnew")
        let api = try await server.request(
            "/api/posts", method: "POST", headers: [("Content-Type", "application/json")], body: Array(#"{"title":"x","body":""}"#.utf8)
        )
        #expect(api.status == 401)

        // The auth tables came with the demo's migrations; createsuperuser makes a user.
        let created = try demo.run(
            ["createsuperuser", "--no-input", "--username", "editor", "--email", "editor@example.com"],
            environment: ["ROOST_SUPERUSER_PASSWORD": "walk-the-dog-42"]
        )
        #expect(created.contains("Superuser editor created."))
        #expect(try await browser.logIn("editor", "wrong-password").status == 200)
        let login = try await browser.logIn("editor", "walk-the-dog-42")
        #expect(login.status == 302)
        let form = try await browser.get("/posts/new")
        #expect(form.status == 200)
        #expect(form.text.contains("Signed in as <strong>editor</strong>"))
        #expect(try await browser.post("/posts/new", [("title", ""), ("body", "x")]).status == 422)
        let post = try await browser.post("/posts/new", [("title", "From a test"), ("body", "Stored in SQLite")])
        #expect(post.status == 303)
        let location = try #require(post.header("Location"))
        let page = try await browser.get(location)
        #expect(page.text.contains("Stored in SQLite"))
        #expect(page.text.contains(#"<p class="byline">by editor</p>"#))
        #expect(try await server.request("/").text.contains("From a test"))

        // Deleting needs demo.delete_post, which a superuser has; anonymous visitors see no button.
        #expect(page.text.contains("Delete this post"))
        #expect(try await server.request(location).text.contains("Delete this post") == false)
        let deleted = try await browser.post(location + "/delete", [])
        #expect(deleted.status == 303)
        #expect(try await server.request(location).status == 404)

        // Logging out ends the session: writing and deleting need a login again.
        #expect(try await browser.post("/accounts/logout/", []).status == 200)
        #expect(try await browser.get("/posts/new").status == 302)
        #expect(try await browser.post("/posts/1/delete", []).status == 302)
        #expect(try await server.request("/posts/1").status == 200)
        #expect(await demo.stop(with: SIGTERM) == 0)
    }

    /// The CSRF cookie (as a `Cookie` header value) and the form token of a page with a form.
    static func csrf(of page: RawHTTPResponse) throws -> (cookie: String, token: String) {
        let setCookie = try #require(page.headers.first { $0.name.lowercased() == "set-cookie" && $0.value.hasPrefix("csrftoken=") })
        let cookie = String(setCookie.value.prefix { $0 != ";" })
        let marker = #"name="csrfmiddlewaretoken" value=""#
        let start = try #require(page.text.range(of: marker)).upperBound
        let token = String(page.text[start...].prefix { $0 != "\"" })
        return (cookie, token)
    }

    @Test func stillServesANewClientWithTenThousandIdleConnectionsOpen() async throws {
        var limits = rlimit()
        getrlimit(__rlimit_resource_t(RLIMIT_NOFILE.rawValue), &limits)
        limits.rlim_cur = limits.rlim_max
        setrlimit(__rlimit_resource_t(RLIMIT_NOFILE.rawValue), &limits)
        try #require(limits.rlim_cur >= 10_500, "the test needs 10,500 open files; ulimit -Hn is \(limits.rlim_cur)")

        let demo = try await DemoProcess()
        let server = LiveServer(port: demo.port)
        let idle = LockedBox<[RawHTTPConnection]>([])
        try await withThrowingTaskGroup(of: Void.self) { group in
            for worker in 0..<50 {
                group.addTask {
                    for _ in 0..<200 {
                        let connection = try await server.connect()
                        try await connection.send("GET /api/posts/1 HTTP/1.1\r\nHost: localhost\r\n\r\n")
                        let response = try await connection.readResponse()
                        guard response.status == 200 else {
                            throw RawHTTPError(description: "worker \(worker) got \(response.status)")
                        }
                        idle.withLock { $0.append(connection) }
                    }
                }
            }
            try await group.waitForAll()
        }
        #expect(idle.withLock { $0.count } == 10_000)
        let fresh = try await withThrowingTaskGroup(of: RawHTTPResponse?.self) { group in
            group.addTask { try await server.request("/api/posts") }
            group.addTask {
                try await Task.sleep(for: .seconds(30))
                return nil
            }
            let first = try await group.next()!
            group.cancelAll()
            return first
        }
        #expect(fresh?.status == 200)
        #expect(await demo.stop(with: SIGTERM) == 0)
        for connection in idle.withLock({ $0 }) { await connection.close() }
    }
}
