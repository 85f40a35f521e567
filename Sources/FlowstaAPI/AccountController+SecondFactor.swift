import FlowstaAccounts
import FlowstaCore
import FlowstaHTTP
import Foundation
import Hummingbird

/// Second factors (issue #20): the sign-in's second step, and setting up an authenticator app
/// and backup codes from the account page.
extension AccountController {
    func addSecondFactorRoutes(public auth: RouterGroup<AppRequestContext>, signedIn me: RouterGroup<AuthenticatedRequestContext>) {
        auth.post("login/second-factor", use: loginSecondFactor)
        me.get("second-factors", use: getSecondFactors)
        me.post("totp", use: startTOTP)
        me.post("totp/confirm", use: confirmTOTP)
        me.delete("totp", use: deleteTOTP)
        me.post("backup-codes", use: regenerateBackupCodes)
    }

    /// The answer to a correct password (login finish): the session, or the request for a code.
    func signInStep(_ step: SignInStep) async throws -> Response {
        switch step {
        case .signedIn(let signIn):
            return try await signedInWithEnvelopes(signIn)
        case .secondFactorRequired(let token, let expiresAt, let passkeys):
            var response = try JSONResponse(value: SecondFactorChallengeResponse(
                loginToken: token, expiresAt: expiresAt, methods: ["totp", "backup_code"] + (passkeys ? ["passkey"] : [])
            )).build()
            response.headers[.cacheControl] = "no-store"
            return response
        }
    }

    /// A password sign-in's response: the account, the envelopes this sign-in's export key can
    /// open (docs/keys.md: Flowsta clients open the root key with them; other RFC 9807 clients
    /// ignore the field), the session cookie and a device token.
    func signedInWithEnvelopes(_ signIn: SignIn) async throws -> Response {
        let envelopes = try await accounts.signInEnvelopes(userID: signIn.profile.id)
        return withSignInCookies(try JSONResponse(value: SignInResponse(user: UserDTO(signIn.profile), envelopes: EnvelopeDTO.list(envelopes))).build(), signIn)
    }

    @Sendable func loginSecondFactor(_ request: Request, context: AppRequestContext) async throws -> Response {
        let body = try await JSONBody.decode(SecondFactorLoginRequest.self, from: request)
        let signIn = try await accounts.finishSecondFactor(loginToken: body.loginToken, proof: try body.proof())
        return try await signedInWithEnvelopes(signIn)
    }

    @Sendable func getSecondFactors(_ request: Request, context: AuthenticatedRequestContext) async throws -> Response {
        let status = try await accounts.secondFactorStatus(userID: context.session.user.id)
        return try JSONResponse(value: SecondFactorsResponse(status)).build()
    }

    @Sendable func startTOTP(_ request: Request, context: AuthenticatedRequestContext) async throws -> Response {
        let enrolment = try await accounts.startTOTPEnrolment(context.session)
        let qr = try QRCode(bytes: Array(enrolment.uri.utf8))
        var response = try JSONResponse(value: TOTPEnrolmentResponse(
            secret: enrolment.secret, otpauthURI: enrolment.uri, qrSVG: qr.svg(label: "QR code to add this account to an authenticator app")
        ), status: .created).build()
        response.headers[.cacheControl] = "no-store"
        return response
    }

    @Sendable func confirmTOTP(_ request: Request, context: AuthenticatedRequestContext) async throws -> Response {
        let body = try await JSONBody.decode(TOTPConfirmRequest.self, from: request)
        let codes = try await accounts.confirmTOTP(context.session, code: body.code)
        try await platform.recordSignInChange(userID: context.session.user.id, .secondFactorEnabled)
        return try backupCodes(codes)
    }

    @Sendable func deleteTOTP(_ request: Request, context: AuthenticatedRequestContext) async throws -> Response {
        if try await accounts.removeTOTP(context.session) {
            try await platform.recordSignInChange(userID: context.session.user.id, .secondFactorDisabled)
        }
        return Response(status: .noContent)
    }

    @Sendable func regenerateBackupCodes(_ request: Request, context: AuthenticatedRequestContext) async throws -> Response {
        try backupCodes(try await accounts.regenerateBackupCodes(context.session))
    }

    private func backupCodes(_ codes: [String]) throws -> Response {
        var response = try JSONResponse(value: BackupCodesResponse(backupCodes: codes)).build()
        response.headers[.cacheControl] = "no-store"
        return response
    }
}
