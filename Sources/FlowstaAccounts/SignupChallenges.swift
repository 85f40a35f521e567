import FlowstaCore
import FlowstaCrypto
import Foundation

/// Mints and checks the challenges of the sign-up proof of work (``ProofOfWork``). Stateless:
/// a challenge carries its issue time and difficulty under a keyed MAC, so any instance can
/// check it and nothing is stored.
public struct SignupChallenges: Sendable {
    /// A challenge, for `GET /auth/signup-challenge`.
    public struct Challenge: Sendable, Equatable {
        public var challenge: String
        public var difficulty: Int
        public var expiresAt: Date
    }

    /// How long a challenge may be solved and used.
    public static let lifetime: TimeInterval = 10 * 60
    /// The largest difficulty an operator may set (2^32 hashes is hours in a browser).
    public static let maxDifficulty = 32

    /// Leading zero bits a solution needs; `0` turns the proof off.
    public let difficulty: Int
    let mac: KeyedHasher
    let time: any TimeSource

    public init(difficulty: Int, keyRing: KeyRing, time: any TimeSource) {
        self.difficulty = min(max(difficulty, 0), Self.maxDifficulty)
        self.mac = keyRing.keyedHasher(purpose: "signup-proof")
        self.time = time
    }

    /// The payload is version (1) ‖ issue time (8, big-endian seconds) ‖ difficulty (1) ‖
    /// random (16), base64url; then 32 hex digits of its MAC.
    static let payloadLength = 26
    static let encodedPayloadLength = 35
    static let macLength = 32

    public func issue() -> Challenge {
        let now = time.now
        let seconds = UInt64(max(0, now.timeIntervalSince1970))
        var payload: [UInt8] = [1]
        payload += (0..<8).reversed().map { UInt8(truncatingIfNeeded: seconds >> ($0 * 8)) }
        payload.append(UInt8(difficulty))
        payload += SecureRandom.bytes(16)
        let encoded = Base64URL.encode(payload)
        return Challenge(
            challenge: encoded + String(mac.hash(encoded).prefix(Self.macLength)), difficulty: difficulty,
            expiresAt: Date(timeIntervalSince1970: TimeInterval(seconds) + Self.lifetime)
        )
    }

    /// - Throws: ``AccountError/signupProofRequired`` without a proof (when one is needed),
    ///   ``AccountError/invalidSignupProof`` for a forged, expired or wrong one.
    func verify(_ proof: SignupProof?, username: Username) throws {
        guard difficulty > 0 else { return }
        guard let proof else { throw AccountError.signupProofRequired }
        // A challenge of a lower difficulty (set before the operator raised it) is refused.
        let required = try issuedDifficulty(proof.challenge)
        guard required >= difficulty,
              ProofOfWork.isSolution(challenge: proof.challenge, username: username.normalized, nonce: proof.nonce, difficulty: required) else {
            throw AccountError.invalidSignupProof
        }
    }

    /// The difficulty `challenge` was issued with, when this server issued it and it has not
    /// expired (whatever the difficulty now, 0 included).
    /// - Throws: ``AccountError/invalidSignupProof``.
    func issuedDifficulty(_ challenge: String) throws -> Int {
        guard challenge.utf8.count == Self.encodedPayloadLength + Self.macLength else { throw AccountError.invalidSignupProof }
        let encoded = String(challenge.prefix(Self.encodedPayloadLength))
        let presentedMAC = String(challenge.dropFirst(Self.encodedPayloadLength))
        guard ConstantTime.equal(String(mac.hash(encoded).prefix(Self.macLength)), presentedMAC),
              let payload = Base64URL.decode(encoded), payload.count == Self.payloadLength, payload.first == 1 else {
            throw AccountError.invalidSignupProof
        }
        let issued = payload[1..<9].reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        let age = time.now.timeIntervalSince1970 - TimeInterval(issued)
        guard age >= -60, age <= Self.lifetime else { throw AccountError.invalidSignupProof }
        return Int(payload[9])
    }
}

/// A solved challenge sent with `register/finish`.
public struct SignupProof: Sendable, Equatable {
    public var challenge: String
    public var nonce: String

    public init(challenge: String, nonce: String) {
        self.challenge = challenge
        self.nonce = nonce
    }
}
