import FlowstaCore
import FlowstaHTTP
import FlowstaAccounts
import FlowstaOAuth
import FlowstaPlatform
import Foundation
import Hummingbird

/// `/auth/...`: OPAQUE registration and login (DESIGN §4), the session and the profile.
struct AccountController {
    let accounts: AccountService
    let platform: PlatformService
    let oauth: OAuthProvider
    let cookies: SessionCookies
    let addresses: ClientAddressResolver
    let time: any TimeSource

    func addRoutes(to router: Router<AppRequestContext>) {
        let auth = router.group("auth").add(middleware: SessionMiddleware(accounts: accounts, cookies: cookies))
        auth.get("signup-challenge", use: signupChallenge)
        auth.post("opaque/register/start", use: registerStart)
        auth.post("opaque/register/finish", use: registerFinish)
        auth.post("opaque/login/start", use: loginStart)
        auth.post("opaque/login/finish", use: loginFinish)

        let me = auth.group(context: AuthenticatedRequestContext.self)
        me.get("me", use: getMe)
        me.patch("me", use: patchMe)
        me.delete("me", use: deleteMe)
        me.post("logout", use: logout)
        addKeyRoutes(public: auth, signedIn: me)
        addSecondFactorRoutes(public: auth, signedIn: me)
        addPasskeyRoutes(public: auth, signedIn: me)
        addSigningKeyRoutes(signedIn: me)
        addDeviceKeyRoutes(public: auth, signedIn: me)
        addPictureRoutes(public: auth, signedIn: me)
    }

    /// A fresh sign-up challenge (stateless; solving it is the client's work).
    @Sendable func signupChallenge(_ request: Request, context: AppRequestContext) async throws -> Response {
        let issued = accounts.signupChallenges.issue()
        var response = try JSONResponse(value: SignupChallengeResponse(
            challenge: issued.challenge, difficulty: issued.difficulty, expiresAt: issued.expiresAt
        )).build()
        response.headers[.cacheControl] = "no-store"
        return response
    }

    @Sendable func registerStart(_ request: Request, context: AppRequestContext) async throws -> some ResponseGenerator {
        let body = try await JSONBody.decode(RegisterStartRequest.self, from: request)
        let response = try await accounts.registrationStart(username: body.username, request: body.registrationRequest, session: context.session)
        return JSONResponse(value: RegisterStartResponse(registrationResponse: response))
    }

    @Sendable func registerFinish(_ request: Request, context: AppRequestContext) async throws -> some ResponseGenerator {
        let body = try await JSONBody.decode(RegisterFinishRequest.self, from: request)
        let input = RegistrationInput(
            username: body.username, registrationRecord: body.registrationRecord,
            displayName: body.displayName, email: body.email, agentPublicKey: body.agentPubKey, agentPublicKeySignature: body.agentPubKeySignature,
            signupProof: body.signupProof.map { SignupProof(challenge: $0.challenge, nonce: $0.nonce) }
        )
        let (profile, created) = try await accounts.registrationFinish(input, session: context.session)
        if !created {
            // A password change: no app keeps a token issued under the old password.
            try await oauth.revokeAllGrants(userID: profile.id)
        }
        return JSONResponse(value: UserEnvelope(user: UserDTO(profile)), status: created ? .created : .ok)
    }

    @Sendable func loginStart(_ request: Request, context: AppRequestContext) async throws -> some ResponseGenerator {
        let body = try await JSONBody.decode(LoginStartRequest.self, from: request)
        let (loginID, ke2) = try await accounts.loginStart(
            username: body.username, ke1: body.ke1, clientAddress: addresses.throttleKey(peer: context.peer, headers: request.headers),
            deviceToken: cookies.value(SessionCookies.device, in: request)
        )
        return JSONResponse(value: LoginStartResponse(loginID: loginID, ke2: ke2))
    }

    @Sendable func loginFinish(_ request: Request, context: AppRequestContext) async throws -> Response {
        let body = try await JSONBody.decode(LoginFinishRequest.self, from: request)
        return try await signInStep(try await accounts.loginFinish(loginID: body.loginID, ke3: body.ke3))
    }

    @Sendable func getMe(_ request: Request, context: AuthenticatedRequestContext) async throws -> some ResponseGenerator {
        JSONResponse(value: UserEnvelope(user: UserDTO(try accounts.profile(of: context.session.user))))
    }

    @Sendable func patchMe(_ request: Request, context: AuthenticatedRequestContext) async throws -> some ResponseGenerator {
        let body = try await JSONBody.decode(ProfilePatchRequest.self, from: request)
        let profile = try await accounts.update(context.session, with: body.update)
        return JSONResponse(value: UserEnvelope(user: UserDTO(profile)))
    }

    /// Deletes the account. Organizations the user alone owns are deleted with it (deactivated at
    /// once and purged after 30 days, as when an owner deletes one), so none is left running
    /// without anyone to manage it.
    @Sendable func deleteMe(_ request: Request, context: AuthenticatedRequestContext) async throws -> Response {
        let userID = context.session.user.id
        try accounts.requireFreshSignIn(context.session)
        for organization in try await platform.organizationsSolelyOwned(by: userID) {
            _ = try await platform.deleteOrganization(.user(userID), organization.id)
        }
        try await accounts.deleteAccount(context.session)
        var response = Response(status: .noContent)
        response.setCookie(cookies.expired())
        return response
    }

    @Sendable func logout(_ request: Request, context: AuthenticatedRequestContext) async throws -> Response {
        try await accounts.logout(context.session)
        var response = Response(status: .noContent)
        response.setCookie(cookies.expired())
        return response
    }
}
