import FlowstaAccounts
import FlowstaCore
import FlowstaCrypto
import Foundation

/// The WebAuthn Level 3 JSON forms (`PublicKeyCredentialCreationOptionsJSON`,
/// `RegistrationResponseJSON`, …): bytes are base64url without padding, so a browser's
/// `PublicKeyCredential.parseCreationOptionsFromJSON` and `toJSON()` work unchanged.
extension AccountController {
    struct CredentialDescriptorJSON: Encodable {
        let type = "public-key"
        var id: String
    }

    struct PRFExtensionJSON: Encodable {
        struct Values: Encodable { var first: String }
        struct Eval: Encodable { var eval: Values }
        var prf: Eval
        /// Asks the browser whether the credential is discoverable (for the user's list).
        let credProps = true

        init(salt: [UInt8]) { prf = Eval(eval: Values(first: Base64URL.encode(salt))) }
    }

    /// A WebAuthn ceremony as the start endpoints answer it: `{ceremony_id, public_key}`.
    struct CeremonyResponse<Options: Encodable>: Encodable {
        var ceremonyID: String
        var publicKey: Options
        enum CodingKeys: String, CodingKey {
            case ceremonyID = "ceremony_id"
            case publicKey = "public_key"
        }
    }

    /// `public_key` of `POST /auth/passkeys/register/start`.
    struct CreationOptionsJSON: Encodable {
        struct RelyingParty: Encodable { var id: String; var name: String }
        struct User: Encodable { var id: String; var name: String; var displayName: String }
        struct Parameter: Encodable { let type = "public-key"; var alg: Int }
        struct Selection: Encodable {
            let residentKey = "required"
            let requireResidentKey = true
            let userVerification = "required"
        }
        var rp: RelyingParty
        var user: User
        var challenge: String
        var pubKeyCredParams: [Parameter]
        var timeout: Int
        var excludeCredentials: [CredentialDescriptorJSON]
        let authenticatorSelection = Selection()
        let attestation = "none"
        var extensions: PRFExtensionJSON
    }

    /// `public_key` of `POST /auth/passkeys/login/start` and `POST /auth/login/second-factor/passkey`.
    struct RequestOptionsJSON: Encodable {
        var challenge: String
        var rpId: String
        var timeout: Int
        var allowCredentials: [CredentialDescriptorJSON]
        let userVerification = "required"
        var extensions: PRFExtensionJSON
    }

    static func ceremony(_ options: PasskeyRegistrationOptions) -> CeremonyResponse<CreationOptionsJSON> {
        CeremonyResponse(ceremonyID: options.ceremonyID, publicKey: CreationOptionsJSON(
            rp: .init(id: options.relyingPartyID, name: options.relyingPartyName),
            user: .init(id: Base64URL.encode(options.userHandle), name: options.userName, displayName: options.userDisplayName),
            challenge: Base64URL.encode(options.challenge),
            pubKeyCredParams: COSEKey.algorithms.map { CreationOptionsJSON.Parameter(alg: $0) },
            timeout: Int(options.timeout * 1000),
            excludeCredentials: options.excludeCredentialIDs.map { CredentialDescriptorJSON(id: Base64URL.encode($0)) },
            extensions: PRFExtensionJSON(salt: options.prfSalt)
        ))
    }

    static func ceremony(_ options: PasskeySignInOptions) -> CeremonyResponse<RequestOptionsJSON> {
        CeremonyResponse(ceremonyID: options.ceremonyID, publicKey: RequestOptionsJSON(
            challenge: Base64URL.encode(options.challenge), rpId: options.relyingPartyID, timeout: Int(options.timeout * 1000),
            allowCredentials: options.allowCredentialIDs.map { CredentialDescriptorJSON(id: Base64URL.encode($0)) },
            extensions: PRFExtensionJSON(salt: options.prfSalt)
        ))
    }

    /// The parts of a `RegistrationResponseJSON` or `AuthenticationResponseJSON` Flowsta reads;
    /// other members (`transports`, `clientExtensionResults`, …) are ignored.
    struct CredentialJSON: Decodable {
        struct Response: Decodable {
            var clientDataJSON: String
            var attestationObject: String?
            var authenticatorData: String?
            var signature: String?
        }
        var id: String
        var rawId: String?
        var type: String
        var response: Response

        /// The credential id: `rawId` and `id` must agree when both are sent.
        func credentialID() throws -> [UInt8] {
            guard type == "public-key" else { throw AccountError.invalidRequest("credential.type must be \"public-key\"") }
            if let rawId, rawId != id { throw AccountError.invalidRequest("credential.id and credential.rawId differ") }
            return try Self.bytes(id, "credential.id")
        }

        static func bytes(_ text: String?, _ field: String) throws -> [UInt8] {
            guard let text else { throw AccountError.invalidRequest("\(field) is required") }
            guard let bytes = Base64URL.decode(text), !bytes.isEmpty else { throw AccountError.invalidRequest("\(field) must be base64url") }
            return bytes
        }
    }

    /// An assertion: the ceremony it answers and the browser's credential.
    struct PasskeyAssertionBody: Decodable {
        var ceremonyID: String
        var credential: CredentialJSON
        enum CodingKeys: String, CodingKey {
            case ceremonyID = "ceremony_id"
            case credential
        }

        func assertion() throws -> PasskeyAssertion {
            let response = credential.response
            return PasskeyAssertion(
                ceremonyID: ceremonyID, credentialID: try credential.credentialID(),
                clientDataJSON: try CredentialJSON.bytes(response.clientDataJSON, "credential.response.clientDataJSON"),
                authenticatorData: try CredentialJSON.bytes(response.authenticatorData, "credential.response.authenticatorData"),
                signature: try CredentialJSON.bytes(response.signature, "credential.response.signature")
            )
        }
    }

    struct PasskeyRegistrationBody: Decodable {
        var ceremonyID: String
        var name: String
        var credential: CredentialJSON
        /// The root key sealed under the passkey's PRF output (kind `passkey`), when the browser
        /// returned one.
        var rootKeyEnvelope: String?
        enum CodingKeys: String, CodingKey {
            case ceremonyID = "ceremony_id"
            case name, credential
            case rootKeyEnvelope = "root_key_envelope"
        }
    }

    struct LoginTokenBody: Decodable {
        var loginToken: String
        enum CodingKeys: String, CodingKey { case loginToken = "login_token" }
    }

    struct PasskeyRenameBody: Decodable {
        var name: String
    }

    struct PasskeyEnvelopeBody: Decodable {
        var envelope: String
    }

    /// A passkey as the account page lists it: nothing about the device.
    struct PasskeyDTO: Encodable {
        var id: UUID
        var name: String
        var createdAt: Date
        /// A synced passkey (backup eligible), `false` for a device-bound one.
        var synced: Bool
        /// Whether signing in with it opens the root key (it has a PRF envelope).
        var opensRootKey: Bool
        enum CodingKeys: String, CodingKey {
            case id, name, synced
            case createdAt = "created_at"
            case opensRootKey = "opens_root_key"
        }

        init(_ passkey: StoredPasskey) {
            id = passkey.id
            name = passkey.name
            createdAt = passkey.createdAt
            synced = passkey.backupEligible
            opensRootKey = passkey.rootKeyEnvelope != nil
        }
    }

    struct PasskeyListResponse: Encodable {
        var passkeys: [PasskeyDTO]
    }

    /// A passkey sign-in: the account, the passkey used, and its envelope (kind `passkey`) when it
    /// has one — without it, the page asks for the password or recovery code to open the root key.
    struct PasskeySignInResponse: Encodable {
        var user: UserDTO
        var passkeyID: UUID
        var envelopes: [EnvelopeDTO]
        enum CodingKeys: String, CodingKey {
            case user, envelopes
            case passkeyID = "passkey_id"
        }
    }
}
