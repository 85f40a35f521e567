import Crypto
import FlowstaAccounts
import FlowstaCore
import FlowstaCrypto
import FlowstaSignIt
import FlowstaTesting
import Foundation
import Testing

/// A plan limit the tests set.
final class FixedQuota: SignItQuotaSource, Sendable {
    let limit: Int?
    init(_ limit: Int?) { self.limit = limit }
    func monthlyLimit(organizationID: UUID) async throws -> Int? { limit }
}

/// The engine with in-memory stores, a fixed clock and a user whose signing key is registered.
struct SignItHarness {
    let time = FixedTimeSource()
    let requests = InMemorySignRequestRepository()
    let signatures = InMemorySignatureRepository()
    let keys = InMemoryUserSigningKeyRepository()
    let remembered = InMemorySignItApprovalRepository()
    let service: SignItService
    let key = Curve25519.Signing.PrivateKey()
    let did: String
    let caller: SignItCaller

    init(quota: Int? = nil) async throws {
        service = SignItService(requests: requests, signatures: signatures, signingKeys: keys, remembered: remembered, quota: FixedQuota(quota), time: time)
        did = try DIDKey.did(ed25519PublicKey: [UInt8](key.publicKey.rawRepresentation))
        caller = SignItCaller(
            userID: UUID(), appID: UUID(), clientID: "client-a", organizationID: UUID(), appName: "Notary", redirectURIs: ["https://app.example/done"]
        )
        let registered = await keys.register(StoredUserSigningKey(
            id: UUID(), userID: caller.userID, publicKey: [UInt8](key.publicKey.rawRepresentation), did: did, createdAt: time.now
        ))
        #expect(registered)
    }

    static func file(_ seed: String, intent: SignIntent = .authorship, contact: ContactPreference? = nil) -> FileToSign {
        FileToSign(
            fileHash: [UInt8](SHA256.hash(data: Data(seed.utf8))),
            fields: SignItFields(intent: intent, aiGeneration: .none, contentRights: ContentRights(license: "cc-by-4.0", contactPreference: contact))
        )
    }

    var signedAt: Date { SignItStatement.wholeSeconds(time.now) }

    func sign(_ files: [FileToSign], with signer: Curve25519.Signing.PrivateKey? = nil, at date: Date? = nil) throws -> [[UInt8]] {
        try files.map { [UInt8](try (signer ?? key).signature(for: SignItStatement.message(did: did, file: $0, signedAt: date ?? signedAt))) }
    }
}

@Suite struct SignItServiceTests {
    @Test func anApprovedBatchIsPublishedAndVerifiesOffline() async throws {
        let harness = try await SignItHarness()
        let files = (0..<3).map { SignItHarness.file("file \($0)") }
        let request = try await harness.service.createRequest(harness.caller, files: files, redirectURI: "https://app.example/done", state: "s1")
        #expect(request.status == .pending)
        #expect(try await harness.service.appRequest(harness.caller, id: request.id).request.status == .pending)

        let shown = try await harness.service.signerRequest(userID: harness.caller.userID, id: request.id)
        #expect(shown.key?.did == harness.did && !shown.remembered)
        let approved = try await harness.service.approve(
            userID: harness.caller.userID, id: request.id, organizationID: harness.caller.organizationID, signedAt: harness.signedAt,
            signatures: try harness.sign(files), remember: true
        )
        #expect(approved.results.allSatisfy { $0.signature != nil && $0.error == nil })
        let collected = try await harness.service.appRequest(harness.caller, id: request.id)
        #expect(collected.request.status == .approved)
        #expect(collected.results.map(\.fileHash) == files.map(\.fileHash))
        for result in collected.results {
            let signature = try #require(result.signature)
            // What anyone can do with the published fields: check the statement with the DID's key.
            let publicKey = try #require(DIDKey.ed25519PublicKey(of: signature.did))
            #expect(SignItStatement.verify(publicKey: publicKey, did: signature.did, file: signature.file, signedAt: signature.signedAt, signature: signature.signature))
        }
        let published = try await harness.service.verify(fileHash: files[0].fileHash)
        #expect(published.total == 1 && published.signatures.first?.did == harness.did)
        #expect(await harness.remembered.isRemembered(userID: harness.caller.userID, appID: harness.caller.appID))

        // A second request for a file this key signed: reported, the first signature stands.
        let again = try await harness.service.createRequest(harness.caller, files: [files[0], SignItHarness.file("new")], redirectURI: nil, state: nil)
        let outcome = try await harness.service.approve(
            userID: harness.caller.userID, id: again.id, organizationID: harness.caller.organizationID, signedAt: harness.signedAt,
            signatures: try harness.sign(again.files), remember: false
        )
        #expect(outcome.results.map(\.error) == ["already_signed", nil])
        #expect(try await harness.service.verify(fileHash: files[0].fileHash).total == 1)
    }

    @Test func signaturesThatDoNotVerifyStoreNothing() async throws {
        let harness = try await SignItHarness()
        let files = [SignItHarness.file("a"), SignItHarness.file("b")]
        let request = try await harness.service.createRequest(harness.caller, files: files, redirectURI: nil, state: nil)
        var other = try harness.sign(files)
        other.swapAt(0, 1)
        let attempts: [(String, [[UInt8]], Date)] = [
            ("another key", try harness.sign(files, with: Curve25519.Signing.PrivateKey()), harness.signedAt),
            ("swapped", other, harness.signedAt),
            ("one missing", Array(try harness.sign(files).prefix(1)), harness.signedAt),
            ("signed for another time", try harness.sign(files, at: harness.signedAt.addingTimeInterval(1)), harness.signedAt),
            ("short", [[1, 2, 3], [4]], harness.signedAt),
        ]
        for (what, signed, date) in attempts {
            await #expect(throws: SignItError.self, "\(what)") {
                _ = try await harness.service.approve(
                    userID: harness.caller.userID, id: request.id, organizationID: harness.caller.organizationID, signedAt: date, signatures: signed, remember: false
                )
            }
        }
        // A time far from the server's clock is refused even when signed.
        let late = harness.signedAt.addingTimeInterval(400)
        await #expect(throws: SignItError.self) {
            _ = try await harness.service.approve(
                userID: harness.caller.userID, id: request.id, organizationID: harness.caller.organizationID, signedAt: late,
                signatures: try harness.sign(files, at: late), remember: false
            )
        }
        // Another user cannot answer it.
        await #expect(throws: SignItError.notFound) {
            _ = try await harness.service.approve(
                userID: UUID(), id: request.id, organizationID: harness.caller.organizationID, signedAt: harness.signedAt,
                signatures: try harness.sign(files), remember: false
            )
        }
        #expect(try await harness.service.verify(fileHash: files[0].fileHash).total == 0)
        #expect(try await harness.service.appRequest(harness.caller, id: request.id).request.status == .pending)
    }

    @Test func requestsAreCheckedLimitedAndExpire() async throws {
        let harness = try await SignItHarness(quota: 4)
        let caller = harness.caller
        let service = harness.service
        await #expect(throws: SignItError.self) { _ = try await service.createRequest(caller, files: [], redirectURI: nil, state: nil) }
        let tooMany = (0...service.configuration.maxFilesPerRequest).map { SignItHarness.file("f\($0)") }
        await #expect(throws: SignItError.self) { _ = try await service.createRequest(caller, files: tooMany, redirectURI: nil, state: nil) }
        await #expect(throws: SignItError.self) {
            _ = try await service.createRequest(caller, files: [SignItHarness.file("x"), SignItHarness.file("x")], redirectURI: nil, state: nil)
        }
        await #expect(throws: SignItError.self) {
            _ = try await service.createRequest(caller, files: [SignItHarness.file("x")], redirectURI: "https://evil.example/", state: nil)
        }
        await #expect(throws: SignItError.self) {
            _ = try await service.createRequest(caller, files: [SignItHarness.file("x")], redirectURI: "https://app.example/done", state: String(repeating: "s", count: 501))
        }
        // The plan's 4 signatures a month: a request for 5 files is refused up front.
        await #expect(throws: SignItError.quotaExceeded(limit: 4)) {
            _ = try await service.createRequest(caller, files: (0..<5).map { SignItHarness.file("q\($0)") }, redirectURI: nil, state: nil)
        }
        let three = (0..<3).map { SignItHarness.file("q\($0)") }
        let first = try await service.createRequest(caller, files: three, redirectURI: nil, state: nil)
        _ = try await service.approve(
            userID: caller.userID, id: first.id, organizationID: caller.organizationID, signedAt: harness.signedAt, signatures: try harness.sign(three), remember: false
        )
        await #expect(throws: SignItError.quotaExceeded(limit: 4)) {
            _ = try await service.createRequest(caller, files: [SignItHarness.file("a"), SignItHarness.file("b")], redirectURI: nil, state: nil)
        }

        // Another app's (or user's) view of a request: not found.
        var stranger = caller
        stranger.clientID = "client-b"
        await #expect(throws: SignItError.notFound) { _ = try await service.appRequest(stranger, id: first.id) }

        // Pending requests per app are limited; an expired one frees its place and reads expired.
        var pending: [StoredSignRequest] = []
        for index in 0..<service.configuration.maxPendingPerApp {
            pending.append(try await service.createRequest(caller, files: [SignItHarness.file("p\(index)")], redirectURI: nil, state: nil))
        }
        await #expect(throws: SignItError.tooManyPendingRequests) {
            _ = try await service.createRequest(caller, files: [SignItHarness.file("one more")], redirectURI: nil, state: nil)
        }
        harness.time.advance(by: service.configuration.requestLifetime + 1)
        #expect(try await service.appRequest(caller, id: pending[0].id).request.status == .expired)
        await #expect(throws: SignItError.notPending(.expired)) { _ = try await service.signerRequest(userID: caller.userID, id: pending[0].id) }
        _ = try await service.createRequest(caller, files: [SignItHarness.file("one more")], redirectURI: nil, state: nil)
        // Purged: expired requests, and answered ones a day after their answer.
        #expect(await harness.requests.purge(expiredBefore: harness.time.now, decidedBefore: harness.time.now) == pending.count + 1)
    }

    @Test func aDeniedRequestIsFinalAndARevokedSignatureShowsItsReason() async throws {
        let harness = try await SignItHarness()
        let files = [SignItHarness.file("contract")]
        let denied = try await harness.service.createRequest(harness.caller, files: files, redirectURI: nil, state: nil)
        #expect(try await harness.service.deny(userID: harness.caller.userID, id: denied.id).status == .denied)
        await #expect(throws: SignItError.notPending(.denied)) {
            _ = try await harness.service.approve(
                userID: harness.caller.userID, id: denied.id, organizationID: harness.caller.organizationID, signedAt: harness.signedAt,
                signatures: try harness.sign(files), remember: false
            )
        }
        #expect(try await harness.service.appRequest(harness.caller, id: denied.id).request.status == .denied)

        let request = try await harness.service.createRequest(harness.caller, files: files, redirectURI: nil, state: nil)
        let approved = try await harness.service.approve(
            userID: harness.caller.userID, id: request.id, organizationID: harness.caller.organizationID, signedAt: harness.signedAt,
            signatures: try harness.sign(files), remember: false
        )
        let id = try #require(approved.results.first?.signature?.id)
        await #expect(throws: SignItError.notFound) { _ = try await harness.service.revoke(userID: UUID(), id: id, reason: "not mine") }
        await #expect(throws: SignItError.self) { _ = try await harness.service.revoke(userID: harness.caller.userID, id: id, reason: "bad\u{0}") }
        let revoked = try await harness.service.revoke(userID: harness.caller.userID, id: id, reason: "  signed the wrong draft ")
        #expect(revoked.revokedAt == harness.time.now && revoked.revocationReason == "signed the wrong draft")
        let published = try #require(try await harness.service.verify(fileHash: files[0].fileHash).signatures.first)
        #expect(published.revokedAt != nil && published.revocationReason == "signed the wrong draft")
        #expect(try await harness.service.signatures(userID: harness.caller.userID, before: nil).map(\.id) == [id])
    }

    @Test func withoutASigningKeyNothingCanBeApproved() async throws {
        let harness = try await SignItHarness()
        var caller = harness.caller
        caller.userID = UUID()
        let files = [SignItHarness.file("z")]
        let request = try await harness.service.createRequest(caller, files: files, redirectURI: nil, state: nil)
        await #expect(throws: SignItError.noSigningKey) {
            _ = try await harness.service.approve(
                userID: caller.userID, id: request.id, organizationID: caller.organizationID, signedAt: harness.signedAt,
                signatures: try harness.sign(files), remember: false
            )
        }
    }
}

/// Records what the engine mails; `verified` users have an address.
actor RecordingSignerMailer: SignerMailer {
    var sent: [(userID: UUID, subject: String, text: String)] = []
    let verified: Set<UUID>

    init(verified: Set<UUID>) { self.verified = verified }

    func mail(userID: UUID, subject: String, text: String) -> Bool {
        guard verified.contains(userID) else { return false }
        sent.append((userID, subject, text))
        return true
    }
}

@Suite struct SignItContactTests {
    @Test func askersReachSignersWhoAllowItWithoutLearningTheirAddress() async throws {
        let harness = try await SignItHarness()
        let files = [SignItHarness.file("open", contact: .allowContactRequests), SignItHarness.file("closed", contact: .noContact)]
        let request = try await harness.service.createRequest(harness.caller, files: files, redirectURI: nil, state: nil)
        let approved = try await harness.service.approve(
            userID: harness.caller.userID, id: request.id, organizationID: harness.caller.organizationID, signedAt: harness.signedAt,
            signatures: try harness.sign(files), remember: false
        )
        let open = try #require(approved.results.first?.signature?.id)
        let closed = try #require(approved.results.last?.signature?.id)
        let mailer = RecordingSignerMailer(verified: [harness.caller.userID])
        let contacts = SignItContacts(
            signatures: harness.signatures, mailer: mailer, counters: InMemorySharedCounters(),
            hasher: try KeyRing(kek: [UInt8](repeating: 7, count: 32)).keyedHasher(purpose: "test"), time: harness.time
        )
        let asker = (id: UUID(), name: "Rita", replyTo: "rita@example.org")
        try await contacts.contact(signatureID: open, asker: asker, message: "Can I license this?\nThanks")
        let sent = await mailer.sent
        #expect(sent.count == 1 && sent.first?.userID == harness.caller.userID)
        #expect(sent.first?.text.contains("rita@example.org") == true && sent.first?.text.contains("Can I license this?") == true)
        #expect(sent.first?.text.contains(SignItHash.hex(files[0].fileHash)) == true)

        await #expect(throws: SignItError.notContactable) { try await contacts.contact(signatureID: closed, asker: asker, message: "hi") }
        await #expect(throws: SignItError.notFound) { try await contacts.contact(signatureID: UUID(), asker: asker, message: "hi") }
        await #expect(throws: SignItError.self) { try await contacts.contact(signatureID: open, asker: asker, message: "  ") }
        await #expect(throws: SignItError.self) {
            try await contacts.contact(signatureID: open, asker: asker, message: String(repeating: "x", count: SignItContacts.maxMessageLength + 1))
        }
        await #expect(throws: SignItError.notContactable, "the signer asking themselves") {
            try await contacts.contact(signatureID: open, asker: (harness.caller.userID, "Me", "me@example.org"), message: "hi")
        }
        // Three a day per signature: two more go through, the fourth waits for tomorrow.
        for index in 0..<2 {
            try await contacts.contact(signatureID: open, asker: (UUID(), "Asker \(index)", "a\(index)@example.org"), message: "hello")
        }
        let limited = await #expect(throws: SignItError.self) {
            try await contacts.contact(signatureID: open, asker: (UUID(), "Late", "late@example.org"), message: "hello")
        }
        if case .rateLimited(let seconds) = limited { #expect(seconds > 0 && seconds <= 86_400) } else { Issue.record("expected rate_limited, got \(String(describing: limited))") }
        harness.time.advance(by: 86_400)
        try await contacts.contact(signatureID: open, asker: (UUID(), "Next day", "n@example.org"), message: "hello")
        #expect(await mailer.sent.count == 4)

        // A revoked signature takes no more requests.
        _ = try await harness.service.revoke(userID: harness.caller.userID, id: open, reason: nil)
        await #expect(throws: SignItError.notContactable) { try await contacts.contact(signatureID: open, asker: asker, message: "hi") }
    }
}
