/// The authenticator data of a WebAuthn ceremony (WebAuthn Level 3 §6.1): the relying party id's
/// hash, the flags, the signature counter and, at registration, the new credential.
public struct AuthenticatorData: Sendable {
    /// The credential a registration created (§6.5.1).
    public struct AttestedCredential: Sendable {
        public var aaguid: [UInt8]
        public var credentialID: [UInt8]
        public var publicKey: COSEKey
        /// The key as the authenticator encoded it (stored, to verify later assertions).
        public var publicKeyBytes: [UInt8]
    }

    /// Why authenticator data is refused.
    public enum Failure: Error, Equatable, Sendable {
        case malformed(String)
        case key(COSEKey.Failure)
    }

    /// Credential ids longer than this are refused (WebAuthn §5.8.3 allows up to 1023 bytes).
    public static let maximumCredentialIDLength = 1023

    public var relyingPartyIDHash: [UInt8]
    public var flags: UInt8
    public var signCount: UInt32
    public var attestedCredential: AttestedCredential?
    /// The extension outputs (a CBOR map), when the ED flag is set.
    public var extensions: CBORValue?
    /// The bytes as received (signed over).
    public var bytes: [UInt8]

    /// User present (UP).
    public var userPresent: Bool { flags & 0x01 != 0 }
    /// User verified (UV): a PIN or biometric, not just a touch.
    public var userVerified: Bool { flags & 0x04 != 0 }
    /// Backup eligible (BE): a synced ("multi-device") passkey.
    public var backupEligible: Bool { flags & 0x08 != 0 }
    /// Backed up (BS).
    public var backedUp: Bool { flags & 0x10 != 0 }

    public init(bytes: [UInt8]) throws(Failure) {
        guard bytes.count >= 37 else { throw .malformed("authenticator data is shorter than 37 bytes") }
        self.bytes = bytes
        relyingPartyIDHash = Array(bytes[0..<32])
        flags = bytes[32]
        signCount = bytes[33..<37].reduce(0) { $0 << 8 | UInt32($1) }
        var offset = 37
        // §6.1: BS without BE is invalid.
        guard flags & 0x10 == 0 || flags & 0x08 != 0 else { throw .malformed("the backup state flag is set without backup eligibility") }
        if flags & 0x40 != 0 {
            guard bytes.count >= offset + 18 else { throw .malformed("attested credential data is truncated") }
            let aaguid = Array(bytes[offset..<offset + 16])
            let length = Int(bytes[offset + 16]) << 8 | Int(bytes[offset + 17])
            offset += 18
            guard length > 0, length <= Self.maximumCredentialIDLength, bytes.count >= offset + length else {
                throw .malformed("the credential id is empty, too long or truncated")
            }
            let credentialID = Array(bytes[offset..<offset + length])
            offset += length
            let keyBytes = Array(bytes[offset...])
            let decoded: (value: CBORValue, length: Int)
            do {
                decoded = try CBORDecoder.decodePrefix(keyBytes)
            } catch {
                throw .malformed("the credential public key is not CBOR")
            }
            let key: COSEKey
            do {
                key = try COSEKey(decoded.value)
            } catch {
                throw .key(error)
            }
            attestedCredential = AttestedCredential(
                aaguid: aaguid, credentialID: credentialID, publicKey: key, publicKeyBytes: Array(keyBytes.prefix(decoded.length))
            )
            offset += decoded.length
        }
        if flags & 0x80 != 0 {
            do {
                let decoded = try CBORDecoder.decodePrefix(Array(bytes[offset...]))
                guard case .map = decoded.value else { throw CBORError.unsupported("extensions must be a map") }
                extensions = decoded.value
                offset += decoded.length
            } catch {
                throw .malformed("the extension outputs are not a CBOR map")
            }
        }
        guard offset == bytes.count else { throw .malformed("authenticator data has trailing bytes") }
    }
}
