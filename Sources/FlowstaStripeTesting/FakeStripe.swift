import FlowstaStripe
import Foundation
import Hummingbird

/// A fake of the part of Stripe's API that ``StripeAPI`` uses, served over HTTP on loopback
/// for tests.
///
/// It answers with Stripe's JSON shapes and checks each request as strictly as Stripe (and a
/// bit more): the secret key, the pinned `Stripe-Version`, a form body and an `Idempotency-Key`
/// on every POST, required and unknown parameters, unknown ids. Idempotent replays return the
/// stored answer without acting again. Everything received is recorded, state can be read
/// back, failures can be injected, and what Stripe would do later (a checkout completing, a
/// renewal, a failed payment) can be simulated, producing signed webhook deliveries.
///
/// ```swift
/// let fake = try await FakeStripe.start()
/// let client = StripeClient(configuration: .init(secretKey: "sk_test_flowsta", apiBase: fake.baseURL))
/// ...
/// await fake.stop()
/// ```
public actor FakeStripe {
    /// `http://127.0.0.1:<port>`
    public nonisolated let baseURL: URL
    public nonisolated let secretKey: String
    public nonisolated let webhookSecret: String
    let now: @Sendable () -> Date
    private let serverTask: Task<Void, Never>

    // State, in creation order.
    var customerList: [Customer] = []
    var checkoutSessionList: [CheckoutSession] = []
    var portalSessionList: [PortalSession] = []
    var subscriptionList: [Subscription] = []
    var invoiceList: [Invoice] = []
    var meterEventList: [StripeMeterEvent] = []
    var meterEventIdentifiers: Set<String> = []
    var prices: [String: Price] = [:]
    var invoiceCount = 0

    private var recorded: [Recorded] = []
    private var idempotent: [String: StoredAnswer] = [:]
    private var injected: [InjectedFailure] = []
    var pendingDeliveries: [Delivery] = []
    var deliveries: [Delivery] = []

    private init(baseURL: URL, secretKey: String, webhookSecret: String, now: @escaping @Sendable () -> Date, serverTask: Task<Void, Never>) {
        self.baseURL = baseURL
        self.secretKey = secretKey
        self.webhookSecret = webhookSecret
        self.now = now
        self.serverTask = serverTask
    }

    // MARK: Lifecycle

    /// Starts a fake on `127.0.0.1` at a free port. `now` is the fake's clock: creation times,
    /// periods and webhook signature timestamps.
    public static func start(
        secretKey: String = "sk_test_flowsta", webhookSecret: String = "whsec_test", now: @escaping @Sendable () -> Date = { Date() }
    ) async throws -> FakeStripe {
        let slot = Slot()
        let (ports, portContinuation) = AsyncStream<Int>.makeStream()
        let responder = CallbackResponder<BasicRequestContext> { request, _ in
            try await serve(request, slot: slot)
        }
        var app = Application(
            responder: responder,
            configuration: .init(address: .hostname("127.0.0.1", port: 0), serverName: "FakeStripe"),
            onServerRunning: { channel in
                portContinuation.yield(channel.localAddress?.port ?? 0)
            }
        )
        // Stopping cancels the server, which Hummingbird logs as errors about its connections.
        app.logger.logLevel = .critical
        let serverTask = Task { [app] in
            try? await app.run()
            portContinuation.finish()
        }
        var portIterator = ports.makeAsyncIterator()
        guard let port = await portIterator.next(), port > 0, let baseURL = URL(string: "http://127.0.0.1:\(port)") else {
            serverTask.cancel()
            await serverTask.value
            throw FakeStripeError.serverDidNotStart
        }
        let fake = FakeStripe(baseURL: baseURL, secretKey: secretKey, webhookSecret: webhookSecret, now: now, serverTask: serverTask)
        await slot.set(fake)
        return fake
    }

    /// Stops the server; requests to ``baseURL`` fail to connect afterwards.
    public func stop() async {
        serverTask.cancel()
        await serverTask.value
    }

    /// Holds the fake for the server's handler, which exists before the fake does.
    private actor Slot {
        var fake: FakeStripe?
        func set(_ fake: FakeStripe) { self.fake = fake }
    }

    private static func serve(_ request: Request, slot: Slot) async throws -> Response {
        var request = request
        let body = try await request.collectBody(upTo: 1 << 20)
        var headers: [String: String] = [:]
        for field in request.headers {
            headers[field.name.canonicalName] = field.value
        }
        guard let fake = await slot.fake else { return Response(status: .serviceUnavailable) }
        let answer = await fake.handle(
            Incoming(
                method: request.method.rawValue, path: request.uri.path, query: request.uri.query ?? "", headers: headers,
                body: Array(body.readableBytesView)))
        var fields = HTTPFields()
        for (name, value) in answer.headers {
            if let name = HTTPFields.Element.Name(name) { fields[name] = value }
        }
        return Response(status: .init(code: answer.status), headers: fields, body: .init(byteBuffer: ByteBuffer(bytes: answer.body)))
    }

    // MARK: Inspection

    /// Every request received, in order.
    public func requests() -> [Recorded] { recorded }

    public func customers() -> [Customer] { customerList }
    public func customer(id: String) -> Customer? { customerList.first { $0.id == id } }
    public func checkoutSessions() -> [CheckoutSession] { checkoutSessionList }
    public func checkoutSession(id: String) -> CheckoutSession? { checkoutSessionList.first { $0.id == id } }
    public func portalSessions() -> [PortalSession] { portalSessionList }
    public func subscriptions() -> [Subscription] { subscriptionList }
    public func subscription(id: String) -> Subscription? { subscriptionList.first { $0.id == id } }
    /// Invoices, all or one subscription's, oldest first.
    public func invoices(subscriptionID: String? = nil) -> [Invoice] {
        invoiceList.filter { subscriptionID == nil || $0.subscription == subscriptionID }
    }
    /// Meter events counted: one per `identifier`, however often it was sent.
    public func meterEvents() -> [StripeMeterEvent] { meterEventList }

    /// Deliveries produced by API calls (subscription updated or deleted) since the last take.
    public func takeDeliveries() -> [Delivery] {
        defer { pendingDeliveries = [] }
        return pendingDeliveries
    }

    /// Every delivery produced so far, by API calls and simulations, in order.
    public func deliveryLog() -> [Delivery] { deliveries }

    // MARK: Set-up

    /// What a price costs per unit on invoices (default 0 `eur`).
    public func setPrice(id: String, unitAmount: Int, currency: String = "eur") {
        prices[id] = Price(unitAmount: unitAmount, currency: currency)
    }

    /// Answers the next `count` requests (to `path` exactly, or any) with `status` and a Stripe
    /// error body (`api_error` for 5xx, `rate_limit` for 429, `idempotency_key_in_use` for 409,
    /// else `invalid_request_error`), before acting; the answer is not stored for idempotency,
    /// so a retry with the same key is executed. `shouldRetry` adds `Stripe-Should-Retry`.
    public func failNext(_ count: Int, status: Int, path: String? = nil, shouldRetry: Bool? = nil) {
        guard count > 0 else { return }
        injected.append(InjectedFailure(remaining: count, status: status, path: path, shouldRetry: shouldRetry))
    }

    // MARK: Requests

    struct Incoming: Sendable {
        var method: String
        var path: String
        var query: String
        /// Lower-cased names.
        var headers: [String: String]
        var body: [UInt8]
    }

    struct Answer: Sendable {
        var status: Int
        var headers: [String: String]
        var body: [UInt8]
    }

    /// A Stripe error answer (https://docs.stripe.com/api/errors).
    struct APIError: Error {
        var status: Int
        var type = "invalid_request_error"
        var code: String?
        var message: String
        var param: String?
        var headers: [String: String] = [:]

        var answer: Answer {
            var error: [String: FakeJSON] = ["type": .string(type), "message": .string(message)]
            if let code { error["code"] = .string(code) }
            if let param { error["param"] = .string(param) }
            return Answer(status: status, headers: headers, body: FakeJSON.object(["error": .object(error)]).bytes)
        }
    }

    private struct StoredAnswer {
        var method: String
        var path: String
        var form: [String: String]
        var answer: Answer
    }

    private struct InjectedFailure {
        var remaining: Int
        var status: Int
        var path: String?
        var shouldRetry: Bool?
    }

    func handle(_ request: Incoming) -> Answer {
        let source = request.method == "POST" ? String(bytes: request.body, encoding: .utf8) : request.query
        let form = source.flatMap { FakeForm(encoded: $0) }
        var replayed = false
        var answer: Answer
        do {
            answer = try process(request, form: form, replayed: &replayed)
        } catch let error as APIError {
            answer = error.answer
        } catch {
            answer = APIError(status: 500, type: "api_error", message: "\(error)").answer
        }
        answer.headers["Content-Type"] = "application/json"
        answer.headers["Request-Id"] = newID("req_")
        answer.headers["Stripe-Version"] = StripeConfiguration.apiVersion
        if replayed { answer.headers["Idempotent-Replayed"] = "true" }
        recorded.append(
            Recorded(
                method: request.method, path: request.path, form: form?.fields ?? [:], idempotencyKey: request.headers["idempotency-key"],
                stripeVersion: request.headers["stripe-version"], contentType: request.headers["content-type"], status: answer.status,
                replayed: replayed))
        return answer
    }

    private func process(_ request: Incoming, form: FakeForm?, replayed: inout Bool) throws -> Answer {
        guard let authorization = request.headers["authorization"] else {
            throw APIError(status: 401, message: "You did not provide an API key. Provide it in the Authorization header as a Bearer token.")
        }
        guard authorization == "Bearer \(secretKey)" else {
            throw APIError(status: 401, message: "Invalid API Key provided.")
        }
        guard request.headers["stripe-version"] == StripeConfiguration.apiVersion else {
            throw APIError(
                status: 400,
                message: "Stripe-Version must be \(StripeConfiguration.apiVersion), got \(request.headers["stripe-version"] ?? "none").")
        }
        try injectedFailure(for: request.path)

        let isPost = request.method == "POST"
        if isPost {
            guard request.headers["content-type"]?.lowercased().hasPrefix("application/x-www-form-urlencoded") == true else {
                throw APIError(status: 400, message: "POST bodies must be application/x-www-form-urlencoded.")
            }
        }
        guard let form else {
            throw APIError(status: 400, message: "The request body or query is not valid application/x-www-form-urlencoded.")
        }
        var key: String?
        if isPost {
            guard let given = request.headers["idempotency-key"], !given.isEmpty else {
                throw APIError(status: 400, message: "Every POST must carry an Idempotency-Key header.")
            }
            guard given.count <= 255 else {
                throw APIError(status: 400, type: "idempotency_error", message: "Idempotency-Key is longer than 255 characters.")
            }
            if let stored = idempotent[given] {
                guard stored.method == request.method, stored.path == request.path, stored.form == form.fields else {
                    throw APIError(
                        status: 400, type: "idempotency_error",
                        message: "Keys for idempotent requests can only be used with the same parameters they were first used with. "
                            + "Try using a key other than '\(given)' if you meant to execute a different request.")
                }
                replayed = true
                return stored.answer
            }
            key = given
        }

        let body = try route(method: request.method, path: request.path, form: form)
        let answer = Answer(status: 200, headers: [:], body: body.bytes)
        if let key {
            idempotent[key] = StoredAnswer(method: request.method, path: request.path, form: form.fields, answer: answer)
        }
        return answer
    }

    private func injectedFailure(for path: String) throws {
        guard let index = injected.firstIndex(where: { $0.remaining > 0 && ($0.path == nil || $0.path == path) }) else { return }
        let failure = injected[index]
        injected[index].remaining -= 1
        if injected[index].remaining == 0 { injected.remove(at: index) }

        var error: APIError
        switch failure.status {
        case 500...:
            error = APIError(status: failure.status, type: "api_error", message: "Injected server error.")
        case 429:
            error = APIError(status: 429, code: "rate_limit", message: "Too many requests hit the API too quickly.")
        case 409:
            error = APIError(
                status: 409, code: "idempotency_key_in_use",
                message: "There is currently another in-progress request using this Idempotent Key.")
        case 401:
            error = APIError(status: 401, message: "Invalid API Key provided.")
        default:
            error = APIError(status: failure.status, message: "Injected failure.")
        }
        if let shouldRetry = failure.shouldRetry {
            error.headers["Stripe-Should-Retry"] = shouldRetry ? "true" : "false"
        }
        throw error
    }

    private func route(method: String, path: String, form: FakeForm) throws -> FakeJSON {
        let parts = path.split(separator: "/").map { String($0).removingPercentEncoding ?? String($0) }
        switch (method, parts) {
        case ("POST", ["v1", "customers"]):
            return try createCustomer(form)
        case ("POST", let parts) where parts.count == 3 && parts[0] == "v1" && parts[1] == "customers":
            return try updateCustomer(id: parts[2], form)
        case ("POST", ["v1", "checkout", "sessions"]):
            return try createCheckoutSession(form)
        case ("POST", ["v1", "billing_portal", "sessions"]):
            return try createPortalSession(form)
        case (_, let parts) where parts.count == 3 && parts[0] == "v1" && parts[1] == "subscriptions":
            switch method {
            case "GET": return try retrieveSubscription(id: parts[2], form)
            case "POST": return try updateSubscription(id: parts[2], form)
            case "DELETE": return try cancelSubscription(id: parts[2], form)
            default: break
            }
        case ("POST", ["v1", "billing", "meter_events"]):
            return try createMeterEvent(form)
        default:
            break
        }
        throw APIError(status: 404, message: "Unrecognized request URL (\(method): \(path)).")
    }

    // MARK: Helpers

    /// `prefix` and random letters and digits, like Stripe's ids.
    func newID(_ prefix: String, length: Int = 14) -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
        return prefix + String((0..<length).map { _ in alphabet.randomElement() ?? "0" })
    }

    /// `now()` to the whole second, as Stripe keeps times.
    func currentTime() -> Date {
        Date(timeIntervalSince1970: TimeInterval(unixSeconds(now())))
    }
}

/// A simulation step that cannot happen in the fake's current state.
public enum FakeStripeError: Error, Sendable, Equatable {
    case serverDidNotStart
    case unknownCheckoutSession(String)
    case checkoutSessionNotOpen(String)
    case unknownSubscription(String)
    case subscriptionCanceled(String)
}
