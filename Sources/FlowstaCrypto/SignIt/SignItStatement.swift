import Crypto
import Foundation

/// The bytes a Sign It signature signs: one statement per file, UTF-8, lines joined by LF (no
/// line break at the end), every line but the first `name=value`:
///
/// ```
/// flowsta sign-it v1
/// did=did:key:z6Mk…
/// file_hash=<64 lowercase hex digits>
/// intent=<authorship|approval|witness|receipt|agreement>
/// ai_generation=<none|assisted|generated>
/// license=<the licence, or empty>
/// commercial_licensing=<not_available|open_to_licensing, or empty>
/// ai_training=<allowed|allowed_with_attribution|requires_license|not_allowed, or empty>
/// contact_preference=<no_contact|allow_contact_requests, or empty>
/// signed_at=<YYYY-MM-DDTHH:MM:SSZ>
/// ```
///
/// The signature is Ed25519 (RFC 8032) under the signer's key, whose public key the DID names:
/// anyone can check it offline with any Ed25519 library. No value can hold a line break (the
/// enumerations are fixed words, the licence is printable ASCII), so the encoding is one-to-one.
/// Known answers: `Vectors/sign-it-v1.json` (made by PyNaCl).
public enum SignItStatement {
    public static let label = "flowsta sign-it v1"

    /// The statement's bytes.
    public static func message(did: String, file: FileToSign, signedAt: Date) -> [UInt8] {
        let rights = file.fields.contentRights
        let lines = [
            label,
            "did=" + did,
            "file_hash=" + file.hexHash,
            "intent=" + file.fields.intent.rawValue,
            "ai_generation=" + file.fields.aiGeneration.rawValue,
            "license=" + (rights.license ?? ""),
            "commercial_licensing=" + (rights.commercialLicensing?.rawValue ?? ""),
            "ai_training=" + (rights.aiTraining?.rawValue ?? ""),
            "contact_preference=" + (rights.contactPreference?.rawValue ?? ""),
            "signed_at=" + timestamp(signedAt),
        ]
        return Array(lines.joined(separator: "\n").utf8)
    }

    /// Whether `signature` is the key's signature of the statement. Malformed input is `false`.
    public static func verify(publicKey: [UInt8], did: String, file: FileToSign, signedAt: Date, signature: [UInt8]) -> Bool {
        guard signature.count == 64, publicKey.count == 32, let key = try? Curve25519.Signing.PublicKey(rawRepresentation: publicKey) else {
            return false
        }
        return key.isValidSignature(signature, for: message(did: did, file: file, signedAt: signedAt))
    }

    /// `signedAt` to the second, UTC: `2026-12-04T05:00:00Z`.
    public static func timestamp(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(timeZone: TimeZone(identifier: "UTC") ?? .current))
    }

    /// `date` without its fraction of a second (what a statement can carry).
    public static func wholeSeconds(_ date: Date) -> Date {
        Date(timeIntervalSince1970: date.timeIntervalSince1970.rounded(.down))
    }
}
