import HTTPTypes
import Testing
@testable import FlowstaHTTP

/// RFC 6750 §2.1: `Authorization: Bearer <token>`, the scheme case-insensitive.
@Suite struct BearerCredentialTests {
    @Test func theTokenIsReadWhateverTheSchemeCaseAndSurroundingBlanks() {
        #expect(BearerCredential.token("Bearer abc.def-ghi_") == "abc.def-ghi_")
        #expect(BearerCredential.token("bearer abc") == "abc")
        #expect(BearerCredential.token("BEARER abc") == "abc")
        #expect(BearerCredential.token("Bearer  \tabc \t ") == "abc")
        #expect(BearerCredential.token("Bearer a b") == "a b", "inner blanks are the token's (it is then invalid)")
        #expect(BearerCredential.token("Bearer ä€") == "ä€", "non-ASCII bytes come back whole")
    }

    @Test func anythingElseIsNoCredential() {
        for header in ["", "Bearer", "Bearer ", "Bearer \t  ", "Bearerabc", "Basic YWxhZGRpbjpvcGVuc2VzYW1l", "Bearer\tabc", "Bear3r abc", "Bearer\u{0}abc"] {
            #expect(BearerCredential.token(header) == nil, "\(header.debugDescription)")
        }
    }
}

/// RFC 9110 §8.3.1: the media type before any parameter, case-insensitive, blanks around it.
@Suite struct BodyMediaTypeTests {
    @Test(arguments: [
        ("application/json", BodyMediaType.json), ("Application/JSON; charset=utf-8", .json), (" application/json ;q", .json),
        ("application/x-www-form-urlencoded", .form), ("\tAPPLICATION/X-WWW-FORM-URLENCODED;charset=UTF-8", .form),
        ("application/jsonx", .other), ("text/json", .other), ("", .other), (";", .other), (";application/json", .other),
        ("application/json,text/plain", .other), ("application/ json", .other), ("äpplication/json", .other),
    ])
    func theEssenceDecides(_ value: String, _ expected: BodyMediaType) {
        #expect(BodyMediaType([.contentType: value]) == expected, "\(value.debugDescription)")
    }

    @Test func noOrSeveralFields() {
        #expect(BodyMediaType([:]) == .absent)
        var headers: HTTPFields = [.contentType: "application/json"]
        headers.append(HTTPField(name: .contentType, value: "application/json"))
        #expect(BodyMediaType(headers) == .other)
    }
}
