import FlowstaAccounts
import FlowstaCore
import FlowstaCrypto
import FlowstaHTTP
import FlowstaOAuth
import FlowstaPlatform
import FlowstaPrivacy
import FlowstaServer
import FlowstaSignIt
import FlowstaTesting
import FlowstaUsage
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// The router composed from a `Services` value over in-memory stores: no database, no data
/// directory. What the composition root builds from SQLite or PostgreSQL, a test builds here.
@Suite struct InMemoryCompositionTests {
    static let issuer = "http://flowsta.test"

    static func services() async throws -> Services {
        let time = SystemTimeSource()
        let keyRing = try KeyRing(kek: SecureRandom.bytes(32))
        let users = InMemoryUserRepository()
        let sessions = InMemorySessionRepository()
        var configuration = AccountService.Configuration()
        configuration.signupProofDifficulty = 4
        let signingKeys = InMemoryUserSigningKeyRepository(users: users)
        let accounts = AccountService(
            users: users, sessions: sessions, logins: InMemoryLoginStateRepository(), keys: InMemoryKeyRepository(users: users, sessions: sessions),
            tokens: InMemoryAccountTokenRepository(), keyRing: keyRing,
            opaqueSetup: try await AccountService.loadOrCreateOPAQUESetup(secrets: InMemorySecretRepository(), keyRing: keyRing),
            throttle: LoginThrottle(limits: .init(perUsername: 100, perAddress: 100), time: time),
            secondFactors: SecondFactorStorage(
                repository: InMemorySecondFactorRepository(), generator: HummingbirdOneTimePasswords(), attempts: InMemorySharedCounters(),
                passkeys: InMemoryPasskeyRepository()
            ),
            signingKeys: signingKeys,
            time: time, configuration: configuration
        )
        let signatures = InMemorySignatureRepository()
        let platformStore = InMemoryPlatformStore()
        let mailer = CapturingMailer()
        let platform = PlatformService(
            organizations: platformStore, memberships: platformStore, keys: platformStore, apps: platformStore, invites: platformStore,
            audit: platformStore, users: platformStore, mailer: mailer, publicBaseURL: issuer, keyRing: keyRing, time: time
        )
        let oauthStore = InMemoryOAuthStore()
        let oauth = OAuthProvider(
            configuration: OAuthConfiguration(issuer: issuer),
            directory: PlatformClientDirectory(apps: platformStore, platform: platform, time: time),
            codes: oauthStore, refreshTokens: oauthStore, grants: oauthStore, consents: oauthStore, users: users, accounts: accounts,
            keys: try await SigningKeyProvider.load(repository: oauthStore, keyRing: keyRing, time: time), keyRing: keyRing, time: time
        )
        return Services(
            accounts: accounts, platform: platform,
            notices: NoticeService(notices: platformStore, memberships: platformStore, users: platformStore, mailer: mailer, keyRing: keyRing, time: time),
            oauth: oauth, meter: Meter(), usage: UsageService(repository: InMemoryUsageRepository()),
            mau: MAUService(repository: InMemoryMAURepository(), time: time) { user, app, month in "\(month):\(user):\(app)" },
            vault: VaultService(repository: InMemoryVaultRepository()),
            signIt: SignItService(
                requests: InMemorySignRequestRepository(), signatures: signatures, signingKeys: signingKeys,
                remembered: InMemorySignItApprovalRepository(), quota: UnlimitedSignatures(), time: time
            ),
            signItContacts: SignItContacts(
                signatures: signatures, mailer: NoSignerMail(), counters: InMemorySharedCounters(),
                hasher: keyRing.keyedHasher(purpose: "sign-it-contacts"), time: time
            ),
            billing: nil, billingRecords: InMemoryBillingRepository(),
            rateLimiter: RateLimiter(), apiLogs: InMemoryAPILogRepository(), apps: platformStore, keyRing: keyRing, time: time,
            logger: FlowstaApplication.makeLogger(level: .error, sink: CapturingLogSink()), servesHTTPS: false, trustedProxies: [], billingOrigins: [],
            storageReady: { true }
        )
    }

    @Test func aUserSignsUpAndCreatesAnOrganizationWithoutADatabase() async throws {
        let router = FlowstaApplication.router(services: try await Self.services(), publicDirectory: "Public")
        try await Application(router: router).test(.router) { client in
            #expect(try await client.execute(uri: "/ready", method: .get).status == .ok)
            let home = try await client.execute(uri: "/", method: .get)
            #expect(home.status == .ok)
            #expect(String(buffer: home.body).contains("Flowsta"))

            let driver = OPAQUEDriver(client: client)
            #expect(try await driver.register("memory-user", "correct horse battery").status == .created)
            let (signIn, cookie) = try await driver.login("memory-user", "correct horse battery")
            #expect(signIn.status == .ok)
            let session = try #require(cookie)
            let me = JSON.object(try await driver.send("/auth/me", .get, cookie: session).body)
            #expect((me["user"] as? [String: Any])?["username"] as? String == "memory-user")

            let created = try await driver.post("/api/v1/orgs", ["name": "In Memory"], cookie: session)
            #expect(created.status == .created)
            let organizations = JSON.object(try await driver.send("/api/v1/orgs", .get, cookie: session).body)
            #expect((organizations["items"] as? [[String: Any]])?.compactMap { $0["name"] as? String } == ["In Memory"])
            // Without a session the management API refuses, as on a stored deployment.
            #expect(try await client.execute(uri: "/api/v1/orgs", method: .get).status == .unauthorized)
        }
    }
}

/// No plan limit on signatures (the composition test has no plans to look up).
struct UnlimitedSignatures: SignItQuotaSource {
    func monthlyLimit(organizationID: UUID) async throws -> Int? { nil }
}

/// Signers without an address.
struct NoSignerMail: SignerMailer {
    func mail(userID: UUID, subject: String, text: String) async throws -> Bool { false }
}
