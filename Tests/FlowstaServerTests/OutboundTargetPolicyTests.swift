import FlowstaHTTP
import HTTPTypes
import FlowstaWebhooks
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import FlowstaServer

/// Outbound requests cannot reach the operator's network (issue #22): the URL rules, the address
/// ranges, and the sender refusing before it connects, following no redirect.
@Suite struct OutboundTargetPolicyTests {
    @Test(arguments: [
        "http://rp.example/hook", "ftp://rp.example/hook", "https://user:pw@rp.example/hook", "https://rp.example/hook#x", "/relative",
        "javascript:alert(1)", "http://127.0.0.1:9/hook", "http://localhost/hook",
        "https://rp.example/hook\n", "https://rp.example/a\r\nX-Injected: 1", "https://rp.example/a b", "https://rp.example/\ta", "https://rp.example/\u{85}",
    ])
    func urlsThatAreRefused(url: String) {
        #expect(throws: OutboundRefusal.self) { try OutboundTargetPolicy(allowLoopback: false).target(url) }
    }

    @Test func loopbackHTTPOnlyWhenAllowed() throws {
        let allowed = OutboundTargetPolicy(allowLoopback: true)
        #expect(try allowed.target("http://127.0.0.1:8080/hook") == .init(scheme: "http", host: "127.0.0.1", port: 8080))
        #expect(try allowed.target("https://[::1]/hook").host == "::1")
        #expect(try allowed.target("http://127.0.0.2:9/hook").host == "127.0.0.2", "all of 127/8 is loopback")
        #expect(try allowed.target("http://localhost:9/hook").host == "localhost")
        #expect(throws: OutboundRefusal.self) { try allowed.target("http://10.0.0.1/hook") }
        #expect(try OutboundTargetPolicy(allowLoopback: false).target("https://rp.example/hook").port == 443)
    }

    @Test(arguments: [
        ("10.0.0.1", false), ("172.16.5.4", false), ("192.168.1.1", false), ("127.0.0.1", false), ("169.254.169.254", false),
        ("100.64.0.1", false), ("0.0.0.0", false), ("224.0.0.1", false), ("255.255.255.255", false), ("198.18.0.1", false),
        ("::1", false), ("::", false), ("fe80::1", false), ("fc00::1", false), ("fd12:3456::1", false), ("ff02::1", false),
        ("::ffff:10.0.0.1", false), ("64:ff9b::a00:1", false), ("2002:a00:1::", false), ("2001:db8::1", false),
        ("8.8.8.8", true), ("1.1.1.1", true), ("2606:4700:4700::1111", true), ("64:ff9b::808:808", true), ("2002:808:808::", true),
    ])
    func addressRanges(address: String, public expected: Bool) throws {
        let bytes = try #require(IPAddress.bytes(address))
        #expect(OutboundTargetPolicy.isPublic(bytes) == expected)
        #expect(OutboundTargetPolicy(allowLoopback: false).admits([bytes]) == expected)
    }

    @Test func oneBadAddressRefusesTheHost() throws {
        let policy = OutboundTargetPolicy(allowLoopback: true)
        let publicAddress = try #require(IPAddress.bytes("8.8.8.8"))
        let loopback = try #require(IPAddress.bytes("127.0.0.1"))
        let metadata = try #require(IPAddress.bytes("169.254.169.254"))
        #expect(policy.admits([publicAddress, loopback]))
        #expect(!policy.admits([publicAddress, metadata]), "allowing loopback never allows link-local")
        #expect(!policy.admits([]))
    }

    static func delivery(_ url: String) -> OutboundDelivery {
        OutboundDelivery(kind: .webhook, url: url, contentType: "application/json", body: Array(#"{"a":1}"#.utf8), nextAttemptAt: Date(), createdAt: Date())
    }

    /// A DNS name that resolves into the private network is refused before any connection.
    @Test func aNameResolvingToAPrivateAddressIsRefused() async throws {
        let sender = OutboundSender(policy: OutboundTargetPolicy(allowLoopback: false), resolve: { _, _ in [[10, 0, 0, 7]] })
        guard case .failed(nil, let error) = await sender.send(Self.delivery("https://internal.rp.example/hook"), headers: []) else {
            Issue.record("expected a refusal")
            return
        }
        #expect(error.contains("private"))
        let unresolved = OutboundSender(policy: OutboundTargetPolicy(allowLoopback: false), resolve: { _, _ in [] })
        #expect(await unresolved.send(Self.delivery("https://nowhere.rp.example/hook"), headers: []) == .failed(status: nil, error: "refused: the host name does not resolve"))
    }

    /// A DNS name whose lookup hangs (an unreachable resolver) does not hold the request that
    /// checks it: after the lookup timeout it counts as not resolving; a public answer passes.
    @Test func aHangingLookupCountsAsNotResolving() async throws {
        let hanging = OutboundSender(policy: OutboundTargetPolicy(allowLoopback: false), resolve: { _, _ in
            try? await Task.sleep(for: .seconds(600))
            return [[93, 184, 215, 14]]
        })
        guard case .failure(let refusal) = await hanging.check("https://slow.rp.example/hook") else {
            Issue.record("expected a refusal")
            return
        }
        #expect(refusal.description == "the host name does not resolve")
        let reachable = OutboundSender(policy: OutboundTargetPolicy(allowLoopback: false), resolve: { _, _ in [[93, 184, 215, 14]] })
        guard case .success(let target) = await reachable.check("https://rp.example:8443/hook") else {
            Issue.record("expected the public address")
            return
        }
        #expect(target.host == "rp.example" && target.address == "93.184.215.14")
    }

    /// Against a real local receiver: 2xx is delivered (with the headers), a redirect is not
    /// followed, loopback is refused unless allowed.
    @Test func theSenderPostsFollowsNoRedirectAndHonoursTheLoopbackSetting() async throws {
        let received = ReceivedRequests()
        let router = Router()
        router.post("hook") { request, _ -> Response in
            let body = try await request.body.collect(upTo: 1024)
            await received.add(String(buffer: body), request.headers[HTTPField.Name("X-Test")!])
            return Response(status: .noContent)
        }
        router.post("moved") { _, _ -> Response in Response(status: .temporaryRedirect, headers: [.location: "/hook"]) }
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        try await app.test(.live) { client in
            let port = try #require(client.port)
            let allowed = OutboundSender(policy: OutboundTargetPolicy(allowLoopback: true))
            #expect(await allowed.send(Self.delivery("http://127.0.0.1:\(port)/hook"), headers: [("X-Test", "yes")]) == .delivered(status: 204))
            #expect(await received.all == [#"{"a":1} yes"#])
            let moved = await allowed.send(Self.delivery("http://127.0.0.1:\(port)/moved"), headers: [])
            #expect(moved == .failed(status: 307, error: "redirects are not followed"))
            #expect(await received.all.count == 1, "the redirect target was not called")
            let refused = await OutboundSender(policy: OutboundTargetPolicy(allowLoopback: false)).send(Self.delivery("https://127.0.0.1:\(port)/hook"), headers: [])
            guard case .failed(nil, _) = refused else {
                Issue.record("loopback must be refused by default: \(refused)")
                return
            }
            #expect(await received.all.count == 1)
        }
    }
}

actor ReceivedRequests {
    var all: [String] = []
    func add(_ body: String, _ header: String?) { all.append(body + " " + (header ?? "-")) }
}
