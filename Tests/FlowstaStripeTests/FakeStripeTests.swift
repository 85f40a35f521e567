import FlowstaStripe
import FlowstaStripeTesting
import Foundation
import Testing

@Suite("FakeStripe")
struct FakeStripeTests {
    // MARK: Simulation

    @Test func completeCheckoutEmitsFourVerifiableDeliveriesInOrder() async throws {
        try await withFake(now: { fixedNow }) { fake, client in
            await fake.setPrice(id: "price_base", unitAmount: 4900, currency: "eur")
            let (customer, session, deliveries) = try await subscribedCustomer(
                fake: fake, client: client, prices: [StripeLineItem(price: "price_base", quantity: 2)])

            #expect(
                deliveries.map(\.type) == ["checkout.session.completed", "customer.subscription.created", "invoice.finalized", "invoice.paid"])
            #expect(Set(deliveries.map(\.eventID)).count == 4)
            let events = try deliveries.map {
                try StripeWebhook.verify(payload: $0.payload, signatureHeader: $0.signatureHeader, secrets: ["whsec_test"], now: fixedNow)
            }
            #expect(events.map(\.id) == deliveries.map(\.eventID))
            #expect(events.allSatisfy { $0.created == fixedNow })

            let completed = try events[0].object(as: StripeCheckoutSession.self)
            let subscriptionID = try #require(completed.subscription)
            #expect(completed.id == session.id)
            #expect(completed.status == "complete")
            #expect(completed.customer == customer.id)
            #expect(completed.clientReferenceID == "org_1")
            #expect(completed.metadata == ["organization_id": "org_1"])
            #expect(completed.mode == "subscription")

            let created = try events[1].object(as: StripeSubscription.self)
            #expect(created.id == subscriptionID)
            #expect(created.customer == customer.id)
            #expect(created.status == "active")
            #expect(created.currentPeriodStart == fixedNow)
            #expect(created.currentPeriodEnd == fixedNow.addingTimeInterval(30 * 24 * 3600))
            #expect(created.items.map(\.priceID) == ["price_base"])
            #expect(created.items.allSatisfy { $0.id.hasPrefix("si_") })
            #expect(created.metadata == ["organization_id": "org_1"])
            #expect(try await client.subscription(id: subscriptionID) == created)

            let finalized = try events[2].object(as: StripeInvoice.self)
            let paid = try events[3].object(as: StripeInvoice.self)
            #expect(finalized.id == paid.id)
            #expect(finalized.status == "open")
            #expect(paid.id.hasPrefix("in_"))
            #expect(paid.number == "FLOW-0001")
            #expect(paid.status == "paid")
            #expect(paid.customer == customer.id)
            #expect(paid.subscription == subscriptionID)
            #expect(paid.amountDue == 9800)
            #expect(paid.amountPaid == 9800)
            #expect(paid.total == 9800)
            #expect(paid.currency == "eur")
            #expect(paid.created == fixedNow)
            #expect(paid.hostedInvoiceURL == fake.baseURL.absoluteString + "/invoices/" + paid.id)
            #expect(paid.invoicePDF == fake.baseURL.absoluteString + "/invoices/" + paid.id + ".pdf")

            #expect(await fake.deliveryLog() == deliveries)
            #expect(await fake.takeDeliveries().isEmpty)
            #expect(await fake.checkoutSession(id: session.id)?.status == "complete")
        }
    }

    @Test func failedPaymentThenPaymentThenRenewal() async throws {
        try await withFake(now: { fixedNow }) { fake, client in
            await fake.setPrice(id: "price_base", unitAmount: 1000)
            let (_, session, _) = try await subscribedCustomer(fake: fake, client: client)
            let subscriptionID = try #require(await fake.checkoutSession(id: session.id)?.subscription)
            let period = 30.0 * 24 * 3600

            let failed = try await fake.failPayment(subscriptionID: subscriptionID)
            #expect(failed.map(\.type) == ["invoice.finalized", "invoice.payment_failed", "customer.subscription.updated"])
            let failedInvoice = try verified(failed[1]).object(as: StripeInvoice.self)
            #expect(failedInvoice.status == "open")
            #expect(failedInvoice.number == "FLOW-0002")
            #expect(failedInvoice.amountDue == 1000)
            #expect(failedInvoice.amountPaid == 0)
            let pastDue = try verified(failed[2]).object(as: StripeSubscription.self)
            #expect(pastDue.status == "past_due")
            #expect(pastDue.currentPeriodStart == fixedNow.addingTimeInterval(period))
            #expect(try await client.subscription(id: subscriptionID).status == "past_due")

            let paid = try await fake.payOpenInvoices(subscriptionID: subscriptionID)
            #expect(paid.map(\.type) == ["invoice.paid", "customer.subscription.updated"])
            #expect(try verified(paid[0]).object(as: StripeInvoice.self).id == failedInvoice.id)
            #expect(try verified(paid[1]).object(as: StripeSubscription.self).status == "active")

            let renewed = try await fake.renew(subscriptionID: subscriptionID)
            #expect(renewed.map(\.type) == ["invoice.finalized", "invoice.paid", "customer.subscription.updated"])
            let renewal = try verified(renewed[2]).object(as: StripeSubscription.self)
            #expect(renewal.currentPeriodStart == fixedNow.addingTimeInterval(2 * period))
            #expect(renewal.currentPeriodEnd == fixedNow.addingTimeInterval(3 * period))
            #expect(await fake.invoices(subscriptionID: subscriptionID).map(\.status) == ["paid", "paid", "paid"])
        }
    }

    @Test func renewalAfterCancelAtPeriodEndCancels() async throws {
        try await withFake(now: { fixedNow }) { fake, client in
            let (_, session, _) = try await subscribedCustomer(fake: fake, client: client)
            let subscriptionID = try #require(await fake.checkoutSession(id: session.id)?.subscription)
            _ = try await client.updateSubscription(id: subscriptionID, StripeSubscriptionUpdate(cancelAtPeriodEnd: true), idempotencyKey: nil)
            #expect(await fake.takeDeliveries().map(\.type) == ["customer.subscription.updated"])

            let deliveries = try await fake.renew(subscriptionID: subscriptionID)
            #expect(deliveries.map(\.type) == ["customer.subscription.deleted"])
            #expect(try verified(deliveries[0]).object(as: StripeSubscription.self).status == "canceled")
            #expect(
                await fake.deliveryLog().map(\.type).suffix(2) == ["customer.subscription.updated", "customer.subscription.deleted"])
            await #expect(throws: FakeStripeError.subscriptionCanceled(subscriptionID)) {
                try await fake.renew(subscriptionID: subscriptionID)
            }
        }
    }

    @Test func deliverPostsSignedEvents() async throws {
        try await withFake(now: { fixedNow }) { fake, client in
            let (_, _, deliveries) = try await subscribedCustomer(fake: fake, client: client)
            // The fake itself as the receiver: it answers 401 (no API key) and records the POSTs.
            let receiver = fake.baseURL.appendingPathComponent("webhooks").appendingPathComponent("stripe")
            let statuses = try await fake.deliver(deliveries, to: receiver)
            #expect(statuses == [401, 401, 401, 401])
            let received = await fake.requests().filter { $0.path == "/webhooks/stripe" }
            #expect(received.count == 4)
            #expect(received.allSatisfy { $0.method == "POST" && $0.contentType?.hasPrefix("application/json") == true })
        }
    }

    // MARK: Idempotency and checks

    @Test func idempotentReplayReturnsTheSameCustomer() async throws {
        try await withFake { fake, client in
            let params = StripeCustomerParams(name: "Acme", metadata: ["organization_id": "org_1"])
            let first = try await client.createCustomer(params, idempotencyKey: "customer-org_1")
            let second = try await client.createCustomer(params, idempotencyKey: "customer-org_1")

            #expect(first == second)
            #expect(await fake.customers().count == 1)
            #expect(await fake.requests().map(\.replayed) == [false, true])
        }
    }

    @Test func rejectsUnknownParameter() async throws {
        try await withFake { fake, _ in
            let response = try await rawRequest(
                "POST", fake.baseURL.appendingPathComponent("v1/customers"), headers: stripeHeaders(), body: "name=A&nickname=B")
            #expect(response.status == 400)
            #expect(response.errorCode == "parameter_unknown")
            #expect(response.errorType == "invalid_request_error")

            let nested = try await rawRequest(
                "POST", fake.baseURL.appendingPathComponent("v1/customers"), headers: stripeHeaders(), body: "address%5Bzip%5D=1")
            #expect(nested.status == 400)
            #expect(nested.errorCode == "parameter_unknown")
            #expect(await fake.customers().isEmpty)
        }
    }

    @Test func acceptsLiteralAndEncodedBrackets() async throws {
        try await withFake { fake, _ in
            let url = fake.baseURL.appendingPathComponent("v1/customers")
            let literal = try await rawRequest("POST", url, headers: stripeHeaders(), body: "name=A+B&metadata[k]=v%20w")
            let encoded = try await rawRequest("POST", url, headers: stripeHeaders(), body: "name=A%20B&metadata%5Bk%5D=v+w")
            #expect(literal.status == 200)
            #expect(encoded.status == 200)
            let customers = await fake.customers()
            #expect(customers.map(\.name) == ["A B", "A B"])
            #expect(customers.map(\.metadata) == [["k": "v w"], ["k": "v w"]])
        }
    }

    @Test func requiresIdempotencyKeyVersionAndKey() async throws {
        try await withFake { fake, _ in
            let url = fake.baseURL.appendingPathComponent("v1/customers")
            let noKey = try await rawRequest("POST", url, headers: stripeHeaders(idempotencyKey: nil), body: "name=A")
            #expect(noKey.status == 400)

            var oldVersion = stripeHeaders()
            oldVersion["Stripe-Version"] = "2020-08-27"
            #expect(try await rawRequest("POST", url, headers: oldVersion, body: "name=A").status == 400)

            var noAuth = stripeHeaders()
            noAuth["Authorization"] = nil
            let unauthorized = try await rawRequest("POST", url, headers: noAuth, body: "name=A")
            #expect(unauthorized.status == 401)
            #expect(unauthorized.errorType == "invalid_request_error")

            var json = stripeHeaders()
            json["Content-Type"] = "application/json"
            #expect(try await rawRequest("POST", url, headers: json, body: #"{"name":"A"}"#).status == 400)

            #expect(await fake.customers().isEmpty)
            #expect(await fake.requests().map(\.status) == [400, 400, 401, 400])
        }
    }

    @Test func checkoutRequiresKnownCustomerAndURLs() async throws {
        try await withFake { fake, client in
            let unknown = try await #require(throws: StripeError.self) {
                try await client.createCheckoutSession(
                    StripeCheckoutParams(
                        customer: "cus_missing", mode: "subscription", lineItems: [StripeLineItem(price: "price_1")],
                        successURL: "https://app.example/ok", cancelURL: "https://app.example/cancel"),
                    idempotencyKey: nil)
            }
            #expect(unknown.code == "resource_missing")
            #expect(unknown.param == "customer")

            let customer = try await client.createCustomer(StripeCustomerParams(), idempotencyKey: nil)
            let badURL = try await #require(throws: StripeError.self) {
                try await client.createCheckoutSession(
                    StripeCheckoutParams(
                        customer: customer.id, mode: "subscription", lineItems: [StripeLineItem(price: "price_1")],
                        successURL: "/relative", cancelURL: "https://app.example/cancel"),
                    idempotencyKey: nil)
            }
            #expect(badURL.code == "url_invalid")
            #expect(badURL.param == "success_url")
            #expect(await fake.checkoutSessions().isEmpty)
        }
    }

    @Test func unknownSubscriptionIs404() async throws {
        try await withFake { fake, client in
            let error = try await #require(throws: StripeError.self) { try await client.subscription(id: "sub_missing") }
            #expect(error.status == 404)
            #expect(error.code == "resource_missing")
            await #expect(throws: FakeStripeError.unknownSubscription("sub_missing")) {
                try await fake.renew(subscriptionID: "sub_missing")
            }
        }
    }

    private func verified(_ delivery: FakeStripe.Delivery) throws -> StripeEvent {
        try StripeWebhook.verify(payload: delivery.payload, signatureHeader: delivery.signatureHeader, secrets: ["whsec_test"], now: fixedNow)
    }
}

@Suite("FakeStripe setup mode")
struct FakeStripeSetupModeTests {
    @Test func setupModeNeedsCurrencyAndCompletesWithoutSubscription() async throws {
        try await withFake { fake, client in
            let customer = try await client.createCustomer(StripeCustomerParams(), idempotencyKey: nil)
            var params = StripeCheckoutParams(
                customer: customer.id, mode: "setup", lineItems: [], successURL: "https://app.example/ok", cancelURL: "https://app.example/cancel")
            let missing = try await #require(throws: StripeError.self) { try await client.createCheckoutSession(params, idempotencyKey: nil) }
            #expect(missing.code == "parameter_missing")
            #expect(missing.param == "currency")

            params.currency = "eur"
            let session = try await client.createCheckoutSession(params, idempotencyKey: nil)
            #expect(session.mode == "setup")
            #expect(await fake.requests().last?.form["currency"] == "eur")

            let deliveries = try await fake.completeCheckout(sessionID: session.id)
            #expect(deliveries.map(\.type) == ["checkout.session.completed"])
            let event = try StripeWebhook.verify(
                payload: deliveries[0].payload, signatureHeader: deliveries[0].signatureHeader, secrets: ["whsec_test"])
            let completed = try event.object(as: StripeCheckoutSession.self)
            #expect(completed.status == "complete")
            #expect(completed.subscription == nil)
            #expect(await fake.subscriptions().isEmpty)
            await #expect(throws: FakeStripeError.checkoutSessionNotOpen(session.id)) {
                try await fake.completeCheckout(sessionID: session.id)
            }
        }
    }
}
