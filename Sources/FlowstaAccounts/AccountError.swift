/// Errors of the account engine. The server maps each to an HTTP status and the documented
/// `{"error", "error_description"}` body in one place.
public enum AccountError: Error, Equatable, Sendable {
    /// Malformed input: a missing field, bad base64url, a message of the wrong length.
    case invalidRequest(String)
    case invalidUsername
    case usernameTaken
    /// OPAQUE `KE3` did not verify (wrong password) or the account does not exist.
    case invalidCredentials
    /// The `login_id` is unknown, expired or already used.
    case invalidLogin
    /// No valid session.
    case unauthenticated
    case rateLimited(retryAfterSeconds: Int)
    /// No such vault entry of this user.
    case notFound
    /// A password change or an account deletion needs a sign-in (an OPAQUE proof) within the
    /// last ``AccountService/Configuration/reauthenticationWindow``.
    case reauthenticationRequired(withinSeconds: Int)
    /// A new account needs a solved sign-up challenge (`GET /auth/signup-challenge`).
    case signupProofRequired
    /// The sign-up proof is forged, expired, for another username or not solved.
    case invalidSignupProof
    /// The user's vault holds the most entries it may.
    case vaultFull(limit: Int)
    /// The user's vault holds the most ciphertext bytes it may.
    case vaultQuota(bytes: Int)
    /// `POST /auth/keys` on an account that has a root key.
    case rootKeyExists
    /// A recovery code for an account without a root key (`POST /auth/keys` first).
    case rootKeyRequired
    /// A password change without the re-sealed root key, on an account that has one.
    case envelopeRequired
    /// A recovery token, reset link or verification link that is unknown, used or expired.
    case invalidToken
    /// Another account verified this address.
    case emailInUse
    /// No address, or the address is verified already.
    case nothingToVerify
    /// No such session of this user.
    case sessionNotFound
    /// The account has an authenticator already (remove it first to enrol another).
    case secondFactorExists
    /// The account has no authenticator (or none waiting for its first code).
    case noSecondFactor
    /// An authenticator code or backup code that is wrong, used or stale; `attemptsLeft` with
    /// this sign-in (0: start the sign-in again), when it is one.
    case invalidCode(attemptsLeft: Int?)
    /// The account has a second factor and this step needs its code (`second_factor`).
    case secondFactorRequired
    /// No such passkey of this user.
    case passkeyNotFound
    /// No such device key of this user.
    case deviceKeyNotFound
    /// The passkey has a root key envelope already (they are never replaced).
    case passkeyEnvelopeExists
    /// An uploaded profile picture was refused (``ProfilePicture``).
    case invalidPicture(String)

    /// The wire error code.
    public var code: String {
        switch self {
        case .invalidRequest: "invalid_request"
        case .invalidUsername: "invalid_username"
        case .usernameTaken: "username_taken"
        case .invalidCredentials: "invalid_credentials"
        case .invalidLogin: "invalid_login"
        case .unauthenticated: "unauthorized"
        case .rateLimited: "rate_limited"
        case .notFound, .deviceKeyNotFound: "not_found"
        case .vaultFull, .vaultQuota: "vault_full"
        case .reauthenticationRequired: "reauthentication_required"
        case .signupProofRequired: "signup_proof_required"
        case .invalidSignupProof: "invalid_signup_proof"
        case .rootKeyExists: "root_key_exists"
        case .rootKeyRequired: "root_key_required"
        case .envelopeRequired: "envelope_required"
        case .invalidToken: "invalid_token"
        case .emailInUse: "email_in_use"
        case .nothingToVerify: "nothing_to_verify"
        case .sessionNotFound: "not_found"
        case .secondFactorExists: "second_factor_exists"
        case .noSecondFactor: "no_second_factor"
        case .invalidCode: "invalid_code"
        case .secondFactorRequired: "second_factor_required"
        case .passkeyNotFound: "not_found"
        case .passkeyEnvelopeExists: "passkey_envelope_exists"
        case .invalidPicture: "invalid_picture"
        }
    }

    /// A description safe to show to the client.
    public var publicDescription: String {
        switch self {
        case .invalidRequest(let reason): reason
        case .invalidPicture(let reason): reason
        case .invalidUsername: Username.rules
        case .usernameTaken: "that username is taken"
        case .invalidCredentials: "the username or password is incorrect"
        case .invalidLogin: "the login_id is unknown, expired or already used; start the login again"
        case .unauthenticated: "sign in first: no valid session"
        case .rateLimited: "too many attempts; retry later"
        case .notFound: "no such vault entry"
        case .deviceKeyNotFound: "no such device on this account"
        case .vaultFull(let limit): "the vault holds at most \(limit) entries: delete some first"
        case .vaultQuota(let bytes): "the vault holds at most \(bytes / 1024) KiB of entries: delete some first"
        case .signupProofRequired: "a new account needs signup_proof: solve GET /auth/signup-challenge"
        case .invalidSignupProof: "signup_proof is not a solution of a current challenge for this username: fetch a new challenge"
        case .rootKeyExists: "this account has a root key already: change its locks with POST /auth/password or PUT /auth/recovery"
        case .rootKeyRequired: "this account has no root key yet: store one with POST /auth/keys first"
        case .envelopeRequired: "this account has a root key: change the password with POST /auth/password and the root key re-sealed under the new export key, or it would be lost"
        case .invalidToken: "the token or link is unknown, used or expired: start again"
        case .emailInUse: "another account has verified this address"
        case .nothingToVerify: "there is no unverified address on this account"
        case .sessionNotFound: "no such session"
        case .secondFactorExists: "this account has an authenticator already: remove it first to set up another"
        case .noSecondFactor: "this account has no authenticator (or none waiting for its first code)"
        case .invalidCode(let left?) where left <= 0: "the code is wrong or was used already, and this sign-in has no attempts left: sign in again"
        case .invalidCode(let left?): "the code is wrong or was used already (\(left) attempts left with this sign-in)"
        case .invalidCode: "the code is wrong or was used already"
        case .secondFactorRequired: "this account has a second factor: send second_factor with an authenticator code or a backup code"
        case .passkeyNotFound: "no such passkey on this account"
        case .passkeyEnvelopeExists: "this passkey opens the root key already; its envelope is never replaced"
        case .reauthenticationRequired(let seconds):
            "this needs a fresh sign-in: sign in again (within the last \(seconds / 60) minutes) and retry"
        }
    }
}

import FlowstaCore
