import NIOCore

/// Splits the server's bytes into lines and lines into ``SMTPReply`` values.
///
/// It also turns the read-idle event of the `IdleStateHandler` in front of it into
/// ``MailError/timedOut``, and counts what it has passed on so the client can prove, before
/// starting TLS, that no plaintext follows the server's `220` to STARTTLS.
final class SMTPReplyHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = SMTPReply

    private var pending = ByteBuffer()
    private var parser = SMTPReplyParser()
    /// How many replies went up the pipeline.
    private(set) var forwardedReplies = 0

    /// Whether bytes of an unfinished line or reply are buffered.
    var hasBufferedInput: Bool { pending.readableBytes > 0 || parser.isInsideReply }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var incoming = unwrapInboundIn(data)
        pending.writeBuffer(&incoming)
        do {
            while let newline = pending.readableBytesView.firstIndex(of: UInt8(ascii: "\n")) {
                var line = pending.readSlice(length: newline - pending.readerIndex + 1)!
                var length = line.readableBytes - 1
                if length > 0, line.getInteger(at: line.readerIndex + length - 1, as: UInt8.self) == UInt8(ascii: "\r") {
                    length -= 1
                }
                let text = line.readString(length: length) ?? ""
                if let reply = try parser.feed(text) {
                    forwardedReplies += 1
                    context.fireChannelRead(wrapInboundOut(reply))
                }
            }
            guard pending.readableBytes <= SMTPReplyParser.maxLineLength else {
                throw MailError.protocolViolation(reason: "reply line too long")
            }
            pending.discardReadBytes()
        } catch {
            fail(context: context, error: error)
        }
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if case .read? = event as? IdleStateHandler.IdleStateEvent {
            fail(context: context, error: MailError.timedOut)
        } else {
            context.fireUserInboundEventTriggered(event)
        }
    }

    private func fail(context: ChannelHandlerContext, error: any Error) {
        context.fireErrorCaught(error)
        context.close(promise: nil)
    }
}
