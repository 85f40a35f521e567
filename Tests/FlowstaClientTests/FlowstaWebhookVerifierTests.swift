import FlowstaClient
import FlowstaWebhooks
import Foundation
import Testing

/// The SDK's webhook verifier accepts what the PyPI `standardwebhooks` package and Python's hmac
/// sign (the vectors), and refuses a tampered body, another secret, a stale timestamp and a body
/// whose id is not the header's; during a rotation either secret verifies.
@Suite struct FlowstaWebhookVerifierTests {
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

        var headers: [String: String] { ["Webhook-Id": id, "webhook-timestamp": String(timestamp), "WEBHOOK-SIGNATURE": webhookSignature] }
        var at: Date { Date(timeIntervalSince1970: TimeInterval(timestamp)) }
    }

    static let vectors: [Vector] = {
        guard let url = Bundle.module.url(forResource: "webhook-signatures", withExtension: "json", subdirectory: "Vectors"),
              let data = try? Data(contentsOf: url) else { return [] }
        return (try? JSONDecoder().decode([Vector].self, from: data)) ?? []
    }()

    @Test func theSignaturesOfTheIndependentImplementationsVerify() throws {
        #expect(Self.vectors.count == 3)
        for vector in Self.vectors {
            let verifier = try FlowstaWebhookVerifier(secrets: [vector.secret])
            let body = Array(vector.body.utf8)
            // The vectors' bodies are not Flowsta events: the signature matches, the body does not.
            #expect(throws: FlowstaWebhookVerifier.Failure.malformedBody) { try verifier.verify(body: body, headers: vector.headers, now: vector.at) }
            #expect(verifier.verifyFlowstaSignature(body: body, header: vector.xFlowstaSignature))
            #expect(!verifier.verifyFlowstaSignature(body: body + [0x20], header: vector.xFlowstaSignature))
            #expect(throws: FlowstaWebhookVerifier.Failure.noMatchingSignature) { try verifier.verify(body: body + [0x20], headers: vector.headers, now: vector.at) }
            #expect(throws: FlowstaWebhookVerifier.Failure.timestampOutOfRange) {
                try verifier.verify(body: body, headers: vector.headers, now: vector.at.addingTimeInterval(301))
            }
        }
    }

    /// An event signed by the server's own signer (FlowstaWebhooks), during a rotation.
    @Test func anEventTheServerSignsVerifiesDuringARotationAndIsDecoded() throws {
        let old = WebhookSecret.random()
        let new = WebhookSecret.random()
        let body = Array(#"{"data":{"app_id":"a","organization_id":"o","sub":"s"},"id":"evt_1","timestamp":"2026-12-04T13:20:00Z","type":"user.signed_in"}"#.utf8)
        let now = Date(timeIntervalSince1970: 1_796_400_000)
        let signed = WebhookSignature.headers(id: "evt_1", event: "user.signed_in", timestamp: Int(now.timeIntervalSince1970), body: body, current: new, previous: old)
        let headers = Dictionary(signed, uniquingKeysWith: { first, _ in first })
        let event = try FlowstaWebhookVerifier(secrets: [old.text]).verify(body: body, headers: headers, now: now)
        #expect(event.type == "user.signed_in" && event.data["sub"] == "s" && event.id == "evt_1")
        #expect(try FlowstaWebhookVerifier(secrets: [new.text]).verify(body: body, headers: headers, now: now.addingTimeInterval(-299)).id == "evt_1")
        #expect(try FlowstaWebhookVerifier(secrets: [new.text]).verifyFlowstaSignature(body: body, header: try #require(headers["X-Flowsta-Signature"])))
        #expect(try !FlowstaWebhookVerifier(secrets: [old.text]).verifyFlowstaSignature(body: body, header: try #require(headers["X-Flowsta-Signature"])))

        let other = WebhookSecret.random().text
        #expect(throws: FlowstaWebhookVerifier.Failure.noMatchingSignature) { try FlowstaWebhookVerifier(secrets: [other]).verify(body: body, headers: headers, now: now) }
        var renamed = headers
        renamed["webhook-id"] = "evt_2"
        #expect(throws: FlowstaWebhookVerifier.Failure.noMatchingSignature) { try FlowstaWebhookVerifier(secrets: [new.text]).verify(body: body, headers: renamed, now: now) }
        #expect(throws: FlowstaWebhookVerifier.Failure.missingHeaders) { try FlowstaWebhookVerifier(secrets: [new.text]).verify(body: body, headers: [:], now: now) }
        for bad in ["", "whsec_", "whsec_AAAA", "whsec_" + String(repeating: "A", count: 200), "not base64!"] {
            #expect(throws: FlowstaWebhookVerifier.Failure.malformedSecret) { try FlowstaWebhookVerifier(secrets: [bad]) }
        }
        #expect(throws: FlowstaWebhookVerifier.Failure.malformedSecret) { try FlowstaWebhookVerifier(secrets: []) }
        #expect(try !FlowstaWebhookVerifier(secrets: [new.text]).verifyFlowstaSignature(body: body, header: "zz" + String(repeating: "0", count: 62)))
    }
}
