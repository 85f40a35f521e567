import FlowstaWebhooks
import Foundation
import Testing

/// Webhook signatures match the independent implementations byte for byte: the PyPI
/// `standardwebhooks` package for `webhook-signature`, Python's hmac for `X-Flowsta-Signature`
/// (vectors from Tests/support/webhook_vectors.py).
@Suite struct WebhookSignatureTests {
    struct Vector: Decodable {
        var secret: String
        var id: String
        var timestamp: Int
        var body: String
        var webhookSignature: String
        var xFlowstaSignature: String
        enum CodingKeys: String, CodingKey {
            case secret, id, timestamp, body
            case webhookSignature = "webhook_signature"
            case xFlowstaSignature = "x_flowsta_signature"
        }
    }

    static let vectors: [Vector] = {
        guard let url = Bundle.module.url(forResource: "webhook-signatures", withExtension: "json", subdirectory: "Vectors"),
              let data = try? Data(contentsOf: url), let vectors = try? JSONDecoder().decode([Vector].self, from: data) else { return [] }
        return vectors
    }()

    @Test func theVectorsAreThere() {
        #expect(Self.vectors.count == 3)
    }

    @Test(arguments: vectors)
    func bothSchemesMatchTheIndependentImplementations(_ vector: Vector) throws {
        let secret = try #require(WebhookSecret(text: vector.secret))
        #expect(secret.text == vector.secret)
        let body = Array(vector.body.utf8)
        #expect(WebhookSignature.standard(secret: secret, id: vector.id, timestamp: vector.timestamp, body: body) == vector.webhookSignature)
        #expect(WebhookSignature.flowsta(secret: secret, body: body) == vector.xFlowstaSignature)
        // A changed byte changes both.
        let other = body + [0x20]
        #expect(WebhookSignature.standard(secret: secret, id: vector.id, timestamp: vector.timestamp, body: other) != vector.webhookSignature)
        #expect(WebhookSignature.flowsta(secret: secret, body: other) != vector.xFlowstaSignature)
    }

    @Test func duringARotationBothSecretsSign() throws {
        let current = try #require(WebhookSecret(text: Self.vectors[0].secret))
        let previous = try #require(WebhookSecret(text: Self.vectors[1].secret))
        let headers = Dictionary(uniqueKeysWithValues: WebhookSignature.headers(
            id: "evt_1", event: "user.signed_in", timestamp: 42, body: [1, 2], current: current, previous: previous
        ))
        let entries = try #require(headers["webhook-signature"]).split(separator: " ").map(String.init)
        #expect(entries == [
            WebhookSignature.standard(secret: current, id: "evt_1", timestamp: 42, body: [1, 2]),
            WebhookSignature.standard(secret: previous, id: "evt_1", timestamp: 42, body: [1, 2]),
        ])
        #expect(headers["X-Flowsta-Signature"] == WebhookSignature.flowsta(secret: current, body: [1, 2]))
        #expect(headers["X-Flowsta-Event"] == "user.signed_in" && headers["webhook-id"] == "evt_1" && headers["webhook-timestamp"] == "42")
    }

    @Test(arguments: ["", "whsec_", "whsec_!!!", "whsec_" + Data(count: 8).base64EncodedString(), "whsec_" + Data(count: 100).base64EncodedString()])
    func malformedSecretsAreRefused(_ text: String) {
        #expect(WebhookSecret(text: text) == nil)
    }

    @Test func theSecretNeverPrints() throws {
        let secret = try #require(WebhookSecret(text: Self.vectors[0].secret))
        #expect(!"\(secret)".contains(Self.vectors[0].secret.dropFirst(6).prefix(10)))
    }
}

/// The event envelope (Standard Webhooks' `{type, timestamp, data}` with the event id).
@Suite struct WebhookEventTests {
    @Test func theBodyIsTheEnvelopeWithSortedKeys() throws {
        let event = WebhookEvent(
            id: "evt_1", type: .userSignedIn, timestamp: Date(timeIntervalSince1970: 1_800_000_000),
            data: ["sub": "pairwise-sub", "app_id": "a/b"]
        )
        let text = String(decoding: event.body, as: UTF8.self)
        #expect(text == #"{"data":{"app_id":"a/b","sub":"pairwise-sub"},"id":"evt_1","timestamp":"2027-01-15T08:00:00Z","type":"user.signed_in"}"#)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(event.body)) as? [String: Any])
        #expect(object["type"] as? String == "user.signed_in")
    }

    @Test func idsAreRandomAndPrefixed() {
        let a = WebhookEvent(type: .test, timestamp: Date(), data: [:])
        let b = WebhookEvent(type: .test, timestamp: Date(), data: [:])
        #expect(a.id.hasPrefix("evt_") && a.id.count == 26 && a.id != b.id)
    }
}
