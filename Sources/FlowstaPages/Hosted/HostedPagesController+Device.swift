import FlowstaAccounts
import FlowstaCore
import FlowstaCrypto
import FlowstaHTTP
import FlowstaOAuth
import Foundation
import Hummingbird

/// The device page (RFC 8628 §3.3): a signed-in user types the code a device shows, sees the
/// app and what it asks for on the consent page (whose script adds the analytics id, as for any
/// sign-in), and allows or denies; the device's next poll gets the answer.
extension HostedPagesController {
    func addDeviceRoutes(_ group: RouterGroup<AppRequestContext>) {
        group.get("device", use: devicePage)
        group.post("device", use: deviceCode)
        group.post("device/decide", use: deviceDecide)
    }

    @Sendable func devicePage(_ request: Request, context: AppRequestContext) async throws -> Response {
        let typed = request.uri.queryParameters["user_code"].map(String.init) ?? ""
        // Only a well-formed code travels through the sign-in continuation.
        let code = UserCode.normalize(typed).map { String($0.prefix(4)) + "-" + String($0.dropFirst(4)) } ?? ""
        guard let session = context.session else {
            return signInPage(continue: code.isEmpty ? "/device" : "/device?user_code=" + code, appName: nil)
        }
        return pages.render(HostedPage.Device(csrf: csrf.token(for: session), userCode: code))
    }

    /// The typed code: the consent page of its app, or the form again with the reason.
    @Sendable func deviceCode(_ request: Request, context: AppRequestContext) async throws -> Response {
        let form = try await OAuthRequestParsing.bodyParameters(request)
        let (session, approval, typed): (AuthenticatedSession, DeviceApprovalRequest, String)
        switch try await resolveDevice(form, context) {
        case .page(let page): return page
        case .found(let found): (session, approval, typed) = found
        }
        let app = approval.client.app
        let scopes = approval.scope.sorted
        let code = UserCode.normalize(typed) ?? typed
        let base = HostedPage.AuthorizeForm(
            appName: app.name, username: session.user.username, csrf: csrf.token(for: session),
            parameters: [HostedPage.AuthorizeForm.Parameter(name: "user_code", value: code)], clientID: approval.client.clientID,
            month: mau.currentMonth().description, reauth: "/signin?continue=" + FormEncoding.encode("/device?user_code=" + code),
            scopeList: scopes.map(\.rawValue).joined(separator: " "), action: "/device/decide"
        )
        let links = HostedPage.Consent.Links(privacy: app.privacyURL.flatMap { $0.isEmpty ? nil : $0 }, terms: app.termsURL.flatMap { $0.isEmpty ? nil : $0 })
        return pages.render(HostedPage.Consent(
            title: "Connect \(app.name) on your device", base: base,
            scopes: scopes.filter { !$0.requiresExplicitConsent }.map { HostedPage.Consent.Scope(words: $0.plainWords) },
            email: scopes.first(where: \.requiresExplicitConsent).map { HostedPage.Consent.Scope(words: $0.plainWords) },
            links: app.privacyURL != nil || app.termsURL != nil ? links : nil
        ))
    }

    @Sendable func deviceDecide(_ request: Request, context: AppRequestContext) async throws -> Response {
        let form = try await OAuthRequestParsing.bodyParameters(request)
        let (session, approval, typed): (AuthenticatedSession, DeviceApprovalRequest, String)
        switch try await resolveDevice(form, context) {
        case .page(let page): return page
        case .found(let found): (session, approval, typed) = found
        }
        guard form["decision"] == "allow" else {
            try await oauth.denyDevice(approval)
            return pages.render(HostedPage.DeviceDone(title: "Not connected", message: "You said no: \(approval.client.app.name) on your device is not signed in."))
        }
        if approval.client.app.requiresSecondFactor, !(session.methods.isMultiFactor || session.methods.isPhishingResistant) {
            return pages.error(
                code: "second_factor_required",
                description: "\(approval.client.app.name) requires a sign-in with a second factor. Sign out, sign in with your second factor, and type the code again.",
                status: .forbidden
            )
        }
        var granted = approval.scope
        if granted.contains(.email), form["share_email"] != "yes" { granted = granted.subtracting(ScopeSet([.email])) }
        if let refusal = try await countActiveUser(
            form, app: approval.client.app, userID: session.user.id, back: { _ in "/account" }, formTargets: []
        ) {
            return refusal
        }
        guard try await oauth.approveDevice(approval, userID: session.user.id, authentication: session.authentication, granted: granted) else {
            return devicePageAgain(session, typed: typed, .unknown(attemptsLeft: 0))
        }
        return pages.render(HostedPage.DeviceDone(
            title: "Device connected", message: "\(approval.client.app.name) is signed in on your device. You can close this page and go back to it."
        ))
    }

    private enum DeviceLookup {
        /// The page to show instead (sign-in, a CSRF refusal, the form with why the code failed).
        case page(Response)
        case found((AuthenticatedSession, DeviceApprovalRequest, String))
    }

    /// The signed-in user, the CSRF token and the typed code's pending authorization.
    private func resolveDevice(_ form: OAuthParameters, _ context: AppRequestContext) async throws -> DeviceLookup {
        guard let session = context.session else { return .page(signInPage(continue: "/device", appName: nil)) }
        guard csrf.isValid(form["csrf_token"], for: session) else {
            return .page(pages.error(code: "invalid_csrf", description: "This form was not sent from this page. Reload it and try again.", status: .forbidden))
        }
        let typed = String((form["user_code"] ?? "").prefix(32))
        do {
            return .found((session, try await oauth.deviceRequest(userCode: typed, userID: session.user.id), typed))
        } catch let refusal as DeviceCodeRefusal {
            return .page(devicePageAgain(session, typed: typed, refusal))
        }
    }

    private func devicePageAgain(_ session: AuthenticatedSession, typed: String, _ refusal: DeviceCodeRefusal) -> Response {
        let message = switch refusal {
        case .unknown(let left): "This code is not valid (wrong, expired or answered already). Check your device: it shows the code to type. \(left) more tries."
        case .tooManyAttempts(let seconds): "Too many wrong codes. Try again in \(max(1, seconds / 60)) minute(s)."
        }
        return pages.render(HostedPage.Device(csrf: csrf.token(for: session), userCode: String(typed.prefix(32)), error: message), status: .badRequest)
    }
}
