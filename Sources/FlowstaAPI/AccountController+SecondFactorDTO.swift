import FlowstaAccounts
import Foundation

extension AccountController {
    /// The login finish's answer for an account with a second factor: no session yet.
    struct SecondFactorChallengeResponse: Encodable {
        let secondFactorRequired = true
        var loginToken: String
        var expiresAt: Date
        /// What the code may be: `totp` (an authenticator app) or `backup_code`.
        let methods = ["totp", "backup_code"]
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
        enum CodingKeys: String, CodingKey {
            case loginToken = "login_token"
            case code
            case backupCode = "backup_code"
        }

        var proof: SecondFactorBody { SecondFactorBody(code: code, backupCode: backupCode) }
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
