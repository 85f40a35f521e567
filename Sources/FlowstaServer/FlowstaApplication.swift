import FlowstaAPI
import FlowstaAccounts
import FlowstaBilling
import FlowstaCore
import FlowstaCrypto
import FlowstaMail
import FlowstaHTTP
import FlowstaOAuth
import FlowstaPages
import FlowstaPlatform
import FlowstaPrivacy
import FlowstaSignIt
import FlowstaStore
import FlowstaStripe
import FlowstaUsage
import FlowstaWebhooks
import Foundation
import Hummingbird
import Logging
import ServiceLifecycle
import UnixSignals

/// The composition root: builds the store, keys, services and router from a configuration.
public enum FlowstaApplication {
    /// A logger writing JSON lines through the privacy filter.
    public static func makeLogger(level: Logger.Level, sink: any LogSink, label: String = "flowsta") -> Logger {
        Logger(label: label) { label in JSONLogHandler(label: label, level: level, sink: sink) }
    }

    /// Creates the data directory, loads (or creates) the KEK, opens and migrates the database
    /// and loads (or creates) the OPAQUE server keys.
    public static func prepare(configuration: ServerConfiguration, logger: Logger, time: any TimeSource = SystemTimeSource()) async throws -> Runtime {
        // Everything this process creates is owner-only from its first byte: the SQLite file and
        // the -wal/-shm files SQLite makes beside it, the generated KEK (a chmod afterwards would
        // leave a window in which they are world-readable).
        umask(0o077)
        _ = try configuration.trustedProxyNetworks()
        // A server without its API document or page templates is a broken installation: say so
        // at start.
        try APIRoutes.checkInstallation()
        try PageRoutes.checkInstallation()
        try FileManager.default.createDirectory(atPath: configuration.dataDirectory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let keyRing = try KeyRing(kek: KeyEncryptionKey.load(configuration: configuration, logger: logger))
        let store = try FlowstaDatabase(url: configuration.resolvedDatabaseURL, logger: logger)
        do {
            try await store.migrate()
            let setup = try await AccountService.loadOrCreateOPAQUESetup(secrets: FluentSecretRepository(store: store), keyRing: keyRing)
            let outbox = FluentOutboxRepository(store: store)
            // PostgreSQL deployments may run several instances: login throttles and plan rates
            // are counted in the database so they hold for all of them. SQLite is one process.
            let sharedCounters: (any SharedCounters)? = store.engine == .postgres ? FluentSharedCounters(store: store) : nil
            let throttle: any LoginLimiter = sharedCounters.map { counters in
                SharedLoginThrottle(
                    limits: configuration.loginLimits, counters: counters,
                    hasher: { day in keyRing.keyedHasher(purpose: "shared-limits:\(day)") }, time: time
                )
            } ?? LoginThrottle(limits: configuration.loginLimits, time: time)
            let rateLimiter: any APIRateLimiter = sharedCounters.map { SharedRateLimiter(counters: $0, time: time) } ?? RateLimiter(time: time)
            let mailer = Mailer(outbox: outbox, sealer: keyRing, clock: time)
            let accounts = AccountService(
                users: FluentUserRepository(store: store),
                sessions: FluentSessionRepository(store: store),
                // SQLite means one process: login states stay in memory. PostgreSQL deployments
                // may run several instances, so any of them must be able to finish a login.
                logins: store.engine == .sqlite
                    ? EphemeralLoginStateRepository(time: time) : FluentLoginStateRepository(store: store),
                keys: FluentKeyRepository(store: store),
                tokens: FluentAccountTokenRepository(store: store),
                keyRing: keyRing,
                opaqueSetup: setup,
                throttle: throttle,
                // Wrong second-factor codes are counted in the database on either engine: a
                // limit per account that restarting the process must not reset.
                secondFactors: SecondFactorStorage(
                    repository: FluentSecondFactorRepository(store: store), generator: HummingbirdOneTimePasswords(),
                    attempts: FluentSharedCounters(store: store), passkeys: FluentPasskeyRepository(store: store)
                ),
                signingKeys: FluentUserSigningKeyRepository(store: store), deviceKeys: FluentDeviceKeyRepository(store: store),
                pictures: FluentProfilePictureRepository(store: store),
                time: time,
                configuration: {
                    var accounts = AccountService.Configuration()
                    accounts.signupProofDifficulty = configuration.signupProofBits
                    accounts.publicBaseURL = OAuthConfiguration(issuer: configuration.resolvedIssuer).issuer
                    return accounts
                }(),
                mailer: OutboxPlatformMailer(mailer: mailer, from: configuration.mailFrom)
            )
            let smtp = try configuration.smtpURL.map { try SMTPConfiguration(url: $0, from: configuration.mailFrom) }
            let mailDelivery = MailDeliveryService(outbox: outbox, sealer: keyRing, smtp: smtp, clock: time, logger: logger)
            let platformStorage = FluentPlatformRepository(store: store)
            // Changes to apps, organizations, keys and grants reach every instance's caches at
            // once: through NOTIFY on PostgreSQL; SQLite is one process.
            let changes = CacheChanges(publisher: store.engine == .postgres ? PostgresChangeFeed(store: store, logger: logger) : nil)
            let clientCache = ClientCache()
            clientCache.follow(changes)
            let outbound = FluentOutboundDeliveryRepository(store: store)
            let sender = OutboundSender(policy: OutboundTargetPolicy(allowLoopback: configuration.outboundAllowsLoopback))
            let webhookEndpoints = FluentWebhookEndpointRepository(store: store)
            let webhooks = WebhookDispatcher(endpoints: webhookEndpoints, deliveries: outbound, keyRing: keyRing, time: time)
            let platform = PlatformService(
                organizations: platformStorage, memberships: platformStorage, keys: platformStorage, apps: platformStorage,
                invites: platformStorage, audit: platformStorage, users: platformStorage,
                mailer: OutboxPlatformMailer(mailer: mailer, from: configuration.mailFrom),
                publicBaseURL: configuration.resolvedIssuer, keyRing: keyRing, time: time,
                changes: changes,
                webhooks: PlatformWebhooks(endpoints: webhookEndpoints, deliveries: outbound, dispatcher: webhooks) { url in
                    // The same check as every delivery's, now: a refusal is a clear 400 at once.
                    if case .failure(let refusal) = await sender.check(url) { return refusal.description }
                    return nil
                }
            )
            let notices = NoticeService(
                notices: platformStorage, memberships: platformStorage, users: platformStorage,
                mailer: OutboxPlatformMailer(mailer: mailer, from: configuration.mailFrom), keyRing: keyRing, time: time
            )
            // The dashboard signs developers in through OAuth like any app.
            let dashboardRedirect = OAuthConfiguration(issuer: configuration.resolvedIssuer).issuer + "/dashboard/callback"
            try await FirstPartyApps.ensureDashboard(store: store, redirectURI: dashboardRedirect)
            var oauthConfiguration = OAuthConfiguration(issuer: configuration.resolvedIssuer)
            oauthConfiguration.firstPartyClientIDs = [FirstPartyApps.dashboardClientID]
            oauthConfiguration.deviceCodeLifetime = TimeInterval(configuration.deviceCodeSeconds)
            let oauthStorage = FluentOAuthRepository(store: store)
            let signingKeys = try await SigningKeyProvider.load(repository: oauthStorage, keyRing: keyRing, time: time)
            let oauth = OAuthProvider(
                configuration: oauthConfiguration,
                directory: PlatformClientDirectory(
                    apps: platformStorage, platform: platform, cache: clientCache, time: time,
                    firstParty: [FirstPartyApps.dashboardClientID: [dashboardRedirect]]
                ),
                codes: oauthStorage, refreshTokens: oauthStorage, grants: oauthStorage, consents: oauthStorage,
                users: FluentUserRepository(store: store), accounts: accounts, keys: signingKeys, keyRing: keyRing, time: time,
                changes: changes, devices: FluentDeviceAuthorizationRepository(store: store), counters: FluentSharedCounters(store: store),
                events: WebhookOAuthEvents(platform: platform)
            )
            // Instances started together may each have made first keys: tell the others to load them.
            if store.engine == .postgres { await changes.announce(.signingKeys) }
            let usageRows = FluentUsageRepository(store: store)
            let memberHasher = keyRing.keyedHasher(purpose: "mau-member")
            let mau = MAUService(repository: FluentMAURepository(store: store), time: time) { userID, appID, month in
                // Per month: a key that changes every month, so month rows cannot be joined.
                memberHasher.hash("\(month):\(userID.uuidString.lowercased()):\(appID.uuidString.lowercased())")
            }
            let billing = try configuration.stripe.map { settings in
                let apiBase = try settings.validate()
                return BillingService(
                    configuration: BillingConfiguration(
                        planPrices: settings.planPrices, overagePrices: settings.overagePrices, meterEventName: settings.meterEventName,
                        webhookSecrets: settings.webhookSecrets
                    ),
                    stripe: StripeClient(configuration: StripeConfiguration(secretKey: settings.secretKey, apiBase: apiBase, initialBackoff: settings.retryBackoff), logger: logger),
                    repository: FluentBillingRepository(store: store), platform: platform, mau: mau, time: time, logger: logger
                )
            }
            let signatures = FluentSignatureRepository(store: store)
            let signIt = SignItService(
                requests: FluentSignRequestRepository(store: store), signatures: signatures, signingKeys: FluentUserSigningKeyRepository(store: store),
                remembered: FluentSignItApprovalRepository(store: store), quota: PlanSignItQuota(platform: platform), time: time,
                events: WebhookSignItEvents(platform: platform) { [oauth] userID, appID in oauth.subject(userID: userID, appID: appID) }
            )
            let signItContacts = SignItContacts(
                signatures: signatures, mailer: AccountSignerMailer(accounts: accounts), counters: FluentSharedCounters(store: store),
                hasher: keyRing.keyedHasher(purpose: "sign-it-contacts"), time: time
            )
            let outboundDelivery = OutboundDeliveryService(
                repository: outbound, transport: sender,
                prepare: { delivery in
                    guard delivery.kind == .webhook else { return .send(url: delivery.url, headers: []) }
                    return try await webhooks.attempt(delivery)
                },
                outcome: { [platform, logger] delivery, result in
                    guard delivery.kind == .webhook, let endpointID = delivery.endpointID else { return }
                    do {
                        if case .delivered = result {
                            try await platform.webhookAttempted(endpointID: endpointID, delivered: true)
                        } else {
                            try await platform.webhookAttempted(endpointID: endpointID, delivered: false)
                        }
                    } catch {
                        logger.error("cannot record a webhook endpoint's health", metadata: ["error": "\(type(of: error))"])
                    }
                },
                time: time, logger: logger
            )
            // A sign-out ends the session's grants (without offline_access) and tells the apps.
            accounts.sessionEnds.listen { [oauth, outbound, time, logger] _, references in
                for reference in references {
                    do {
                        for logout in try await oauth.sessionEnded(sessionRef: reference) {
                            try await outbound.enqueue(OutboundDelivery(
                                kind: .backchannelLogout, appID: logout.appID, url: logout.uri, contentType: "application/x-www-form-urlencoded",
                                body: Array(("logout_token=" + FormEncoding.encode(logout.logoutToken)).utf8), nextAttemptAt: time.now, createdAt: time.now
                            ))
                        }
                    } catch {
                        logger.error("cannot end a session's grants", metadata: ["error": "\(type(of: error))"])
                    }
                }
            }
            return Runtime(
                configuration: configuration, store: store, keyRing: keyRing, accounts: accounts, platform: platform, notices: notices,
                oauth: oauth, meter: Meter(), usage: UsageService(repository: usageRows),
                mau: mau, vault: VaultService(repository: FluentVaultRepository(store: store)), signIt: signIt, signItContacts: signItContacts, billing: billing, billingRecords: FluentBillingRepository(store: store), rateLimiter: rateLimiter,
                usageRepository: usageRows, apiLogs: FluentAPILogRepository(store: store), apps: platformStorage,
                mailer: mailer, mailDelivery: mailDelivery, changes: changes, outbound: outbound, outboundDelivery: outboundDelivery,
                logger: logger, time: time
            )
        } catch {
            await store.shutdown()
            throw error
        }
    }

    /// `flowsta keys rotate`: adds new signing keys and schedules the old ones' retirement;
    /// running servers on a shared database load them at once (else within a minute).
    /// - Returns: the new key ids.
    public static func rotateSigningKeys(runtime: Runtime, time: any TimeSource = SystemTimeSource()) async throws -> [String] {
        let added = try await SigningKeyProvider.rotate(repository: FluentOAuthRepository(store: runtime.store), keyRing: runtime.keyRing, time: time)
        await runtime.changes.announce(.signingKeys)
        return added
    }

    /// Writes the usage counted so far (what the flush service does every 10 seconds).
    public static func flushUsage(runtime: Runtime) async {
        await MeteringFlushService(meter: runtime.meter, repository: runtime.usageRepository, logs: runtime.apiLogs, logger: runtime.logger).flush()
    }

    /// The API log rule of `flowsta retention run` alone: entries older than 90 days.
    public static func purgeAPILogs(runtime: Runtime, now: Date) async throws -> Int {
        try await runtime.apiLogs.purge(before: RetentionRules.apiLogCutoff(now: now))
    }

    /// The OAuth part of `flowsta retention run`.
    public static func purgeOAuth(runtime: Runtime) async throws -> OAuthPurgeCounts {
        try await runtime.oauth.purgeExpired(storage: FluentOAuthRepository(store: runtime.store))
    }

    /// The router with every route and middleware.
    public static func router(runtime: Runtime) -> Router<AppRequestContext> {
        router(
            services: runtime.services, publicDirectory: runtime.configuration.publicDirectory,
            metrics: runtime.metrics, metricsToken: runtime.configuration.metricsToken
        )
    }

    /// The router over `services`: tests compose it from in-memory stores.
    public static func router(
        services: Services, publicDirectory: String, metrics: FlowstaMetrics = FlowstaMetrics(), metricsToken: String? = nil
    ) -> Router<AppRequestContext> {
        let router = Router(context: AppRequestContext.self)
        let cookies = services.cookies
        router.add(middleware: RequestLogMiddleware())
        router.add(middleware: SecurityHeadersMiddleware(https: services.servesHTTPS))
        // Outside the error middleware, so error responses carry the CORS headers too.
        router.add(middleware: OAuthCORSMiddleware())
        router.add(middleware: MeteringMiddleware(meter: services.meter, time: services.time))
        router.add(middleware: ErrorMiddleware())
        router.add(middleware: CrossSiteRequestMiddleware(issuer: services.issuer, cookies: cookies, pages: PageRoutes.errorWriter))
        router.add(middleware: FileMiddleware(publicDirectory, urlBasePath: "/static", searchForIndexHtml: false, logger: services.logger))
        MetricsController(metrics: metrics, token: metricsToken).addRoutes(to: router)
        APIRoutes.add(to: router, services: services)
        PageRoutes.add(to: router, services: services)
        return router
    }

    /// The Hummingbird application; its services close the database on graceful shutdown
    /// (SIGTERM/SIGINT).
    /// - Throws: when the TLS certificate or key cannot be loaded.
    /// - Parameter services: further services to run alongside (e.g. the log flusher).
    public static func application(runtime: Runtime, services: [any Service] = []) throws -> some ApplicationProtocol {
        Application(
            router: router(runtime: runtime),
            server: try TLSSetup.serverBuilder(configuration: runtime.configuration),
            configuration: .init(address: .hostname(runtime.configuration.host, port: runtime.configuration.port), serverName: "flowsta"),
            // A service group shuts down in reverse order: the database goes last.
            services: [DatabaseService(store: runtime.store)] + services
                + [
                    runtime.mailDelivery, SigningKeyReloadService(keys: runtime.oauth.signingKeys, logger: runtime.logger),
                    MeteringFlushService(meter: runtime.meter, repository: runtime.usageRepository, logs: runtime.apiLogs, logger: runtime.logger),
                ] + (runtime.configuration.runsOutboundDelivery ? [runtime.outboundDelivery] : [])
                + (runtime.configuration.runsRetentionJob ? [RetentionJobService(runtime: runtime)] : [])
                + (runtime.store.hasWriteAheadLog ? [CheckpointService(store: runtime.store, logger: runtime.logger)] : [])
                + [SharedCountersPurgeService(counters: FluentSharedCounters(store: runtime.store), time: runtime.time, logger: runtime.logger)]
                + (runtime.store.engine == .postgres
                    ? [CacheChangeListenerService(feed: PostgresChangeFeed(store: runtime.store, logger: runtime.logger), changes: runtime.changes)] : []),
            logger: runtime.logger
        )
    }
}

extension FlowstaApplication {
    /// Serves until SIGTERM or SIGINT, then drains: `/ready` answers 503 for
    /// ``ServerConfiguration/drainSeconds`` while requests are still served (load balancers
    /// move new traffic away), then the server stops gracefully: it stops accepting, lets the
    /// requests in flight finish, and the background services stop at a safe point (a mail
    /// round releases what it has not sent, the last metering is flushed) before the database
    /// closes. A second signal during the drain stops at once (gracefully).
    public static func serve(runtime: Runtime, services: [any Service] = []) async throws {
        let group = ServiceGroup(configuration: .init(services: [try application(runtime: runtime, services: services)], logger: runtime.logger))
        let drainSeconds = runtime.configuration.drainSeconds
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            tasks.addTask {
                let signals = await UnixSignalsSequence(trapping: .sigterm, .sigint)
                var drainEnded: Task<Void, Never>?
                for await signal in signals {
                    guard runtime.drain.start() else {
                        drainEnded?.cancel()
                        continue
                    }
                    runtime.logger.notice("draining before shutdown", metadata: ["signal": "\(signal)", "seconds": "\(drainSeconds)"])
                    drainEnded = Task {
                        try? await Task.sleep(for: .milliseconds(Int(drainSeconds * 1000)))
                        await group.triggerGracefulShutdown()
                    }
                }
            }
            // The group ends after the graceful shutdown; the signal loop never does.
            try await tasks.next()
            tasks.cancelAll()
        }
    }
}

/// Closes the database once the server has stopped.
struct DatabaseService: Service {
    let store: FlowstaDatabase

    func run() async throws {
        try? await gracefulShutdown()
        await store.shutdown()
    }
}

/// On PostgreSQL: applies the cache changes other instances announce (``PostgresChangeFeed``)
/// until the server stops.
struct CacheChangeListenerService: Service {
    let feed: PostgresChangeFeed
    let changes: CacheChanges

    func run() async {
        await cancelWhenGracefulShutdown {
            await feed.listen(applying: changes)
        }
    }
}

/// Reloads the signing keys every minute so `flowsta keys rotate` reaches running servers
/// (the fallback: on PostgreSQL the rotation is announced and applied at once).
struct SigningKeyReloadService: Service {
    let keys: SigningKeyProvider
    let logger: Logger

    func run() async throws {
        try await repeatUntilShutdown(every: SigningKeyProvider.reloadInterval, logger: logger, failure: "signing key reload failed") {
            try await keys.reload()
        }
    }
}
