import FlowstaCore
import FlowstaHTTP
import FlowstaAccounts
import FlowstaCrypto
import Foundation
import Hummingbird

/// `/auth/keys`, `/auth/password`, `/auth/recovery…`, `/auth/password-reset…`, `/auth/email/…`
/// and `/auth/sessions` (issue #16): the user's root key held in envelopes, password change that
/// keeps everything, recovery with the recovery code, reset through the verified address,
/// verified email, and the user's sessions.
extension AccountController {
    func addKeyRoutes(public auth: RouterGroup<AppRequestContext>, signedIn me: RouterGroup<AuthenticatedRequestContext>) {
        auth.post("recovery/start", use: recoveryStart)
        auth.post("recovery/finish", use: recoveryFinish)
        auth.post("recovery/complete", use: recoveryComplete)
        auth.post("password-reset", use: passwordReset)
        auth.post("password-reset/start", use: passwordResetStart)
        auth.post("password-reset/complete", use: passwordResetComplete)
        auth.post("email/verify", use: verifyEmail)

        me.get("keys", use: getKeys)
        me.post("keys", use: postKeys)
        me.post("keys/unlock/start", use: unlockStart)
        me.post("keys/unlock/finish", use: unlockFinish)
        me.post("recovery/register/start", use: recoveryRegisterStart)
        me.put("recovery", use: putRecovery)
        me.post("password", use: changePassword)
        me.post("email/verification", use: requestVerification)
        me.get("sessions", use: listSessions)
        me.delete("sessions", use: endOtherSessions)
        me.delete("sessions/:id", use: endSession)
    }

    @Sendable func getKeys(_ request: Request, context: AuthenticatedRequestContext) async throws -> some ResponseGenerator {
        JSONResponse(value: KindsResponse(kinds: try await accounts.keyKinds(context.session)))
    }

    @Sendable func unlockStart(_ request: Request, context: AuthenticatedRequestContext) async throws -> Response {
        let body = try await JSONBody.decode(UnlockStartRequest.self, from: request)
        let (unlockID, ke2) = try await accounts.unlockStart(
            context.session, lock: try Self.unlockLock(body.lock), ke1: body.ke1, clientAddress: addresses.throttleKey(peer: context.peer, headers: request.headers)
        )
        return try Self.noStore(UnlockStartResponse(unlockID: unlockID, ke2: ke2))
    }

    @Sendable func unlockFinish(_ request: Request, context: AuthenticatedRequestContext) async throws -> Response {
        let body = try await JSONBody.decode(UnlockFinishRequest.self, from: request)
        let lock = try Self.unlockLock(body.lock)
        let envelope = try await accounts.unlockFinish(context.session, lock: lock, unlockID: body.unlockID, ke3: body.ke3)
        return try Self.noStore(UnlockFinishResponse(envelopes: EnvelopeDTO.list([lock: envelope])))
    }

    @Sendable func postKeys(_ request: Request, context: AuthenticatedRequestContext) async throws -> some ResponseGenerator {
        let body = try await JSONBody.decode(KeySetupRequest.self, from: request)
        let input = KeySetupInput(
            envelopes: try EnvelopeDTO.dictionary(body.envelopes),
            recovery: body.recovery.map { ($0.registrationRecord, $0.envelope) }
        )
        return JSONResponse(value: KindsResponse(kinds: try await accounts.setUpRootKey(context.session, input)), status: .created)
    }

    @Sendable func recoveryRegisterStart(_ request: Request, context: AuthenticatedRequestContext) async throws -> some ResponseGenerator {
        let body = try await JSONBody.decode(RegistrationRequestBody.self, from: request)
        return JSONResponse(value: RegisterStartResponse(registrationResponse: try accounts.recoveryRegistrationStart(context.session, request: body.registrationRequest)))
    }

    @Sendable func putRecovery(_ request: Request, context: AuthenticatedRequestContext) async throws -> Response {
        let body = try await JSONBody.decode(RecoveryLockBody.self, from: request)
        try await accounts.replaceRecovery(context.session, registrationRecord: body.registrationRecord, envelope: body.envelope)
        return Response(status: .noContent)
    }

    @Sendable func changePassword(_ request: Request, context: AuthenticatedRequestContext) async throws -> some ResponseGenerator {
        let body = try await JSONBody.decode(PasswordChangeBody.self, from: request)
        let profile = try await accounts.changePassword(context.session, registrationRecord: body.registrationRecord, envelope: body.envelope)
        // No app keeps a token issued under the old password.
        try await oauth.revokeAllGrants(userID: profile.id)
        return JSONResponse(value: UserEnvelope(user: UserDTO(profile)))
    }

    @Sendable func recoveryStart(_ request: Request, context: AppRequestContext) async throws -> some ResponseGenerator {
        let body = try await JSONBody.decode(LoginStartRequest.self, from: request)
        let (loginID, ke2) = try await accounts.recoveryStart(
            username: body.username, ke1: body.ke1, clientAddress: addresses.throttleKey(peer: context.peer, headers: request.headers),
            deviceToken: cookies.value(SessionCookies.device, in: request)
        )
        return JSONResponse(value: LoginStartResponse(loginID: loginID, ke2: ke2))
    }

    @Sendable func recoveryFinish(_ request: Request, context: AppRequestContext) async throws -> Response {
        let body = try await JSONBody.decode(RecoveryFinishBody.self, from: request)
        let proof = try await accounts.recoveryFinish(loginID: body.loginID, ke3: body.ke3, registrationRequest: body.registrationRequest)
        var response = try JSONResponse(value: RecoveryFinishResponse(
            recoveryToken: proof.recoveryToken, registrationResponse: proof.registrationResponse, userID: proof.userID.uuidString.lowercased(),
            envelopes: EnvelopeDTO.list(proof.envelopes), secondFactorRequired: proof.secondFactorRequired
        )).build()
        response.headers[.cacheControl] = "no-store"
        return response
    }

    @Sendable func recoveryComplete(_ request: Request, context: AppRequestContext) async throws -> Response {
        let body = try await JSONBody.decode(RecoveryCompleteBody.self, from: request)
        let signIn = try await accounts.recoveryComplete(
            recoveryToken: body.recoveryToken, registrationRecord: body.registrationRecord, envelope: body.envelope,
            secondFactor: try body.secondFactor?.proof()
        )
        try await oauth.revokeAllGrants(userID: signIn.profile.id)
        return try signedIn(signIn)
    }

    @Sendable func passwordReset(_ request: Request, context: AppRequestContext) async throws -> Response {
        let body = try await JSONBody.decode(PasswordResetBody.self, from: request)
        try await accounts.requestPasswordReset(email: body.email)
        return try JSONResponse(value: EmptyObject(), status: .accepted).build()
    }

    @Sendable func passwordResetStart(_ request: Request, context: AppRequestContext) async throws -> Response {
        let body = try await JSONBody.decode(ResetStartBody.self, from: request)
        let start = try await accounts.resetStart(
            token: body.token, registrationRequest: body.registrationRequest, recoveryRegistrationRequest: body.recoveryRegistrationRequest
        )
        var response = try JSONResponse(value: ResetStartResponse(
            registrationResponse: start.registrationResponse, recoveryRegistrationResponse: start.recoveryRegistrationResponse,
            userID: start.userID.uuidString.lowercased(), username: start.username, secondFactorRequired: start.secondFactorRequired
        )).build()
        response.headers[.cacheControl] = "no-store"
        return response
    }

    @Sendable func passwordResetComplete(_ request: Request, context: AppRequestContext) async throws -> Response {
        let body = try await JSONBody.decode(ResetCompleteBody.self, from: request)
        let signIn = try await accounts.resetComplete(ResetInput(
            token: body.token, registrationRecord: body.registrationRecord, envelope: body.envelope,
            recovery: body.recovery.map { ($0.registrationRecord, $0.envelope) }, secondFactor: try body.secondFactor?.proof()
        ))
        try await oauth.revokeAllGrants(userID: signIn.profile.id)
        return try signedIn(signIn)
    }

    @Sendable func verifyEmail(_ request: Request, context: AppRequestContext) async throws -> some ResponseGenerator {
        let body = try await JSONBody.decode(TokenBody.self, from: request)
        return JSONResponse(value: UserEnvelope(user: UserDTO(try await accounts.verifyEmail(token: body.token))))
    }

    @Sendable func requestVerification(_ request: Request, context: AuthenticatedRequestContext) async throws -> Response {
        try await accounts.requestEmailVerification(context.session)
        return try JSONResponse(value: EmptyObject(), status: .accepted).build()
    }

    @Sendable func listSessions(_ request: Request, context: AuthenticatedRequestContext) async throws -> some ResponseGenerator {
        JSONResponse(value: SessionList(items: try await accounts.sessions(context.session).map(SessionDTO.init)))
    }

    @Sendable func endOtherSessions(_ request: Request, context: AuthenticatedRequestContext) async throws -> Response {
        try await accounts.endOtherSessions(context.session)
        return Response(status: .noContent)
    }

    @Sendable func endSession(_ request: Request, context: AuthenticatedRequestContext) async throws -> Response {
        let id = context.parameters.get("id") ?? ""
        var response = Response(status: .noContent)
        if try await accounts.endSession(context.session, id: id) { response.setCookie(cookies.expired()) }
        return response
    }

    /// The response of a recovery or a reset: the account, a session cookie and a device token.
    func signedIn(_ signIn: SignIn) throws -> Response {
        withSignInCookies(try JSONResponse(value: UserEnvelope(user: UserDTO(signIn.profile))).build(), signIn)
    }

    /// `response` with the sign-in's session cookie and device token.
    func withSignInCookies(_ response: Response, _ signIn: SignIn) -> Response {
        var response = response
        response.setCookie(cookies.session(signIn.sessionToken, expires: signIn.expiresAt, now: time.now))
        response.setCookie(cookies.cookie(SessionCookies.device, value: signIn.deviceToken, maxAge: SessionCookies.deviceLifetime))
        return response
    }
}
