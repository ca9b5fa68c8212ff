// TechEmpower plaintext and JSON tests on raw SwiftNIO with NIOHTTP1: the ceiling the
// frameworks are measured against. Usage: techempower-nio [--port 8080] [--threads 1]
import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix

struct Message: Encodable {
    let message: String
}

final class TechEmpowerHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private var uri = ""
    private var dateSecond = 0
    private var date = ""
    private let plaintext = ByteBuffer(string: "Hello, World!")
    private let encoder = JSONEncoder()

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            uri = head.uri
        case .body:
            break
        case .end:
            let body: ByteBuffer
            let contentType: String
            switch uri {
            case "/plaintext":
                body = plaintext
                contentType = "text/plain"
            case "/json":
                body = ByteBuffer(bytes: try! encoder.encode(Message(message: "Hello, World!")))
                contentType = "application/json"
            default:
                body = ByteBuffer()
                contentType = "text/plain"
            }
            let headers = HTTPHeaders([
                ("Content-Type", contentType),
                ("Content-Length", String(body.readableBytes)),
                ("Server", "NIO"),
                ("Date", currentDate()),
            ])
            let status: HTTPResponseStatus = body.readableBytes > 0 ? .ok : .notFound
            context.write(wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: status, headers: headers))), promise: nil)
            context.write(wrapOutboundOut(.body(.byteBuffer(body))), promise: nil)
            context.write(wrapOutboundOut(.end(nil)), promise: nil)
        }
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        context.flush()
    }

    private func currentDate() -> String {
        let now = Int(Date().timeIntervalSince1970)
        if now != dateSecond {
            dateSecond = now
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.timeZone = TimeZone(identifier: "GMT")
            formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
            date = formatter.string(from: Date(timeIntervalSince1970: Double(now)))
        }
        return date
    }
}

var port = 8080
var threads = 1
var arguments = CommandLine.arguments.dropFirst().makeIterator()
while let argument = arguments.next() {
    switch argument {
    case "--port": port = Int(arguments.next() ?? "") ?? port
    case "--threads": threads = Int(arguments.next() ?? "") ?? threads
    default: break
    }
}

let group = MultiThreadedEventLoopGroup(numberOfThreads: threads)
let channel = try ServerBootstrap(group: group)
    .serverChannelOption(.backlog, value: 4096)
    .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
    .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
    .childChannelOption(.maxMessagesPerRead, value: 16)
    .childChannelInitializer { channel in
        channel.eventLoop.makeCompletedFuture {
            try channel.pipeline.syncOperations.configureHTTPServerPipeline(
                withPipeliningAssistance: false, withErrorHandling: false
            )
            try channel.pipeline.syncOperations.addHandler(TechEmpowerHandler())
        }
    }
    .bind(host: "127.0.0.1", port: port)
    .wait()
print("NIO serving on http://127.0.0.1:\(port)/")
try channel.closeFuture.wait()
