import Foundation
import NIOCore
import Roost
import RoostTesting
import Testing

@Suite struct RequestBodyTests {
    struct Draft: Codable, Sendable { var title: String; var tags: [String] }

    private func jsonApp() throws -> App {
        let app = try makeApp()
        app.post("/drafts") { req in
            let draft = try await req.decodeJSON(Draft.self)
            return "\(draft.title):\(draft.tags.joined(separator: ","))"
        }
        app.post("/tiny", options: RouteOptions(bodyLimit: 16)) { req in
            "\(try await req.collectBody().readableBytes)"
        }
        return app
    }

    @Test func decodesJSONBodies() async throws {
        let client = try jsonApp().testClient()
        let response = try await client.post("/drafts", json: Draft(title: "Hi", tags: ["a", "b"]))
        #expect(response.text == "Hi:a,b")
    }

    @Test func explainsJSONThatDoesNotDecode() async throws {
        let client = try jsonApp().testClient()
        let json: HTTPFields = [.contentType: "application/json", .accept: "application/json"]
        let missing = try await client.post("/drafts", body: Array(#"{"title":"x"}"#.utf8), headers: json)
        #expect(missing.status == .badRequest)
        #expect(missing.text.contains("missing key 'tags'"))
        let wrongType = try await client.post("/drafts", body: Array(#"{"title":"x","tags":[1]}"#.utf8), headers: json)
        #expect(wrongType.text.contains("'tags.[0]'"))
        let garbage = try await client.post("/drafts", body: Array("{nope".utf8), headers: json)
        #expect(garbage.status == .badRequest)
        let notJSON = try await client.post("/drafts", body: Array("{}".utf8), headers: [.contentType: "text/plain"])
        #expect(notJSON.status == .unsupportedMediaType)
    }

    @Test func refusesBodiesOverTheRouteLimit() async throws {
        let client = try jsonApp().testClient()
        #expect(try await client.post("/tiny", body: Array(repeating: 1, count: 16)).text == "16")
        #expect(try await client.post("/tiny", body: Array(repeating: 1, count: 17)).status == .contentTooLarge)
    }

    @Test func readsURLEncodedForms() async throws {
        let app = try makeApp()
        app.post("/f") { req in
            let form = try await req.form()
            return "\(form["name"] ?? "-")|\(form.all("tag").joined(separator: ","))|\(form["empty"] ?? "nil")"
        }
        let response = try await app.testClient().post("/f", form: ["name": "Ada Lovelace & co", "tag": "a", "tag": "b=c", "empty": ""])
        #expect(response.text == "Ada Lovelace & co|a,b=c|")
    }

    static func multipart(_ parts: [(name: String, filename: String?, type: String?, body: [UInt8])], boundary: String = "XyZ") -> [UInt8] {
        var bytes: [UInt8] = Array("preamble to ignore\r\n".utf8)
        for part in parts {
            var head = "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(part.name)\""
            if let filename = part.filename { head += "; filename=\"\(filename)\"" }
            head += "\r\n"
            if let type = part.type { head += "Content-Type: \(type)\r\n" }
            head += "\r\n"
            bytes += Array(head.utf8) + part.body + Array("\r\n".utf8)
        }
        bytes += Array("--\(boundary)--\r\nepilogue".utf8)
        return bytes
    }

    private func uploadApp(limits: FormLimits = FormLimits()) throws -> App {
        let app = try makeApp()
        app.post("/upload", options: RouteOptions(bodyLimit: 64 * 1024 * 1024)) { req in
            let form = try await req.form(limits: limits)
            var lines = ["title=\(form["title"] ?? "-")"]
            for file in form.files {
                let bytes = try await file.bytes()
                lines.append("\(file.fieldName):\(file.filename):\(file.contentType ?? "-"):\(file.size):\(bytes.count):\(file.temporaryPath == nil ? "memory" : "disk")")
            }
            return lines.joined(separator: "\n")
        }
        return app
    }

    @Test func readsMultipartFieldsAndFiles() async throws {
        let body = Self.multipart([
            ("title", nil, nil, Array("Holiday ☀️".utf8)),
            ("photo", "../../etc/passwd", "image/png", [0, 1, 2, 13, 10, 45, 45, 3]),
            ("empty", "", "application/octet-stream", []),
        ])
        let response = try await uploadApp().testClient().post(
            "/upload", body: body, headers: [.contentType: "multipart/form-data; boundary=XyZ"]
        )
        #expect(response.text == "title=Holiday ☀️\nphoto:passwd:image/png:8:8:memory")
    }

    @Test func spoolsLargeFilesToDiskAndRemovesThem() async throws {
        var limits = FormLimits()
        limits.memoryFileSize = 1024
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("roost-spool-\(UUID())").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        limits.temporaryDirectory = directory
        let big = [UInt8]((0..<300_000).map { UInt8($0 % 251) })
        let body = Self.multipart([("blob", "big.bin", nil, big)], boundary: "b0undary")
        let response = try await uploadApp(limits: limits).testClient().post(
            "/upload", body: body, headers: [.contentType: "multipart/form-data; boundary=\"b0undary\""]
        )
        #expect(response.text == "title=-\nblob:big.bin:-:300000:300000:disk")
        // The spooled file goes with the request's last reference, which the server's task
        // may hold a moment after the response arrives.
        var leftover = try FileManager.default.contentsOfDirectory(atPath: directory)
        for _ in 0..<250 where !leftover.isEmpty {
            try await Task.sleep(for: .milliseconds(20))
            leftover = try FileManager.default.contentsOfDirectory(atPath: directory)
        }
        #expect(leftover.isEmpty)
    }

    @Test(arguments: [
        ("no boundary", "multipart/form-data", "--x\r\n"),
        ("truncated", "multipart/form-data; boundary=x", "--x\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nvalue"),
        ("no name", "multipart/form-data; boundary=x", "--x\r\nContent-Disposition: form-data\r\n\r\nv\r\n--x--"),
        ("bad delimiter", "multipart/form-data; boundary=x", "--xGARBAGE\r\n\r\n--x--"),
    ])
    func rejectsMalformedMultipart(_ name: String, _ contentType: String, _ body: String) async throws {
        let response = try await uploadApp().testClient().post("/upload", body: Array(body.utf8), headers: [.contentType: contentType])
        #expect(response.status == .badRequest, "\(name)")
    }

    @Test func limitsFieldCountAndFieldBytes() async throws {
        var limits = FormLimits()
        limits.maxFields = 3
        limits.maxFieldBytes = 10
        let many = Self.multipart((0..<4).map { ("f\($0)", nil, nil, [65]) })
        let client = try uploadApp(limits: limits).testClient()
        #expect(try await client.post("/upload", body: many, headers: [.contentType: "multipart/form-data; boundary=XyZ"]).status == .badRequest)
        let long = Self.multipart([("title", nil, nil, Array(repeating: 65, count: 11))])
        #expect(try await client.post("/upload", body: long, headers: [.contentType: "multipart/form-data; boundary=XyZ"]).status == .contentTooLarge)
    }
}
