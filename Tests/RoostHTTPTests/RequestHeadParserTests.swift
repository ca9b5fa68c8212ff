import HTTPTypes
import NIOCore
@testable import RoostHTTP
import Testing

/// Parses `text` as one request head the way the connection does: scan, then parse.
private func parse(
    _ text: String,
    limits: HTTP1Limits = HTTP1Limits(maxHeadBytes: 64 * 1024, maxURILength: 8 * 1024, maxHeaderCount: 100)
) throws(HTTP1ParseError) -> ParsedRequestHead {
    let bytes = Array(text.utf8)
    return try bytes.withUnsafeBytes { raw in
        Result { () throws(HTTP1ParseError) -> ParsedRequestHead in
            var scanner = HeadBoundaryScanner()
            guard case .complete(let range) = try scanner.scan(raw, limits: limits) else {
                throw HTTP1ParseError.badRequest("incomplete in test")
            }
            return try RequestHeadParser.parse(UnsafeRawBufferPointer(rebasing: raw[range]), limits: limits)
        }
    }.get()
}

private func parseError(_ text: String) -> HTTP1ParseError? {
    do {
        _ = try parse(text)
        return nil
    } catch {
        return error
    }
}

@Suite struct RequestHeadParserTests {
    @Test func parsesASimpleRequest() throws {
        let head = try parse("GET /a/b?x=1 HTTP/1.1\r\nHost: example.com\r\nAccept: */*\r\nX-Custom: hi there \r\n\r\n")
        #expect(head.request.method == .get)
        #expect(head.request.path == "/a/b?x=1")
        #expect(head.request.authority == "example.com")
        #expect(head.request.headerFields[.accept] == "*/*")
        #expect(head.request.headerFields[HTTPField.Name("x-custom")!] == "hi there")
        #expect(head.keepAlive)
        #expect(head.framing == .none)
        #expect(!head.isHTTP10)
    }

    @Test func readsContentLengthAndChunkedFraming() throws {
        #expect(try parse("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 12\r\n\r\n").framing == .length(12))
        #expect(try parse("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 5, 5\r\n\r\n").framing == .length(5))
        #expect(try parse("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n").framing == .chunked)
        #expect(try parse("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 0\r\n\r\n").framing == .none)
    }

    @Test func keepAliveFollowsVersionAndConnectionHeader() throws {
        #expect(try !parse("GET / HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n").keepAlive)
        #expect(try !parse("GET / HTTP/1.0\r\n\r\n").keepAlive)
        #expect(try parse("GET / HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n").keepAlive)
    }

    @Test func acceptsAbsoluteFormAndAsteriskTargets() throws {
        let absolute = try parse("GET http://example.org:8080/x?y HTTP/1.1\r\nHost: ignored\r\n\r\n")
        #expect(absolute.request.authority == "example.org:8080")
        #expect(absolute.request.path == "/x?y")
        #expect(try parse("OPTIONS * HTTP/1.1\r\nHost: a\r\n\r\n").request.path == "*")
        #expect(parseError("GET * HTTP/1.1\r\nHost: a\r\n\r\n")?.status == .badRequest)
    }

    @Test func skipsEmptyLinesBeforeTheRequestLine() throws {
        #expect(try parse("\r\n\r\nGET / HTTP/1.1\r\nHost: a\r\n\r\n").request.path == "/")
    }

    @Test func notesExpectContinue() throws {
        #expect(try parse("PUT / HTTP/1.1\r\nHost: a\r\nExpect: 100-continue\r\nContent-Length: 3\r\n\r\n").expectsContinue)
        #expect(parseError("PUT / HTTP/1.1\r\nHost: a\r\nExpect: teapot\r\n\r\n")?.status == .expectationFailed)
    }

    @Test(arguments: [
        ("both lengths", "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n"),
        ("conflicting lengths", "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\n"),
        ("conflicting list", "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 3, 4\r\n\r\n"),
        ("signed length", "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: +3\r\n\r\n"),
        ("overflowing length", "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 99999999999999999999999\r\n\r\n"),
        ("missing host", "GET / HTTP/1.1\r\n\r\n"),
        ("duplicate host", "GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n"),
        ("invalid host", "GET / HTTP/1.1\r\nHost: a b\r\n\r\n"),
        ("space before colon", "GET / HTTP/1.1\r\nHost : a\r\n\r\n"),
        ("folded line", "GET / HTTP/1.1\r\nHost: a\r\nX-A: b\r\n c\r\n\r\n"),
        ("control byte", "GET / HTTP/1.1\r\nHost: a\r\nX-A: b\u{01}c\r\n\r\n"),
        ("NUL byte", "GET / HTTP/1.1\r\nHost: a\r\nX-A: b\u{00}c\r\n\r\n"),
        ("bare CR", "GET / HTTP/1.1\r\nHost: a\r\nX-A: b\rc\r\n\r\n"),
        ("bare LF", "GET / HTTP/1.1\nHost: a\r\n\r\n"),
        ("no name", "GET / HTTP/1.1\r\nHost: a\r\n: b\r\n\r\n"),
        ("bad method", "G(T / HTTP/1.1\r\nHost: a\r\n\r\n"),
        ("space in target", "GET /a b HTTP/1.1\r\nHost: a\r\n\r\n"),
        ("relative target", "GET a HTTP/1.1\r\nHost: a\r\n\r\n"),
        ("no version", "GET /\r\nHost: a\r\n\r\n"),
        ("lowercase version", "GET / http/1.1\r\nHost: a\r\n\r\n"),
        ("chunked not last", "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked, chunked\r\n\r\n"),
        ("TE in HTTP/1.0", "POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n"),
    ])
    func rejectsAmbiguousOrMalformedHeads(_ name: String, _ text: String) {
        #expect(parseError(text)?.status == .badRequest, "\(name)")
    }

    @Test func answersUnknownCodingsAndVersionsWithTheirOwnStatus() {
        #expect(parseError("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: gzip, chunked\r\n\r\n")?.status == .notImplemented)
        #expect(parseError("GET / HTTP/2.0\r\nHost: a\r\n\r\n")?.status == .httpVersionNotSupported)
    }

    @Test func enforcesURIAndHeadLimits() throws {
        let limits = HTTP1Limits(maxHeadBytes: 200, maxURILength: 50, maxHeaderCount: 3)
        #expect(throws: HTTP1ParseError.uriTooLong) {
            try parse("GET /\(String(repeating: "a", count: 60)) HTTP/1.1\r\nHost: a\r\n\r\n", limits: limits)
        }
        #expect(throws: HTTP1ParseError.headTooLarge) {
            try parse("GET / HTTP/1.1\r\nHost: a\r\nX: \(String(repeating: "b", count: 300))\r\n\r\n", limits: limits)
        }
        #expect(throws: HTTP1ParseError.headTooLarge) {
            try parse("GET / HTTP/1.1\r\nHost: a\r\nA: 1\r\nB: 2\r\nC: 3\r\n\r\n", limits: limits)
        }
    }
}

@Suite struct HeadBoundaryScannerTests {
    let limits = HTTP1Limits(maxHeadBytes: 100, maxURILength: 20, maxHeaderCount: 10)

    private func scan(_ scanner: inout HeadBoundaryScanner, _ text: String) throws(HTTP1ParseError) -> HeadBoundaryScanner.Outcome {
        let bytes = Array(text.utf8)
        let limits = self.limits
        return try bytes.withUnsafeBytes { raw in
            Result { () throws(HTTP1ParseError) in try scanner.scan(raw, limits: limits) }
        }.get()
    }

    @Test func findsTheEndOfAHeadDeliveredByteByByte() throws {
        let text = "GET / HTTP/1.1\r\nHost: a\r\n\r\nNEXT"
        var scanner = HeadBoundaryScanner()
        var outcome = HeadBoundaryScanner.Outcome.incomplete
        for length in 1...text.utf8.count {
            outcome = try scan(&scanner, String(text.prefix(length)))
            if outcome != .incomplete { break }
        }
        #expect(outcome == .complete(0..<27))
    }

    @Test func stopsAnIncompleteRequestLineAtTheURILimit() {
        var scanner = HeadBoundaryScanner()
        #expect(throws: HTTP1ParseError.uriTooLong) {
            try scan(&scanner, "GET /" + String(repeating: "x", count: 100))
        }
    }

    @Test func stopsAnIncompleteHeadAtTheHeadLimit() {
        var scanner = HeadBoundaryScanner()
        #expect(throws: HTTP1ParseError.headTooLarge) {
            try scan(&scanner, "GET / HTTP/1.1\r\nX: " + String(repeating: "x", count: 200))
        }
    }
}

@Suite struct ChunkedBodyDecoderTests {
    let limits = HTTP1Limits(maxHeadBytes: 1024, maxURILength: 1024, maxHeaderCount: 10)

    private func decode(_ pieces: [String]) throws(HTTP1ParseError) -> (body: String, complete: Bool, rest: String) {
        var decoder = ChunkedBodyDecoder()
        var body = ""
        var buffer = ByteBuffer()
        for piece in pieces {
            buffer.writeString(piece)
            try decoder.decode(&buffer, limits: limits) { body += String(buffer: $0) }
        }
        return (body, decoder.isComplete, String(buffer: buffer))
    }

    @Test func decodesChunksExtensionsAndTrailers() throws {
        let result = try decode(["5;name=value\r\nhello\r\n6\r\n world\r\n0\r\nX-Trailer: 1\r\n\r\nNEXT"])
        #expect(result.body == "hello world")
        #expect(result.complete)
        #expect(result.rest == "NEXT")
    }

    @Test func decodesAcrossArbitrarySplits() throws {
        let text = "3\r\nabc\r\nA\r\n0123456789\r\n0\r\n\r\n"
        for split in 1..<text.count {
            let result = try decode([String(text.prefix(split)), String(text.dropFirst(split))])
            #expect(result.body == "abc0123456789")
            #expect(result.complete)
        }
    }

    @Test(arguments: [
        "zz\r\nabc\r\n",
        "3\r\nabcX\r\n",
        "FFFFFFFFFFFFFFFFFF\r\n",
        "3\nabc\r\n",
        "-3\r\nabc\r\n",
        "3 x\r\nabc\r\n",
        "0\r\nbad trailer\r\n\r\n",
    ])
    func rejectsMalformedChunking(_ text: String) {
        #expect(throws: HTTP1ParseError.self) { try decode([text]) }
    }
}
