import FlowstaCore
import Testing

/// Issue #15 §2.1: the server's one redirect check (its twin in the pages' script has the same
/// cases under `node --test`).
@Suite struct SameOriginPathTests {
    static let issuer = "https://auth.example.com"

    @Test(arguments: ["/account", "/oauth/authorize?client_id=a&redirect_uri=https%3A%2F%2Fapp.example%2Fcb", "/signin?continue=%2Faccount", "/a/b/../c"])
    func pathsOnThisServerAreKept(_ path: String) {
        #expect(SameOriginPath.validated(path, issuer: Self.issuer) == path)
    }

    @Test(arguments: [
        "/\t/evil.example", "/\n/evil.example", "/\r/evil.example", "/\u{0}/evil.example", "/ /evil.example", "//evil.example",
        "/\\evil.example", "\\\\evil.example", "/\\/evil.example", "https://evil.example/", "javascript:alert(1)", "evil.example", "",
        " /account", "/caf\u{e9}", "/\u{2215}\u{2215}evil.example", "/" + String(repeating: "a", count: SameOriginPath.maxLength),
    ])
    func anythingThatCouldLeaveTheOriginIsRefused(_ raw: String) {
        #expect(SameOriginPath.validated(raw, issuer: Self.issuer) == nil)
        #expect(SameOriginPath.or("/account", raw, issuer: Self.issuer) == "/account")
    }

    @Test func aPrefixKeepsThePathBelowIt() {
        #expect(SameOriginPath.validated("/dashboard", issuer: Self.issuer, prefix: "/dashboard") == "/dashboard")
        #expect(SameOriginPath.validated("/dashboard/orgs/x", issuer: Self.issuer, prefix: "/dashboard") == "/dashboard/orgs/x")
        #expect(SameOriginPath.validated("/dashboard?tab=1", issuer: Self.issuer, prefix: "/dashboard") == "/dashboard?tab=1")
        #expect(SameOriginPath.validated("/dashboardx", issuer: Self.issuer, prefix: "/dashboard") == nil)
        #expect(SameOriginPath.validated("/account", issuer: Self.issuer, prefix: "/dashboard") == nil)
    }
}
