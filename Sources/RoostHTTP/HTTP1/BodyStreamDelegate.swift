import NIOCore

/// Tells a connection when the handler wants more of a streamed request body, or has
/// dropped it.
struct BodyStreamDelegate: NIOAsyncSequenceProducerDelegate {
    let handler: NIOLoopBound<HTTP1ConnectionHandler>
    let exchangeNumber: UInt64

    func produceMore() {
        let handler = self.handler
        let number = exchangeNumber
        handler.eventLoop.execute { handler.value.bodyDemandResumed(number) }
    }

    func didTerminate() {
        let handler = self.handler
        let number = exchangeNumber
        handler.eventLoop.execute { handler.value.bodyConsumerGone(number) }
    }
}
