import Crypto
import FlowstaClient
import FlowstaCore
import FlowstaCrypto
import FlowstaServer
import Foundation
import Testing

/// Issue #16 and P6: the user's keys stay the user's. Through the Swift SDK on each engine — a
/// sign-up with its recovery code, a password change, a new recovery code, a recovery, a
/// verified address and a reset — then every row of every table and every log line is searched
/// for the root keys, the recovery codes, the export keys, the envelopes' wrap keys, the keys
/// derived from the root keys, and the mailed link tokens: none may appear, in any encoding.
@Suite struct RootKeyPrivacyScanTests {
    static let password = "marker-keys-password-71"

    @Test(arguments: DatabaseChoice.all)
    func noRootKeyRecoveryCodeOrEnvelopeKeyIsStoredOrLogged(database: DatabaseChoice) async throws {
        let server = try await TestServer(databaseURL: database.url)
        let tag = String(UInt32.random(in: 0...UInt32.max), radix: 36)
        let address = "keys-\(tag)@example.org"
        let (keys, codes, dump) = try await server.withLive { client in
            func sdk() -> FlowstaClient {
                FlowstaClient(
                    baseURL: URL(string: "http://localhost")!, configuration: OPAQUEConfiguration(ksf: .identity),
                    transport: TestClientTransport(client: client)
                )
            }
            func token(_ subject: String) async throws -> String {
                var found: String?
                for _ in 0..<100 where found == nil {
                    found = try await server.runtime.mailer.list().map(\.1).last { $0.to == address && $0.subject.contains(subject) }?.text
                    if found == nil { try await Task.sleep(for: .milliseconds(100)) }
                }
                let text = try #require(found)
                return String(try #require(text.components(separatedBy: "#token=").last?.prefix { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }))
            }
            let username = "keys_\(tag)"
            let device = sdk()
            let registered = try await device.register(username: username, password: Self.password, email: address)
            let changed = try await device.changePassword(from: Self.password, to: Self.password + "-2")
            let newCode = try await device.newRecoveryCode()
            let recovered = try await sdk().recover(username: username, recoveryCode: newCode.display, newPassword: Self.password + "-3")
            let verifyToken = try await token("Verify")
            #expect(try await sdk().verifyEmail(token: verifyToken).emailVerified == true)
            try await sdk().requestPasswordReset(email: address)
            let resetToken = try await token("Reset")
            let reset = try await sdk().resetPassword(token: resetToken, newPassword: Self.password + "-4")

            let roots = try [registered.rootKey, reset.rootKey].map { try #require($0) }
            #expect(changed.rootKey == roots[0] && recovered.rootKey == roots[0] && roots[0] != roots[1])
            var keys: [[UInt8]] = []
            for root in roots {
                keys += [root.bytes, Self.raw(root.vaultKey), Self.raw(root.analyticsRoot), Self.raw(root.signingSeed)]
            }
            for exportKey in [registered.exportKey, changed.exportKey, recovered.exportKey, reset.exportKey] {
                keys += [exportKey, Self.raw(KeyEnvelope.wrapKey(lockSecret: exportKey, kind: .password)), Self.raw(FlowstaVault.key(exportKey: exportKey))]
            }
            let codes = try [registered.recoveryCode, newCode, reset.recoveryCode].map { try #require($0) }
            let strings = codes.flatMap { [$0.normalized, $0.display] } + [verifyToken, resetToken]
            return (keys, strings, try await server.runtime.store.everyRowAsText())
        }
        // Controls: the dump holds the envelopes and the recovery record.
        #expect(dump.tables.contains("root_key_envelopes") && dump.tables.contains("account_tokens"))
        #expect(dump.text.components(separatedBy: "\n").filter { $0.contains("recovery:") }.count >= 1)
        let lowered = dump.text.lowercased()
        let logs = server.logs.captured
        #expect(logs.count > 10)
        for key in keys {
            #expect(key.count >= 32)
            // Blobs come out of the dump as hex (upper case on SQLite): compare lowered.
            #expect(!lowered.contains(key.hexString), "a key is in a table (as bytes)")
            #expect(!logs.contains { $0.lowercased().contains(key.hexString) }, "a key is in the logs (hex)")
            for encoding in [Base64URL.encode(key), Data(key).base64EncodedString()] {
                #expect(!dump.text.contains(encoding), "a key is in a table (base64)")
                #expect(!logs.contains { $0.contains(encoding) }, "a key is in the logs (base64)")
            }
        }
        for code in codes {
            #expect(!dump.text.contains(code) && !lowered.contains(code.lowercased()), "\(code) is in a table")
            #expect(!logs.contains { $0.contains(code) }, "\(code) is in the logs")
        }
    }

    static func raw(_ key: SymmetricKey) -> [UInt8] { key.withUnsafeBytes { Array($0) } }
}
