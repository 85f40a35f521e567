import FlowstaStripe
import Foundation
import Testing

@Suite("StripeWebhook")
struct StripeWebhookTests {
    let secret = "whsec_test_secret"
    let timestamp = Date(timeIntervalSince1970: 1_700_000_000)
    let payload = Array(
        #"{"id":"evt_1","object":"event","created":1700000000,"type":"customer.subscription.updated","data":{"object":{"id":"sub_1","object":"subscription","customer":"cus_1","status":"active","current_period_start":1700000000,"current_period_end":1702592000,"cancel_at_period_end":true,"items":{"object":"list","data":[{"id":"si_1","price":{"id":"price_1"}}]},"metadata":{"organization_id":"org_1"}}}}"#
            .utf8)

    @Test func signedPayloadVerifiesAndDecodes() throws {
        let header = StripeWebhook.signatureHeader(payload: payload, secret: secret, timestamp: timestamp)
        let event = try StripeWebhook.verify(payload: payload, signatureHeader: header, secrets: [secret], now: timestamp.addingTimeInterval(10))

        #expect(event.id == "evt_1")
        #expect(event.type == "customer.subscription.updated")
        #expect(event.created == timestamp)
        let subscription = try event.object(as: StripeSubscription.self)
        #expect(
            subscription
                == StripeSubscription(
                    id: "sub_1", customer: "cus_1", status: "active", currentPeriodStart: timestamp,
                    currentPeriodEnd: Date(timeIntervalSince1970: 1_702_592_000), cancelAtPeriodEnd: true,
                    items: [StripeSubscriptionItem(id: "si_1", priceID: "price_1")], metadata: ["organization_id": "org_1"]))
    }

    /// Expected value computed outside Swift:
    /// `printf '%s' '1700000000.<payload>' | openssl dgst -sha256 -hmac whsec_known_answer`
    /// (and Python's `hmac.new(...).hexdigest()`, which agrees).
    @Test func knownAnswer() throws {
        let payload = Array(
            #"{"id":"evt_known","object":"event","created":1700000000,"type":"invoice.paid","data":{"object":{"id":"in_1","object":"invoice"}}}"#
                .utf8)
        let header = StripeWebhook.signatureHeader(payload: payload, secret: "whsec_known_answer", timestamp: timestamp)
        #expect(header == "t=1700000000,v1=67ddad7bcf94cc6a94bb7f457e010b0cbb79fc5d2453fc557be50a17e723379c")
        let event = try StripeWebhook.verify(payload: payload, signatureHeader: header, secrets: ["whsec_known_answer"], now: timestamp)
        #expect(event.id == "evt_known")
        #expect(try event.object(as: [String: String].self) == ["id": "in_1", "object": "invoice"])
    }

    @Test func tamperedPayloadIsRejected() {
        let header = StripeWebhook.signatureHeader(payload: payload, secret: secret, timestamp: timestamp)
        var tampered = payload
        tampered[tampered.count - 5] = UInt8(ascii: "x")
        #expect(throws: StripeWebhookError.signatureMismatch) {
            try StripeWebhook.verify(payload: tampered, signatureHeader: header, secrets: [secret], now: timestamp)
        }
    }

    @Test func wrongSecretIsRejected() {
        let header = StripeWebhook.signatureHeader(payload: payload, secret: "whsec_other", timestamp: timestamp)
        #expect(throws: StripeWebhookError.signatureMismatch) {
            try StripeWebhook.verify(payload: payload, signatureHeader: header, secrets: [secret], now: timestamp)
        }
    }

    @Test func noSecretsMatchNothing() {
        let header = StripeWebhook.signatureHeader(payload: payload, secret: secret, timestamp: timestamp)
        #expect(throws: StripeWebhookError.signatureMismatch) {
            try StripeWebhook.verify(payload: payload, signatureHeader: header, secrets: [], now: timestamp)
        }
    }

    @Test(arguments: [301.0, -301.0, 86_400.0])
    func timestampOutsideToleranceIsRejected(offset: TimeInterval) {
        let header = StripeWebhook.signatureHeader(payload: payload, secret: secret, timestamp: timestamp)
        #expect(throws: StripeWebhookError.timestampOutOfTolerance) {
            try StripeWebhook.verify(payload: payload, signatureHeader: header, secrets: [secret], now: timestamp.addingTimeInterval(offset))
        }
    }

    @Test(arguments: [300.0, -300.0, 0.0])
    func timestampWithinToleranceIsAccepted(offset: TimeInterval) throws {
        let header = StripeWebhook.signatureHeader(payload: payload, secret: secret, timestamp: timestamp)
        let event = try StripeWebhook.verify(payload: payload, signatureHeader: header, secrets: [secret], now: timestamp.addingTimeInterval(offset))
        #expect(event.id == "evt_1")
    }

    @Test func missingV1IsNoSignature() {
        let v1 = StripeWebhook.signatureHeader(payload: payload, secret: secret, timestamp: timestamp)
        let v0Only = v1.replacingOccurrences(of: "v1=", with: "v0=")
        #expect(throws: StripeWebhookError.noSignature) {
            try StripeWebhook.verify(payload: payload, signatureHeader: v0Only, secrets: [secret], now: timestamp)
        }
        #expect(throws: StripeWebhookError.noSignature) {
            try StripeWebhook.verify(payload: payload, signatureHeader: "t=1700000000", secrets: [secret], now: timestamp)
        }
    }

    @Test(arguments: ["", "garbage", "t=abc,v1=00", "v1=abcdef", "t=1700000000,t=1700000001,v1=00", "t=1700000000,,v1=00", "=1,v1=00"])
    func malformedHeaderIsRejected(header: String) {
        #expect(throws: StripeWebhookError.malformedHeader) {
            try StripeWebhook.verify(payload: payload, signatureHeader: header, secrets: [secret], now: timestamp)
        }
    }

    @Test func secondOfTwoV1SignaturesMatching() throws {
        let good = StripeWebhook.signatureHeader(payload: payload, secret: secret, timestamp: timestamp)
        let goodSignature = try #require(good.split(separator: "v1=").last)
        let header = "t=1700000000,v1=\(String(repeating: "ab", count: 32)),v1=\(goodSignature),v0=deadbeef"
        let event = try StripeWebhook.verify(payload: payload, signatureHeader: header, secrets: [secret], now: timestamp)
        #expect(event.id == "evt_1")
    }

    @Test func secondOfTwoSecretsMatching() throws {
        let header = StripeWebhook.signatureHeader(payload: payload, secret: "whsec_new", timestamp: timestamp)
        let event = try StripeWebhook.verify(payload: payload, signatureHeader: header, secrets: ["whsec_old", "whsec_new"], now: timestamp)
        #expect(event.id == "evt_1")
    }

    @Test(arguments: [
        "not json", #"{"id":"evt_1","type":"x","created":1}"#, #"{"id":"evt_1","type":"x","created":1,"data":{"object":"str"}}"#,
        #"{"type":"x","created":1,"data":{"object":{}}}"#,
    ])
    func malformedPayloadIsRejected(body: String) {
        let bytes = Array(body.utf8)
        let header = StripeWebhook.signatureHeader(payload: bytes, secret: secret, timestamp: timestamp)
        #expect(throws: StripeWebhookError.malformedPayload) {
            try StripeWebhook.verify(payload: bytes, signatureHeader: header, secrets: [secret], now: timestamp)
        }
    }

    @Test func objectOfWrongTypeIsDecodingError() throws {
        let header = StripeWebhook.signatureHeader(payload: payload, secret: secret, timestamp: timestamp)
        let event = try StripeWebhook.verify(payload: payload, signatureHeader: header, secrets: [secret], now: timestamp)
        let error = try #require(throws: StripeError.self) { try event.object(as: StripeInvoice.self) }
        #expect(error.kind == .decoding)
    }
}
