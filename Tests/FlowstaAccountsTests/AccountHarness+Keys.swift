import FlowstaAccounts
import FlowstaCore
import FlowstaCrypto
import FlowstaTesting
import Foundation

/// The Flowsta client's side of the root key (docs/keys.md), played against the engine.
extension AccountHarness {
    struct Account {
        var profile: UserProfile
        var rootKey: RootKey
        var recoveryCode: RecoveryCode
        var session: AuthenticatedSession
    }

    /// Sign-in with the export key the client computed.
    func loginWithKey(_ username: String, _ password: String) async throws -> (signIn: SignIn, exportKey: [UInt8]) {
        let (ke1, state) = try client.startLogin(password: Array(password.utf8))
        let (loginID, ke2) = try await service.loginStart(username: username, ke1: Base64URL.encode(ke1.bytes), clientAddress: nil)
        let (ke3, _, exportKey) = try client.finishLogin(state: state, ke2: KE2(bytes: Base64URL.decode(ke2)!))
        guard let signIn = try await service.loginFinish(loginID: loginID, ke3: Base64URL.encode(ke3.bytes)).signIn else {
            throw AccountError.secondFactorRequired
        }
        return (signIn, exportKey)
    }

    /// Registration request/record for `password` against a server answer.
    func registration(_ password: String, respond: (String) async throws -> String) async throws -> (record: String, exportKey: [UInt8]) {
        let (request, state) = try client.startRegistration(password: Array(password.utf8))
        let response = try await respond(Base64URL.encode(request.bytes))
        let (record, exportKey) = try client.finishRegistration(state: state, response: RegistrationResponse(bytes: Base64URL.decode(response)!))
        return (Base64URL.encode(record.bytes), exportKey)
    }

    func seal(_ key: [UInt8], _ kind: KeyEnvelope.Kind, _ secret: [UInt8], _ userID: UUID) throws -> String {
        Base64URL.encode(try KeyEnvelope.seal(key, kind: kind, lockSecret: secret, userID: userID))
    }

    /// What the sign-up page does: register, sign in, make a root key and a recovery code, store
    /// both envelopes.
    func signUp(_ username: String, _ password: String, email: String? = nil) async throws -> Account {
        try await register(username, password, email: email)
        let (signIn, exportKey) = try await loginWithKey(username, password)
        let session = try await service.authenticate(sessionToken: signIn.sessionToken)
        let rootKey = RootKey.generate()
        let code = RecoveryCode.generate()
        let recovery = try await registration(code.normalized) { try service.recoveryRegistrationStart(session, request: $0) }
        let id = signIn.profile.id
        _ = try await service.setUpRootKey(session, KeySetupInput(
            envelopes: [.password: try seal(rootKey.bytes, .password, exportKey, id)],
            recovery: (recovery.record, try seal(rootKey.bytes, .recovery, recovery.exportKey, id))
        ))
        return Account(profile: signIn.profile, rootKey: rootKey, recoveryCode: code, session: session)
    }

    /// Signs in and opens the root key from the password envelope.
    func openRootKey(_ username: String, _ password: String) async throws -> (signIn: SignIn, rootKey: [UInt8]) {
        let (signIn, exportKey) = try await loginWithKey(username, password)
        let envelope = try requireValue(try await service.signInEnvelopes(userID: signIn.profile.id)[.password])
        return (signIn, try KeyEnvelope.open(envelope, kind: .password, lockSecret: exportKey, userID: signIn.profile.id))
    }

    /// The `#token=` of the last mail to `address` with `subject` in its subject.
    func mailedToken(to address: String, subject: String) throws -> String {
        let message = try requireValue(mail.messages.last { $0.to == address && $0.subject.contains(subject) })
        let marker = "#token="
        let start = try requireValue(message.text.range(of: marker)).upperBound
        return String(message.text[start...].prefix { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" })
    }
}

struct MissingValue: Error {}

/// `#require` for helpers outside a test body.
func requireValue<T>(_ value: T?) throws -> T {
    guard let value else { throw MissingValue() }
    return value
}
