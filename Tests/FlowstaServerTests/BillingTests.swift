import FlowstaBilling
import FlowstaCore
import FlowstaPlatform
import FlowstaServer
import FlowstaStore
import FlowstaStripe
import FlowstaStripeTesting
import FlowstaTesting
import FlowstaUsage
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import SQLKit
import Testing

/// Billing through Stripe against a fake Stripe server on loopback (FlowstaStripeTesting): it
/// checks every request Flowsta sends and signs the webhooks it produces, which the tests post
/// to `/webhooks/stripe` as Stripe would.
@Suite struct BillingTests {
    static let prices: [Plan: String] = [.spark: "price_spark", .pro: "price_pro"]
    static let overage: [Plan: String] = [.spark: "price_spark_mau", .pro: "price_pro_mau"]

    /// A server with billing on, a fake Stripe sharing its clock, and an organization whose
    /// owner (with an email address) is alone in it.
    struct Harness {
        let server: TestServer
        let fake: FakeStripe
        let clock: FixedTimeSource

        static func make(database: DatabaseChoice = .sqlite, start: Date = Date(timeIntervalSince1970: 1_800_000_000)) async throws -> Harness {
            let clock = FixedTimeSource(start)
            let fake = try await FakeStripe.start(now: { clock.now })
            await fake.setPrice(id: "price_spark", unitAmount: 1_900)
            await fake.setPrice(id: "price_pro", unitAmount: 4_900)
            var settings = StripeSettings(secretKey: fake.secretKey, webhookSecrets: [fake.webhookSecret], planPrices: BillingTests.prices, overagePrices: BillingTests.overage)
            settings.apiBase = fake.baseURL.absoluteString
            settings.retryBackoff = .milliseconds(1)
            let server = try await TestServer(databaseURL: try await database.isolatedURL(), stripe: settings, time: clock)
            return Harness(server: server, fake: fake, clock: clock)
        }

        /// Posts Stripe's deliveries to the webhook endpoint. - Returns: the statuses.
        func deliver(_ deliveries: [FakeStripe.Delivery], _ client: any TestClientProtocol) async throws -> [HTTPResponse.Status] {
            var statuses: [HTTPResponse.Status] = []
            for delivery in deliveries {
                statuses.append(try await BillingTests.post(delivery.payload, signature: delivery.signatureHeader, client).status)
            }
            return statuses
        }
    }

    /// Runs `body` with a harness on `database`, the fixture and the owner's solo organization,
    /// and stops the fake Stripe server whatever happens.
    static func run(
        _ database: DatabaseChoice, live: Bool = false,
        _ body: @Sendable (Harness, any TestClientProtocol, ManagementFixture, (id: UUID, name: String, address: String)) async throws -> Void
    ) async throws {
        let harness = try await Harness.make(database: database)
        do {
            try await harness.server.run(live ? .live : .router) { client in
                let fixture = try await ManagementFixture.make(harness.server, client)
                try await body(harness, client, fixture, try await soloOrganization(fixture, server: harness.server))
            }
        } catch {
            await harness.fake.stop()
            throw error
        }
        await harness.fake.stop()
    }

    static func post(_ payload: [UInt8], signature: String?, _ client: any TestClientProtocol) async throws -> TestResponse {
        var headers: HTTPFields = [.contentType: "application/json"]
        if let signature { headers[HTTPField.Name("Stripe-Signature")!] = signature }
        return try await client.execute(uri: "/webhooks/stripe", method: .post, headers: headers, body: ByteBuffer(bytes: payload))
    }

    /// A second organization of the fixture's owner, alone in it (one seat), with business
    /// information, and the owner's email address.
    static func soloOrganization(_ fixture: ManagementFixture, server: TestServer) async throws -> (id: UUID, name: String, address: String) {
        let address = "owner-\(UUID().uuidString.prefix(8).lowercased())@example.org"
        try await fixture.setVerifiedEmail(.owner, address, server: server)
        let name = "Billed \(UUID().uuidString.prefix(6))"
        let created = try await fixture.call(.owner, .post, "/api/v1/orgs", ["name": name])
        #expect(created.status == .created)
        let raw = try #require(JSON.object(created.body)["id"] as? String)
        let id = try #require(UUID(uuidString: raw))
        let patched = try await fixture.call(.owner, .patch, "/api/v1/orgs/\(id)", [
            "contact_email": "billing@\(name.lowercased().replacingOccurrences(of: " ", with: "-")).example", "billing_address": "1 Rue Example\n75001 Paris\nFrance",
        ])
        #expect(patched.status == .ok)
        return (id, name, address)
    }

    static func mails(_ server: TestServer, to address: String) async throws -> [String] {
        try await server.runtime.mailer.list().map(\.1).filter { $0.to == address }.map { $0.subject + "\n" + $0.text }
    }

    /// Owner starts Checkout for `plan`; Stripe completes it and its webhooks arrive.
    /// - Returns: the subscription id.
    static func subscribe(_ harness: Harness, _ fixture: ManagementFixture, _ organizationID: UUID, _ plan: Plan, _ client: any TestClientProtocol) async throws -> String {
        let started = try await fixture.call(.owner, .post, "/api/v1/orgs/\(organizationID)/billing/checkout", ["plan": plan.rawValue])
        #expect(started.status == .ok, "\(String(buffer: started.body))")
        let url = try #require(JSON.object(started.body)["url"] as? String)
        let sessionID = try #require(url.split(separator: "/").last.map(String.init))
        let deliveries = try await harness.fake.completeCheckout(sessionID: sessionID)
        #expect(try await harness.deliver(deliveries, client) == Array(repeating: .ok, count: deliveries.count))
        return try #require(await harness.fake.checkoutSession(id: sessionID)?.subscription)
    }

    static func plan(_ fixture: ManagementFixture, _ organizationID: UUID) async throws -> String? {
        JSON.object(try await fixture.call(.owner, .get, "/api/v1/orgs/\(organizationID)/plan").body)["plan"] as? String
    }

    static func billing(_ fixture: ManagementFixture, _ organizationID: UUID) async throws -> [String: Any] {
        JSON.object(try await fixture.call(.owner, .get, "/api/v1/orgs/\(organizationID)/billing").body)
    }

    // MARK: Without Stripe

    @Test func withoutAStripeKeyBillingIsOffAndSaysSo() async throws {
        let server = try await TestServer()
        #expect(server.runtime.billing == nil)
        try await server.withRouter { client in
            let fixture = try await ManagementFixture.make(server, client)
            let org = "/api/v1/orgs/\(fixture.organizationID)"
            let status = try await fixture.call(.owner, .get, org + "/billing")
            #expect(status.status == .ok)
            #expect(JSON.object(status.body)["configured"] as? Bool == false && JSON.object(status.body)["plan"] as? String == "pro")
            for (method, path, body) in [(HTTPRequest.Method.post, "/billing/checkout", ["plan": "pro"]), (.post, "/billing/portal", [:]), (.put, "/plan", ["plan": "spark"])] {
                let refused = try await fixture.call(.owner, method, org + path, body)
                #expect(refused.status == .conflict, "\(path)")
                #expect(JSON.object(refused.body)["error"] as? String == "billing_not_configured", "\(path)")
            }
            #expect(try await fixture.call(.admin, .get, org + "/billing").status == .forbidden)
            #expect(try await fixture.call(.key, .get, org + "/invoices").status == .forbidden)
            let invoices = try await fixture.call(.owner, .get, org + "/invoices")
            #expect(invoices.status == .ok && (JSON.object(invoices.body)["items"] as? [Any])?.isEmpty == true)
            let hook = try await Self.post(Array(#"{"id":"evt_1"}"#.utf8), signature: "t=1,v1=00", client)
            #expect(hook.status == .conflict && JSON.object(hook.body)["error"] as? String == "billing_not_configured")
        }
    }

    @Test func stripeSettingsComeFromTheEnvironmentAndAreChecked() async throws {
        #expect(ServerConfiguration.fromEnvironment([:]).stripe == nil, "no key, no billing")
        let settings = try #require(ServerConfiguration.fromEnvironment([
            "FLOWSTA_STRIPE_SECRET_KEY": "sk_test_secret123", "FLOWSTA_STRIPE_WEBHOOK_SECRET": "whsec_a, whsec_b",
            "FLOWSTA_STRIPE_PRICE_PRO": "price_p", "FLOWSTA_STRIPE_MAU_PRICE_PRO": "price_m", "FLOWSTA_STRIPE_METER_EVENT": "mau",
        ]).stripe)
        #expect(settings.webhookSecrets == ["whsec_a", "whsec_b"] && settings.planPrices == [.pro: "price_p"] && settings.overagePrices == [.pro: "price_m"])
        #expect(settings.meterEventName == "mau" && settings.apiBase == "https://api.stripe.com")
        #expect(!"\(settings)".contains("secret123"), "the key is never printed")
        var noSecret = settings
        noSecret.webhookSecrets = []
        await #expect(throws: ConfigurationError.self) { _ = try await TestServer(stripe: noSecret) }
        var noPrice = settings
        noPrice.planPrices = [:]
        await #expect(throws: ConfigurationError.self) { _ = try await TestServer(stripe: noPrice) }
        var plainHTTP = settings
        plainHTTP.apiBase = "http://stripe.example.com"
        await #expect(throws: ConfigurationError.self) { _ = try await TestServer(stripe: plainHTTP) }
    }

    // MARK: Checkout, webhooks, invoices

    /// Upgrade from free through Checkout: the customer (name, contact email, address), the
    /// Checkout session, the webhooks (signature, replay), the plan, the mirrored invoice and
    /// the owners-only rule.
    @Test(arguments: DatabaseChoice.all)
    func upgradeThroughCheckoutThenInvoicePaid(database: DatabaseChoice) async throws {
        try await Self.run(database) { harness, client, fixture, solo in
            let (orgID, name, address) = solo
            let org = "/api/v1/orgs/\(orgID)"

            // Only owners, signed in, manage billing.
            let shared = "/api/v1/orgs/\(fixture.organizationID)"
            for caller in [ManagementFixture.Caller.admin, .member, .key] {
                #expect(try await fixture.call(caller, .post, shared + "/billing/checkout", ["plan": "pro"]).status == .forbidden, "\(caller)")
                #expect(try await fixture.call(caller, .get, shared + "/billing").status == .forbidden, "\(caller)")
                #expect(try await fixture.call(caller, .get, shared + "/invoices").status == .forbidden, "\(caller)")
                #expect(try await fixture.call(caller, .put, shared + "/plan", ["plan": "spark"]).status == .forbidden, "\(caller)")
                #expect(try await fixture.call(caller, .post, shared + "/billing/portal").status == .forbidden, "\(caller)")
            }
            #expect(try await fixture.call(.outsider, .post, org + "/billing/checkout", ["plan": "pro"]).status == .notFound)
            #expect(await harness.fake.requests().isEmpty, "refused calls never reach Stripe")

            let before = try await Self.billing(fixture, orgID)
            #expect(before["configured"] as? Bool == true && before["plan"] as? String == "free" && before["subscription"] is NSNull)
            #expect(before["purchasable_plans"] as? [String] == ["spark", "pro"])
            let enterprise = try await fixture.call(.owner, .post, org + "/billing/checkout", ["plan": "enterprise"])
            #expect(enterprise.status == .badRequest && JSON.object(enterprise.body)["error"] as? String == "invalid_request")
            let needsCheckout = try await fixture.call(.owner, .put, org + "/plan", ["plan": "pro"])
            #expect(needsCheckout.status == .conflict && JSON.object(needsCheckout.body)["error"] as? String == "checkout_required")

            // Two clicks make one customer.
            for _ in 0..<2 {
                let started = try await fixture.call(.owner, .post, org + "/billing/checkout", ["plan": "pro"])
                #expect(started.status == .ok)
                #expect((JSON.object(started.body)["url"] as? String)?.hasPrefix(harness.fake.baseURL.absoluteString + "/checkout/") == true)
            }
            let customers = await harness.fake.customers()
            #expect(customers.count == 1)
            let customer = try #require(customers.first)
            #expect(customer.name == name && customer.email?.hasPrefix("billing@") == true)
            #expect(customer.address?.line1 == "1 Rue Example" && customer.address?.line2 == "75001 Paris, France")
            #expect(customer.metadata["organization_id"] == orgID.uuidString.lowercased())
            let requests = await harness.fake.requests()
            #expect(requests.allSatisfy { $0.stripeVersion == StripeConfiguration.apiVersion })
            #expect(requests.filter { $0.method == "POST" }.allSatisfy { ($0.idempotencyKey ?? "").isEmpty == false }, "an idempotency key on every POST")
            let checkout = try #require(requests.last { $0.path == "/v1/checkout/sessions" })
            #expect(checkout.form["mode"] == "subscription" && checkout.form["customer"] == customer.id)
            #expect(checkout.form["line_items[0][price]"] == "price_pro" && checkout.form["line_items[0][quantity]"] == "1")
            #expect(checkout.form["line_items[1][price]"] == "price_pro_mau" && checkout.form["line_items[1][quantity]"] == nil)
            #expect(checkout.form["client_reference_id"] == orgID.uuidString.lowercased())
            #expect(checkout.form["success_url"]?.hasSuffix("/dashboard/orgs/\(orgID.uuidString.lowercased())/billing?checkout=success") == true)
            #expect(checkout.form.keys.allSatisfy { !$0.contains("card") }, "no card data passes through Flowsta")

            // Stripe completes the checkout; its webhooks move the plan and mirror the invoice.
            let sessionID = try #require(await harness.fake.checkoutSessions().last?.id)
            let deliveries = try await harness.fake.completeCheckout(sessionID: sessionID)
            #expect(deliveries.map(\.type) == ["checkout.session.completed", "customer.subscription.created", "invoice.finalized", "invoice.paid"])

            // Bad signatures change nothing.
            let first = try #require(deliveries.first)
            var tampered = first.payload
            tampered[tampered.count / 2] ^= 0x01
            #expect(try await Self.post(tampered, signature: first.signatureHeader, client).status == .badRequest)
            let wrongSecret = StripeWebhook.signatureHeader(payload: first.payload, secret: "whsec_other", timestamp: harness.clock.now)
            let refused = try await Self.post(first.payload, signature: wrongSecret, client)
            #expect(refused.status == .badRequest && JSON.object(refused.body)["error"] as? String == "invalid_signature")
            let stale = StripeWebhook.signatureHeader(payload: first.payload, secret: harness.fake.webhookSecret, timestamp: harness.clock.now.addingTimeInterval(-301))
            #expect(try await Self.post(first.payload, signature: stale, client).status == .badRequest)
            #expect(try await Self.post(first.payload, signature: nil, client).status == .badRequest)
            #expect(try await Self.post(first.payload, signature: "garbage", client).status == .badRequest)
            #expect(try await Self.plan(fixture, orgID) == "free", "nothing changed")
            // A signed event whose object is not a subscription is bad input, and not recorded.
            let odd = Array(#"{"id":"evt_odd_1","object":"event","type":"customer.subscription.updated","created":1,"data":{"object":{"id":"sub_x"}}}"#.utf8)
            let oddResponse = try await Self.post(odd, signature: StripeWebhook.signatureHeader(payload: odd, secret: harness.fake.webhookSecret, timestamp: harness.clock.now), client)
            #expect(oddResponse.status == .badRequest && JSON.object(oddResponse.body)["error"] as? String == "invalid_request")
            let ignored = Array(#"{"id":"evt_other_1","object":"event","type":"customer.created","created":1,"data":{"object":{}}}"#.utf8)
            let ignoredResponse = try await Self.post(ignored, signature: StripeWebhook.signatureHeader(payload: ignored, secret: harness.fake.webhookSecret, timestamp: harness.clock.now), client)
            #expect(ignoredResponse.status == .ok && JSON.object(ignoredResponse.body)["outcome"] as? String == "ignored customer.created")

            #expect(try await harness.deliver(deliveries, client) == [.ok, .ok, .ok, .ok])
            #expect(try await Self.plan(fixture, orgID) == "pro")
            let after = try await Self.billing(fixture, orgID)
            let subscription = try #require(after["subscription"] as? [String: Any])
            #expect(subscription["status"] as? String == "active" && subscription["plan"] as? String == "pro")
            #expect(subscription["cancel_at_period_end"] as? Bool == false && subscription["grace_until"] is NSNull)

            // Replays are recognised by event id and change nothing.
            let audit = { String(buffer: try await fixture.call(.owner, .get, org + "/audit?limit=100").body).components(separatedBy: "plan_changed").count }
            let changesBefore = try await audit()
            let replay = try await Self.post(first.payload, signature: StripeWebhook.signatureHeader(payload: first.payload, secret: harness.fake.webhookSecret, timestamp: harness.clock.now), client)
            #expect(replay.status == .ok && JSON.object(replay.body)["outcome"] as? String == "duplicate")
            #expect(try await harness.deliver(deliveries, client) == [.ok, .ok, .ok, .ok])
            #expect(try await audit() == changesBefore)

            let invoices = try await fixture.call(.owner, .get, org + "/invoices")
            let items = try #require(JSON.object(invoices.body)["items"] as? [[String: Any]])
            #expect(items.count == 1)
            let invoice = try #require(items.first)
            #expect(invoice["status"] as? String == "paid" && invoice["total"] as? Int == 4_900 && invoice["currency"] as? String == "eur")
            #expect(invoice["billing_name"] as? String == name && invoice["billing_address"] as? String == "1 Rue Example\n75001 Paris\nFrance")
            #expect((invoice["hosted_invoice_url"] as? String)?.hasPrefix(harness.fake.baseURL.absoluteString) == true && invoice["invoice_pdf"] is String)
            #expect(try await fixture.call(.admin, .get, shared + "/invoices").status == .forbidden)

            // A second checkout is refused while subscribed; the portal opens for the customer.
            let again = try await fixture.call(.owner, .post, org + "/billing/checkout", ["plan": "spark"])
            #expect(again.status == .conflict)
            let portal = try await fixture.call(.owner, .post, org + "/billing/portal")
            #expect(portal.status == .ok && (JSON.object(portal.body)["url"] as? String)?.hasPrefix(harness.fake.baseURL.absoluteString) == true)
            #expect(await harness.fake.portalSessions().last?.customer == customer.id)

            // The owner hears about it; the export carries the invoice.
            #expect(try await Self.mails(harness.server, to: address).contains { $0.contains("now on the pro plan") })
            let export = String(buffer: try await fixture.call(.owner, .get, org + "/export").body)
            let invoiceID = try #require(invoice["id"] as? String)
            #expect(export.contains(#""invoices":[{"#) && export.contains(invoiceID))

            // Business information follows to Stripe.
            #expect(try await fixture.call(.owner, .patch, org, ["billing_address": "2 Example Street\nLondon"]).status == .ok)
            #expect(await harness.fake.customer(id: customer.id)?.address?.line1 == "2 Example Street")
        }
    }

    /// The fake Stripe server itself posts its signed events to a live server over HTTP.
    @Test func stripesDeliveriesArriveOverHTTP() async throws {
        try await Self.run(.sqlite, live: true) { harness, client, fixture, solo in
            let started = try await fixture.call(.owner, .post, "/api/v1/orgs/\(solo.id)/billing/checkout", ["plan": "spark"])
            let url = try #require(JSON.object(started.body)["url"] as? String)
            let deliveries = try await harness.fake.completeCheckout(sessionID: try #require(url.split(separator: "/").last.map(String.init)))
            let port = try #require(client.port)
            let endpoint = try #require(URL(string: "http://127.0.0.1:\(port)/webhooks/stripe"))
            #expect(try await harness.fake.deliver(deliveries, to: endpoint) == [200, 200, 200, 200])
            #expect(try await Self.plan(fixture, solo.id) == "spark")
            #expect(try await harness.fake.deliver(deliveries, to: endpoint) == [200, 200, 200, 200], "replays are accepted and ignored")
            let invoices = JSON.object(try await fixture.call(.owner, .get, "/api/v1/orgs/\(solo.id)/invoices").body)["items"] as? [[String: Any]]
            #expect(invoices?.count == 1 && invoices?.first?["total"] as? Int == 1_900)
        }
    }

    // MARK: Failed payments

    @Test(arguments: DatabaseChoice.all)
    func aFailedPaymentStartsThreeDaysOfGraceThenFreeLimitsUntilPaid(database: DatabaseChoice) async throws {
        try await Self.run(database) { harness, client, fixture, solo in
            let (orgID, _, address) = solo
            let subscriptionID = try await Self.subscribe(harness, fixture, orgID, .pro, client)
            #expect(try await Self.plan(fixture, orgID) == "pro")
            let billing = try #require(harness.server.runtime.billing)

            let failed = try await harness.fake.failPayment(subscriptionID: subscriptionID)
            #expect(failed.map(\.type).contains("invoice.payment_failed"))
            #expect(try await harness.deliver(failed, client).allSatisfy { $0 == .ok })
            let grace = try #require(try await Self.billing(fixture, orgID)["subscription"] as? [String: Any])
            #expect(grace["status"] as? String == "past_due")
            let until = try #require((grace["grace_until"] as? String).flatMap { ISO8601DateFormatter().date(from: $0) })
            #expect(abs(until.timeIntervalSince(harness.clock.now) - 3 * 86_400) < 1)
            #expect(try await Self.mails(harness.server, to: address).contains { $0.contains("payment failed") })

            harness.clock.advance(by: 3 * 86_400 - 1)
            #expect(try await billing.runDueWork().suspended == 0)
            #expect(try await Self.plan(fixture, orgID) == "pro", "still within the grace period")
            harness.clock.advance(by: 1)
            #expect(try await billing.runDueWork().suspended == 1)
            #expect(try await Self.plan(fixture, orgID) == "free")
            #expect(try await billing.runDueWork().suspended == 0, "once")
            #expect(try await Self.mails(harness.server, to: address).contains { $0.contains("moved to free limits") })

            let paid = try await harness.fake.payOpenInvoices(subscriptionID: subscriptionID)
            #expect(try await harness.deliver(paid, client).allSatisfy { $0 == .ok })
            #expect(try await Self.plan(fixture, orgID) == "pro", "back once paid")
            let recovered = try #require(try await Self.billing(fixture, orgID)["subscription"] as? [String: Any])
            #expect(recovered["grace_until"] is NSNull && recovered["suspended"] as? Bool == false && recovered["status"] as? String == "active")
            #expect(try await Self.mails(harness.server, to: address).contains { $0.contains("payment received") })
            let invoices = try #require(JSON.object(try await fixture.call(.owner, .get, "/api/v1/orgs/\(orgID)/invoices").body)["items"] as? [[String: Any]])
            #expect(invoices.count == 2 && invoices.allSatisfy { $0["status"] as? String == "paid" })
        }
    }

    // MARK: Plan changes

    @Test(arguments: DatabaseChoice.all)
    func upgradesApplyAtOnceAndDowngradesAtPeriodEnd(database: DatabaseChoice) async throws {
        try await Self.run(database) { harness, client, fixture, solo in
            var fixture = fixture
            let (orgID, _, _) = solo
            let org = "/api/v1/orgs/\(orgID)"
            let subscriptionID = try await Self.subscribe(harness, fixture, orgID, .pro, client)
            let billing = try #require(harness.server.runtime.billing)
            let updates = { await harness.fake.requests().filter { $0.method == "POST" && $0.path == "/v1/subscriptions/\(subscriptionID)" } }

            // Down to spark: Stripe bills spark from the next period; pro stays until then.
            let down = try await fixture.call(.owner, .put, org + "/plan", ["plan": "spark"])
            #expect(down.status == .ok)
            #expect(try await Self.plan(fixture, orgID) == "pro")
            let scheduled = try #require(JSON.object(down.body)["subscription"] as? [String: Any])
            #expect(scheduled["scheduled_plan"] as? String == "spark" && scheduled["plan"] as? String == "spark")
            let swaps = await updates()
            let swap = try #require(swaps.last)
            #expect(swap.form["items[0][price]"] == "price_spark" && swap.form["proration_behavior"] == "none")
            #expect(swap.form["items[1][price]"] == "price_spark_mau", "the overage price follows the plan")
            #expect(try await harness.deliver(await harness.fake.takeDeliveries(), client).allSatisfy { $0 == .ok })
            #expect(try await Self.plan(fixture, orgID) == "pro", "the subscription.updated webhook keeps the paid-for plan")

            // Changing one's mind before the period ends undoes it without a charge.
            #expect(try await fixture.call(.owner, .put, org + "/plan", ["plan": "pro"]).status == .ok)
            let undo = await updates().last
            #expect(undo?.form["items[0][price]"] == "price_pro" && undo?.form["proration_behavior"] == "none")
            #expect((try await Self.billing(fixture, orgID)["subscription"] as? [String: Any])?["scheduled_plan"] is NSNull)

            // Down again, and the period ends.
            #expect(try await fixture.call(.owner, .put, org + "/plan", ["plan": "spark"]).status == .ok)
            let end = try #require(await harness.fake.subscription(id: subscriptionID)?.currentPeriodEnd)
            harness.clock.advance(by: end.timeIntervalSince(harness.clock.now) - 1)
            #expect(try await billing.runDueWork().scheduledChanges == 0)
            harness.clock.advance(by: 1)
            #expect(try await billing.runDueWork().scheduledChanges == 1)
            try await fixture.signInAgain(.owner)
            #expect(try await Self.plan(fixture, orgID) == "spark")

            // Up to pro: at once, prorated.
            #expect(try await fixture.call(.owner, .put, org + "/plan", ["plan": "pro"]).status == .ok)
            #expect(try await Self.plan(fixture, orgID) == "pro")
            let upgrade = await updates().last
            #expect(upgrade?.form["proration_behavior"] == "create_prorations")

            // Enterprise is not for sale; a plan the team does not fit is refused.
            #expect(try await fixture.call(.owner, .put, org + "/plan", ["plan": "enterprise"]).status == .badRequest)
            #expect(try await fixture.call(.owner, .post, org + "/invites", ["email": "second@example.org", "role": "member"]).status == .created)
            let tooSmall = try await fixture.call(.owner, .put, org + "/plan", ["plan": "spark"])
            #expect(tooSmall.status == .forbidden && JSON.object(tooSmall.body)["error"] as? String == "plan_limit_reached")
            let invites = try #require(JSON.object(try await fixture.call(.owner, .get, org + "/invites").body)["items"] as? [[String: Any]])
            for invite in invites { _ = try await fixture.call(.owner, .delete, org + "/invites/\(invite["id"] as? String ?? "")") }

            // Cancelling: pro until the period ends, then free when Stripe ends the subscription.
            let cancel = try await fixture.call(.owner, .put, org + "/plan", ["plan": "free"])
            #expect(cancel.status == .ok)
            let cancelled = await updates().last
            #expect(cancelled?.form["cancel_at_period_end"] == "true")
            #expect(try await Self.plan(fixture, orgID) == "pro")
            let renewal = try await harness.fake.renew(subscriptionID: subscriptionID)
            #expect(renewal.map(\.type).contains("customer.subscription.deleted"))
            #expect(try await harness.deliver(renewal, client).allSatisfy { $0 == .ok })
            #expect(try await Self.plan(fixture, orgID) == "free")
            #expect(try await Self.billing(fixture, orgID)["purchasable_plans"] as? [String] == ["spark", "pro"])
            let restart = try await fixture.call(.owner, .post, org + "/billing/checkout", ["plan": "spark"])
            #expect(restart.status == .ok, "a new subscription can start after the old one ended")
        }
    }

    // MARK: Usage billing

    /// The closed month's active users above the plan go to Stripe once, even when the job runs
    /// again or Stripe failed the first time.
    @Test(arguments: DatabaseChoice.all)
    func overageIsReportedOnceWhenTheMonthCloses(database: DatabaseChoice) async throws {
        try await Self.run(database) { harness, client, fixture, solo in
            let (orgID, _, _) = solo
            _ = try await Self.subscribe(harness, fixture, orgID, .spark, client)
            let customer = try #require(await harness.fake.customers().last?.id)
            let billing = try #require(harness.server.runtime.billing)
            // The month before the clock's (closed: its late submissions ended) had 30,250
            // active users: 250 above spark's 30,000.
            let month = harness.server.runtime.mau.currentMonth().adding(-1)
            #expect(!harness.server.runtime.mau.accepts(month))
            try await (harness.server.runtime.store.database as! any SQLDatabase).raw("""
                INSERT INTO mau_monthly (organization_id, app_id, month, active_users, closed)
                VALUES (\(bind: orgID), \(bind: UUID()), \(bind: Int64(month.index)), \(bind: Int64(30_250)), \(bind: true))
                """).run()

            await harness.fake.failNext(4, status: 500, path: "/v1/billing/meter_events")
            #expect(try await billing.runDueWork().usageReported == 0, "Stripe failed: claimed, not sent")
            #expect(await harness.fake.meterEvents().isEmpty)
            #expect(try await billing.runDueWork().usageReported == 1)
            #expect(try await billing.runDueWork().usageReported == 0)
            let events = await harness.fake.meterEvents()
            #expect(events.count == 1)
            let event = try #require(events.first)
            #expect(event.value == 250 && event.customer == customer && event.eventName == BillingConfiguration.defaultMeterEventName)
            #expect(event.identifier == "flowsta-mau-\(orgID.uuidString.lowercased())-\(month)")
            let sends = await harness.fake.requests().filter { $0.path == "/v1/billing/meter_events" }
            #expect(Set(sends.compactMap(\.idempotencyKey)) == [event.identifier], "the same idempotency key on every attempt")
        }
    }

    // MARK: Dashboard

    /// The dashboard's billing page: Checkout buttons, the subscription, the plan selector, the
    /// portal and the invoices for owners; a note for everyone else.
    @Test(arguments: DatabaseChoice.all)
    func theDashboardBillingPageGoesThroughStripe(database: DatabaseChoice) async throws {
        try await Self.run(database) { harness, client, fixture, solo in
            let (orgID, _, _) = solo
            var owner = DashboardBrowser(client: client, accountCookie: try #require(fixture.cookies[.owner]))
            try await owner.signIn()
            let path = "/dashboard/orgs/\(orgID.uuidString.lowercased())/billing"

            let free = try await owner.get(path)
            let page = String(buffer: free.body)
            #expect(free.status == .ok)
            #expect(page.contains(#"id="checkout-buttons""#) && page.contains("Subscribe to spark") && page.contains("Subscribe to pro"))
            #expect(page.contains(#"id="no-invoices""#) && !page.contains(#"id="plan-form""#) && !page.contains(#"id="billing-off""#))
            #expect(free.headers[HTTPField.Name("Content-Security-Policy")!]?.contains("form-action 'self' \(harness.fake.baseURL.absoluteString)") == true,
                    "the forms may end up on Stripe's pages")
            let csrf = try #require(DashboardBrowser.csrf(page))

            let bad = try await owner.post(path + "/checkout", [("csrf_token", csrf), ("plan", "enterprise")])
            #expect(bad.status == .badRequest && String(buffer: bad.body).contains(#"id="billing-error""#))
            let started = try await owner.post(path + "/checkout", [("csrf_token", csrf), ("plan", "pro")])
            #expect(started.status == .seeOther)
            let checkoutURL = DashboardBrowser.location(started)
            #expect(checkoutURL.hasPrefix(harness.fake.baseURL.absoluteString + "/checkout/"))
            #expect(try await owner.post(path + "/checkout", [("plan", "pro")]).status == .forbidden, "CSRF token required")
            let cancelled = String(buffer: try await owner.get(path + "?checkout=cancelled").body)
            #expect(cancelled.contains("Checkout was cancelled"))

            let sessionID = try #require(checkoutURL.split(separator: "/").last.map(String.init))
            #expect(try await harness.deliver(try await harness.fake.completeCheckout(sessionID: sessionID), client).allSatisfy { $0 == .ok })
            let subscribed = String(buffer: try await owner.get(path + "?checkout=success").body)
            #expect(subscribed.contains(#"id="billing-notice""#))
            #expect(subscribed.contains("<dd>pro (active)</dd>") && subscribed.contains(#"id="plan-form""#) && !subscribed.contains(#"id="checkout-buttons""#))
            #expect(subscribed.contains(#"id="invoice-list""#) && subscribed.contains("EUR 49.00") && subscribed.contains(".pdf"))
            #expect(subscribed.contains(#"<tr class="current"><th scope="row">pro"#))

            let portal = try await owner.post(path + "/portal", [("csrf_token", csrf)])
            #expect(portal.status == .seeOther && DashboardBrowser.location(portal).hasPrefix(harness.fake.baseURL.absoluteString + "/portal/"))
            let changed = try await owner.post(path + "/plan", [("csrf_token", csrf), ("plan", "spark")])
            #expect(DashboardBrowser.location(changed) == path + "?changed=1")
            let scheduled = String(buffer: try await owner.get(path + "?changed=1").body)
            #expect(scheduled.contains(#"id="billing-scheduled""#) && scheduled.contains("Moves to the spark plan on"))

            // Admins and members of another organization read that only owners manage billing.
            var member = DashboardBrowser(client: client, accountCookie: try #require(fixture.cookies[.member]))
            try await member.signIn()
            let shared = "/dashboard/orgs/\(fixture.organizationID.uuidString.lowercased())/billing"
            let memberPage = String(buffer: try await member.get(shared).body)
            #expect(memberPage.contains(#"id="billing-owners""#) && !memberPage.contains("<form method=\"post\" action=\"\(shared)") && !memberPage.contains(#"id="invoice-list""#))
            let memberCSRF = try #require(DashboardBrowser.csrf(memberPage))
            #expect(try await member.post(shared + "/checkout", [("csrf_token", memberCSRF), ("plan", "pro")]).status == .forbidden)
        }
    }

    // MARK: Deletion

    /// Deleting the organization stops renewal; the purge 30 days later leaves the invoices
    /// (7 years), then the retention engine deletes them.
    @Test(arguments: DatabaseChoice.all)
    func deletionKeepsInvoicesForSevenYears(database: DatabaseChoice) async throws {
        try await Self.run(database) { harness, client, fixture, solo in
            let (orgID, name, _) = solo
            let subscriptionID = try await Self.subscribe(harness, fixture, orgID, .pro, client)
            #expect(try await fixture.call(.owner, .delete, "/api/v1/orgs/\(orgID)").status == .ok)
            #expect(await harness.fake.subscription(id: subscriptionID)?.cancelAtPeriodEnd == true, "no renewal for a deleted organization")

            let runtime = harness.server.runtime
            harness.clock.advance(by: 30 * 86_400)
            let report = try await FlowstaApplication.runRetention(runtime: runtime, now: harness.clock.now)
            #expect(report.organizations == 1)
            #expect(try await runtime.platform.organizationForBilling(orgID) == nil)
            let kept = try await runtime.billingRecords.allInvoices(organizationID: orgID)
            #expect(kept.count == 1 && kept.first?.billingName == name && kept.first?.billingAddress == "1 Rue Example\n75001 Paris\nFrance")
            let accounts = try await (runtime.store.database as! any SQLDatabase).raw("SELECT COUNT(*) AS n FROM billing_accounts WHERE organization_id = \(bind: orgID)").first()
            #expect(try accounts?.decode(column: "n", as: Int.self) == 0, "Stripe ids go with the organization")

            let issued = try #require(kept.first?.issuedAt)
            _ = try await FlowstaApplication.runRetention(runtime: runtime, now: UTCDay.adding(years: 7, to: issued).addingTimeInterval(-1))
            #expect(try await runtime.billingRecords.allInvoices(organizationID: orgID).count == 1, "kept until 7 years have passed")
            let seven = try await FlowstaApplication.runRetention(runtime: runtime, now: UTCDay.adding(years: 7, to: issued).addingTimeInterval(1))
            #expect(seven.billingRecords >= 1)
            #expect(try await runtime.billingRecords.allInvoices(organizationID: orgID).isEmpty)
        }
    }

}
