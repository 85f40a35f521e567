import FlowstaCore
import Foundation

/// A second factor the user typed: a code from the authenticator app, or a backup code.
public enum FlowstaSecondFactor: Sendable, Equatable {
    case code(String)
    case backupCode(String)
}

/// An authenticator being set up (``FlowstaClient/startTOTP()``): show the QR code or the key,
/// then confirm with the app's first code.
public struct FlowstaTOTPEnrolment: Sendable, Equatable, Decodable {
    /// The app's key in base32, for typing by hand.
    public var secret: String
    /// The `otpauth://` link the QR code carries.
    public var otpauthURI: String
    /// The link as a QR code: an SVG document the server drew.
    public var qrSVG: String

    enum CodingKeys: String, CodingKey {
        case secret
        case otpauthURI = "otpauth_uri"
        case qrSVG = "qr_svg"
    }
}

/// The account's second factors.
public struct FlowstaSecondFactorStatus: Sendable, Equatable, Decodable {
    public struct TOTP: Sendable, Equatable, Decodable {
        public var enabled: Bool
        public var pending: Bool
    }

    public var totp: TOTP
    public var backupCodesLeft: Int

    enum CodingKeys: String, CodingKey {
        case totp
        case backupCodesLeft = "backup_codes_left"
    }
}

/// Two-step sign-in (issue #20): the sign-in's code step and the authenticator's set-up. Changes
/// need a sign-in within the last 5 minutes (``FlowstaClient/login(username:password:secondFactor:)``).
extension FlowstaClient {
    struct BackupCodes: Decodable {
        var backupCodes: [String]
        enum CodingKeys: String, CodingKey { case backupCodes = "backup_codes" }
    }

    struct SecondFactorBody: Encodable {
        var loginToken: String
        var code: String?
        var backupCode: String?
        enum CodingKeys: String, CodingKey {
            case loginToken = "login_token"
            case code
            case backupCode = "backup_code"
        }
    }

    /// Sends codes for the login token until one is right, the closure gives none or the sign-in
    /// runs out of attempts.
    func sendSecondFactor(
        loginToken: String, ask: (@Sendable (Int?) async throws -> FlowstaSecondFactor?)?
    ) async throws -> (LoginFinishResponse, TransportResponse) {
        var attemptsLeft: Int?
        while true {
            guard let ask, let proof = try await ask(attemptsLeft) else { throw FlowstaClientError.secondFactorRequired }
            var body = SecondFactorBody(loginToken: loginToken)
            switch proof {
            case .code(let code): body.code = code.filter { !$0.isWhitespace }
            case .backupCode(let code): body.backupCode = code
            }
            do {
                return try await exchange("POST", "auth/login/second-factor", body)
            } catch FlowstaClientError.invalidCode(let left) where left > 0 {
                attemptsLeft = left
            }
        }
    }

    /// The account's second factors.
    public func secondFactorStatus() async throws -> FlowstaSecondFactorStatus {
        guard isSignedIn else { throw FlowstaClientError.notSignedIn }
        return try await call("GET", "auth/second-factors", nil as [String: String]?)
    }

    /// Starts setting up an authenticator app (nothing changes until ``confirmTOTP(code:)``).
    public func startTOTP() async throws -> FlowstaTOTPEnrolment {
        guard isSignedIn else { throw FlowstaClientError.notSignedIn }
        return try await call("POST", "auth/totp", [String: String]())
    }

    /// Turns two-step sign-in on with the app's first code. - Returns: the backup codes, to
    /// show the user once.
    public func confirmTOTP(code: String) async throws -> [String] {
        guard isSignedIn else { throw FlowstaClientError.notSignedIn }
        let codes: BackupCodes = try await call("POST", "auth/totp/confirm", ["code": code.filter { !$0.isWhitespace }])
        return codes.backupCodes
    }

    /// Turns two-step sign-in off (the authenticator and the backup codes go).
    public func removeTOTP() async throws {
        guard isSignedIn else { throw FlowstaClientError.notSignedIn }
        _ = try await send("DELETE", "auth/totp", nil as [String: String]?)
    }

    /// New backup codes; the old ones stop working.
    public func newBackupCodes() async throws -> [String] {
        guard isSignedIn else { throw FlowstaClientError.notSignedIn }
        let codes: BackupCodes = try await call("POST", "auth/backup-codes", [String: String]())
        return codes.backupCodes
    }
}
