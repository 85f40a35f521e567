import FlowstaCore
import FlowstaWebhooks
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// The dashboard's webhooks page (issue #22): an owner adds an endpoint (the secret shown once),
/// a refused URL is explained next to its field, a test event appears in the delivery log, the
/// endpoint is disabled, its secret rotated and the endpoint removed.
@Suite struct DashboardWebhookTests {
    @Test(arguments: DatabaseChoice.all)
    func anOwnerManagesWebhooksFromTheDashboard(database: DatabaseChoice) async throws {
        let server = try await TestServer(databaseURL: database.url)
        try await server.withRouter { client in
            let fixture = try await ManagementFixture.make(server, client)
            var browser = DashboardBrowser(client: client, accountCookie: try #require(fixture.cookies[.owner]))
            try await browser.signIn()
            let path = "/dashboard/orgs/\(fixture.organizationID.uuidString.lowercased())/webhooks"
            let page = String(buffer: try await browser.get(path).body)
            #expect(page.contains(#"id="create-webhook""#) && page.contains(#"value="user.signed_in""#) && !page.contains(#"value="webhook.test""#))
            let csrf = try #require(DashboardBrowser.csrf(page))

            let refused = try await browser.post(path, [("csrf_token", csrf), ("url", "https://10.0.0.8/hook"), ("events", "app.created")])
            #expect(refused.status == .badRequest)
            let refusedPage = String(buffer: refused.body)
            #expect(refusedPage.contains(#"id="url-error""#) && refusedPage.contains("https://10.0.0.8/hook") && refusedPage.contains(#"value="app.created" checked"#))

            let created = try await browser.post(path, [
                ("csrf_token", csrf), ("url", "https://93.184.215.14/hook"), ("description", "CRM"), ("events", "app.created"), ("events", "user.signed_in"),
            ])
            #expect(created.status == .ok)
            let secret = try #require(String(buffer: created.body).components(separatedBy: #"<code id="secret-value">"#).dropFirst().first?.split(separator: "<").first.map(String.init))
            #expect(WebhookSecret(text: secret) != nil && String(buffer: created.body).contains("sealed"))
            let listed = String(buffer: try await browser.get(path).body)
            #expect(listed.contains("https://93.184.215.14/hook") && listed.contains("app.created, user.signed_in") && !listed.contains(secret))
            let owner = try #require(fixture.userIDs[.owner])
            let id = try #require(try await server.runtime.platform.listWebhooks(.user(owner), fixture.organizationID).first { $0.url == "https://93.184.215.14/hook" }?.id)
            let endpoint = "\(path)/\(id.uuidString.lowercased())"

            let tested = try await browser.post(endpoint + "/test", [("csrf_token", csrf)])
            #expect(tested.status == .seeOther && DashboardBrowser.location(tested) == endpoint)
            let log = String(buffer: try await browser.get(endpoint).body)
            #expect(log.contains("webhook.test") && log.contains("pending") && log.contains("/redeliver"))

            #expect(try await browser.post(endpoint + "/enabled", [("csrf_token", csrf), ("enabled", "false")]).status == .seeOther)
            #expect(String(buffer: try await browser.get(path).body).contains(">disabled<"))
            let rotated = try await browser.post(endpoint + "/rotate", [("csrf_token", csrf)])
            #expect(rotated.status == .ok && String(buffer: rotated.body).contains("whsec_") && !String(buffer: rotated.body).contains(secret))
            #expect(try await browser.post(endpoint + "/delete", [("csrf_token", csrf)]).status == .seeOther)
            #expect(!String(buffer: try await browser.get(path).body).contains("https://93.184.215.14/hook"))
            #expect(try await browser.get(endpoint).status == .notFound)
        }
    }
}
