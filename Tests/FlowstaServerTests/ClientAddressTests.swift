import FlowstaCore
import FlowstaTesting
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing
@testable import FlowstaHTTP
import FlowstaServer

/// Issue #15 §2.2: the client address the login throttle keys on (never stored or logged).
@Suite struct ClientAddressTests {
    static func peer(_ ip: String) -> SocketAddress? { try? SocketAddress(ipAddress: ip, port: 40_000) }

    @Test func forwardingHeadersAreBelievedFromTrustedProxiesOnly() throws {
        let resolver = ClientAddressResolver(trustedProxies: try #require(IPNetwork.list("127.0.0.1, 10.0.0.0/8")))
        let forwarded: HTTPFields = [.xForwardedFor: "198.51.100.7, 10.1.2.3"]
        #expect(resolver.throttleKey(peer: Self.peer("127.0.0.1"), headers: forwarded) == [4, 198, 51, 100, 7])
        #expect(resolver.throttleKey(peer: Self.peer("203.0.113.9"), headers: forwarded) == [4, 203, 0, 113, 9], "an untrusted peer's header is ignored")
        // The nearest untrusted hop is the client: a spoofed leftmost entry does not help.
        #expect(resolver.throttleKey(peer: Self.peer("127.0.0.1"), headers: [.xForwardedFor: "1.2.3.4, 198.51.100.7"]) == [4, 198, 51, 100, 7])
        #expect(resolver.throttleKey(peer: Self.peer("127.0.0.1"), headers: [.forwarded: #"for=192.0.2.60;proto=http, for="[2001:db8::1]:4711""#])
            == [6, 0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0])
        for garbage in ["", ";", ",,,", "not-an-ip", "999.1.1.1", String(repeating: "1.1.1.1,", count: 1000)] {
            let key = resolver.throttleKey(peer: Self.peer("127.0.0.1"), headers: [.xForwardedFor: garbage])
            #expect(key != nil, "garbage \(garbage.prefix(10)) falls back to a known address")
        }
        #expect(ClientAddressResolver(trustedProxies: []).throttleKey(peer: Self.peer("127.0.0.1"), headers: forwarded) == [4, 127, 0, 0, 1])
    }

    @Test func ipv6ClientsAreKeyedByTheirSlash64() {
        let resolver = ClientAddressResolver(trustedProxies: [])
        let a = resolver.throttleKey(peer: Self.peer("2001:db8:1:2::1"), headers: [:])
        let b = resolver.throttleKey(peer: Self.peer("2001:db8:1:2:ffff:ffff:ffff:ffff"), headers: [:])
        let c = resolver.throttleKey(peer: Self.peer("2001:db8:1:3::1"), headers: [:])
        #expect(a == b)
        #expect(a != c)
        #expect(resolver.throttleKey(peer: Self.peer("::ffff:192.0.2.1"), headers: [:]) == [4, 192, 0, 2, 1])
    }

    @Test func malformedProxyListsAreRefused() {
        for bad in ["10.0.0.0/33", "fe80::/129", "not-an-ip", "10.0.0.0/", "/8"] { #expect(IPNetwork.list(bad) == nil, "\(bad)") }
        #expect(IPNetwork.list("")?.isEmpty == true)
    }

    /// Behind a trusted proxy every client has its own address bucket; without the setting,
    /// the forwarding header is ignored and all share the proxy's.
    @Test func behindATrustedProxyClientsAreThrottledApart() async throws {
        // The clock stands still: under load the buckets must not refill between requests.
        let server = try await TestServer(limits: (1000, 2), time: FixedTimeSource(), trustedProxies: "127.0.0.0/8")
        try await server.withLive { client in
            let driver = OPAQUEDriver(client: client)
            let (ke1, _) = try driver.opaque.startLogin(password: Array("pw".utf8))
            func start(_ n: Int, from ip: String) async throws -> HTTPResponse.Status {
                try await client.execute(
                    uri: "/auth/opaque/login/start", method: .post, headers: [.contentType: "application/json", .xForwardedFor: ip],
                    body: JSON.body(["username": "someone\(n)", "ke1": Base64URL.encode(ke1.bytes)])
                ).status
            }
            #expect(try await start(1, from: "198.51.100.1") == .ok)
            #expect(try await start(2, from: "198.51.100.1") == .ok)
            #expect(try await start(3, from: "198.51.100.1") == .tooManyRequests)
            #expect(try await start(4, from: "198.51.100.2") == .ok, "another client behind the same proxy")
        }
    }

    /// The real user's browser keeps signing in while someone hammers the username.
    @Test func theUsersDeviceSignsInDuringAnAttackOnTheUsername() async throws {
        let server = try await TestServer(limits: (3, 1000), time: FixedTimeSource())
        try await server.withRouter { client in
            let driver = OPAQUEDriver(client: client)
            #expect(try await driver.register("target", "pw").status == .created)
            let login = try await driver.login("target", "pw").response
            let device = try #require(login.headers[values: .setCookie].first { $0.hasPrefix("flowsta_device=") }?.split(separator: ";").first.map(String.init))
            for _ in 0..<5 { _ = try await driver.login("target", "guess") }
            #expect(try await driver.login("target", "pw").response.status == .tooManyRequests, "the username's bucket is spent")
            let withDevice = OPAQUEDriver(client: client, extraHeaders: [.cookie: device])
            #expect(try await withDevice.login("target", "pw").response.status == .ok, "the user's own browser still signs in")
        }
    }
}
