import FlowstaCore
import Foundation
import JWTKit

/// The JSON encoder of our JWTs: claims and the usual `alg`/`typ`/`kid` header by hand (see
/// ``HandWrittenJSON``), anything else through jwt-kit's default encoder.
struct TokenJSONEncoder: JWTJSONEncoder {
    private static let fallback: any JWTJSONEncoder = .defaultForJWT

    func encode<T: Encodable>(_ value: T) throws -> Data {
        if let value = value as? any HandWrittenJSON { return Data(value.jsonBytes) }
        if let header = value as? JWTHeader, let bytes = Self.header(header) { return Data(bytes) }
        return try Self.fallback.encode(value)
    }

    /// A header of string members only (ours always are); `nil` for anything else.
    static func header(_ header: JWTHeader) -> [UInt8]? {
        var writer = JSONObjectWriter(capacity: 96)
        for key in header.fields.keys.sorted() {
            guard case .string(let value) = header.fields[key] else { return nil }
            writer.member(key, value)
        }
        return writer.finished()
    }
}

extension AccessTokenClaims: HandWrittenJSON {
    func writeJSON(to writer: inout JSONObjectWriter) {
        writer.member("iss", iss)
        writer.member("sub", sub)
        writer.member("aud", aud)
        writer.member("client_id", clientID)
        writer.member("exp", Int(exp.value.timeIntervalSince1970))
        writer.member("iat", Int(iat.value.timeIntervalSince1970))
        writer.member("jti", jti)
        writer.member("scope", scope)
        writer.member("gid", gid)
        writer.member("auth_time", authTime)
    }
}

extension IDTokenClaims: HandWrittenJSON {
    func writeJSON(to writer: inout JSONObjectWriter) {
        writer.member("iss", iss)
        writer.member("sub", sub)
        writer.member("aud", aud)
        writer.member("azp", azp)
        writer.member("exp", Int(exp.value.timeIntervalSince1970))
        writer.member("iat", Int(iat.value.timeIntervalSince1970))
        writer.member("auth_time", authTime)
        writer.member("amr", amr)
        writer.member("acr", acr)
        writer.member("nonce", nonce)
        writer.member("at_hash", atHash)
        writer.member("sid", sid)
        writer.member("email", email)
        writer.member("email_verified", emailVerified)
        writer.member("name", name)
        writer.member("preferred_username", preferredUsername)
        writer.member("display_name", displayName)
        writer.member("picture", picture)
        writer.member("did", did)
        writer.member("public_key", publicKey)
        writer.member("agent_pub_key", agentPubKey)
    }
}

extension TokenResponse: HandWrittenJSON {
    public func writeJSON(to writer: inout JSONObjectWriter) {
        writer.member("access_token", accessToken)
        writer.member("token_type", tokenType)
        writer.member("expires_in", expiresIn)
        writer.member("scope", scope)
        writer.member("id_token", idToken)
        writer.member("refresh_token", refreshToken)
    }
}

extension IntrospectionResponse: HandWrittenJSON {
    public func writeJSON(to writer: inout JSONObjectWriter) {
        writer.member("active", active)
        writer.member("scope", scope)
        writer.member("client_id", clientID)
        writer.member("token_type", tokenType)
        writer.member("exp", exp)
        writer.member("iat", iat)
        writer.member("sub", sub)
        writer.member("aud", aud)
        writer.member("iss", iss)
        writer.member("jti", jti)
    }
}

extension UserInfoResponse: HandWrittenJSON {
    public func writeJSON(to writer: inout JSONObjectWriter) {
        writer.member("sub", sub)
        writer.member("name", name)
        writer.member("preferred_username", preferredUsername)
        writer.member("display_name", displayName)
        writer.member("email", email)
        writer.member("email_verified", emailVerified)
        writer.member("picture", picture)
        writer.member("profile_picture", profilePicture)
        writer.member("did", did)
        writer.member("public_key", publicKey)
        writer.member("agent_pub_key", agentPubKey)
    }
}
