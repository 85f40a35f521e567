import FlowstaAccounts
import FlowstaCore
import FlowstaCrypto
import FlowstaHTTP
import Foundation
import Hummingbird

/// Passkeys (issue #20): adding, listing, renaming and removing them from the account page,
/// signing in with one alone, and using one as the second step of a password sign-in.
extension AccountController {
    func addPasskeyRoutes(public auth: RouterGroup<AppRequestContext>, signedIn me: RouterGroup<AuthenticatedRequestContext>) {
        auth.post("passkeys/login/start", use: passkeyLoginStart)
        auth.post("passkeys/login/finish", use: passkeyLoginFinish)
        auth.post("login/second-factor/passkey", use: passkeySecondFactorStart)
        me.post("passkeys/register/start", use: passkeyRegisterStart)
        me.post("passkeys/register/finish", use: passkeyRegisterFinish)
        me.get("passkeys", use: listPasskeys)
        me.patch("passkeys/:id", use: renamePasskey)
        me.delete("passkeys/:id", use: deletePasskey)
        me.put("passkeys/:id/envelope", use: putPasskeyEnvelope)
    }

    @Sendable func passkeyRegisterStart(_ request: Request, context: AuthenticatedRequestContext) async throws -> Response {
        let options = try await accounts.startPasskeyRegistration(context.session)
        return try Self.noStore(Self.ceremony(options))
    }

    @Sendable func passkeyRegisterFinish(_ request: Request, context: AuthenticatedRequestContext) async throws -> Response {
        let body = try await JSONBody.decode(PasskeyRegistrationBody.self, from: request)
        _ = try body.credential.credentialID()
        let passkey = try await accounts.finishPasskeyRegistration(
            context.session, ceremonyID: body.ceremonyID,
            clientDataJSON: try CredentialJSON.bytes(body.credential.response.clientDataJSON, "credential.response.clientDataJSON"),
            attestationObject: try CredentialJSON.bytes(body.credential.response.attestationObject, "credential.response.attestationObject"),
            name: body.name, rootKeyEnvelope: body.rootKeyEnvelope
        )
        try await platform.recordSignInChange(userID: context.session.user.id, .passkeyAdded)
        return try JSONResponse(value: PasskeyDTO(passkey), status: .created).build()
    }

    @Sendable func listPasskeys(_ request: Request, context: AuthenticatedRequestContext) async throws -> Response {
        try JSONResponse(value: PasskeyListResponse(passkeys: try await accounts.passkeys(context.session).map(PasskeyDTO.init))).build()
    }

    @Sendable func renamePasskey(_ request: Request, context: AuthenticatedRequestContext) async throws -> Response {
        let body = try await JSONBody.decode(PasskeyRenameBody.self, from: request)
        let id = try Self.passkeyID(context)
        try await accounts.renamePasskey(context.session, id: id, to: body.name)
        guard let passkey = try await accounts.passkeys(context.session).first(where: { $0.id == id }) else { throw AccountError.passkeyNotFound }
        return try JSONResponse(value: PasskeyDTO(passkey)).build()
    }

    @Sendable func deletePasskey(_ request: Request, context: AuthenticatedRequestContext) async throws -> Response {
        try await accounts.removePasskey(context.session, id: try Self.passkeyID(context))
        try await platform.recordSignInChange(userID: context.session.user.id, .passkeyRemoved)
        return Response(status: .noContent)
    }

    @Sendable func putPasskeyEnvelope(_ request: Request, context: AuthenticatedRequestContext) async throws -> Response {
        let body = try await JSONBody.decode(PasskeyEnvelopeBody.self, from: request)
        try await accounts.setPasskeyEnvelope(context.session, id: try Self.passkeyID(context), envelope: body.envelope)
        return Response(status: .noContent)
    }

    @Sendable func passkeyLoginStart(_ request: Request, context: AppRequestContext) async throws -> Response {
        let options = try await accounts.startPasskeySignIn(clientAddress: addresses.throttleKey(peer: context.peer, headers: request.headers))
        return try Self.noStore(Self.ceremony(options))
    }

    @Sendable func passkeyLoginFinish(_ request: Request, context: AppRequestContext) async throws -> Response {
        let body = try await JSONBody.decode(PasskeyAssertionBody.self, from: request)
        let signedIn = try await accounts.finishPasskeySignIn(try body.assertion())
        // The passkey's envelope, and the `legacy-vault` one (sealed under the root key) it leads to.
        var envelopes: [KeyEnvelope.Kind: [UInt8]] = [:]
        if let envelope = signedIn.rootKeyEnvelope {
            envelopes[.passkey] = envelope
            envelopes[.legacyVault] = try await accounts.signInEnvelopes(userID: signedIn.signIn.profile.id)[.legacyVault]
        }
        return withSignInCookies(try JSONResponse(value: PasskeySignInResponse(
            user: UserDTO(signedIn.signIn.profile), passkeyID: signedIn.passkeyID, envelopes: EnvelopeDTO.list(envelopes)
        )).build(), signedIn.signIn)
    }

    @Sendable func passkeySecondFactorStart(_ request: Request, context: AppRequestContext) async throws -> Response {
        let body = try await JSONBody.decode(LoginTokenBody.self, from: request)
        return try Self.noStore(Self.ceremony(try await accounts.startPasskeySecondFactor(loginToken: body.loginToken)))
    }

    static func passkeyID(_ context: AuthenticatedRequestContext) throws -> UUID {
        guard let raw = context.parameters.get("id"), let id = UUID(uuidString: raw) else { throw AccountError.passkeyNotFound }
        return id
    }

    static func noStore(_ value: some Encodable) throws -> Response {
        var response = try JSONResponse(value: value).build()
        response.headers[.cacheControl] = "no-store"
        return response
    }
}
