import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import Synchronization

/// A webhook receiver on loopback for the tests: it records every request and answers with
/// what ``answers`` says for that request (by arrival order), 204 after the list runs out.
final class WebhookReceiver: Sendable {
    struct Received: Sendable {
        var path: String
        var headers: [String: String]
        var body: [UInt8]
        var status: Int
    }

    enum Answer: Sendable {
        case status(Int)
        case redirect(String)
    }

    private let state: Mutex<(received: [Received], answers: [Answer])>

    init(answers: [Answer] = []) { state = Mutex(([], answers)) }

    var received: [Received] { state.withLock { $0.received } }

    func setAnswers(_ answers: [Answer]) { state.withLock { $0.answers = answers } }

    /// Runs the receiver live on a free loopback port for the duration of `body`.
    func run<T: Sendable>(_ body: @Sendable (_ port: Int) async throws -> T) async throws -> T {
        let router = Router()
        router.post("**") { request, _ -> Response in
            let bytes = try await request.body.collect(upTo: 1 << 20)
            var headers: [String: String] = [:]
            for field in request.headers { headers[field.name.canonicalName] = field.value }
            let answer = self.state.withLock { state -> Answer in state.answers.isEmpty ? .status(204) : state.answers.removeFirst() }
            let status: Int
            var response: Response
            switch answer {
            case .status(let code):
                status = code
                response = Response(status: HTTPResponse.Status(code: code))
            case .redirect(let location):
                status = 302
                response = Response(status: .found, headers: [.location: location])
            }
            self.state.withLock { $0.received.append(Received(path: request.uri.path, headers: headers, body: Array(buffer: bytes), status: status)) }
            response.headers[.contentLength] = "0"
            return response
        }
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        return try await app.test(.live) { client in
            guard let port = client.port else { throw CancellationError() }
            return try await body(port)
        }
    }
}
