@testable import FlowstaPlatform
import FlowstaTesting
import Foundation
import Testing

@Suite struct AppTests {
    static func settings(_ uris: [String], type: AppType = .web) -> AppSettings {
        AppSettings(name: "Demo", type: type, redirectURIs: uris, allowedScopes: ["openid", "email"])
    }

    @Test(arguments: [
        (["https://app.example.com/callback"], AppType.web),
        (["http://localhost:3000/cb", "http://127.0.0.1/cb", "http://[::1]:8080/cb"], .web),
        (["com.example.app:/oauth2redirect"], .native),
        (["myapp://callback", "https://example.com/cb"], .desktop),
    ])
    func acceptsValidRedirectURIs(uris: [String], type: AppType) async throws {
        let harness = try PlatformHarness()
        let (org, owner, _, _) = try await harness.team()
        let app = try await harness.service.createApp(owner, org, Self.settings(uris, type: type))
        #expect(app.redirectURIs == uris)
        #expect(app.clientID.hasPrefix("flowsta_app_"))
        #expect(app.allowedScopes == ["email", "openid"])
    }

    @Test(arguments: [
        (["http://example.com/cb"], AppType.web),  // http off loopback
        (["https://example.com/cb#frag"], .web),  // fragment
        (["/relative/cb"], .web),  // not absolute
        (["myapp://callback"], .web),  // custom scheme on a web app
        (["javascript:alert(1)"], .native),
        ([], .web),
        ((0..<11).map { "https://example.com/cb\($0)" }, .web),  // more than 10
        (["https://example.com/cb", "https://example.com/cb"], .web),  // duplicates
    ])
    func refusesInvalidRedirectURIs(uris: [String], type: AppType) async throws {
        let harness = try PlatformHarness()
        let (org, owner, _, _) = try await harness.team()
        await #expect(throws: PlatformError.self) { try await harness.service.createApp(owner, org, Self.settings(uris, type: type)) }
        #expect(try await harness.service.listApps(owner, org, page: PageRequest()).items.isEmpty)
    }

    @Test func refusesUnknownScopesAndInsecureLinks() async throws {
        let harness = try PlatformHarness()
        let (org, owner, _, _) = try await harness.team()
        var settings = Self.settings(["https://a.example/cb"])
        settings.allowedScopes = ["openid", "admin"]
        await #expect(throws: PlatformError.self) { try await harness.service.createApp(owner, org, settings) }
        settings.allowedScopes = ["openid"]
        settings.logoURL = .some("http://cdn.example.com/logo.png")
        await #expect(throws: PlatformError.self) { try await harness.service.createApp(owner, org, settings) }
    }

    @Test func theFreePlanAllowsOneApp() async throws {
        let harness = try PlatformHarness()
        let (org, owner, _, _) = try await harness.team()
        _ = try await harness.service.createApp(owner, org, Self.settings(["https://a.example/cb"]))
        do {
            _ = try await harness.service.createApp(owner, org, Self.settings(["https://b.example/cb"]))
            Issue.record("a second app was created on the free plan")
        } catch PlatformError.planLimit(let message) {
            #expect(message.contains("free plan allows 1 app"))
        }
    }

    @Test func secretsDisableAndDelete() async throws {
        let harness = try PlatformHarness()
        let (org, owner, _, member) = try await harness.team()
        let app = try await harness.service.createApp(owner, org, Self.settings(["https://a.example/cb"]))
        let first = try await harness.service.rotateClientSecret(owner, org, app.id)
        #expect(first.secret.hasPrefix("flowsta_secret_"))
        #expect(harness.service.verifyClientSecret(first.secret, of: first.app))
        let second = try await harness.service.rotateClientSecret(owner, org, app.id)
        #expect(!harness.service.verifyClientSecret(first.secret, of: second.app))
        #expect(harness.service.verifyClientSecret(second.secret, of: second.app))
        #expect(second.app.secretHash?.contains(second.secret) == false)

        let disabled = try await harness.service.updateApp(owner, org, app.id, AppSettings(active: false))
        #expect(!disabled.active)
        await #expect(throws: PlatformError.forbidden("this needs the admin role")) { try await harness.service.deleteApp(member, org, app.id) }
        try await harness.service.deleteApp(owner, org, app.id)
        await #expect(throws: PlatformError.notFound) { try await harness.service.app(owner, org, app.id) }
    }
}
