import Foundation

/// Where the server may send its own requests (webhooks, back-channel logout): never into the
/// operator's network (SSRF). A URL must be https (http only to a loopback host, and only when
/// loopback is allowed), and every address its host resolves to must be public; the request
/// then connects to the checked address itself (no second lookup), follows no redirect and
/// reads a bounded answer (``OutboundSender`` in the server).
package struct OutboundTargetPolicy: Sendable {
    /// Loopback targets over http or https (`FLOWSTA_OUTBOUND_ALLOW_LOOPBACK`: development and
    /// tests; off by default).
    package var allowLoopback: Bool

    package init(allowLoopback: Bool) { self.allowLoopback = allowLoopback }

    /// Not the public Internet (RFC 6890 and the IANA special-purpose registries): private,
    /// shared, loopback, link-local, documentation, benchmarking, multicast, reserved.
    static let special: [IPNetwork] = [
        "0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12", "192.0.0.0/24", "192.0.2.0/24",
        "192.88.99.0/24", "192.168.0.0/16", "198.18.0.0/15", "198.51.100.0/24", "203.0.113.0/24", "224.0.0.0/4", "240.0.0.0/4",
        "::/96", "::1/128", "64:ff9b:1::/48", "100::/64", "2001::/32", "2001:db8::/32", "fc00::/7", "fe80::/10", "fec0::/10", "ff00::/8",
    ].compactMap(IPNetwork.init)
    static let loopback: [IPNetwork] = ["127.0.0.0/8", "::1/128"].compactMap(IPNetwork.init)
    /// IPv6 prefixes that carry an IPv4 address in their last 4 bytes (IPv4-mapped, which a
    /// dual-stack socket connects to over IPv4; NAT64) or bytes 2–5 (6to4).
    static let mapped = IPNetwork("::ffff:0:0/96")
    static let nat64 = IPNetwork("64:ff9b::/96")
    static let sixToFour = IPNetwork("2002::/16")

    /// A URL the server may post to.
    package struct Target: Sendable, Equatable {
        package var scheme: String
        package var host: String
        package var port: Int

        package init(scheme: String, host: String, port: Int) {
            (self.scheme, self.host, self.port) = (scheme, host, port)
        }
    }

    /// Checks the URL's form. - Throws: ``OutboundRefusal`` naming the rule.
    package func target(_ raw: String) throws(OutboundRefusal) -> Target {
        // URLComponents takes some of these as they are; a URL is sent exactly as stored.
        guard !raw.unicodeScalars.contains(where: { $0.properties.generalCategory == .control || $0.properties.isWhitespace }) else {
            throw OutboundRefusal("URLs with spaces or control characters are refused")
        }
        guard raw.utf8.count <= 2000, let components = URLComponents(string: raw), let scheme = components.scheme?.lowercased(),
              var host = components.host?.lowercased(), !host.isEmpty else {
            throw OutboundRefusal("not an absolute URL")
        }
        guard components.user == nil, components.password == nil else { throw OutboundRefusal("URLs with credentials are refused") }
        guard components.fragment == nil else { throw OutboundRefusal("URLs with a fragment are refused") }
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        switch scheme {
        case "https": break
        case "http":
            guard allowLoopback, host == "localhost" || IPAddress.bytes(host).map({ address in Self.loopback.contains { $0.contains(address) } }) == true else {
                throw OutboundRefusal("only https is allowed (http only to a loopback host in development)")
            }
        default:
            throw OutboundRefusal("only https is allowed")
        }
        let port = components.port ?? (scheme == "https" ? 443 : 80)
        guard (1...65_535).contains(port) else { throw OutboundRefusal("invalid port") }
        return Target(scheme: scheme, host: host, port: port)
    }

    /// Whether the server may connect to these resolved addresses (4 or 16 bytes each): all
    /// public — or, when allowed, all loopback.
    package func admits(_ addresses: [[UInt8]]) -> Bool {
        guard !addresses.isEmpty else { return false }
        return addresses.allSatisfy { address in Self.isPublic(address) || (allowLoopback && Self.loopback.contains { $0.contains(address) }) }
    }

    package static func isPublic(_ address: [UInt8]) -> Bool {
        guard address.count == 4 || address.count == 16 else { return false }
        if address.count == 16 {
            if mapped?.contains(address) == true || nat64?.contains(address) == true { return isPublic(Array(address.suffix(4))) }
            if sixToFour?.contains(address) == true { return isPublic(Array(address[2..<6])) }
        }
        return !special.contains { $0.contains(address) }
    }
}

/// Why an outbound request was not sent.
package struct OutboundRefusal: Error, Sendable, Equatable, CustomStringConvertible {
    package var description: String
    package init(_ description: String) { self.description = description }
}
