import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@Suite struct HealthAndDocumentTests {
    @Test func healthAndReadiness() async throws {
        let server = try await TestServer()
        try await server.withRouter { client in
            let health = try await client.execute(uri: "/health", method: .get)
            #expect(health.status == .ok)
            #expect(JSON.object(health.body)["status"] as? String == "ok")
            let ready = try await client.execute(uri: "/ready", method: .get)
            #expect(ready.status == .ok)
            #expect(ready.headers[.init("X-Content-Type-Options")!] == "nosniff")
        }
    }

    @Test func openAPIDocumentListsEveryRoute() async throws {
        let server = try await TestServer()
        try await server.withRouter { client in
            let response = try await client.execute(uri: "/openapi.json", method: .get)
            #expect(response.status == .ok)
            let document = JSON.object(response.body)
            #expect(document["openapi"] as? String == "3.1.0")
            let paths = try #require(document["paths"] as? [String: [String: Any]])
            let expected: [String: [String]] = [
                "/health": ["get"], "/ready": ["get"], "/openapi.json": ["get"],
                "/.well-known/openid-configuration": ["get"], "/.well-known/jwks.json": ["get"],
                "/oauth/authorize": ["get", "post"], "/oauth/token": ["post"], "/oauth/userinfo": ["get", "post"],
                "/oauth/revoke": ["post"], "/oauth/introspect": ["post"],
                "/signin": ["get"], "/signup": ["get"], "/account": ["get"],
                "/forgot": ["get"], "/reset": ["get"], "/verify-email": ["get"],
                "/account/apps/{appID}/disconnect": ["post"], "/account/signout": ["post"],
                "/api/v1/orgs/{org}/usage": ["get"], "/api/v1/orgs/{org}/usage/export": ["get"], "/api/v1/orgs/{org}/logs": ["get"],
                "/api/v1/orgs/{org}/plan": ["get", "put"], "/api/v1/apps/{app}/mau": ["get"],
                "/vault/entries": ["get", "put", "delete"], "/vault/entries/{id}": ["get", "put", "delete"], "/auth/me/export": ["get"], "/api/v1/notices": ["get"],
                "/auth/signup-challenge": ["get"], "/auth/opaque/register/start": ["post"], "/auth/opaque/register/finish": ["post"],
                "/auth/opaque/login/start": ["post"], "/auth/opaque/login/finish": ["post"],
                "/auth/me": ["get", "patch", "delete"], "/auth/logout": ["post"],
                "/auth/keys": ["get", "post"], "/auth/recovery/register/start": ["post"], "/auth/recovery": ["put"], "/auth/password": ["post"],
                "/auth/recovery/start": ["post"], "/auth/recovery/finish": ["post"], "/auth/recovery/complete": ["post"],
                "/auth/password-reset": ["post"], "/auth/password-reset/start": ["post"], "/auth/password-reset/complete": ["post"],
                "/auth/email/verification": ["post"], "/auth/email/verify": ["post"],
                "/auth/sessions": ["get", "delete"], "/auth/sessions/{id}": ["delete"],
                "/api/v1/orgs": ["get", "post"], "/api/v1/orgs/{org}": ["get", "patch", "delete"],
                "/api/v1/orgs/{org}/restore": ["post"], "/api/v1/orgs/{org}/export": ["get"], "/metrics": ["get"],
                "/dashboard/signin": ["get"], "/dashboard/callback": ["get"], "/dashboard": ["get"], "/dashboard/signout": ["post"],
                "/dashboard/orgs": ["post"], "/dashboard/orgs/{org}": ["get", "post"], "/dashboard/orgs/{org}/apps": ["get", "post"],
                "/dashboard/orgs/{org}/apps/{app}": ["get", "post"], "/dashboard/orgs/{org}/apps/{app}/secret": ["post"],
                "/dashboard/orgs/{org}/apps/{app}/active": ["post"], "/dashboard/orgs/{org}/apps/{app}/delete": ["post"],
                "/dashboard/orgs/{org}/keys": ["get", "post"], "/dashboard/orgs/{org}/keys/{key}/rotate": ["post"],
                "/dashboard/orgs/{org}/keys/{key}/revoke": ["post"], "/dashboard/orgs/{org}/team": ["get"], "/dashboard/orgs/{org}/billing": ["get"],
                "/dashboard/orgs/{org}/billing/checkout": ["post"], "/dashboard/orgs/{org}/billing/portal": ["post"], "/dashboard/orgs/{org}/billing/plan": ["post"],
                "/api/v1/orgs/{org}/billing": ["get"], "/api/v1/orgs/{org}/billing/checkout": ["post"], "/api/v1/orgs/{org}/billing/portal": ["post"],
                "/api/v1/orgs/{org}/invoices": ["get"], "/webhooks/stripe": ["post"],
                "/dashboard/orgs/{org}/invites": ["post"], "/dashboard/orgs/{org}/invites/{invite}/resend": ["post"],
                "/dashboard/orgs/{org}/invites/{invite}/revoke": ["post"], "/dashboard/orgs/{org}/team/{user}/role": ["post"],
                "/dashboard/orgs/{org}/team/{user}/remove": ["post"], "/dashboard/orgs/{org}/leave": ["post"],
                "/dashboard/orgs/{org}/usage": ["get"], "/dashboard/orgs/{org}/mau": ["get"], "/dashboard/orgs/{org}/audit": ["get"],
                "/dashboard/invites/accept": ["get", "post"], "/invites/accept": ["get"],
                "/dashboard/orgs/{org}/logs": ["get"], "/dashboard/notices": ["get"], "/dashboard/orgs/{org}/export": ["get"],
                "/dashboard/orgs/{org}/usage/export": ["get"], "/dashboard/orgs/{org}/settings": ["get"],
                "/dashboard/orgs/{org}/delete": ["post"], "/dashboard/orgs/{org}/restore": ["post"],
                "/api/v1/orgs/{org}/members": ["get"], "/api/v1/orgs/{org}/members/{user}": ["patch", "delete"],
                "/api/v1/orgs/{org}/leave": ["post"], "/api/v1/orgs/{org}/keys": ["get", "post"],
                "/api/v1/orgs/{org}/keys/{key}": ["delete"], "/api/v1/orgs/{org}/keys/{key}/rotate": ["post"],
                "/api/v1/orgs/{org}/audit": ["get"],
                "/api/v1/orgs/{org}/apps": ["get", "post"], "/api/v1/orgs/{org}/apps/{app}": ["get", "patch", "delete"],
                "/api/v1/orgs/{org}/apps/{app}/secret": ["post"],
                "/api/v1/orgs/{org}/invites": ["get", "post"], "/api/v1/orgs/{org}/invites/{invite}": ["delete"],
                "/api/v1/orgs/{org}/invites/{invite}/resend": ["post"], "/api/v1/invites/accept": ["post"],
            ]
            #expect(Set(paths.keys) == Set(expected.keys))
            for (path, methods) in expected {
                #expect(Set((paths[path] ?? [:]).keys).isSuperset(of: methods), "\(path)")
            }
        }
    }
}
