import Crypto
import FlowstaCore
import FlowstaCrypto
import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

/// Issue #21 over HTTP on SQLite and PostgreSQL: an app with a `sign` token asks for a batch, the
/// signer's page data, a refused forgery, the approval, the app's polling, public verification
/// (checked here against the DID's key), revocation, and the refusals around them. The browser's
/// part runs in Chromium (Tests/browser/sign_it_journey.py).
@Suite struct SignItRoutesTests {
    static let redirect = "https://notary.example/signed"

    /// An app allowing `sign`, a member with a signing key, and a `sign` access token of the member.
    struct Setup {
        var fixture: ManagementFixture
        var browser: OAuthBrowserSession
        var key: Curve25519.Signing.PrivateKey
        var did: String
        var token: String
        var client: any TestClientProtocol

        func api(_ method: HTTPRequest.Method, _ uri: String, _ body: [String: Any]? = nil, token: String? = nil, origin: String? = nil) async throws -> TestResponse {
            var headers: HTTPFields = [.contentType: "application/json"]
            if let bearer = token ?? Optional(self.token), !bearer.isEmpty { headers[.authorization] = "Bearer \(bearer)" }
            if let origin { headers[.origin] = origin }
            return try await client.execute(uri: uri, method: method, headers: headers, body: body.map(JSON.body))
        }

        func signer(_ method: HTTPRequest.Method, _ uri: String, _ body: [String: Any]? = nil, as caller: ManagementFixture.Caller = .member) async throws -> TestResponse {
            try await fixture.call(caller, method, uri, body)
        }

        static func make(_ server: TestServer, _ client: any TestClientProtocol) async throws -> Setup {
            let fixture = try await ManagementFixture.make(server, client)
            let app = try await fixture.call(.owner, .post, "/api/v1/orgs/\(fixture.organizationID)/apps", [
                "name": "Notary", "type": "web", "redirect_uris": [OAuthBrowserSession.redirect, SignItRoutesTests.redirect],
                "allowed_scopes": ["openid", "profile", "sign"],
            ])
            #expect(app.status == .created)
            let browser = OAuthBrowserSession(
                client: client, cookie: try #require(fixture.cookies[.member]), clientID: try #require(JSON.object(app.body)["client_id"] as? String)
            )
            // The member's signing key (made here, as any client may), registered with its proof.
            let key = Curve25519.Signing.PrivateKey()
            let challenge = JSON.object(try await fixture.call(.member, .post, "/auth/signing-keys/challenge", [:]).body)
            let proof = try SigningKeyProof.prove(key, challenge: try #require((challenge["challenge"] as? String).flatMap(Base64URL.decode)))
            let registered = try await fixture.call(.member, .post, "/auth/signing-keys", [
                "challenge_id": try #require(challenge["challenge_id"] as? String),
                "public_key": Base64URL.encode([UInt8](key.publicKey.rawRepresentation)), "signature": Base64URL.encode(proof.signature),
            ])
            #expect(registered.status == .created)
            let token = try await Self.token(browser, scope: "openid sign")
            return Setup(fixture: fixture, browser: browser, key: key, did: proof.did, token: token, client: client)
        }

        /// - Parameter remembered: the user consented to these scopes before (no consent page).
        static func token(_ browser: OAuthBrowserSession, scope: String, remembered: Bool = false) async throws -> String {
            let code = try #require(try await (remembered ? browser.again(scope: scope) : browser.consent(scope: scope))["code"])
            let exchange = try await browser.token([
                ("grant_type", "authorization_code"), ("code", code), ("redirect_uri", OAuthBrowserSession.redirect),
                ("code_verifier", OAuthBrowserSession.verifier),
            ])
            #expect(exchange.status == .ok)
            return try #require(JSON.object(exchange.body)["access_token"] as? String)
        }

        /// The statements of a request as the approval page signs them.
        func signatures(_ page: [String: Any], with signer: Curve25519.Signing.PrivateKey? = nil) throws -> [String] {
            let signedAt = try #require(page["signed_at"] as? String)
            let date = try Date(signedAt, strategy: .iso8601)
            return try (page["files"] as? [[String: Any]] ?? []).map { file in
                let rights = file["content_rights"] as? [String: Any] ?? [:]
                let toSign = FileToSign(
                    fileHash: try #require(SignItHash.parse(file["file_hash"] as? String ?? "")),
                    fields: SignItFields(
                        intent: try #require(SignIntent(rawValue: file["intent"] as? String ?? "")),
                        aiGeneration: try #require(AIGeneration(rawValue: file["ai_generation"] as? String ?? "")),
                        contentRights: ContentRights(
                            license: rights["license"] as? String, commercialLicensing: (rights["commercial_licensing"] as? String).flatMap(CommercialLicensing.init),
                            aiTraining: (rights["ai_training"] as? String).flatMap(AITraining.init),
                            contactPreference: (rights["contact_preference"] as? String).flatMap(ContactPreference.init)
                        )
                    )
                )
                return Base64URL.encode([UInt8](try (signer ?? key).signature(for: SignItStatement.message(did: did, file: toSign, signedAt: date))))
            }
        }
    }

    static func hash(_ text: String) -> String { SignItHash.hex(Array(SHA256.hash(data: Data(text.utf8)))) }

    @Test(arguments: DatabaseChoice.all)
    func anAppGetsABatchSignedAndAnyoneVerifiesIt(database: DatabaseChoice) async throws {
        let server = try await TestServer(databaseURL: database.url)
        try await server.withRouter { client in
            let setup = try await Setup.make(server, client)
            let files = ["draft \(UUID())", "figures \(UUID())"].map(Self.hash)
            let body: [String: Any] = [
                "files": [["file_hash": files[0]], ["file_hash": files[1].uppercased(), "intent": "approval"]],
                "shared_metadata": ["intent": "authorship", "ai_generation": "assisted",
                                    "content_rights": ["license": "cc-by-4.0", "contact_preference": "allow_contact_requests"]],
                "redirect_uri": Self.redirect, "state": "a&b=c",
            ]
            // Refusals first: no token, a token without `sign`, a bad hash, an unregistered redirect.
            #expect(try await setup.api(.post, "/api/v1/sign-it/requests", body, token: "").status == .unauthorized)
            let openidOnly = try await Setup.token(setup.browser, scope: "openid", remembered: true)
            let unscoped = try await setup.api(.post, "/api/v1/sign-it/requests", body, token: openidOnly)
            #expect(unscoped.status == .forbidden && JSON.object(unscoped.body)["error"] as? String == "insufficient_scope")
            var bad = body
            bad["files"] = [["file_hash": "abc"]]
            #expect(try await setup.api(.post, "/api/v1/sign-it/requests", bad).status == .badRequest)
            bad = body
            bad["redirect_uri"] = "https://evil.example/"
            #expect(try await setup.api(.post, "/api/v1/sign-it/requests", bad).status == .badRequest)
            bad = body
            bad["shared_metadata"] = ["intent": "authorship", "ai_generation": "maybe"]
            #expect(try await setup.api(.post, "/api/v1/sign-it/requests", bad).status == .badRequest)

            let created = try await setup.api(.post, "/api/v1/sign-it/requests", body, origin: "https://notary.example")
            #expect(created.status == .created)
            #expect(created.headers[.accessControlAllowOrigin] == "*", "apps may call it from a browser")
            let request = JSON.object(created.body)
            let id = try #require(request["request_id"] as? String)
            #expect(request["status"] as? String == "pending")
            #expect((request["approval_url"] as? String)?.hasSuffix("/sign-it/" + id) == true)

            // The approval page: the member sees it; someone else does not.
            #expect(try await setup.signer(.get, "/auth/sign-it/requests/\(id)", as: .outsider).status == .notFound)
            let page = JSON.object(try await setup.signer(.get, "/auth/sign-it/requests/\(id)").body)
            #expect(page["did"] as? String == setup.did)
            #expect((page["app"] as? [String: Any])?["name"] as? String == "Notary")
            #expect((page["files"] as? [[String: Any]])?.map { $0["file_hash"] as? String } == files)

            // A forged batch is refused whole; the real one is stored.
            let forged = try await setup.signer(.post, "/auth/sign-it/requests/\(id)/approve", [
                "signed_at": try #require(page["signed_at"]), "signatures": try setup.signatures(page, with: Curve25519.Signing.PrivateKey()),
            ])
            #expect(forged.status == .badRequest && JSON.object(forged.body)["error"] as? String == "invalid_signature")
            #expect(try await setup.signer(.post, "/auth/sign-it/requests/\(id)/approve", [
                "signed_at": "2026-12-04 05:00:00", "signatures": try setup.signatures(page),
            ]).status == .badRequest)
            let approved = try await setup.signer(.post, "/auth/sign-it/requests/\(id)/approve", [
                "signed_at": try #require(page["signed_at"]), "signatures": try setup.signatures(page), "remember": true,
            ])
            #expect(approved.status == .ok)
            let redirect = try #require(JSON.object(approved.body)["redirect_to"] as? String)
            let query = OAuthBrowserSession.query(redirect)
            #expect(redirect.hasPrefix(Self.redirect + "?") && query["sign_request"] == id && query["status"] == "approved" && query["state"] == "a&b=c")
            #expect(try await setup.signer(.post, "/auth/sign-it/requests/\(id)/deny", [:]).status == .conflict)

            // The app collects the signatures; each verifies against the DID's key.
            let polled = JSON.object(try await setup.api(.get, "/api/v1/sign-it/requests/\(id)").body)
            #expect(polled["status"] as? String == "approved" && polled["signed"] as? Int == 2)
            #expect(try await setup.api(.get, "/api/v1/sign-it/requests/\(id)", token: openidOnly).status == .forbidden)

            // Public verification, without any credential.
            let verified = try await client.execute(uri: "/api/v1/sign-it/verify?hash=\(files[1])", method: .get)
            #expect(verified.status == .ok)
            let list = JSON.object(verified.body)
            #expect(list["count"] as? Int == 1)
            let published = try #require((list["signatures"] as? [[String: Any]])?.first)
            #expect(published["signer_did"] as? String == setup.did && published["intent"] as? String == "approval")
            #expect(published["contactable"] as? Bool == true && published["revoked"] as? Bool == false)
            let publicKey = try #require(DIDKey.ed25519PublicKey(of: setup.did))
            let statement = SignItStatement.message(
                did: setup.did,
                file: FileToSign(fileHash: try #require(SignItHash.parse(files[1])), fields: SignItFields(
                    intent: .approval, aiGeneration: .assisted, contentRights: ContentRights(license: "cc-by-4.0", contactPreference: .allowContactRequests)
                )),
                signedAt: try Date(try #require(published["signed_at"] as? String), strategy: .iso8601)
            )
            let signature = try #require((published["signature"] as? String).flatMap(Base64URL.decode))
            #expect(try Curve25519.Signing.PublicKey(rawRepresentation: publicKey).isValidSignature(signature, for: statement))
            #expect(try await client.execute(uri: "/api/v1/sign-it/verify?hash=xyz", method: .get).status == .badRequest)

            // Revoked with a reason: verification says so. Contact requests need the asker's verified address.
            let signatureID = try #require(published["id"] as? String)
            #expect(try await setup.signer(.post, "/auth/sign-it/signatures/\(signatureID)/revoke", ["reason": "x"], as: .outsider).status == .notFound)
            let contact = try await setup.signer(.post, "/auth/sign-it/signatures/\(signatureID)/contact", ["message": "Who made the figures?"], as: .outsider)
            #expect(contact.status == .badRequest, "the outsider has no verified address")
            let revoked = try await setup.signer(.post, "/auth/sign-it/signatures/\(signatureID)/revoke", ["reason": "wrong figures"])
            #expect(revoked.status == .ok)
            let after = try #require((JSON.object(try await client.execute(uri: "/api/v1/sign-it/verify?hash=\(files[1])", method: .get).body)["signatures"] as? [[String: Any]])?.first)
            #expect(after["revoked"] as? Bool == true && after["revocation_reason"] as? String == "wrong figures" && after["contactable"] as? Bool == false)
            let own = JSON.object(try await setup.signer(.get, "/auth/sign-it/signatures").body)["signatures"] as? [[String: Any]]
            #expect(own?.count == 2)

            // The remembered app, listed and forgotten.
            let remembered = JSON.object(try await setup.signer(.get, "/auth/sign-it/remembered").body)["apps"] as? [[String: Any]]
            let appID = try #require(remembered?.first?["app_id"] as? String)
            #expect(remembered?.first?["name"] as? String == "Notary")
            #expect(try await setup.signer(.delete, "/auth/sign-it/remembered/\(appID)").status == .noContent)
            #expect(try await setup.signer(.delete, "/auth/sign-it/remembered/\(appID)").status == .notFound)
        }
    }

    @Test func theApprovalPageNeedsASessionAndDenyingTellsTheApp() async throws {
        let server = try await TestServer()
        try await server.withRouter { client in
            let setup = try await Setup.make(server, client)
            let created = JSON.object(try await setup.api(.post, "/api/v1/sign-it/requests", [
                "files": [["file_hash": Self.hash("memo"), "intent": "receipt", "ai_generation": "none"]],
            ]).body)
            let id = try #require(created["request_id"] as? String)
            let signedOut = try await client.execute(uri: "/sign-it/\(id)", method: .get)
            #expect(String(buffer: signedOut.body).contains("signin"), "the sign-in page, coming back here")
            let page = try await setup.browser.get("/sign-it/\(id)")
            #expect(page.status == .ok && String(buffer: page.body).contains("/static/js/pages/sign-it.js"))
            #expect(try await client.execute(uri: "/sign-it/not-an-id", method: .get).status == .notFound)

            // The largest request fits the body limit; one file more is refused.
            let license = String(repeating: "l", count: 100)
            let hundred = (0..<100).map { ["file_hash": Self.hash("file \($0)"), "intent": "witness", "ai_generation": "generated",
                                           "content_rights": ["license": license, "commercial_licensing": "open_to_licensing",
                                                              "ai_training": "allowed_with_attribution", "contact_preference": "allow_contact_requests"]] }
            let largest = try await setup.api(.post, "/api/v1/sign-it/requests", ["files": hundred, "redirect_uri": Self.redirect,
                                                                                    "state": String(repeating: "s", count: 500)])
            #expect(largest.status == .created, "\(largest.status) \(String(buffer: largest.body))")
            var tooMany = hundred
            tooMany.append(["file_hash": Self.hash("file 100"), "intent": "witness", "ai_generation": "none"])
            #expect(try await setup.api(.post, "/api/v1/sign-it/requests", ["files": tooMany]).status == .badRequest)
            #expect(try await setup.api(.post, "/api/v1/sign-it/requests", ["files": [[String: Any]]()]).status == .badRequest)

            let denied = JSON.object(try await setup.signer(.post, "/auth/sign-it/requests/\(id)/deny", [:]).body)
            #expect(denied["status"] as? String == "denied" && denied["redirect_to"] is NSNull)
            #expect(JSON.object(try await setup.api(.get, "/api/v1/sign-it/requests/\(id)").body)["status"] as? String == "denied")
            let unknown = try await setup.api(.get, "/api/v1/sign-it/requests/\(UUID())")
            #expect(unknown.status == .notFound, "\(unknown.status) \(String(buffer: unknown.body))")
        }
    }
}
