import FlowstaCore
import FlowstaCrypto
import FlowstaTesting
import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

/// Issue #20 over HTTP on SQLite and PostgreSQL: a passkey added with its root key envelope
/// (nothing of the PRF output or the root key stored in clear), a sign-in with the passkey alone,
/// the audit log, and `acr_values=phr` answered with an ID token that says a passkey was used.
/// (The independent WebAuthn client's run, with every refusal, is interop/webauthn_fido2_interop.py.)
@Suite struct PasskeyRoutesTests {
    static let issuer = "http://localhost:8080"

    /// The bytes of a base64url string field.
    static func bytes(_ value: Any?) throws -> [UInt8] {
        try #require((value as? String).flatMap(Base64URL.decode))
    }

    static func credential(_ id: [UInt8], _ response: [String: String]) -> [String: Any] {
        ["id": Base64URL.encode(id), "rawId": Base64URL.encode(id), "type": "public-key", "response": response]
    }

    @Test(arguments: DatabaseChoice.all)
    func aPasskeySignsInOpensTheRootKeyAndSatisfiesPhr(database: DatabaseChoice) async throws {
        let server = try await TestServer(databaseURL: database.url, issuer: Self.issuer)
        try await server.withRouter { client in
            let (browser, fixture) = try await OAuthBrowserSession.make(server, client)
            let driver = OPAQUEDriver(client: client)
            let userID = try #require(fixture.userIDs[.member])
            let keys = try await driver.post("/auth/keys", ["envelopes": [["kind": "password", "envelope": Base64URL.encode([1] + SecureRandom.bytes(60))]]], cookie: browser.cookie)
            #expect(keys.status == .created)

            let started = try await driver.post("/auth/passkeys/register/start", [:], cookie: browser.cookie)
            #expect(started.status == .ok && started.headers[.cacheControl] == "no-store")
            let options = JSON.object(started.body)
            let publicKey = try #require(options["public_key"] as? [String: Any])
            #expect((publicKey["rp"] as? [String: Any])?["id"] as? String == "localhost")
            let challenge = try Self.bytes(publicKey["challenge"])
            let ceremony = try #require(options["ceremony_id"] as? String)
            var authenticator = SoftAuthenticator.p256()
            let made = authenticator.create(rpID: "localhost", origin: Self.issuer, challenge: challenge)
            let prfOutput = SecureRandom.bytes(32)
            let rootKey = SecureRandom.bytes(32)
            let envelope = try KeyEnvelope.seal(rootKey, kind: .passkey, lockSecret: prfOutput, userID: userID)
            let finished = try await driver.post("/auth/passkeys/register/finish", [
                "ceremony_id": ceremony, "name": "Phone",
                "credential": Self.credential(authenticator.credentialID, [
                    "clientDataJSON": Base64URL.encode(made.clientData), "attestationObject": Base64URL.encode(made.attestation),
                ]),
                "root_key_envelope": Base64URL.encode(envelope),
            ], cookie: browser.cookie)
            #expect(finished.status == .created)
            #expect(JSON.object(finished.body)["opens_root_key"] as? Bool == true)

            // P6: the PRF output and the root key never reach the server; the envelope is all it has.
            let rows = try await server.runtime.store.everyRowAsText().text.lowercased()
            for secret in [prfOutput, rootKey] {
                #expect(!rows.contains(secret.map { String(format: "%02x", $0) }.joined()))
                #expect(!rows.contains(Base64URL.encode(secret).lowercased()))
            }
            let audit = JSON.object(try await fixture.call(.owner, .get, "/api/v1/orgs/\(fixture.organizationID)/audit").body)["items"] as? [[String: Any]] ?? []
            #expect(audit.contains { $0["action"] as? String == "member.passkey_added" })

            // The password session reaches no more than `mfa`: asking for `phr` shows the sign-in page.
            let asked = browser.authorizeURI(extra: "&acr_values=phr")
            let page = try await browser.get(asked)
            #expect(page.status == .ok && String(buffer: page.body).contains("id=\"signin-form\""))

            // The passkey alone signs in and carries the envelope.
            let signInOptions = JSON.object(try await driver.post("/auth/passkeys/login/start", [:]).body)
            let signInKey = try #require(signInOptions["public_key"] as? [String: Any])
            #expect((signInKey["allowCredentials"] as? [Any])?.isEmpty == true)
            let assertion = authenticator.get(rpID: "localhost", origin: Self.issuer, challenge: try Self.bytes(signInKey["challenge"]))
            let signedIn = try await driver.post("/auth/passkeys/login/finish", [
                "ceremony_id": try #require(signInOptions["ceremony_id"] as? String),
                "credential": Self.credential(authenticator.credentialID, [
                    "clientDataJSON": Base64URL.encode(assertion.clientData), "authenticatorData": Base64URL.encode(assertion.data),
                    "signature": Base64URL.encode(assertion.signature),
                ]),
            ])
            #expect(signedIn.status == .ok)
            let body = JSON.object(signedIn.body)
            let returned = try #require((body["envelopes"] as? [[String: Any]])?.first)
            #expect(returned["kind"] as? String == "passkey")
            let opened = try KeyEnvelope.open(try Self.bytes(returned["envelope"]), kind: .passkey, lockSecret: prfOutput, userID: userID)
            #expect(opened == rootKey)
            let cookie = try #require(OPAQUEDriver.sessionCookie(signedIn))

            // With the passkey session the consent goes through and the ID token says so.
            let stepped = OAuthBrowserSession(client: client, cookie: cookie, clientID: browser.clientID)
            let consent = try await stepped.get(asked)
            #expect(consent.status == .ok && !String(buffer: consent.body).contains("id=\"signin-form\""))
            var form = OAuthBrowserSession.hiddenInputs(String(buffer: consent.body))
            form.append(("decision", "allow"))
            let answer = try await stepped.postForm("/oauth/consent", form)
            let location = try #require(answer.headers[.location])
            let code = try #require(OAuthBrowserSession.query(location)["code"])
            let tokens = try await stepped.token([
                ("grant_type", "authorization_code"), ("code", code), ("redirect_uri", OAuthBrowserSession.redirect),
                ("code_verifier", OAuthBrowserSession.verifier),
            ])
            let idToken = try #require(JSON.object(tokens.body)["id_token"] as? String)
            let payload = JSON.object(ByteBuffer(bytes: try Self.bytes(String(idToken.split(separator: ".")[1]))))
            #expect(payload["amr"] as? [String] == ["hwk", "mfa"])
            #expect(payload["acr"] as? String == "phr")

            let passkeyID = try #require(body["passkey_id"] as? String)
            let removed = try await driver.send("/auth/passkeys/\(passkeyID)", .delete, cookie: cookie)
            #expect(removed.status == .noContent)
            #expect((JSON.object(try await driver.send("/auth/passkeys", .get, cookie: cookie).body)["passkeys"] as? [Any])?.isEmpty == true)
            let audited = JSON.object(try await fixture.call(.owner, .get, "/api/v1/orgs/\(fixture.organizationID)/audit").body)["items"] as? [[String: Any]] ?? []
            #expect(audited.contains { $0["action"] as? String == "member.passkey_removed" })
        }
    }
}
