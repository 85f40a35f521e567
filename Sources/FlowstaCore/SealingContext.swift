import Foundation

/// Associated-data labels binding sealed values to the row they belong to; shared by every
/// module that seals or opens the same column.
public enum SealingContext {
    /// `users.email_sealed` of one user.
    public static func userEmail(_ userID: UUID) -> String { "users.email:" + userID.uuidString.lowercased() }
    /// `totp_factors.sealed_secret` of one user.
    public static func totpSecret(_ userID: UUID) -> String { "totp_factors.secret:" + userID.uuidString.lowercased() }
}
