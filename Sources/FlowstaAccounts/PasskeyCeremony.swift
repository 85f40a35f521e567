import FlowstaCore
import FlowstaCrypto
import Foundation

/// The relying party's checks of a WebAuthn registration and authentication (WebAuthn Level 3
/// §7.1 and §7.2), on values only: the HTTP layer hands over what the browser sent, the account
/// service the challenge it issued. Attestation `none` and `packed` self-attestation are
/// accepted (Flowsta asks for no attestation: it does not judge authenticator makes).
public struct PasskeyCeremony: Sendable {
    /// Why a ceremony is refused; the description is safe to show.
    public struct Failure: Error, Equatable, Sendable {
        public var reason: String
        init(_ reason: String) { self.reason = reason }
    }

    /// The relying party id: the issuer's host.
    public let relyingPartyID: String
    /// The origins a ceremony may come from (the issuer's origin).
    public let origins: Set<String>
    /// Whether the authenticator must verify the user (PIN or biometric), not only see a touch.
    public let requireUserVerification: Bool

    /// `clientDataJSON` longer than this is refused before it is parsed.
    public static let maximumClientDataLength = 4_096
    /// Attestation objects and authenticator data longer than this are refused.
    public static let maximumAuthenticatorDataLength = 16_384

    /// The relying party of a server at `publicBaseURL`: its host is the rp id, its origin
    /// (scheme, host and a port other than the scheme's default) the one origin accepted.
    public init(publicBaseURL: String) {
        let url = URL(string: publicBaseURL)
        let host = url?.host ?? "localhost"
        let scheme = url?.scheme ?? "https"
        let port = url?.port.map { ":\($0)" } ?? ""
        self.init(relyingPartyID: host, origins: ["\(scheme)://\(host)\(port)"])
    }

    public init(relyingPartyID: String, origins: Set<String>, requireUserVerification: Bool = true) {
        self.relyingPartyID = relyingPartyID
        self.origins = origins
        self.requireUserVerification = requireUserVerification
    }

    /// A verified registration: the credential to store.
    public struct Registration: Sendable {
        public var credentialID: [UInt8]
        public var publicKey: [UInt8]
        public var algorithm: Int
        public var signCount: UInt32
        public var userVerified: Bool
        /// A synced passkey (backup eligible) rather than a device-bound one.
        public var backupEligible: Bool
        public var aaguid: [UInt8]
        public var extensions: CBORValue?
    }

    /// A verified assertion.
    public struct Assertion: Sendable {
        public var signCount: UInt32
        public var userVerified: Bool
        public var backupEligible: Bool
        public var extensions: CBORValue?
    }

    struct ClientData: Decodable {
        var type: String
        var challenge: String
        var origin: String
        var crossOrigin: Bool?
    }

    /// §7.1: checks a registration against the challenge issued for it.
    public func verifyRegistration(clientDataJSON: [UInt8], attestationObject: [UInt8], challenge: [UInt8]) throws(Failure) -> Registration {
        try checkClientData(clientDataJSON, type: "webauthn.create", challenge: challenge)
        guard attestationObject.count <= Self.maximumAuthenticatorDataLength else { throw Failure("the attestation object is too large") }
        let attestation: CBORValue
        do {
            attestation = try CBORDecoder.decode(attestationObject)
        } catch {
            throw Failure("the attestation object is not valid CBOR")
        }
        guard let format = attestation[text: "fmt"]?.textString, let statement = attestation[text: "attStmt"],
              let authenticatorBytes = attestation[text: "authData"]?.byteString else {
            throw Failure("the attestation object lacks fmt, attStmt or authData")
        }
        let data = try authenticatorData(authenticatorBytes)
        guard let credential = data.attestedCredential else { throw Failure("the authenticator data holds no credential") }
        let clientDataHash = SHA256Digest.of(clientDataJSON)
        switch format {
        case "none":
            guard case .map(let entries) = statement, entries.isEmpty else { throw Failure("attestation none has an empty statement") }
        case "packed":
            // Self-attestation only (§8.2): no certificate chain, signed by the credential itself.
            guard statement[text: "x5c"] == nil else { throw Failure("attestation with certificates is not accepted: request attestation none") }
            guard statement[text: "alg"]?.int == credential.publicKey.algorithm, let signature = statement[text: "sig"]?.byteString,
                  credential.publicKey.isValidSignature(signature, for: authenticatorBytes + clientDataHash) else {
                throw Failure("the packed self-attestation signature does not verify")
            }
        default:
            throw Failure("attestation format \(format.prefix(32)) is not accepted: request attestation none")
        }
        return Registration(
            credentialID: credential.credentialID, publicKey: credential.publicKeyBytes, algorithm: credential.publicKey.algorithm,
            signCount: data.signCount, userVerified: data.userVerified, backupEligible: data.backupEligible, aaguid: credential.aaguid,
            extensions: data.extensions
        )
    }

    /// §7.2: checks an assertion made with a stored credential against the challenge issued for
    /// it. - Parameter storedSignCount: the counter of the last accepted assertion; a counter
    ///   that does not move forward (when either is non-zero) is refused: a cloned authenticator.
    public func verifyAssertion(
        clientDataJSON: [UInt8], authenticatorData authenticatorBytes: [UInt8], signature: [UInt8], challenge: [UInt8],
        publicKey: [UInt8], storedSignCount: UInt32
    ) throws(Failure) -> Assertion {
        try checkClientData(clientDataJSON, type: "webauthn.get", challenge: challenge)
        let data = try authenticatorData(authenticatorBytes)
        guard data.attestedCredential == nil else { throw Failure("an assertion carries no new credential") }
        let key: COSEKey
        do {
            key = try COSEKey(try CBORDecoder.decode(publicKey))
        } catch {
            throw Failure("the stored public key cannot be read")
        }
        guard key.isValidSignature(signature, for: authenticatorBytes + SHA256Digest.of(clientDataJSON)) else {
            throw Failure("the signature does not verify")
        }
        if data.signCount != 0 || storedSignCount != 0, data.signCount <= storedSignCount {
            throw Failure("the signature counter did not move forward: the authenticator may have been cloned")
        }
        return Assertion(signCount: data.signCount, userVerified: data.userVerified, backupEligible: data.backupEligible, extensions: data.extensions)
    }

    func checkClientData(_ bytes: [UInt8], type: String, challenge: [UInt8]) throws(Failure) {
        guard bytes.count <= Self.maximumClientDataLength else { throw Failure("clientDataJSON is too large") }
        let clientData: ClientData
        do {
            clientData = try JSONDecoder().decode(ClientData.self, from: Data(bytes))
        } catch {
            throw Failure("clientDataJSON is not the JSON WebAuthn defines")
        }
        guard clientData.type == type else { throw Failure("clientDataJSON type is not \(type)") }
        guard let sent = Base64URL.decode(clientData.challenge), ConstantTime.equal(sent, challenge) else {
            throw Failure("the challenge is not the one issued")
        }
        guard origins.contains(clientData.origin) else { throw Failure("the origin is not this server's") }
        guard clientData.crossOrigin != true else { throw Failure("cross-origin ceremonies are not accepted") }
    }

    func authenticatorData(_ bytes: [UInt8]) throws(Failure) -> AuthenticatorData {
        guard bytes.count <= Self.maximumAuthenticatorDataLength else { throw Failure("the authenticator data is too large") }
        let data: AuthenticatorData
        do {
            data = try AuthenticatorData(bytes: bytes)
        } catch {
            throw Failure("the authenticator data is malformed")
        }
        guard ConstantTime.equal(data.relyingPartyIDHash, SHA256Digest.of(Array(relyingPartyID.utf8))) else {
            throw Failure("the credential is for another relying party id")
        }
        guard data.userPresent else { throw Failure("the user was not present") }
        guard data.userVerified || !requireUserVerification else { throw Failure("the authenticator did not verify the user") }
        return data
    }
}
