import FlowstaStripe
import FlowstaStripeTesting
import Foundation

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The fake's clock in tests that need fixed times: 2025-06-15T14:13:20Z.
let fixedNow = Date(timeIntervalSince1970: 1_750_000_000)

/// A client for `fake` that retries quickly.
func makeClient(for fake: FakeStripe, secretKey: String = "sk_test_flowsta", maxRetries: Int = 3) -> StripeClient {
    StripeClient(
        configuration: StripeConfiguration(
            secretKey: secretKey, apiBase: fake.baseURL, maxRetries: maxRetries, initialBackoff: .milliseconds(1), timeout: .seconds(10)))
}

/// Runs `body` against a fresh fake and a client for it, stopping the fake afterwards.
func withFake<T>(
    now: @escaping @Sendable () -> Date = { Date() }, maxRetries: Int = 3,
    _ body: (FakeStripe, StripeClient) async throws -> T
) async throws -> T {
    let fake = try await FakeStripe.start(now: now)
    do {
        let result = try await body(fake, makeClient(for: fake, maxRetries: maxRetries))
        await fake.stop()
        return result
    } catch {
        await fake.stop()
        throw error
    }
}

/// Creates a customer and a subscription-mode checkout session, and completes it.
func subscribedCustomer(
    fake: FakeStripe, client: StripeClient, prices: [StripeLineItem] = [StripeLineItem(price: "price_base", quantity: 1)]
) async throws -> (customer: StripeCustomer, session: StripeCheckoutSession, deliveries: [FakeStripe.Delivery]) {
    let customer = try await client.createCustomer(StripeCustomerParams(name: "Acme GmbH"), idempotencyKey: nil)
    let session = try await client.createCheckoutSession(
        StripeCheckoutParams(
            customer: customer.id, mode: "subscription", lineItems: prices, successURL: "https://app.example/ok",
            cancelURL: "https://app.example/cancel", clientReferenceID: "org_1", metadata: ["organization_id": "org_1"],
            subscriptionMetadata: ["organization_id": "org_1"]),
        idempotencyKey: nil)
    let deliveries = try await fake.completeCheckout(sessionID: session.id)
    return (customer, session, deliveries)
}

/// A raw HTTP exchange, for requests StripeClient would never send.
struct RawResponse: Sendable {
    var status: Int
    var body: Data

    /// `error.code` and `error.type` of a Stripe error body.
    var errorCode: String? { errorField("code") }
    var errorType: String? { errorField("type") }

    private func errorField(_ name: String) -> String? {
        let json = try? JSONSerialization.jsonObject(with: body) as? [String: Any]
        return (json?["error"] as? [String: Any])?[name] as? String
    }
}

func rawRequest(
    _ method: String, _ url: URL, headers: [String: String] = [:], body: String? = nil
) async throws -> RawResponse {
    var request = URLRequest(url: url)
    request.httpMethod = method
    for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
    request.httpBody = body.map { Data($0.utf8) }
    let finalRequest = request
    return try await withCheckedThrowingContinuation { continuation in
        URLSession.shared.dataTask(with: finalRequest) { data, response, error in
            if let error {
                continuation.resume(throwing: error)
            } else if let response = response as? HTTPURLResponse {
                continuation.resume(returning: RawResponse(status: response.statusCode, body: data ?? Data()))
            } else {
                continuation.resume(throwing: URLError(.badServerResponse))
            }
        }.resume()
    }
}

/// The headers StripeClient sends, for raw requests that should pass the fake's checks.
func stripeHeaders(idempotencyKey: String? = UUID().uuidString) -> [String: String] {
    var headers = [
        "Authorization": "Bearer sk_test_flowsta", "Stripe-Version": StripeConfiguration.apiVersion,
        "Content-Type": "application/x-www-form-urlencoded",
    ]
    headers["Idempotency-Key"] = idempotencyKey
    return headers
}
