import FlowstaStripe
import FlowstaStripeTesting
import Foundation
import Testing

@Suite("StripeClient against FakeStripe")
struct StripeClientTests {
    @Test func createCustomerSendsBracketedFormAndHeaders() async throws {
        try await withFake { fake, client in
            let params = StripeCustomerParams(
                name: "Ada & Co = Zürich", email: "ada+billing@example.com",
                address: StripeAddress(line1: "Bahnhofstrasse 1", city: "Zürich", postalCode: "8001", country: "CH"),
                metadata: ["organization_id": "org_42", "plan": "team"])
            let customer = try await client.createCustomer(params, idempotencyKey: nil)

            #expect(customer.id.hasPrefix("cus_"))
            #expect(customer.name == "Ada & Co = Zürich")
            #expect(customer.email == "ada+billing@example.com")
            #expect(customer.metadata == ["organization_id": "org_42", "plan": "team"])
            #expect(await fake.customer(id: customer.id)?.address == params.address)

            let requests = await fake.requests()
            try #require(requests.count == 1)
            let request = requests[0]
            #expect(request.method == "POST")
            #expect(request.path == "/v1/customers")
            #expect(request.stripeVersion == "2024-06-20")
            #expect(request.contentType == "application/x-www-form-urlencoded")
            #expect(UUID(uuidString: request.idempotencyKey ?? "") != nil)
            #expect(
                request.form == [
                    "name": "Ada & Co = Zürich", "email": "ada+billing@example.com", "address[line1]": "Bahnhofstrasse 1",
                    "address[city]": "Zürich", "address[postal_code]": "8001", "address[country]": "CH",
                    "metadata[organization_id]": "org_42", "metadata[plan]": "team",
                ])
        }
    }

    @Test func updateCustomerPostsOnlyGivenFields() async throws {
        try await withFake { fake, client in
            let created = try await client.createCustomer(StripeCustomerParams(name: "Old", metadata: ["a": "1"]), idempotencyKey: nil)
            let updated = try await client.updateCustomer(
                id: created.id, StripeCustomerParams(email: "new@example.com", metadata: ["b": "2"]), idempotencyKey: "update-1")

            #expect(updated.id == created.id)
            #expect(updated.name == "Old")
            #expect(updated.email == "new@example.com")
            #expect(updated.metadata == ["a": "1", "b": "2"])
            let request = try #require(await fake.requests().last)
            #expect(request.method == "POST")
            #expect(request.path == "/v1/customers/\(created.id)")
            #expect(request.idempotencyKey == "update-1")
            #expect(request.form == ["email": "new@example.com", "metadata[b]": "2"])
        }
    }

    @Test func createCheckoutSessionSendsLineItemsAndSubscriptionMetadata() async throws {
        try await withFake { fake, client in
            let customer = try await client.createCustomer(StripeCustomerParams(name: "Acme"), idempotencyKey: nil)
            let session = try await client.createCheckoutSession(
                StripeCheckoutParams(
                    customer: customer.id, mode: "subscription",
                    lineItems: [StripeLineItem(price: "price_seat", quantity: 3), StripeLineItem(price: "price_metered")],
                    successURL: "https://app.example/billing?result=ok", cancelURL: "https://app.example/billing",
                    clientReferenceID: "org_42", metadata: ["organization_id": "org_42"],
                    subscriptionMetadata: ["organization_id": "org_42", "plan": "team"]),
                idempotencyKey: "checkout-org_42")

            #expect(session.id.hasPrefix("cs_test_"))
            #expect(session.url == fake.baseURL.absoluteString + "/checkout/" + session.id)
            #expect(session.mode == "subscription")
            #expect(session.customer == customer.id)
            #expect(session.clientReferenceID == "org_42")
            #expect(session.metadata == ["organization_id": "org_42"])
            #expect(session.status == "open")
            #expect(session.subscription == nil)

            let request = try #require(await fake.requests().last)
            #expect(request.path == "/v1/checkout/sessions")
            #expect(request.idempotencyKey == "checkout-org_42")
            #expect(
                request.form == [
                    "customer": customer.id, "mode": "subscription", "line_items[0][price]": "price_seat", "line_items[0][quantity]": "3",
                    "line_items[1][price]": "price_metered", "success_url": "https://app.example/billing?result=ok",
                    "cancel_url": "https://app.example/billing", "client_reference_id": "org_42", "metadata[organization_id]": "org_42",
                    "subscription_data[metadata][organization_id]": "org_42", "subscription_data[metadata][plan]": "team",
                ])
            let stored = try #require(await fake.checkoutSession(id: session.id))
            #expect(stored.lineItems == [StripeLineItem(price: "price_seat", quantity: 3), StripeLineItem(price: "price_metered")])
            #expect(stored.subscriptionMetadata == ["organization_id": "org_42", "plan": "team"])
        }
    }

    @Test func createPortalSession() async throws {
        try await withFake { fake, client in
            let customer = try await client.createCustomer(StripeCustomerParams(), idempotencyKey: nil)
            let portal = try await client.createPortalSession(customer: customer.id, returnURL: "https://app.example/settings", idempotencyKey: nil)

            #expect(portal.id.hasPrefix("bps_"))
            #expect(portal.url == fake.baseURL.absoluteString + "/portal/" + portal.id)
            let request = try #require(await fake.requests().last)
            #expect(request.method == "POST")
            #expect(request.path == "/v1/billing_portal/sessions")
            #expect(request.form == ["customer": customer.id, "return_url": "https://app.example/settings"])
            #expect(request.idempotencyKey != nil)
        }
    }

    @Test func subscriptionRetrieveUpdateAndCancel() async throws {
        try await withFake(now: { fixedNow }) { fake, client in
            let (_, session, _) = try await subscribedCustomer(fake: fake, client: client)
            let subscriptionID = try #require(await fake.checkoutSession(id: session.id)?.subscription)

            let subscription = try await client.subscription(id: subscriptionID)
            #expect(subscription.id == subscriptionID)
            #expect(subscription.status == "active")
            #expect(subscription.currentPeriodStart == fixedNow)
            #expect(subscription.currentPeriodEnd == fixedNow.addingTimeInterval(30 * 24 * 3600))
            #expect(subscription.items.map(\.priceID) == ["price_base"])
            #expect(subscription.metadata == ["organization_id": "org_1"])
            let get = try #require(await fake.requests().last)
            #expect(get.method == "GET")
            #expect(get.path == "/v1/subscriptions/\(subscriptionID)")
            #expect(get.idempotencyKey == nil)
            #expect(get.stripeVersion == StripeConfiguration.apiVersion)

            let itemID = try #require(subscription.items.first?.id)
            let updated = try await client.updateSubscription(
                id: subscriptionID,
                StripeSubscriptionUpdate(
                    items: [.init(id: itemID, price: "price_pro")], prorationBehavior: "none", cancelAtPeriodEnd: true,
                    metadata: ["plan": "pro"]),
                idempotencyKey: nil)
            #expect(updated.items == [StripeSubscriptionItem(id: itemID, priceID: "price_pro")])
            #expect(updated.cancelAtPeriodEnd)
            #expect(updated.metadata == ["organization_id": "org_1", "plan": "pro"])
            let post = try #require(await fake.requests().last)
            #expect(post.method == "POST")
            #expect(post.path == "/v1/subscriptions/\(subscriptionID)")
            #expect(post.idempotencyKey != nil)
            #expect(
                post.form == [
                    "items[0][id]": itemID, "items[0][price]": "price_pro", "proration_behavior": "none", "cancel_at_period_end": "true",
                    "metadata[plan]": "pro",
                ])

            let updateDeliveries = await fake.takeDeliveries()
            #expect(updateDeliveries.map(\.type) == ["customer.subscription.updated"])
            let updateEvent = try StripeWebhook.verify(
                payload: try #require(updateDeliveries.first).payload, signatureHeader: updateDeliveries[0].signatureHeader,
                secrets: ["whsec_test"], now: fixedNow)
            #expect(try updateEvent.object(as: StripeSubscription.self) == updated)

            let canceled = try await client.cancelSubscription(id: subscriptionID)
            #expect(canceled.status == "canceled")
            let delete = try #require(await fake.requests().last)
            #expect(delete.method == "DELETE")
            #expect(delete.path == "/v1/subscriptions/\(subscriptionID)")
            #expect(delete.idempotencyKey == nil)
            #expect(await fake.takeDeliveries().map(\.type) == ["customer.subscription.deleted"])
            #expect(await fake.subscription(id: subscriptionID)?.status == "canceled")
        }
    }

    @Test func meterEventSendsPayloadAndCountsIdentifierOnce() async throws {
        try await withFake(now: { fixedNow }) { fake, client in
            let customer = try await client.createCustomer(StripeCustomerParams(), idempotencyKey: nil)
            let event = StripeMeterEvent(
                eventName: "flowsta_runs", customer: customer.id, value: 42, identifier: "org_1-2025-06",
                timestamp: fixedNow.addingTimeInterval(-3600))
            try await client.createMeterEvent(event, idempotencyKey: "usage-org_1-2025-06")

            let request = try #require(await fake.requests().last)
            #expect(request.method == "POST")
            #expect(request.path == "/v1/billing/meter_events")
            #expect(request.idempotencyKey == "usage-org_1-2025-06")
            #expect(
                request.form == [
                    "event_name": "flowsta_runs", "payload[stripe_customer_id]": customer.id, "payload[value]": "42",
                    "identifier": "org_1-2025-06", "timestamp": "1749996400",
                ])
            #expect(await fake.meterEvents() == [event])

            // The same event under a new idempotency key: accepted, not counted twice.
            try await client.createMeterEvent(event, idempotencyKey: nil)
            #expect(await fake.meterEvents() == [event])
            #expect(await fake.requests().filter { $0.path == "/v1/billing/meter_events" }.map(\.status) == [200, 200])
        }
    }

    @Test func meterEventForUnknownCustomerIsRejected() async throws {
        try await withFake { fake, client in
            let event = StripeMeterEvent(eventName: "flowsta_runs", customer: "cus_missing", value: 1, identifier: "x", timestamp: Date())
            let error = try await #require(throws: StripeError.self) {
                try await client.createMeterEvent(event, idempotencyKey: nil)
            }
            #expect(error.kind == .invalidRequest)
            #expect(error.code == "resource_missing")
            #expect(error.param == "payload[stripe_customer_id]")
            #expect(await fake.meterEvents().isEmpty)
        }
    }

    // MARK: Retries

    @Test func callerIdempotencyKeyIsReusedOnRetry() async throws {
        try await withFake { fake, client in
            await fake.failNext(1, status: 503)
            let customer = try await client.createCustomer(StripeCustomerParams(name: "Acme"), idempotencyKey: "customer-org_1")

            let requests = await fake.requests()
            #expect(requests.map(\.status) == [503, 200])
            #expect(requests.map(\.idempotencyKey) == ["customer-org_1", "customer-org_1"])
            #expect(await fake.customers().map(\.id) == [customer.id])
        }
    }

    @Test func retriesTwo503sWithTheSameGeneratedKey() async throws {
        try await withFake { fake, client in
            await fake.failNext(2, status: 503)
            let customer = try await client.createCustomer(StripeCustomerParams(name: "Acme"), idempotencyKey: nil)

            let requests = await fake.requests()
            #expect(requests.map(\.status) == [503, 503, 200])
            let key = try #require(requests.first?.idempotencyKey)
            #expect(requests.allSatisfy { $0.idempotencyKey == key })
            #expect(await fake.customers().map(\.id) == [customer.id])
        }
    }

    @Test func retriesRateLimit() async throws {
        try await withFake { fake, client in
            await fake.failNext(1, status: 429)
            _ = try await client.createCustomer(StripeCustomerParams(), idempotencyKey: nil)
            #expect(await fake.requests().map(\.status) == [429, 200])
        }
    }

    @Test func retriesIdempotencyLockConflict() async throws {
        try await withFake { fake, client in
            await fake.failNext(1, status: 409)
            _ = try await client.createCustomer(StripeCustomerParams(), idempotencyKey: nil)
            #expect(await fake.requests().map(\.status) == [409, 200])
        }
    }

    @Test func retriesGetsToo() async throws {
        try await withFake { fake, client in
            let (_, session, _) = try await subscribedCustomer(fake: fake, client: client)
            let subscriptionID = try #require(await fake.checkoutSession(id: session.id)?.subscription)
            await fake.failNext(1, status: 502, path: "/v1/subscriptions/\(subscriptionID)")
            _ = try await client.subscription(id: subscriptionID)
            #expect(await fake.requests().suffix(2).map(\.status) == [502, 200])
        }
    }

    @Test func persistentServerErrorThrowsAPIAfterMaxRetries() async throws {
        try await withFake(maxRetries: 3) { fake, client in
            await fake.failNext(5, status: 500)
            let error = try await #require(throws: StripeError.self) {
                try await client.createCustomer(StripeCustomerParams(), idempotencyKey: nil)
            }
            #expect(error.kind == .api)
            #expect(error.status == 500)
            #expect(error.requestID?.hasPrefix("req_") == true)
            #expect(await fake.requests().map(\.status) == [500, 500, 500, 500])
            #expect(await fake.customers().isEmpty)
        }
    }

    @Test func persistentRateLimitThrowsRateLimited() async throws {
        try await withFake(maxRetries: 2) { fake, client in
            await fake.failNext(3, status: 429)
            let error = try await #require(throws: StripeError.self) {
                try await client.createCustomer(StripeCustomerParams(), idempotencyKey: nil)
            }
            #expect(error.kind == .rateLimited)
            #expect(error.code == "rate_limit")
            #expect(await fake.requests().count == 3)
        }
    }

    @Test func invalidRequestIsNotRetried() async throws {
        try await withFake { fake, client in
            let customer = try await client.createCustomer(StripeCustomerParams(), idempotencyKey: nil)
            let params = StripeCheckoutParams(
                customer: customer.id, mode: "subscription", lineItems: [], successURL: "https://app.example/ok",
                cancelURL: "https://app.example/cancel")
            let error = try await #require(throws: StripeError.self) {
                try await client.createCheckoutSession(params, idempotencyKey: nil)
            }
            #expect(error.kind == .invalidRequest)
            #expect(error.status == 400)
            #expect(error.code == "parameter_missing")
            #expect(error.param == "line_items[0][price]")
            #expect(await fake.requests().filter { $0.path == "/v1/checkout/sessions" }.count == 1)
        }
    }

    @Test func stripeShouldRetryHeaderOverridesStatus() async throws {
        try await withFake { fake, client in
            await fake.failNext(1, status: 503, shouldRetry: false)
            let error = try await #require(throws: StripeError.self) {
                try await client.createCustomer(StripeCustomerParams(), idempotencyKey: nil)
            }
            #expect(error.kind == .api)
            #expect(await fake.requests().count == 1)

            await fake.failNext(1, status: 400, shouldRetry: true)
            _ = try await client.createCustomer(StripeCustomerParams(), idempotencyKey: nil)
            #expect(await fake.requests().map(\.status) == [503, 400, 200])
        }
    }

    // MARK: Errors

    @Test func wrongKeyIsAuthenticationError() async throws {
        try await withFake { fake, _ in
            let client = makeClient(for: fake, secretKey: "sk_test_wrong")
            let error = try await #require(throws: StripeError.self) {
                try await client.createCustomer(StripeCustomerParams(), idempotencyKey: nil)
            }
            #expect(error.kind == .authentication)
            #expect(error.status == 401)
            #expect(await fake.requests().count == 1)
        }
    }

    @Test func unknownCustomerIsResourceMissing() async throws {
        try await withFake { fake, client in
            let error = try await #require(throws: StripeError.self) {
                try await client.updateCustomer(id: "cus_missing", StripeCustomerParams(name: "X"), idempotencyKey: nil)
            }
            #expect(error.kind == .invalidRequest)
            #expect(error.status == 404)
            #expect(error.code == "resource_missing")
            #expect(error.param == "id")
            #expect(error.message.contains("cus_missing"))
            #expect(await fake.requests().count == 1)
        }
    }

    @Test func closedPortIsNetworkError() async throws {
        let fake = try await FakeStripe.start()
        await fake.stop()
        let client = StripeClient(
            configuration: StripeConfiguration(
                secretKey: "sk_test_flowsta", apiBase: fake.baseURL, maxRetries: 1, initialBackoff: .milliseconds(1),
                timeout: .milliseconds(500)))
        let error = try await #require(throws: StripeError.self) {
            try await client.createCustomer(StripeCustomerParams(), idempotencyKey: nil)
        }
        #expect(error.kind == .network)
        #expect(error.status == nil)
    }

    @Test func conflictingReuseOfIdempotencyKeyIsIdempotencyError() async throws {
        try await withFake { fake, client in
            _ = try await client.createCustomer(StripeCustomerParams(name: "A"), idempotencyKey: "same-key")
            let error = try await #require(throws: StripeError.self) {
                try await client.createCustomer(StripeCustomerParams(name: "B"), idempotencyKey: "same-key")
            }
            #expect(error.kind == .idempotency)
            #expect(error.status == 400)
            #expect(await fake.customers().count == 1)
        }
    }

    // MARK: Configuration

    @Test func configurationNeverPrintsTheSecretKey() {
        let configuration = StripeConfiguration(secretKey: "sk_live_51SuperSecretValue")
        var dumped = ""
        dump(configuration, to: &dumped)
        for text in [String(describing: configuration), String(reflecting: configuration), dumped, "\(configuration)"] {
            #expect(!text.contains("SuperSecretValue"))
            #expect(text.contains("sk_live_<redacted>"))
        }
        #expect(configuration.apiBase.absoluteString == "https://api.stripe.com")
        #expect(configuration.maxRetries == 3)
        #expect(configuration.initialBackoff == .milliseconds(500))
        #expect(configuration.timeout == .seconds(30))
        #expect(StripeConfiguration.apiVersion == "2024-06-20")
    }
}
