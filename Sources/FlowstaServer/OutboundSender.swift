import AsyncHTTPClient
import FlowstaHTTP
import FlowstaWebhooks
import Foundation
import Logging
import NIOCore
import NIOPosix
import Synchronization

/// Sends one outbound delivery.
protocol OutboundTransport: Sendable {
    func send(_ delivery: OutboundDelivery, headers: [(String, String)]) async -> OutboundResult
}

/// The real sender (``OutboundTargetPolicy``): resolves the host itself, refuses unless every
/// address is public (or loopback, when allowed), connects to the checked address (the TLS name
/// stays the host's), follows no redirect, gives up after 10 seconds and reads at most 64 KiB
/// of the answer.
struct OutboundSender: OutboundTransport {
    static let timeout: TimeAmount = .seconds(10)
    static let responseLimit = 64 * 1024
    let policy: OutboundTargetPolicy
    /// Resolves a host name to addresses (4 or 16 bytes); a test may replace it.
    var resolve: @Sendable (String, Int) async -> [[UInt8]] = OutboundSender.systemResolve

    /// Checks a URL the way every delivery to it is checked: its form, then where its host
    /// resolves (now). - Returns: the host and the address to connect to, or why not.
    func check(_ url: String) async -> Result<(host: String, address: String), OutboundRefusal> {
        let target: OutboundTargetPolicy.Target
        do {
            target = try policy.target(url)
        } catch {
            return .failure(error)
        }
        let addresses: [[UInt8]]
        if let literal = IPAddress.bytes(target.host) {
            addresses = [literal]
        } else {
            addresses = await Self.withinResolveTimeout { await resolve(target.host, target.port) }
        }
        guard !addresses.isEmpty else { return .failure(OutboundRefusal("the host name does not resolve")) }
        guard policy.admits(addresses), let first = addresses.first, let address = Self.text(first) else {
            return .failure(OutboundRefusal("the host resolves to a private, loopback or reserved address"))
        }
        return .success((target.host, address))
    }

    func send(_ delivery: OutboundDelivery, headers: [(String, String)]) async -> OutboundResult {
        let host: String
        let address: String
        switch await check(delivery.url) {
        case .success(let checked): (host, address) = checked
        case .failure(let refusal): return .failed(status: nil, error: "refused: \(refusal.description)")
        }
        var configuration = HTTPClient.Configuration(redirectConfiguration: .disallow, timeout: .init(connect: .seconds(5), read: Self.timeout))
        configuration.dnsOverride = [host: address]
        let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        defer { _ = client.shutdown() }
        var request = HTTPClientRequest(url: delivery.url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: delivery.contentType)
        request.headers.add(name: "User-Agent", value: "Flowsta-Auth")
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        request.body = .bytes(ByteBuffer(bytes: delivery.body))
        do {
            let response = try await client.execute(request, timeout: Self.timeout)
            var read = 0
            for try await chunk in response.body {
                read += chunk.readableBytes
                if read > Self.responseLimit { break }
            }
            let status = Int(response.status.code)
            if (200..<300).contains(status) { return .delivered(status: status) }
            if (300..<400).contains(status) { return .failed(status: status, error: "redirects are not followed") }
            return .failed(status: status, error: "HTTP \(status)")
        } catch {
            return .failed(status: nil, error: String(describing: type(of: error)))
        }
    }

    static func text(_ bytes: [UInt8]) -> String? {
        switch bytes.count {
        case 4: return bytes.map(String.init).joined(separator: ".")
        case 16: return stride(from: 0, to: 16, by: 2).map { String(UInt16(bytes[$0]) << 8 | UInt16(bytes[$0 + 1]), radix: 16) }.joined(separator: ":")
        default: return nil
        }
    }

    /// The longest a host name lookup is waited for (a request creating an endpoint waits on it).
    static let resolveTimeout = Duration.seconds(3)

    /// The lookup's answer, or none when it takes longer than ``resolveTimeout``. (A task group
    /// would wait for the blocked lookup; here the lookup finishes on its own, unheard.)
    static func withinResolveTimeout(_ lookup: @escaping @Sendable () async -> [[UInt8]]) async -> [[UInt8]] {
        let answered = Mutex(false)
        return await withCheckedContinuation { (continuation: CheckedContinuation<[[UInt8]], Never>) in
            let answer: @Sendable ([[UInt8]]) -> Void = { addresses in
                let first = answered.withLock { done in
                    defer { done = true }
                    return !done
                }
                if first { continuation.resume(returning: addresses) }
            }
            Task { answer(await lookup()) }
            Task {
                try? await Task.sleep(for: resolveTimeout)
                answer([])
            }
        }
    }

    /// `getaddrinfo` on NIO's thread pool (it blocks).
    @Sendable static func systemResolve(_ host: String, _ port: Int) async -> [[UInt8]] {
        (try? await NIOThreadPool.singleton.runIfActive {
            (try? SocketAddress.makeAddressResolvingHost(host, port: port)).flatMap { address -> [UInt8]? in
                address.ipAddress.flatMap(IPAddress.bytes)
            }.map { [$0] } ?? []
        }) ?? []
    }
}
