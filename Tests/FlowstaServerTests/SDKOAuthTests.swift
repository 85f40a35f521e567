import FlowstaClient
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

/// The SDK's transport over the test client (router or live).
struct TestClientTransport: FlowstaTransport {
    let client: any TestClientProtocol

    func send(_ request: TransportRequest) async throws -> TransportResponse {
        var headers = HTTPFields()
        for (name, value) in request.headers { headers[HTTPField.Name(name)!] = value }
        let response = try await client.execute(
            uri: "/" + request.path, method: HTTPRequest.Method(request.method)!, headers: headers,
            body: request.body.map { ByteBuffer(data: $0) }
        )
        var fields: [String: String] = [:]
        // Repeated fields (several Set-Cookie) are joined with commas, as URLSession does.
        for field in response.headers { fields[field.name.canonicalName] = fields[field.name.canonicalName].map { $0 + ", " + field.value } ?? field.value }
        return TransportResponse(status: Int(response.status.code), headers: fields, body: Data(buffer: response.body))
    }
}

/// `FlowstaOAuthClient` (the SDK's PKCE helper) through a whole sign-in, as a native app would.
@Suite struct SDKOAuthTests {
    @Test(arguments: DatabaseChoice.all)
    func sdkCompletesTheCodeFlowRefreshesAndRevokes(database: DatabaseChoice) async throws {
        let server = try await TestServer(databaseURL: database.url)
        try await server.withRouter { client in
            let (browser, _) = try await OAuthBrowserSession.make(server, client)
            let issuer = try #require(URL(string: server.runtime.oauth.configuration.issuer))
            let app = FlowstaOAuthClient(
                issuer: issuer, clientID: browser.clientID, redirectURI: OAuthBrowserSession.redirect,
                transport: TestClientTransport(client: client)
            )
            let pending = app.authorizationRequest(scope: ["openid", "profile", "offline_access"])
            #expect(pending.url.absoluteString.contains("code_challenge_method=S256"))
            #expect(pending.pkce.challenge.count == 43)

            // The system browser: the user is signed in and allows.
            let uri = String(pending.url.absoluteString.dropFirst(issuer.absoluteString.count))
            let page = try await browser.get(uri)
            #expect(page.status == .ok)
            let answer = try await browser.postForm("/oauth/consent", OAuthBrowserSession.hiddenInputs(String(buffer: page.body)) + [("decision", "allow")])
            let location = try #require(answer.headers[.location])
            let redirect = try #require(URL(string: location))

            // A response for another request (wrong state) is refused before any exchange.
            let other = app.authorizationRequest(scope: ["openid"])
            await #expect(throws: FlowstaClientError.invalidResponse("state does not match the request")) {
                try await app.handleRedirect(redirect, for: other)
            }

            let tokens = try await app.handleRedirect(redirect, for: pending)
            #expect(tokens.idToken != nil)
            let refreshToken = try #require(tokens.refreshToken)
            let info = try await app.userInfo(accessToken: tokens.accessToken)
            #expect(info["sub"] != nil)
            #expect(info["preferred_username"] != nil)

            let refreshed = try await app.refresh(refreshToken)
            #expect(refreshed.refreshToken != refreshToken)
            try await app.revoke(try #require(refreshed.refreshToken))
            await #expect(throws: FlowstaClientError.self) { try await app.userInfo(accessToken: refreshed.accessToken) }
            do {
                _ = try await app.refresh(try #require(refreshed.refreshToken))
                Issue.record("a revoked refresh token worked")
            } catch FlowstaClientError.server(let status, let error, _) {
                #expect(status == 400 && error == "invalid_grant")
            }

            // A denial comes back as the server's error.
            let denied = app.authorizationRequest(scope: ["openid", "profile", "offline_access"], prompt: "consent")
            let deniedPage = try await browser.get(String(denied.url.absoluteString.dropFirst(issuer.absoluteString.count)))
            let no = try await browser.postForm("/oauth/consent", OAuthBrowserSession.hiddenInputs(String(buffer: deniedPage.body)) + [("decision", "deny")])
            await #expect(throws: FlowstaClientError.server(status: 0, error: "access_denied", description: "the user declined the request")) {
                try await app.handleRedirect(URL(string: no.headers[.location]!)!, for: denied)
            }
        }
    }
}
