import Crypto
import FlowstaCore
import FlowstaCrypto
import Foundation

/// The user vault on the client (P4): entries are sealed here with a key derived from the user's
/// root key (docs/keys.md), which never leaves the client in clear; the server stores ciphertext,
/// a kind and an id.
///
/// - Format 2 (current): `vault_key = HKDF-SHA512(root_key, info: "flowsta vault v2")`,
///   `sealed = 0x02 || nonce (12) || AES-256-GCM(vault_key, nonce, plaintext, aad) || tag (16)`,
///   `aad = "flowsta vault v2:" kind ":" id` (the lowercase UUID), so the server can neither move
///   an entry to another id nor relabel its kind.
/// - Format 1 (accounts older than the root key): the same with `0x01`, `flowsta vault v1` and a
///   key derived from the password's OPAQUE export key; that key travels in the account's
///   `legacy-vault` envelope, so format-1 entries stay readable.
///
/// The hosted pages do the same in the browser (`Public/js/vault.js`).
public enum FlowstaVault {
    /// An entry format: its first byte.
    public enum Format: UInt8, Sendable {
        case v1 = 0x01
        case v2 = 0x02

        var info: String { self == .v1 ? "flowsta vault v1" : "flowsta vault v2" }
    }

    /// The HKDF info of format 1.
    public static let info = Format.v1.info

    public enum VaultError: Error, Equatable {
        /// Not a sealed entry of a known format, or the tag did not verify (wrong key, id or kind).
        case cannotOpen
    }

    /// The format-2 key of a root key.
    public static func key(rootKey: RootKey) -> SymmetricKey { rootKey.vaultKey }

    /// The format-1 key of an OPAQUE export key (accounts older than the root key).
    public static func key(exportKey: [UInt8]) -> SymmetricKey {
        HKDF<SHA512>.deriveKey(inputKeyMaterial: SymmetricKey(data: exportKey), salt: [UInt8](), info: Array(info.utf8), outputByteCount: 32)
    }

    static func aad(id: UUID, kind: String, format: Format) -> [UInt8] {
        Array("\(format.info):\(kind):\(id.uuidString.lowercased())".utf8)
    }

    /// Seals `plaintext` for the entry `id` of `kind`. - Parameter nonce: tests only.
    public static func seal(_ plaintext: [UInt8], key: SymmetricKey, id: UUID, kind: String, nonce: [UInt8]? = nil, format: Format = .v2) throws -> [UInt8] {
        let box = try AES.GCM.seal(
            plaintext, using: key, nonce: try nonce.map { try AES.GCM.Nonce(data: $0) } ?? AES.GCM.Nonce(),
            authenticating: aad(id: id, kind: kind, format: format)
        )
        return [format.rawValue] + Array(box.nonce) + Array(box.ciphertext) + Array(box.tag)
    }

    /// Opens an entry of either format: format 2 with `key`, format 1 with `legacyKey` (or `key`
    /// when no legacy key is given).
    public static func open(_ sealed: [UInt8], key: SymmetricKey, legacyKey: SymmetricKey? = nil, id: UUID, kind: String) throws -> [UInt8] {
        guard sealed.count >= 1 + 12 + 16, let format = Format(rawValue: sealed[0]) else { throw VaultError.cannotOpen }
        do {
            let box = try AES.GCM.SealedBox(
                nonce: AES.GCM.Nonce(data: sealed[1..<13]), ciphertext: sealed[13..<(sealed.count - 16)], tag: sealed[(sealed.count - 16)...]
            )
            let opener = format == .v1 ? (legacyKey ?? key) : key
            return Array(try AES.GCM.open(box, using: opener, authenticating: aad(id: id, kind: kind, format: format)))
        } catch {
            throw VaultError.cannotOpen
        }
    }
}
