import Crypto
import FlowstaCore
import Foundation

/// The user vault on the client (P4): entries are sealed here with a key derived from the OPAQUE
/// `export_key`, which never leaves the client; the server stores ciphertext, a kind and an id.
///
/// - `vault_key = HKDF-SHA512(ikm: export_key, salt: empty, info: "flowsta vault v1", L: 32)`
/// - `sealed = 0x01 || nonce (12) || AES-256-GCM(vault_key, nonce, plaintext, aad) || tag (16)`,
///   `aad = "flowsta vault v1:" kind ":" id` (the lowercase UUID), so the server can neither move
///   an entry to another id nor relabel its kind.
///
/// The hosted pages do the same in the browser (`Public/js/vault.js`).
public enum FlowstaVault {
    public static let info = "flowsta vault v1"
    static let version: UInt8 = 0x01

    public enum VaultError: Error, Equatable {
        /// Not a sealed entry of this version, or the tag did not verify (wrong key, id or kind).
        case cannotOpen
    }

    public static func key(exportKey: [UInt8]) -> SymmetricKey {
        HKDF<SHA512>.deriveKey(inputKeyMaterial: SymmetricKey(data: exportKey), salt: [UInt8](), info: Array(info.utf8), outputByteCount: 32)
    }

    static func aad(id: UUID, kind: String) -> [UInt8] {
        Array("\(info):\(kind):\(id.uuidString.lowercased())".utf8)
    }

    /// Seals `plaintext` for the entry `id` of `kind`. - Parameter nonce: tests only.
    public static func seal(_ plaintext: [UInt8], key: SymmetricKey, id: UUID, kind: String, nonce: [UInt8]? = nil) throws -> [UInt8] {
        let box = try AES.GCM.seal(plaintext, using: key, nonce: try nonce.map { try AES.GCM.Nonce(data: $0) } ?? AES.GCM.Nonce(), authenticating: aad(id: id, kind: kind))
        return [version] + Array(box.nonce) + Array(box.ciphertext) + Array(box.tag)
    }

    public static func open(_ sealed: [UInt8], key: SymmetricKey, id: UUID, kind: String) throws -> [UInt8] {
        guard sealed.count >= 1 + 12 + 16, sealed[0] == version else { throw VaultError.cannotOpen }
        do {
            let box = try AES.GCM.SealedBox(
                nonce: AES.GCM.Nonce(data: sealed[1..<13]), ciphertext: sealed[13..<(sealed.count - 16)], tag: sealed[(sealed.count - 16)...]
            )
            return Array(try AES.GCM.open(box, using: key, authenticating: aad(id: id, kind: kind)))
        } catch {
            throw VaultError.cannotOpen
        }
    }
}
