import FlowstaCore
import Foundation
import JWTKit
import Testing
@testable import FlowstaOAuth

/// The hand-written JSON of the token paths says exactly what the `Encodable` conformances say
/// (compared as parsed JSON, so member order does not matter), awkward strings included.
@Suite struct TokenJSONTests {
    static let awkward = ["plain", "quote \" backslash \\ slash /", "control \u{0}\u{1}\u{1f}\n\r\t", "ünïcødé €𝄞", ""]

    static func parsed(_ bytes: some Sequence<UInt8>) throws -> NSDictionary {
        try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? NSDictionary)
    }

    static func expectSame<T: HandWrittenJSON>(_ value: T, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .secondsSince1970
        let expected = try parsed(try encoder.encode(value))
        let written = try parsed(value.jsonBytes)
        #expect(written == expected, sourceLocation: sourceLocation)
    }

    @Test(arguments: awkward)
    func everyTokenPathValueMatchesItsEncodable(_ text: String) throws {
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        for optional in [nil, text] {
            try Self.expectSame(AccessTokenClaims(
                iss: text, sub: text, aud: text, clientID: text, exp: ExpirationClaim(value: now.addingTimeInterval(3600)),
                iat: IssuedAtClaim(value: now), jti: text, scope: optional, gid: text, authTime: optional.map { _ in 1_799_999_000 }
            ))
            var idClaims = IDTokenClaims(
                iss: text, sub: text, aud: text, azp: text, exp: ExpirationClaim(value: now), iat: IssuedAtClaim(value: now),
                authTime: -5, nonce: optional, atHash: optional, sid: optional, email: optional, emailVerified: optional.map { $0.isEmpty }
            )
            (idClaims.name, idClaims.preferredUsername, idClaims.displayName, idClaims.picture) = (optional, optional, optional, optional)
            (idClaims.did, idClaims.publicKey, idClaims.agentPubKey) = (optional, optional, optional)
            try Self.expectSame(idClaims)
            try Self.expectSame(TokenResponse(accessToken: text, expiresIn: 3600, scope: optional, idToken: optional, refreshToken: optional))
            try Self.expectSame(IntrospectionResponse(
                active: optional != nil, scope: optional, clientID: optional, tokenType: optional, exp: optional.map { _ in Int.max },
                iat: optional.map { _ in Int.min }, sub: optional, aud: optional, iss: optional, jti: optional
            ))
            var info = UserInfoResponse(sub: text)
            (info.name, info.preferredUsername, info.displayName, info.email) = (optional, optional, optional, optional)
            (info.emailVerified, info.picture, info.did, info.publicKey) = (optional.map { !$0.isEmpty }, optional, optional, optional)
            (info.profilePicture, info.agentPubKey) = (optional, optional)
            try Self.expectSame(info)
        }
    }

    @Test func headersOfStringsAreWrittenAndAnythingElseFallsBack() throws {
        var header = JWTHeader()
        header.alg = "ES256"
        header.typ = "at+jwt"
        header.kid = "es256-\"quoted\""
        let written = try Self.parsed(try #require(TokenJSONEncoder.header(header)))
        #expect(written == ["alg": "ES256", "typ": "at+jwt", "kid": "es256-\"quoted\""] as NSDictionary)
        header.fields["crit"] = .array([.string("exp")])
        #expect(TokenJSONEncoder.header(header) == nil)
        let fallback = try Self.parsed(try TokenJSONEncoder().encode(header))
        #expect(fallback["crit"] as? [String] == ["exp"] && fallback["alg"] as? String == "ES256")
    }
}
