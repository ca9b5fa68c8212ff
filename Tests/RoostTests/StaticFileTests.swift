import Foundation
import Roost
import RoostTesting
import Testing

@Suite struct StaticFileTests {
    /// A directory with a file, a subdirectory, and a symlink pointing outside it.
    struct Fixture {
        let root: String
        let outside: String

        init() throws {
            let base = FileManager.default.temporaryDirectory.appendingPathComponent("roost-static-\(UUID())").path
            root = base + "/public"
            outside = base + "/secret.txt"
            try FileManager.default.createDirectory(atPath: root + "/css", withIntermediateDirectories: true)
            try "0123456789".write(toFile: root + "/digits.txt", atomically: true, encoding: .utf8)
            try "body{}".write(toFile: root + "/css/site.css", atomically: true, encoding: .utf8)
            try "TOP SECRET".write(toFile: outside, atomically: true, encoding: .utf8)
            try FileManager.default.createSymbolicLink(atPath: root + "/escape.txt", withDestinationPath: outside)
            try FileManager.default.createSymbolicLink(atPath: root + "/inside.txt", withDestinationPath: root + "/digits.txt")
        }
    }

    private func client(_ fixture: Fixture) throws -> TestClient {
        let app = try makeApp()
        app.serveStatic("/static", from: fixture.root)
        return try app.testClient()
    }

    @Test func servesFilesWithValidators() async throws {
        let client = try client(Fixture())
        let response = try await client.get("/static/digits.txt")
        #expect(response.text == "0123456789")
        #expect(response.headers[.contentType] == "text/plain; charset=utf-8")
        #expect(response.headers[.eTag] != nil)
        #expect(response.headers[.lastModified]?.hasSuffix("GMT") == true)
        #expect(response.headers[.acceptRanges] == "bytes")
        #expect(try await client.get("/static/css/site.css").headers[.contentType] == "text/css; charset=utf-8")
        #expect(try await client.get("/static/inside.txt").text == "0123456789")
        let head = try await client.head("/static/digits.txt")
        #expect(head.status == .ok && head.body.isEmpty)
    }

    @Test func answersConditionalRequestsWith304() async throws {
        let client = try client(Fixture())
        let first = try await client.get("/static/digits.txt")
        let etag = try #require(first.headers[.eTag])
        let lastModified = try #require(first.headers[.lastModified])
        #expect(try await client.get("/static/digits.txt", headers: [.ifNoneMatch: etag]).status == .notModified)
        #expect(try await client.get("/static/digits.txt", headers: [.ifNoneMatch: "W/\(etag)"]).status == .notModified)
        #expect(try await client.get("/static/digits.txt", headers: [.ifNoneMatch: "\"other\""]).status == .ok)
        #expect(try await client.get("/static/digits.txt", headers: [.ifModifiedSince: lastModified]).status == .notModified)
        #expect(try await client.get("/static/digits.txt", headers: [.ifModifiedSince: "Thu, 01 Jan 1970 00:00:00 GMT"]).status == .ok)
    }

    @Test func servesByteRanges() async throws {
        let client = try client(Fixture())
        let partial = try await client.get("/static/digits.txt", headers: [.range: "bytes=2-4"])
        #expect(partial.status == .partialContent)
        #expect(partial.text == "234")
        #expect(partial.headers[.contentRange] == "bytes 2-4/10")
        #expect(try await client.get("/static/digits.txt", headers: [.range: "bytes=7-"]).text == "789")
        #expect(try await client.get("/static/digits.txt", headers: [.range: "bytes=-3"]).text == "789")
        #expect(try await client.get("/static/digits.txt", headers: [.range: "bytes=5-100"]).text == "56789")
        let unsatisfiable = try await client.get("/static/digits.txt", headers: [.range: "bytes=10-"])
        #expect(unsatisfiable.status == .rangeNotSatisfiable)
        #expect(unsatisfiable.headers[.contentRange] == "bytes */10")
        #expect(try await client.get("/static/digits.txt", headers: [.range: "bytes=0-1,4-5"]).status == .ok)
        #expect(try await client.get("/static/digits.txt", headers: [.range: "lines=1-2"]).status == .ok)
        #expect(try await client.get("/static/digits.txt", headers: [.range: "bytes=2-3", .ifRange: "\"stale\""]).status == .ok)
    }

    @Test(arguments: [
        "/static/../secret.txt", "/static/%2e%2e/secret.txt", "/static/%2E%2E%2Fsecret.txt", "/static/css/../../secret.txt",
        "/static/escape.txt", "/static/css", "/static/nothing.txt", "/static//etc/passwd", "/static/%2Fetc%2Fpasswd",
        "/static/..%5csecret.txt", "/static/digits.txt%00.png",
    ])
    func refusesPathsOutsideTheRoot(_ path: String) async throws {
        let response = try await client(Fixture()).get(path)
        #expect(response.status == .notFound, "\(path)")
        #expect(!response.text.contains("TOP SECRET"))
    }

    @Test func sendsSingleFilesAsDownloads() async throws {
        let fixture = try Fixture()
        let app = try makeApp()
        app.get("/download") { req in
            try await Response.file(at: fixture.root + "/digits.txt", for: req, downloadName: "résumé \"1\".txt")
        }
        let response = try await app.testClient().get("/download")
        #expect(response.headers[.contentDisposition] == "attachment; filename=\"rsum 1.txt\"; filename*=UTF-8''r%C3%A9sum%C3%A9%20%221%22.txt")
    }
}
