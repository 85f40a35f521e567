import Crypto
import FlowstaCore
import FlowstaTesting
import FlowstaWebhooks
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import FlowstaServer

/// Webhooks (issue #22) over the management API on SQLite and PostgreSQL: endpoints with their
/// roles, limits and URL checks; deliveries signed both ways, retried until a receiver answers
/// (each event reaches it once), never redirected, disabled after a day of failures with mail
/// to the owners, redelivered from the log.
@Suite struct WebhookRoutesTests {
    static func base(_ fixture: ManagementFixture) -> String { "/api/v1/orgs/\(fixture.organizationID)/webhooks" }

    /// A public address literal: creating an endpoint connects to nothing.
    static let publicURL = "https://93.184.215.14/hooks/flowsta"

    @Test(arguments: DatabaseChoice.all)
    func endpointsAreManagedWithRolesLimitsAndURLChecks(database: DatabaseChoice) async throws {
        let server = try await TestServer(databaseURL: database.url)
        try await server.withRouter { client in
            let fixture = try await ManagementFixture.make(server, client)
            let base = Self.base(fixture)
            let body: [String: Any] = ["url": Self.publicURL, "description": "CRM sync", "events": ["user.signed_in", "app.created"]]

            // Who may: admins and owners, API keys of the organization; members read only.
            #expect(try await fixture.call(.member, .post, base, body).status == .forbidden)
            #expect(try await fixture.call(.outsider, .post, base, body).status == .notFound)
            #expect(try await fixture.call(.revokedKey, .post, base, body).status == .unauthorized)
            let created = try await fixture.call(.admin, .post, base, body)
            #expect(created.status == .created)
            let object = JSON.object(created.body)
            let secret = try #require(object["secret"] as? String)
            #expect(secret.hasPrefix("whsec_") && WebhookSecret(text: secret)?.bytes.count == 32)
            let webhook = try #require(object["webhook"] as? [String: Any])
            let id = try #require(webhook["id"] as? String)
            #expect(webhook["events"] as? [String] == ["app.created", "user.signed_in"] && webhook["enabled"] as? Bool == true)

            // Listed and read without the secret, by members too; the key's own route too.
            let listed = try await fixture.call(.member, .get, base)
            #expect(listed.status == .ok && !String(buffer: listed.body).contains(secret) && !String(buffer: listed.body).contains("secret\""))
            let listedIDs = ((JSON.object(listed.body)["items"] as? [[String: Any]]) ?? []).compactMap { $0["id"] as? String }
            #expect(listedIDs == [fixture.webhookID.uuidString.lowercased(), id], "the fixture's endpoint, then this one")
            #expect(try await fixture.call(.key, .get, "/api/v1/webhooks/\(id)").status == .ok)
            #expect(try await fixture.call(.owner, .get, "/api/v1/webhooks").status == .badRequest, "a session names the organization")
            #expect(try await fixture.call(.outsider, .get, "\(base)/\(id)").status == .notFound)
            #expect(try await fixture.call(.owner, .get, "\(base)/not-a-uuid").status == .notFound)

            // URLs that would reach into the operator's network, or are not https, are refused.
            for url in [
                "http://93.184.215.14/hook", "https://127.0.0.1/hook", "https://localhost/hook", "https://[::1]/hook", "https://10.1.2.3/hook",
                "https://192.168.0.10/hook", "https://169.254.169.254/latest/meta-data", "https://[fd00::1]/hook", "https://[::ffff:127.0.0.1]/hook",
                "ftp://93.184.215.14/hook", "https://user:pw@93.184.215.14/hook", "not a url", "", String(repeating: "a", count: 2100),
            ] {
                let refused = try await fixture.call(.owner, .post, base, ["url": url, "events": ["app.created"]])
                #expect(refused.status == .badRequest, "\(url)")
                #expect(JSON.object(refused.body)["error"] as? String == "invalid_request")
            }
            for events: Any in [[String](), ["user.signed_in", "no.such_event"], ["webhook.test"], "app.created"] {
                #expect(try await fixture.call(.owner, .post, base, ["url": Self.publicURL, "events": events]).status == .badRequest)
            }
            #expect(try await fixture.call(.owner, .post, base, ["url": Self.publicURL, "events": ["app.created"], "description": String(repeating: "d", count: 201)]).status == .badRequest)
            // "*" subscribes to every type (listed explicitly); the test event stays out.
            let everything = try await fixture.call(.owner, .post, base, ["url": Self.publicURL + "/all", "events": ["*"]])
            let listedTypes = (JSON.object(everything.body)["webhook"] as? [String: Any])?["events"] as? [String] ?? []
            #expect(everything.status == .created && listedTypes.count == WebhookEventType.allCases.count - 1 && !listedTypes.contains("webhook.test"))
            let everythingID = try #require((JSON.object(everything.body)["webhook"] as? [String: Any])?["id"] as? String)
            #expect(try await fixture.call(.owner, .delete, "\(base)/\(everythingID)").status == .noContent)
            #expect(try await fixture.call(.owner, .patch, "\(base)/\(id)", ["url": "https://10.0.0.1/x"]).status == .badRequest)

            // Changes: events, description, disable.
            let patched = try await fixture.call(.key, .patch, "/api/v1/webhooks/\(id)", ["events": ["app.deleted"], "description": " nightly ", "enabled": false])
            #expect(patched.status == .ok)
            let changed = JSON.object(patched.body)
            #expect(changed["events"] as? [String] == ["app.deleted"] && changed["description"] as? String == "nightly")
            #expect(changed["enabled"] as? Bool == false && changed["disabled_reason"] as? String == "user")

            // Rotation: a new secret; the old one signs beside it until the grace ends.
            #expect(try await fixture.call(.owner, .post, "\(base)/\(id)/rotate-secret", ["grace_hours": 169]).status == .badRequest)
            let rotated = try await fixture.call(.owner, .post, "\(base)/\(id)/rotate-secret", ["grace_hours": 2])
            #expect(rotated.status == .created)
            let newSecret = try #require(JSON.object(rotated.body)["secret"] as? String)
            #expect(newSecret != secret && newSecret.hasPrefix("whsec_"))
            #expect((JSON.object(rotated.body)["webhook"] as? [String: Any])?["previous_secret_expires_at"] is String)

            // No secret is stored in clear; the audit log has every change.
            let rows = try server.dataDirectoryBytes()
            if database == .sqlite {
                for text in [secret, newSecret] {
                    let raw = try #require(WebhookSecret(text: text)).bytes
                    #expect(rows.firstRange(of: Array(text.utf8)) == nil && rows.firstRange(of: raw) == nil)
                }
            }
            let audit = String(buffer: try await fixture.call(.owner, .get, "/api/v1/orgs/\(fixture.organizationID)/audit?limit=100").body)
            #expect(audit.contains("webhook.created") && audit.contains("webhook.updated") && audit.contains("webhook.secret_rotated"))

            // At most 10 endpoints (the fixture has one); deleting frees a place.
            for index in 3...10 {
                #expect(try await fixture.call(.owner, .post, base, ["url": Self.publicURL + "/\(index)", "events": ["app.created"]]).status == .created)
            }
            let eleventh = try await fixture.call(.owner, .post, base, ["url": Self.publicURL + "/11", "events": ["app.created"]])
            #expect(eleventh.status == .conflict)
            #expect(try await fixture.call(.member, .delete, "\(base)/\(id)").status == .forbidden)
            #expect(try await fixture.call(.owner, .delete, "\(base)/\(id)").status == .noContent)
            #expect(try await fixture.call(.owner, .get, "\(base)/\(id)").status == .notFound)
            #expect(try await fixture.call(.owner, .delete, "\(base)/\(id)").status == .notFound)
        }
    }

    /// The receiver's view of the deliveries with a 2xx answer, by `webhook-id`.
    static func accepted(_ receiver: WebhookReceiver) -> [String: Int] {
        receiver.received.filter { (200..<300).contains($0.status) }.reduce(into: [:]) { $0[$1.headers["webhook-id"] ?? "", default: 0] += 1 }
    }

    /// Verifies a delivery the way a Standard Webhooks receiver does, with `secret`.
    static func verifies(_ received: WebhookReceiver.Received, secret: String) -> Bool {
        guard let key = WebhookSecret(text: secret), let id = received.headers["webhook-id"], let timestamp = received.headers["webhook-timestamp"],
              let signatures = received.headers["webhook-signature"] else { return false }
        let mac = HMAC<SHA256>.authenticationCode(for: Array("\(id).\(timestamp).".utf8) + received.body, using: SymmetricKey(data: key.bytes))
        let expected = "v1," + Data(mac).base64EncodedString()
        let flowsta = HMAC<SHA256>.authenticationCode(for: received.body, using: SymmetricKey(data: Array(secret.utf8)))
        return signatures.split(separator: " ").contains { $0 == expected }
            && received.headers["x-flowsta-signature"] == flowsta.map { String(format: "%02x", $0) }.joined()
    }

    /// Runs the outbound queue until nothing is due within a day, moving the clock on to each
    /// next attempt.
    static func drain(_ server: TestServer, _ clock: FixedTimeSource, rounds: Int = 8) async {
        for _ in 0..<rounds {
            await server.runtime.outboundDelivery.deliverDue()
            clock.advance(by: 4 * 3600 + 1)
        }
    }

    @Test(arguments: DatabaseChoice.all)
    func aReceiverThatFailsAtFirstGetsEveryEventOnceSignedBothWays(database: DatabaseChoice) async throws {
        let clock = FixedTimeSource()
        let server = try await TestServer(databaseURL: try await database.isolatedURL(), time: clock, allowLoopback: true)
        // Five failures first: a 500, no answer worth keeping, a 503, a 429, a 410.
        let receiver = WebhookReceiver(answers: [.status(500), .status(502), .status(503), .status(429), .status(410)])
        try await receiver.run { port in
            try await server.withRouter { client in
                let fixture = try await ManagementFixture.make(server, client)
                let base = Self.base(fixture)
                let created = try await fixture.call(.owner, .post, base, [
                    "url": "http://127.0.0.1:\(port)/hook", "events": ["app.created", "app.updated", "member.role_changed"],
                ])
                #expect(created.status == .created)
                let secret = try #require(JSON.object(created.body)["secret"] as? String)
                let id = try #require((JSON.object(created.body)["webhook"] as? [String: Any])?["id"] as? String)

                // Three events, and one the endpoint did not subscribe to (a key created).
                let app = try await fixture.call(.owner, .post, "/api/v1/orgs/\(fixture.organizationID)/apps", ManagementFixture.appBody)
                let appID = try #require(JSON.object(app.body)["id"] as? String)
                #expect(try await fixture.call(.owner, .patch, "/api/v1/orgs/\(fixture.organizationID)/apps/\(appID)", ["name": "Demo 2"]).status == .ok)
                #expect(try await fixture.call(.owner, .patch, "/api/v1/orgs/\(fixture.organizationID)/members/\(fixture.userIDs[.member]!)", ["role": "admin"]).status == .ok)
                _ = try await fixture.newKey("not subscribed")
                let test = try await fixture.call(.owner, .post, "\(base)/\(id)/test")
                #expect(test.status == .accepted)

                await Self.drain(server, clock)

                let received = receiver.received
                let accepted = Self.accepted(receiver)
                #expect(accepted.count == 4 && accepted.values.allSatisfy { $0 == 1 }, "\(accepted)")
                #expect(received.count == 9, "five failed attempts, four accepted")
                #expect(received.allSatisfy { Self.verifies($0, secret: secret) })
                let types = Set(received.compactMap { $0.headers["x-flowsta-event"] })
                #expect(types == ["app.created", "app.updated", "member.role_changed", "webhook.test"])
                // A retry carries the same event id and body.
                for (eventID, _) in accepted {
                    let bodies = Set(received.filter { $0.headers["webhook-id"] == eventID }.map(\.body))
                    #expect(bodies.count == 1)
                }
                // The payload: the envelope, the organization, the target; no address or agent.
                let appCreated = try #require(received.first { $0.headers["x-flowsta-event"] == "app.created" })
                let payload = try #require(try JSONSerialization.jsonObject(with: Data(appCreated.body)) as? [String: Any])
                #expect(payload["type"] as? String == "app.created" && (payload["id"] as? String)?.hasPrefix("evt_") == true)
                let data = try #require(payload["data"] as? [String: String])
                #expect(data["target_id"] == appID && data["organization_id"] == fixture.organizationID.uuidString.lowercased())
                let role = try #require(received.first { $0.headers["x-flowsta-event"] == "member.role_changed" })
                let roleData = (try JSONSerialization.jsonObject(with: Data(role.body)) as? [String: Any])?["data"] as? [String: String]
                #expect(roleData?["previous_role"] == "member" && roleData?["role"] == "admin")
                #expect(!received.contains { String(decoding: $0.body, as: UTF8.self).contains("@") })

                // The log: every delivery delivered, with its attempts, status and latency.
                let log = try await fixture.call(.member, .get, "\(base)/\(id)/deliveries?limit=2")
                #expect(log.status == .ok)
                let first = (JSON.object(log.body)["items"] as? [[String: Any]]) ?? []
                let cursor = try #require(JSON.object(log.body)["next_cursor"] as? String)
                let rest = (JSON.object(try await fixture.call(.member, .get, "\(base)/\(id)/deliveries?cursor=\(cursor)").body)["items"] as? [[String: Any]]) ?? []
                let entries = first + rest
                #expect(entries.count == 4 && Set(entries.compactMap { $0["id"] as? String }).count == 4)
                #expect(entries.allSatisfy { $0["state"] as? String == "delivered" && ($0["last_status"] as? Int).map { (200..<300).contains($0) } == true })
                #expect(entries.allSatisfy { $0["latency_ms"] is Int && $0["body"] == nil })
                #expect(entries.reduce(0) { $0 + (($1["attempts"] as? Int) ?? 0) } == 9)
                let endpoint = JSON.object(try await fixture.call(.owner, .get, "\(base)/\(id)").body)
                #expect(endpoint["consecutive_failures"] as? Int == 0 && endpoint["enabled"] as? Bool == true)

                // Redelivery from the log: the same event id again, once.
                let redeliverID = try #require(entries.first { $0["event"] as? String == "app.created" }?["id"] as? String)
                let eventID = try #require(entries.first { $0["id"] as? String == redeliverID }?["event_id"] as? String)
                #expect(try await fixture.call(.outsider, .post, "\(base)/\(id)/deliveries/\(redeliverID)/redeliver").status == .notFound)
                let again = try await fixture.call(.owner, .post, "\(base)/\(id)/deliveries/\(redeliverID)/redeliver")
                #expect(again.status == .accepted && JSON.object(again.body)["event_id"] as? String == eventID)
                await Self.drain(server, clock, rounds: 2)
                #expect(Self.accepted(receiver)[eventID] == 2)
                let unknown = try await fixture.call(.owner, .post, "\(base)/\(id)/deliveries/\(UUID())/redeliver")
                #expect(unknown.status == .notFound, "\(unknown.status) \(String(buffer: unknown.body))")
            }
        }
    }

    @Test(arguments: DatabaseChoice.all)
    func aReceiverDownForADayIsDisabledAndItsOwnersToldAndRedirectsAreNotFollowed(database: DatabaseChoice) async throws {
        let clock = FixedTimeSource()
        let server = try await TestServer(databaseURL: try await database.isolatedURL(), time: clock, allowLoopback: true)
        let receiver = WebhookReceiver(answers: Array(repeating: .status(500), count: 200))
        try await receiver.run { port in
            try await server.withRouter { client in
                let fixture = try await ManagementFixture.make(server, client)
                try await fixture.setVerifiedEmail(.owner, "owner-\(UUID().uuidString.prefix(8))@example.org", server: server)
                let base = Self.base(fixture)

                // A redirect is a failure; its target is never asked.
                receiver.setAnswers([.redirect("http://127.0.0.1:\(port)/elsewhere")] + Array(repeating: .status(500), count: 200))
                let created = try await fixture.call(.owner, .post, base, ["url": "http://127.0.0.1:\(port)/hook", "events": ["app.updated"]])
                let id = try #require((JSON.object(created.body)["webhook"] as? [String: Any])?["id"] as? String)
                #expect(try await fixture.call(.owner, .patch, "/api/v1/orgs/\(fixture.organizationID)/apps/\(fixture.appID)", ["name": "Renamed"]).status == .ok)
                await server.runtime.outboundDelivery.deliverDue()
                let redirected = (JSON.object(try await fixture.call(.owner, .get, "\(base)/\(id)/deliveries").body)["items"] as? [[String: Any]])?.first
                #expect(redirected?["last_status"] as? Int == 302 && redirected?["state"] as? String == "pending")
                #expect((redirected?["last_error"] as? String)?.contains("redirect") == true)

                // A day of failures (the schedule's 14 attempts): given up, and the endpoint disabled.
                await Self.drain(server, clock, rounds: 16)
                #expect(!receiver.received.contains { $0.path == "/elsewhere" })
                let endpoint = JSON.object(try await fixture.call(.owner, .get, "\(base)/\(id)").body)
                #expect(endpoint["enabled"] as? Bool == false && endpoint["disabled_reason"] as? String == "failing")
                let mail = try await server.runtime.mailer.list().map(\.1).filter { $0.subject.contains("webhook endpoint disabled") }
                #expect(mail.count == 1)
                let audit = String(buffer: try await fixture.call(.owner, .get, "/api/v1/orgs/\(fixture.organizationID)/audit?limit=100").body)
                #expect(audit.contains("webhook.disabled"))

                // While disabled nothing is queued for it; redelivery waits for it to be enabled.
                #expect(try await fixture.call(.owner, .patch, "/api/v1/orgs/\(fixture.organizationID)/apps/\(fixture.appID)", ["name": "Again"]).status == .ok)
                let failed = (JSON.object(try await fixture.call(.owner, .get, "\(base)/\(id)/deliveries").body)["items"] as? [[String: Any]]) ?? []
                // (The drain moves the clock 4 h a round, so the tenth failure is already a day on.)
                #expect(failed.count == 1 && failed.first?["state"] as? String == "failed" && failed.first?["attempts"] as? Int == WebhookAutoDisable().failures)
                let deliveryID = try #require(failed.first?["id"] as? String)
                #expect(try await fixture.call(.owner, .post, "\(base)/\(id)/deliveries/\(deliveryID)/redeliver").status == .conflict)

                // Fixed: a test event reaches the disabled endpoint; enabled again, redelivered.
                receiver.setAnswers([])
                let before = receiver.received.count
                #expect(try await fixture.call(.owner, .post, "\(base)/\(id)/test").status == .accepted)
                await server.runtime.outboundDelivery.deliverDue()
                #expect(receiver.received.count == before + 1 && receiver.received.last?.headers["x-flowsta-event"] == "webhook.test")
                #expect(try await fixture.call(.owner, .patch, "\(base)/\(id)", ["enabled": true]).status == .ok)
                #expect(try await fixture.call(.owner, .post, "\(base)/\(id)/deliveries/\(deliveryID)/redeliver").status == .accepted)
                await server.runtime.outboundDelivery.deliverDue()
                #expect(receiver.received.last?.headers["x-flowsta-event"] == "app.updated" && receiver.received.last?.status == 204)
            }
        }
    }
}

/// Two instances on one PostgreSQL database send from the same queue: the claim step gives each
/// delivery to one of them, so a receiver gets every event once.
@Suite struct WebhookInstancesTests {
    @Test(arguments: DatabaseChoice.all.filter { $0 == .postgres })
    func twoInstancesSendEachEventOnce(database: DatabaseChoice) async throws {
        let clock = FixedTimeSource()
        let url = try await database.isolatedURL()
        let first = try await TestServer(databaseURL: url, time: clock, allowLoopback: true)
        let second = try await TestServer(databaseURL: url, time: clock, allowLoopback: true)
        let receiver = WebhookReceiver()
        try await receiver.run { port in
            try await first.withRouter { client in
                let fixture = try await ManagementFixture.make(first, client)
                let base = WebhookRoutesTests.base(fixture)
                let created = try await fixture.call(.owner, .post, base, ["url": "http://127.0.0.1:\(port)/hook", "events": ["app.updated"]])
                #expect(created.status == .created)
                for index in 0..<20 {
                    let renamed = try await fixture.call(.owner, .patch, "/api/v1/orgs/\(fixture.organizationID)/apps/\(fixture.appID)", ["name": "Demo \(index)"])
                    #expect(renamed.status == .ok)
                }
                // Both instances drain the queue at the same time, twice over.
                for _ in 0..<2 {
                    async let a = first.runtime.outboundDelivery.deliverDue()
                    async let b = second.runtime.outboundDelivery.deliverDue()
                    _ = await (a, b)
                }
                let accepted = WebhookRoutesTests.accepted(receiver)
                #expect(accepted.count == 20 && accepted.values.allSatisfy { $0 == 1 }, "\(accepted.values.sorted())")
                #expect(receiver.received.count == 20)
            }
        }
        // The second instance served no request: its connections are closed here.
        await second.runtime.store.shutdown()
    }
}
