import Crypto
@testable import FlowstaClient
import FlowstaCore
import FlowstaCrypto
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// Sign It with the Swift SDK on both sides (issue #21): the app asks through
/// `FlowstaOAuthClient`, the user's `FlowstaClient` approves and signs with its root key's
/// signing key, the app's SDK checks every signature offline; the seed is nowhere on the server.
@Suite struct SDKSignItTests {
    @Test(arguments: DatabaseChoice.all)
    func theSDKSignsAndTheAppsSDKVerifies(database: DatabaseChoice) async throws {
        let server = try await TestServer(databaseURL: database.url)
        let (seed, dump) = try await server.withRouter { client in
            let fixture = try await ManagementFixture.make(server, client)
            let created = try await fixture.call(.owner, .post, "/api/v1/orgs/\(fixture.organizationID)/apps", [
                "name": "Desk Notary", "type": "native", "redirect_uris": [OAuthBrowserSession.redirect], "allowed_scopes": ["openid", "sign"],
            ])
            let clientID = try #require(JSON.object(created.body)["client_id"] as? String)
            let transport = TestClientTransport(client: client)
            let issuer = try #require(URL(string: server.runtime.oauth.configuration.issuer))

            // The user signs up with the SDK: root key, recovery code and signing key.
            let user = FlowstaClient(baseURL: issuer, configuration: OPAQUEConfiguration(ksf: .identity), transport: transport)
            let name = "sdk_signer_" + UUID().uuidString.prefix(8).lowercased()
            let registered = try await user.register(username: name, password: "signing password")
            let rootKey = try #require(registered.rootKey)
            let did = try DIDKey.did(ed25519PublicKey: [UInt8](rootKey.signingKey.publicKey.rawRepresentation))
            #expect(registered.user.did == did)

            // The app's token for the user (the consent given in the user's session).
            let cookie = try #require(await user.currentCookie).split(separator: "=", maxSplits: 1).last.map(String.init)
            let browser = OAuthBrowserSession(client: client, cookie: try #require(cookie), clientID: clientID)
            let code = try #require(try await browser.consent(scope: "openid sign")["code"])
            let exchange = JSON.object(try await browser.token([
                ("grant_type", "authorization_code"), ("code", code), ("redirect_uri", OAuthBrowserSession.redirect),
                ("code_verifier", OAuthBrowserSession.verifier),
            ]).body)
            let token = try #require(exchange["access_token"] as? String)

            let app = FlowstaOAuthClient(issuer: issuer, clientID: clientID, redirectURI: OAuthBrowserSession.redirect, transport: transport)
            let files = (0..<3).map { FlowstaFileToSign(
                fileHash: FlowstaFileToSign.hash(of: Data("page \($0) of \(name)".utf8)),
                fields: SignItFields(
                    intent: $0 == 0 ? .authorship : .agreement, aiGeneration: .none,
                    contentRights: $0 == 2 ? ContentRights(license: "cc0-1.0", aiTraining: .allowed) : ContentRights()
                )
            ) }
            let pending = try await app.requestSignatures(files, accessToken: token)
            #expect(pending.status == "pending" && pending.approvalURL.hasSuffix(pending.requestID))
            await #expect(throws: FlowstaClientError.self) {
                _ = try await user.approveSignRequest(id: pending.requestID, expectedApp: "Another app")
            }

            let decision = try await user.approveSignRequest(id: pending.requestID, expectedApp: "Desk Notary")
            #expect(decision.status == "approved" && decision.results.allSatisfy(\.success))
            let collected = try await app.signRequest(pending.requestID, accessToken: token)
            #expect(collected.status == "approved" && collected.results.map(\.fileHash) == files.map(\.fileHash))
            for result in collected.results {
                let signature = try #require(result.signature)
                #expect(signature.signerDID == did && signature.verifies)
                var forged = signature
                forged.intent = forged.intent == .agreement ? .authorship : .agreement
                #expect(!forged.verifies, "the offline check can fail")
            }
            let published = try await app.signatures(ofFileHash: files[2].fileHash)
            #expect(published.count == 1 && published.first?.verifies == true && published.first?.contentRights.license == "cc0-1.0")
            await #expect(throws: FlowstaClientError.self) { _ = try await user.approveSignRequest(id: pending.requestID) }
            return (Self.raw(rootKey.signingSeed), try await server.runtime.store.everyRowAsText())
        }
        // The signing seed and the private key never reached the server.
        #expect(dump.tables.contains("signatures") && dump.tables.contains("user_signing_keys"))
        let lowered = dump.text.lowercased()
        for encoding in [seed.hexString, Base64URL.encode(seed), Data(seed).base64EncodedString()] {
            #expect(!lowered.contains(encoding.lowercased()), "the signing seed is in a table")
        }
        #expect(!server.logs.captured.contains { $0.lowercased().contains(seed.hexString) })
    }

    static func raw(_ key: SymmetricKey) -> [UInt8] { key.withUnsafeBytes { Array($0) } }
}
