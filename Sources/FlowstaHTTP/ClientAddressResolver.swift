import Foundation
import HTTPTypes
import NIOCore

/// The client address of a request, for the login throttle only: held in memory under a daily
/// keyed hash, never stored or logged (P2).
///
/// Behind a reverse proxy every client shares the proxy's address, so the forwarding headers
/// (`Forwarded`, else `X-Forwarded-For`) are believed when — and only when — the peer is one
/// of the configured trusted proxies (`FLOWSTA_TRUSTED_PROXIES`); the client is then the
/// nearest address in the chain that is not itself a trusted proxy. An IPv6 client is keyed by
/// its /64, which one subscriber usually holds whole.
package struct ClientAddressResolver: Sendable {
    package let trustedProxies: [IPNetwork]

    package init(trustedProxies: [IPNetwork]) {
        self.trustedProxies = trustedProxies
    }

    /// At most this many hops of a forwarding header are read.
    package static let maxHops = 16

    /// The throttle key: 4 bytes for IPv4, the first 8 bytes (the /64) for IPv6.
    package func throttleKey(peer: SocketAddress?, headers: HTTPFields) -> [UInt8]? {
        guard let peerIP = peer?.ipAddress.flatMap(IPAddress.bytes) else { return nil }
        var client = peerIP
        if isTrusted(peerIP) {
            for hop in Self.forwardedChain(headers).reversed() {
                guard let ip = IPAddress.bytes(hop) else { break }
                client = ip
                if !isTrusted(ip) { break }
            }
        }
        return IPAddress.throttleKey(client)
    }

    package func isTrusted(_ ip: [UInt8]) -> Bool { trustedProxies.contains { $0.contains(ip) } }

    /// The addresses a request passed through, client first: `Forwarded: for=…` (RFC 7239)
    /// when present, else `X-Forwarded-For`. Several fields of one name are one list.
    package static func forwardedChain(_ headers: HTTPFields) -> [String] {
        let forwarded = headers[values: .forwarded]
        if !forwarded.isEmpty {
            return forwarded.flatMap { $0.split(separator: ",") }.prefix(maxHops * 4).compactMap { element in
                element.split(separator: ";").lazy.map { $0.trimmingCharacters(in: .whitespaces) }
                    .first { $0.lowercased().hasPrefix("for=") }
                    .map { unwrap(String($0.dropFirst(4))) }
            }.suffix(maxHops)
        }
        return Array(headers[values: .xForwardedFor].flatMap { $0.split(separator: ",") }
            .map { unwrap($0.trimmingCharacters(in: .whitespaces)) }.suffix(maxHops))
    }

    /// `"[2001:db8::1]:4711"` → `2001:db8::1`; `192.0.2.1:80` → `192.0.2.1`.
    package static func unwrap(_ raw: String) -> String {
        var value = raw.trimmingCharacters(in: CharacterSet(charactersIn: "\""))
        if value.hasPrefix("["), let close = value.firstIndex(of: "]") {
            value = String(value[value.index(after: value.startIndex)..<close])
        } else if value.filter({ $0 == ":" }).count == 1, let colon = value.firstIndex(of: ":") {
            value = String(value[..<colon])
        }
        return value
    }
}

/// An IP network in CIDR notation (`10.0.0.0/8`, `2001:db8::/32`, or one address).
public struct IPNetwork: Sendable, Equatable {
    package let bytes: [UInt8]
    package let prefix: Int

    package init?(_ cidr: String) {
        let parts = cidr.trimmingCharacters(in: .whitespaces).split(separator: "/", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let first = parts.first, let bytes = IPAddress.bytes(String(first)) else { return nil }
        let bits = bytes.count * 8
        if parts.count == 2 {
            guard let last = parts.last, let prefix = Int(last), (0...bits).contains(prefix) else { return nil }
            self.prefix = prefix
        } else {
            self.prefix = bits
        }
        self.bytes = bytes
    }

    package func contains(_ ip: [UInt8]) -> Bool {
        guard ip.count == bytes.count else { return false }
        var remaining = prefix
        for (a, b) in zip(ip, bytes) where remaining > 0 {
            let mask: UInt8 = remaining >= 8 ? 0xFF : ~(0xFF >> UInt8(remaining))
            guard a & mask == b & mask else { return false }
            remaining -= 8
        }
        return true
    }

    /// A comma-separated list; `nil` when any entry is malformed.
    package static func list(_ raw: String) -> [IPNetwork]? {
        var networks: [IPNetwork] = []
        for entry in raw.split(separator: ",") where !entry.trimmingCharacters(in: .whitespaces).isEmpty {
            guard let network = IPNetwork(String(entry)) else { return nil }
            networks.append(network)
        }
        return networks
    }
}

package enum IPAddress {
    /// 4 bytes for an IPv4 address, 16 for IPv6 (IPv4-mapped IPv6 becomes IPv4); `nil` for
    /// anything else (no port, no zone).
    package static func bytes(_ text: String) -> [UInt8]? {
        guard !text.isEmpty, text.utf8.count <= 45, let address = try? SocketAddress(ipAddress: text, port: 0) else { return nil }
        switch address {
        case .v4(let v4):
            return withUnsafeBytes(of: v4.address.sin_addr.s_addr) { Array($0) }
        case .v6(let v6):
            let raw = withUnsafeBytes(of: v6.address.sin6_addr) { Array($0) }
            let mappedPrefix: [UInt8] = Array(repeating: 0, count: 10) + [0xFF, 0xFF]
            return Array(raw.prefix(12)) == mappedPrefix ? Array(raw.suffix(4)) : raw
        default:
            return nil
        }
    }

    package static func throttleKey(_ ip: [UInt8]) -> [UInt8] {
        ip.count == 16 ? [6] + ip.prefix(8) : [4] + ip
    }
}

extension HTTPField.Name {
    package static let forwarded = Self("Forwarded")!
    package static let xForwardedFor = Self("X-Forwarded-For")!
    package static let xClientID = Self("X-Client-Id")!
    package static let crossOriginResourcePolicy = Self("Cross-Origin-Resource-Policy")!
}
