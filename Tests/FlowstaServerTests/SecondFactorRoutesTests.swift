import FlowstaCore
import FlowstaOAuth
import FlowstaAccounts
import FlowstaServer
import FlowstaTesting
import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

/// Issue #20 over HTTP: setting up an authenticator, the sign-in's code step, the documented
/// errors, and ID tokens that say how the user signed in — on SQLite and PostgreSQL.
@Suite struct SecondFactorRoutesTests {
    static func code(_ secret: String, at date: Date = Date()) -> String {
        String(format: "%06d", HummingbirdOneTimePasswords().code(secret: secret, at: date, digits: 6, period: 30))
    }

    /// Sets up and confirms an authenticator with the signed-in `cookie`; returns the secret and
    /// the backup codes.
    static func enrol(_ driver: OPAQUEDriver, cookie: String) async throws -> (secret: String, backupCodes: [String]) {
        let started = try await driver.post("/auth/totp", [:], cookie: cookie)
        #expect(started.status == .created)
        #expect(started.headers[.cacheControl] == "no-store")
        let body = JSON.object(started.body)
        let key = try #require(body["secret"] as? String)
        #expect((body["otpauth_uri"] as? String)?.hasPrefix("otpauth://totp/Flowsta:") == true)
        #expect((body["otpauth_uri"] as? String)?.contains("secret=\(key)&issuer=Flowsta") == true)
        let secret = try #require(AuthenticatorApp.secret(fromKey: key))
        #expect((body["qr_svg"] as? String)?.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\"") == true)
        let wrong = try await driver.post("/auth/totp/confirm", ["code": "12a456"], cookie: cookie)
        #expect(wrong.status == .badRequest && JSON.object(wrong.body)["error"] as? String == "invalid_code")
        let confirmed = try await driver.post("/auth/totp/confirm", ["code": code(secret)], cookie: cookie)
        #expect(confirmed.status == .ok)
        return (secret, try #require(JSON.object(confirmed.body)["backup_codes"] as? [String]))
    }

    @Test(arguments: DatabaseChoice.all)
    func signingInTakesACodeOnceAnAuthenticatorIsOn(database: DatabaseChoice) async throws {
        let server = try await TestServer(databaseURL: database.url)
        try await server.withRouter { client in
            let driver = OPAQUEDriver(client: client)
            let name = AccountRoutesTests.unique("tfa")
            try await driver.register(name, "pw of \(name)")
            let cookie = try #require(try await driver.login(name, "pw of \(name)").cookie)
            let off = JSON.object(try await driver.send("/auth/second-factors", .get, cookie: cookie).body)
            #expect((off["totp"] as? [String: Any])?["enabled"] as? Bool == false)
            let (secret, backupCodes) = try await Self.enrol(driver, cookie: cookie)
            #expect(backupCodes.count == 10)
            // The privacy scan: no row holds the key, its secret or a backup code, as text or hex.
            let rows = try await server.runtime.store.everyRowAsText().text.lowercased()
            for needle in [secret, TOTP.appKey(of: secret)] + backupCodes + backupCodes.map({ $0.replacingOccurrences(of: "-", with: "") }) {
                #expect(!rows.contains(needle.lowercased()) && !rows.contains(Array(needle.utf8).map { String(format: "%02x", $0) }.joined()))
            }
            let on = JSON.object(try await driver.send("/auth/second-factors", .get, cookie: cookie).body)
            #expect((on["totp"] as? [String: Any])?["enabled"] as? Bool == true)
            #expect(on["backup_codes_left"] as? Int == 10)
            let again = try await driver.post("/auth/totp", [:], cookie: cookie)
            #expect(again.status == .conflict && JSON.object(again.body)["error"] as? String == "second_factor_exists")

            // The password alone opens no session now.
            let (finish, none) = try await driver.login(name, "pw of \(name)")
            #expect(finish.status == .ok && none == nil)
            #expect(finish.headers[.cacheControl] == "no-store")
            let challenge = JSON.object(finish.body)
            #expect(challenge["second_factor_required"] as? Bool == true && challenge["user"] == nil)
            let token = try #require(challenge["login_token"] as? String)

            for bad: [String: Any] in [["login_token": token], ["login_token": token, "code": "1", "backup_code": "2"], ["code": "123456"]] {
                let response = try await driver.post("/auth/login/second-factor", bad)
                #expect(response.status == .badRequest)
                #expect(JSON.object(response.body)["error"] as? String == "invalid_request")
            }
            let wrong = try await driver.post("/auth/login/second-factor", ["login_token": token, "backup_code": "00000-00000"])
            #expect(wrong.status == .badRequest && wrong.headers[.cacheControl] == "no-store")
            #expect(JSON.object(wrong.body)["error"] as? String == "invalid_code")
            #expect(JSON.object(wrong.body)["attempts_left"] as? Int == 4)
            let signedIn = try await driver.post("/auth/login/second-factor", ["login_token": token, "backup_code": backupCodes[3].uppercased()])
            #expect(signedIn.status == .ok)
            let session = try #require(OPAQUEDriver.sessionCookie(signedIn))
            #expect((JSON.object(signedIn.body)["user"] as? [String: Any])?["username"] as? String == name)
            #expect(try await driver.send("/auth/me", .get, cookie: session).status == .ok)
            let spent = try await driver.post("/auth/login/second-factor", ["login_token": token, "code": Self.code(secret)])
            #expect(spent.status == .badRequest && JSON.object(spent.body)["error"] as? String == "invalid_login")

            let removed = try await driver.send("/auth/totp", .delete, cookie: session)
            #expect(removed.status == .noContent)
            #expect(try await driver.login(name, "pw of \(name)").cookie != nil)
            let nothing = try await driver.send("/auth/totp", .delete, cookie: session)
            #expect(nothing.status == .conflict && JSON.object(nothing.body)["error"] as? String == "no_second_factor")
        }
    }

    /// P6: neither the authenticator's secret nor a backup code is stored in clear.
    @Test func theSecretAndBackupCodesAreNotStoredInClear() async throws {
        let server = try await TestServer()
        let (secret, codes) = try await server.withRouter { client in
            let driver = OPAQUEDriver(client: client)
            try await driver.register("priv", "pw of priv")
            let cookie = try #require(try await driver.login("priv", "pw of priv").cookie)
            return try await Self.enrol(driver, cookie: cookie)
        }
        let key = TOTP.appKey(of: secret)
        let stored = Data(try server.dataDirectoryBytes())
        for needle in [secret, key] + codes + codes.map({ $0.replacingOccurrences(of: "-", with: "") }) {
            #expect(stored.range(of: Data(needle.utf8)) == nil, "\(needle.prefix(4))… found in the data directory")
        }
    }

    /// ID tokens carry `amr`/`acr`; `acr_values` makes a user with a second factor sign in again.
    @Test(arguments: DatabaseChoice.all)
    func acrValuesMakeTheUserStepUp(database: DatabaseChoice) async throws {
        let server = try await TestServer(databaseURL: database.url)
        try await server.withRouter { client in
            var (browser, fixture) = try await OAuthBrowserSession.make(server, client)
            let name = try #require(fixture.usernames[.member])
            let driver = OPAQUEDriver(client: client)
            let (secret, _) = try await Self.enrol(driver, cookie: browser.cookie)
            // The session was opened by the password alone: asking for two factors shows the sign-in page.
            let asked = browser.authorizeURI(extra: "&acr_values=" + FormEncoding.encode("urn:flowsta:acr:mfa"))
            let page = try await browser.get(asked)
            #expect(page.status == .ok && String(buffer: page.body).contains("id=\"signin-form\""))
            let silent = try await browser.get(asked + "&prompt=none")
            #expect(silent.status == .found)
            #expect(OAuthBrowserSession.query(silent.headers[.location] ?? "")["error"] == "login_required")

            // Password and code: the session reaches the class; the consent goes through.
            let (finish, _) = try await driver.login(name, "pw \(name)")
            let token = try #require(JSON.object(finish.body)["login_token"] as? String)
            let step = try await driver.post("/auth/login/second-factor", ["login_token": token, "code": Self.code(secret, at: Date().addingTimeInterval(30))])
            #expect(step.status == .ok)
            let stepped = try #require(OPAQUEDriver.sessionCookie(step))
            browser = OAuthBrowserSession(client: client, cookie: stepped, clientID: browser.clientID)
            let consent = try await browser.get(asked)
            #expect(consent.status == .ok && !String(buffer: consent.body).contains("id=\"signin-form\""))
            var form = OAuthBrowserSession.hiddenInputs(String(buffer: consent.body))
            form.append(("decision", "allow"))
            let answer = try await browser.postForm("/oauth/consent", form)
            let location = try #require(answer.headers[.location])
            let code = try #require(OAuthBrowserSession.query(location)["code"])
            let tokens = try await browser.token([
                ("grant_type", "authorization_code"), ("code", code), ("redirect_uri", OAuthBrowserSession.redirect),
                ("code_verifier", OAuthBrowserSession.verifier),
            ])
            #expect(tokens.status == .ok)
            let idToken = try #require(JSON.object(tokens.body)["id_token"] as? String)
            let claims = try #require(Base64URL.decode(String(idToken.split(separator: ".")[1])))
            let payload = JSON.object(ByteBuffer(bytes: claims))
            #expect(payload["amr"] as? [String] == ["pwd", "otp", "mfa"])
            #expect(payload["acr"] as? String == "urn:flowsta:acr:mfa")

        }
    }
}

/// The app setting "require a second factor": users without one are sent to set one up; users
/// with one sign in with it; the management API shows and changes the setting.
@Suite struct AppSecondFactorSettingTests {
    @Test(arguments: DatabaseChoice.all)
    func anAppCanRequireASecondFactor(database: DatabaseChoice) async throws {
        let server = try await TestServer(databaseURL: database.url)
        try await server.withRouter { client in
            let (browser, fixture) = try await OAuthBrowserSession.make(server, client)
            let apps = try await fixture.call(.owner, .get, "/api/v1/orgs/\(fixture.organizationID)/apps")
            let listed = try #require((JSON.object(apps.body)["items"] as? [[String: Any]])?.first { $0["client_id"] as? String == browser.clientID })
            #expect(listed["require_second_factor"] as? Bool == false)
            let appID = try #require(listed["id"] as? String)
            let bad = try await fixture.call(.owner, .patch, "/api/v1/orgs/\(fixture.organizationID)/apps/\(appID)", ["require_second_factor": "yes"])
            #expect(bad.status == .badRequest)
            let patched = try await fixture.call(.owner, .patch, "/api/v1/orgs/\(fixture.organizationID)/apps/\(appID)", ["require_second_factor": true])
            #expect(patched.status == .ok && JSON.object(patched.body)["require_second_factor"] as? Bool == true)

            // A user without a second factor is refused, with the way to set one up.
            let refused = try await browser.get(browser.authorizeURI())
            #expect(refused.status == .forbidden && String(buffer: refused.body).contains("second_factor_required"))
            // With one, the password-only session must sign in again; with the code it goes through.
            let driver = OPAQUEDriver(client: client)
            let (secret, _) = try await SecondFactorRoutesTests.enrol(driver, cookie: browser.cookie)
            let again = try await browser.get(browser.authorizeURI())
            #expect(again.status == .ok && String(buffer: again.body).contains("id=\"signin-form\""))
            let name = try #require(fixture.usernames[.member])
            let (finish, _) = try await driver.login(name, "pw \(name)")
            let token = try #require(JSON.object(finish.body)["login_token"] as? String)
            let step = try await driver.post("/auth/login/second-factor", [
                "login_token": token, "code": SecondFactorRoutesTests.code(secret, at: Date().addingTimeInterval(30)),
            ])
            let cookie = try #require(OPAQUEDriver.sessionCookie(step))
            let stepped = OAuthBrowserSession(client: client, cookie: cookie, clientID: browser.clientID)
            let consent = try await stepped.get(stepped.authorizeURI())
            #expect(consent.status == .ok && String(buffer: consent.body).contains("decision"))
            // The consent form cannot be answered by a session that does not meet the setting,
            // even with that session's own CSRF token (taken from its account page).
            let account = String(buffer: try await browser.get("/account").body)
            let weakCSRF = try #require(OAuthBrowserSession.hiddenInputs(account).first { $0.0 == "csrf_token" }?.1)
            var form = OAuthBrowserSession.hiddenInputs(String(buffer: consent.body)).map { $0.0 == "csrf_token" ? ($0.0, weakCSRF) : $0 }
            form.append(("decision", "allow"))
            let weak = try await browser.postForm("/oauth/consent", form)
            #expect(weak.status == .forbidden && String(buffer: weak.body).contains("login_required"))
        }
    }
}

/// The organization policy over HTTP, on SQLite and PostgreSQL (who has a second factor is read
/// from the store): owners require it, members without one are refused, the audit log shows it.
@Suite struct OrganizationSecondFactorPolicyTests {
    @Test(arguments: DatabaseChoice.all)
    func ownersRequireASecondFactorOfEveryMember(database: DatabaseChoice) async throws {
        let server = try await TestServer(databaseURL: database.url)
        try await server.withRouter { client in
            let fixture = try await ManagementFixture.make(server, client)
            let org = "/api/v1/orgs/\(fixture.organizationID)"
            let locked = try await fixture.call(.owner, .patch, org, ["require_second_factor": true])
            #expect(locked.status == .conflict, "an owner without a second factor would lock themselves out")
            let driver = OPAQUEDriver(client: client)
            _ = try await SecondFactorRoutesTests.enrol(driver, cookie: try #require(fixture.cookies[.owner]))
            let on = try await fixture.call(.owner, .patch, org, ["require_second_factor": true])
            #expect(on.status == .ok && JSON.object(on.body)["require_second_factor"] as? Bool == true)

            let refused = try await fixture.call(.member, .get, org + "/apps")
            #expect(refused.status == .forbidden && JSON.object(refused.body)["error"] as? String == "second_factor_required")
            #expect(try await fixture.call(.key, .get, org + "/apps").status == .ok, "API keys are not members")
            let members = JSON.object(try await fixture.call(.owner, .get, org + "/members").body)["items"] as? [[String: Any]] ?? []
            let flagged = members.filter { $0["second_factor"] as? Bool == true }.compactMap { $0["user_id"] as? String }
            #expect(flagged == [fixture.userIDs[.owner]!.uuidString.lowercased()])
            let audit = JSON.object(try await fixture.call(.owner, .get, org + "/audit").body)["items"] as? [[String: Any]] ?? []
            let actions = audit.compactMap { $0["action"] as? String }
            #expect(actions.contains("member.second_factor_enabled") && actions.contains("organization.second_factor_required"))
        }
    }
}
