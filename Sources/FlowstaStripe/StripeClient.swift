import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOFoundationCompat

/// ``StripeAPI`` over HTTPS with AsyncHTTPClient.
///
/// Every request carries `Authorization: Bearer`, the pinned `Stripe-Version` and
/// `Accept: application/json`; every POST a form-encoded body and an `Idempotency-Key` (the
/// caller's, or a fresh UUID), the same key on each retry of one call. Rate limits (429),
/// idempotency-lock conflicts (409), 500/502/503/504 and transport failures are retried with
/// exponential backoff, as `Stripe-Should-Retry` allows; other 4xx never are.
///
/// Logs (debug) carry only method, path, status, attempt and Stripe's request id: never the key,
/// never a body (bodies hold names, emails and addresses).
public struct StripeClient: StripeAPI {
    public let configuration: StripeConfiguration
    private let httpClient: HTTPClient
    private let logger: Logger?

    public init(configuration: StripeConfiguration, httpClient: HTTPClient = .shared, logger: Logger? = nil) {
        self.configuration = configuration
        self.httpClient = httpClient
        self.logger = logger
    }

    // MARK: StripeAPI

    public func createCustomer(_ params: StripeCustomerParams, idempotencyKey: String?) async throws -> StripeCustomer {
        try await send(.post, "/v1/customers", form: StripeForm(customer: params), idempotencyKey: idempotencyKey)
    }

    public func updateCustomer(id: String, _ params: StripeCustomerParams, idempotencyKey: String?) async throws -> StripeCustomer {
        try await send(.post, "/v1/customers/\(Self.pathSegment(id))", form: StripeForm(customer: params), idempotencyKey: idempotencyKey)
    }

    public func createCheckoutSession(_ params: StripeCheckoutParams, idempotencyKey: String?) async throws -> StripeCheckoutSession {
        try await send(.post, "/v1/checkout/sessions", form: StripeForm(checkout: params), idempotencyKey: idempotencyKey)
    }

    public func createPortalSession(customer: String, returnURL: String, idempotencyKey: String?) async throws -> StripePortalSession {
        var form = StripeForm()
        form.add("customer", customer)
        form.add("return_url", returnURL)
        return try await send(.post, "/v1/billing_portal/sessions", form: form, idempotencyKey: idempotencyKey)
    }

    public func subscription(id: String) async throws -> StripeSubscription {
        try await send(.get, "/v1/subscriptions/\(Self.pathSegment(id))")
    }

    public func updateSubscription(id: String, _ params: StripeSubscriptionUpdate, idempotencyKey: String?) async throws -> StripeSubscription {
        try await send(.post, "/v1/subscriptions/\(Self.pathSegment(id))", form: StripeForm(subscriptionUpdate: params), idempotencyKey: idempotencyKey)
    }

    public func cancelSubscription(id: String) async throws -> StripeSubscription {
        try await send(.delete, "/v1/subscriptions/\(Self.pathSegment(id))")
    }

    public func createMeterEvent(_ event: StripeMeterEvent, idempotencyKey: String?) async throws {
        _ = try await perform(.post, "/v1/billing/meter_events", form: StripeForm(meterEvent: event), idempotencyKey: idempotencyKey)
    }

    // MARK: Transport

    enum Method: String, Sendable {
        case get = "GET"
        case post = "POST"
        case delete = "DELETE"
    }

    /// A 2xx answer.
    struct Reply: Sendable {
        var status: Int
        var requestID: String?
        var body: ByteBuffer
    }

    /// Sends the request and decodes a 2xx body as `T`.
    private func send<T: Decodable>(
        _ method: Method, _ path: String, form: StripeForm? = nil, idempotencyKey: String? = nil, as type: T.Type = T.self
    ) async throws -> T {
        let reply = try await perform(method, path, form: form, idempotencyKey: idempotencyKey)
        do {
            return try JSONDecoder().decode(T.self, from: reply.body)
        } catch {
            throw StripeError(
                kind: .decoding, status: reply.status,
                message: "\(method.rawValue) \(path): response is not a \(T.self): \(error)", requestID: reply.requestID)
        }
    }

    /// Sends the request, retrying as described on the type; returns the 2xx answer or throws
    /// a ``StripeError``.
    func perform(_ method: Method, _ path: String, form: StripeForm?, idempotencyKey: String?) async throws -> Reply {
        var request = HTTPClientRequest(url: Self.url(base: configuration.apiBase, path: path))
        switch method {
        case .get: request.method = .GET
        case .post: request.method = .POST
        case .delete: request.method = .DELETE
        }
        request.headers.add(name: "Authorization", value: "Bearer \(configuration.secretKey)")
        request.headers.add(name: "Stripe-Version", value: StripeConfiguration.apiVersion)
        request.headers.add(name: "Accept", value: "application/json")
        request.headers.add(name: "User-Agent", value: "FlowstaStripe/1.0")
        if method == .post {
            // One key for all attempts of this call: a retry of a request Stripe did execute
            // gets the stored answer instead of acting twice.
            request.headers.add(name: "Idempotency-Key", value: idempotencyKey ?? UUID().uuidString)
            request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
            request.body = .bytes(ByteBuffer(string: (form ?? StripeForm()).encoded))
        }

        var attempt = 0
        while true {
            let failure: StripeError
            let retryable: Bool
            do {
                let response = try await httpClient.execute(request, timeout: Self.timeAmount(configuration.timeout))
                let body = try await response.body.collect(upTo: Self.maxResponseBytes)
                let status = Int(response.status.code)
                let requestID = response.headers.first(name: "Request-Id")
                log(method, path, status: status, attempt: attempt, requestID: requestID)
                if (200..<300).contains(status) {
                    return Reply(status: status, requestID: requestID, body: body)
                }
                let parsed = Self.error(status: status, body: body, requestID: requestID)
                failure = parsed
                retryable = Self.shouldRetry(status: status, code: parsed.code, header: response.headers.first(name: "Stripe-Should-Retry"))
            } catch {
                if Task.isCancelled || error is CancellationError { throw CancellationError() }
                log(method, path, status: nil, attempt: attempt, requestID: nil)
                failure = StripeError(kind: .network, status: nil, message: "\(method.rawValue) \(path): \(error)")
                retryable = true
            }
            guard retryable, attempt < configuration.maxRetries else { throw failure }
            try await Task.sleep(for: backoff(attempt: attempt))
            attempt += 1
        }
    }

    private func log(_ method: Method, _ path: String, status: Int?, attempt: Int, requestID: String?) {
        logger?.debug(
            "Stripe request",
            metadata: [
                "stripe.method": "\(method.rawValue)",
                "stripe.path": "\(path)",
                "stripe.status": "\(status.map { String($0) } ?? "no response")",
                "stripe.attempt": "\(attempt)",
                "stripe.request_id": "\(requestID ?? "-")",
            ])
    }

    /// `initialBackoff * 2^attempt`, plus up to 10% jitter so clients retrying together spread out.
    func backoff(attempt: Int) -> Duration {
        let base = configuration.initialBackoff * (1 << min(attempt, 16))
        return base + base * Double.random(in: 0...0.1)
    }

    /// Stripe's `Stripe-Should-Retry` header decides when present; otherwise rate limits,
    /// idempotency-lock conflicts and transient server errors are retried.
    static func shouldRetry(status: Int, code: String?, header: String?) -> Bool {
        switch header?.lowercased() {
        case "true": return true
        case "false": return false
        default: break
        }
        switch status {
        case 429, 500, 502, 503, 504: return true
        case 409: return code == "idempotency_key_in_use" || code == "lock_timeout"
        default: return false
        }
    }

    /// Maps an error answer to a ``StripeError`` from its status and Stripe's error body.
    static func error(status: Int, body: ByteBuffer, requestID: String?) -> StripeError {
        struct Envelope: Decodable {
            struct Body: Decodable {
                var type: String?
                var code: String?
                var message: String?
                var param: String?
            }
            var error: Body
        }
        let details = try? JSONDecoder().decode(Envelope.self, from: body).error
        let kind: StripeError.Kind
        switch (status, details?.type) {
        case (401, _): kind = .authentication
        case (403, _): kind = .permission
        case (429, _): kind = .rateLimited
        case (500..., _), (_, "api_error"): kind = .api
        case (_, "card_error"): kind = .card
        case (_, "idempotency_error"): kind = .idempotency
        case (409, _) where details?.code == "idempotency_key_in_use": kind = .idempotency
        default: kind = .invalidRequest
        }
        return StripeError(
            kind: kind, status: status, code: details?.code, param: details?.param,
            message: details?.message ?? "HTTP \(status) without a Stripe error body", requestID: requestID)
    }

    /// Largest response body read; Stripe's objects are far smaller.
    private static let maxResponseBytes = 8 * 1024 * 1024

    static func url(base: URL, path: String) -> String {
        var base = base.absoluteString
        while base.hasSuffix("/") { base.removeLast() }
        return base + path
    }

    /// An id as one path segment: ids are `[A-Za-z0-9_]`, anything else is percent-encoded.
    static func pathSegment(_ id: String) -> String {
        StripeForm.percentEncode(id)
    }

    static func timeAmount(_ duration: Duration) -> TimeAmount {
        let (seconds, attoseconds) = duration.components
        let nanoseconds = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        guard !nanoseconds.overflow else { return .nanoseconds(.max) }
        return .nanoseconds(nanoseconds.partialValue + attoseconds / 1_000_000_000)
    }
}
