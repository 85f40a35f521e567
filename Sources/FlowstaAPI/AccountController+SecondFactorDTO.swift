import FlowstaAccounts
import Foundation

extension AccountController {
    /// The login finish's answer for an account with a second factor: no session yet.
    struct SecondFactorChallengeResponse: Encodable {
        let secondFactorRequired = true
        var loginToken: String
        var expiresAt: Date
        /// What the second step may be: `totp` (an authenticator app), `backup_code`, and
        /// `passkey` when the account has one (`POST /auth/login/second-factor/passkey`).
        var methods: [String]
        enum CodingKeys: String, CodingKey {
            case secondFactorRequired = "second_factor_required"
            case loginToken = "login_token"
            case expiresAt = "expires_at"
            case methods
        }
    }

    /// An authenticator code or a backup code: exactly one.
    struct SecondFactorBody: Decodable {
        var code: String?
        var backupCode: String?
        enum CodingKeys: String, CodingKey {
            case code
            case backupCode = "backup_code"
        }

        func proof() throws -> SecondFactorProof {
            switch (code, backupCode) {
            case (let code?, nil): return .code(code)
            case (nil, let backupCode?): return .backupCode(backupCode)
            default: throw AccountError.invalidRequest("send either code or backup_code")
            }
        }
    }

    struct SecondFactorLoginRequest: Decodable {
        var loginToken: String
        var code: String?
        var backupCode: String?
        /// An assertion of one of the account's passkeys, for the ceremony of
        /// `POST /auth/login/second-factor/passkey`.
        var passkey: PasskeyAssertionBody?
        enum CodingKeys: String, CodingKey {
            case loginToken = "login_token"
            case code
            case backupCode = "backup_code"
            case passkey
        }

        func proof() throws -> SecondFactorProof {
            guard let passkey else { return try SecondFactorBody(code: code, backupCode: backupCode).proof() }
            guard code == nil, backupCode == nil else { throw AccountError.invalidRequest("send one of code, backup_code or passkey") }
            return .passkey(try passkey.assertion())
        }
    }

    struct TOTPEnrolmentResponse: Encodable {
        var secret: String
        var otpauthURI: String
        /// The URI as a QR code, an SVG document (drawn here: no outside service sees the secret).
        var qrSVG: String
        enum CodingKeys: String, CodingKey {
            case secret
            case otpauthURI = "otpauth_uri"
            case qrSVG = "qr_svg"
        }
    }

    struct TOTPConfirmRequest: Decodable {
        var code: String
    }

    struct BackupCodesResponse: Encodable {
        var backupCodes: [String]
        enum CodingKeys: String, CodingKey {
            case backupCodes = "backup_codes"
        }
    }

    struct SecondFactorsResponse: Encodable {
        struct TOTPState: Encodable {
            var enabled: Bool
            var pending: Bool
            var confirmedAt: Date?
            enum CodingKeys: String, CodingKey {
                case enabled, pending
                case confirmedAt = "confirmed_at"
            }
        }

        var totp: TOTPState
        var backupCodesLeft: Int
        enum CodingKeys: String, CodingKey {
            case totp
            case backupCodesLeft = "backup_codes_left"
        }

        init(_ status: SecondFactorStatus) {
            totp = TOTPState(enabled: status.totpConfirmedAt != nil, pending: status.totpPending, confirmedAt: status.totpConfirmedAt)
            backupCodesLeft = status.backupCodesLeft
        }
    }
}
