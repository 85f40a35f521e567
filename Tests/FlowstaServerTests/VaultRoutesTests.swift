import FlowstaAccounts
import Crypto
import FlowstaClient
import FlowstaCore
import FlowstaServer
import Foundation
import Hummingbird
import HummingbirdTesting
import SQLKit
import Testing

/// The user vault (P4): the server keeps sealed entries it cannot read, per user, and the
/// account export hands them back.
@Suite struct VaultRoutesTests {
    static func sealed(_ text: String, key: SymmetricKey, id: UUID, kind: String) throws -> String {
        Base64URL.encode(try FlowstaVault.seal(Array(text.utf8), key: key, id: id, kind: kind))
    }

    @Test(arguments: DatabaseChoice.all)
    func entriesRoundTripAndStayWithTheirOwner(database: DatabaseChoice) async throws {
        let server = try await TestServer(databaseURL: database.url)
        try await server.withRouter { client in
            let driver = OPAQUEDriver(client: client)
            let suffix = String(UInt32.random(in: 0...UInt32.max), radix: 36)
            var cookies: [String] = []
            for name in ["vault_a_\(suffix)", "vault_b_\(suffix)"] {
                #expect(try await driver.register(name, "pw \(name)").status == .created)
                cookies.append(try #require(try await driver.login(name, "pw \(name)").cookie))
            }
            let key = FlowstaVault.key(exportKey: (0..<64).map { _ in UInt8.random(in: 0...255) })
            #expect(try await driver.send("/vault/entries", .get, cookie: nil).status == .unauthorized)

            let id = UUID()
            let plaintext = #"{"type":"signin","at":"2026-11-29T20:00:00Z"}"#
            let ciphertext = try Self.sealed(plaintext, key: key, id: id, kind: "signin")
            let created = try await driver.send("/vault/entries/\(id)", .put, cookie: cookies[0], body: ["kind": "signin", "ciphertext": ciphertext])
            #expect(created.status == .created)
            #expect(JSON.object(created.body)["size"] as? Int == Base64URL.decode(ciphertext)?.count)
            let replaced = try await driver.send("/vault/entries/\(id)", .put, cookie: cookies[0], body: ["kind": "signin", "ciphertext": ciphertext])
            #expect(replaced.status == .ok)

            let fetched = JSON.object(try await driver.send("/vault/entries/\(id)", .get, cookie: cookies[0]).body)
            #expect(fetched["kind"] as? String == "signin")
            let fetchedText = try #require(fetched["ciphertext"] as? String)
            let back = try #require(Base64URL.decode(fetchedText))
            #expect(String(decoding: try FlowstaVault.open(back, key: key, id: id, kind: "signin"), as: UTF8.self) == plaintext)
            #expect(throws: FlowstaVault.VaultError.cannotOpen) { try FlowstaVault.open(back, key: key, id: UUID(), kind: "signin") }
            #expect(throws: FlowstaVault.VaultError.cannotOpen) { try FlowstaVault.open(back, key: key, id: id, kind: "consent") }

            // Another user sees nothing of it and cannot take its id.
            #expect(try await driver.send("/vault/entries/\(id)", .get, cookie: cookies[1]).status == .notFound)
            #expect(try await driver.send("/vault/entries/\(id)", .delete, cookie: cookies[1]).status == .notFound)
            #expect(try await driver.send("/vault/entries/\(id)", .put, cookie: cookies[1], body: ["kind": "signin", "ciphertext": ciphertext]).status == .badRequest)
            #expect((JSON.object(try await driver.send("/vault/entries", .get, cookie: cookies[1]).body)["items"] as? [Any])?.isEmpty == true)

            // Paging and the kind filter; the id may also come in the body.
            for n in 0..<4 {
                let entryID = UUID()
                let kind = n % 2 == 0 ? "consent" : "signin"
                let body: [String: Any] = ["id": entryID.uuidString, "kind": kind, "ciphertext": try Self.sealed("\(n)", key: key, id: entryID, kind: kind)]
                #expect(try await driver.send("/vault/entries", .put, cookie: cookies[0], body: body).status == .created)
            }
            var seen: [String] = []
            var cursor: String?
            repeat {
                let page = JSON.object(try await driver.send("/vault/entries?limit=2" + (cursor.map { "&cursor=\($0)" } ?? ""), .get, cookie: cookies[0]).body)
                let items = try #require(page["items"] as? [[String: Any]])
                #expect(items.count <= 2)
                seen += items.compactMap { $0["id"] as? String }
                cursor = page["next_cursor"] as? String
            } while cursor != nil
            #expect(seen.count == 5 && Set(seen).count == 5 && seen == seen.sorted())
            let consents = JSON.object(try await driver.send("/vault/entries?kind=consent", .get, cookie: cookies[0]).body)
            #expect((consents["items"] as? [[String: Any]])?.allSatisfy { $0["kind"] as? String == "consent" } == true)
            #expect((consents["items"] as? [Any])?.count == 2)

            // What the server refuses.
            let bad: [[String: Any]] = [
                ["kind": "Sign In", "ciphertext": ciphertext], ["kind": "signin", "ciphertext": "not base64!"],
                ["kind": "signin", "ciphertext": Base64URL.encode([UInt8](repeating: 1, count: 20))],
                ["kind": "signin", "ciphertext": Base64URL.encode([0x03] + [UInt8](repeating: 1, count: 40))],
                ["kind": "signin", "ciphertext": Base64URL.encode([0x01] + [UInt8](repeating: 1, count: 33 * 1024))], ["kind": "signin"],
            ]
            for body in bad {
                let answer = try await driver.send("/vault/entries/\(UUID())", .put, cookie: cookies[0], body: body)
                #expect(answer.status == .badRequest, "\(body.keys.sorted())")
                #expect(JSON.object(answer.body)["error"] as? String == "invalid_request")
            }
            #expect(try await driver.send("/vault/entries/not-a-uuid", .get, cookie: cookies[0]).status == .notFound)
            #expect(try await driver.send("/vault/entries?cursor=zzz", .get, cookie: cookies[0]).status == .badRequest)
            #expect(try await driver.send("/vault/entries?limit=500", .get, cookie: cookies[0]).status == .badRequest)

            // The account export carries the vault as the server holds it: sealed.
            let export = try await driver.send("/auth/me/export", .get, cookie: cookies[0])
            #expect(export.status == .ok)
            #expect(export.headers[.init("Content-Disposition")!]?.hasPrefix("attachment;") == true)
            let document = JSON.object(export.body)
            #expect((document["user"] as? [String: Any])?["username"] as? String == "vault_a_\(suffix)")
            #expect((document["envelopes"] as? [Any]) != nil, "the root key's envelopes are exported (none for this account)")
            #expect((document["sessions"] as? [[String: Any]])?.contains { $0["current"] as? Bool == true } == true)
            let vault = try #require(document["vault"] as? [[String: Any]])
            #expect(vault.count == 5)
            #expect(vault.contains { $0["ciphertext"] as? String == ciphertext })
            #expect(document["connected_apps"] is [Any] && document["organizations"] is [Any])
            #expect(!String(buffer: export.body).contains(plaintext))

            // Deleting one, then all.
            #expect(try await driver.send("/vault/entries/\(id)", .delete, cookie: cookies[0]).status == .noContent)
            #expect(try await driver.send("/vault/entries/\(id)", .get, cookie: cookies[0]).status == .notFound)
            #expect(try await driver.send("/vault/entries", .delete, cookie: cookies[0]).status == .noContent)
            #expect((JSON.object(try await driver.send("/vault/entries", .get, cookie: cookies[0]).body)["items"] as? [Any])?.isEmpty == true)
        }
    }

    /// P4: the vault table holds an id, its owner, a kind and ciphertext — no time, no plaintext.
    @Test(arguments: DatabaseChoice.all)
    func theVaultTableHoldsNoTimeOrPlaintext(database: DatabaseChoice) async throws {
        let server = try await TestServer(databaseURL: database.url)
        let sql = server.runtime.store.database as! any SQLDatabase
        struct Column: Decodable { var name: String }
        let columns: [Column] = database == .sqlite
            ? try await sql.raw("SELECT name FROM pragma_table_info('vault_entries')").all(decoding: Column.self)
            : try await sql.raw("""
                SELECT column_name::text AS name FROM information_schema.columns
                WHERE table_schema = current_schema() AND table_name = 'vault_entries'
                """).all(decoding: Column.self)
        #expect(Set(columns.map(\.name)) == ["id", "user_id", "kind", "ciphertext"])
        await server.runtime.store.shutdown()
    }
}

/// `GET /api/v1/notices` lists what operators published, for keys and signed-in users.
@Suite struct NoticeRoutesTests {
    @Test func noticesAreListedForKeysAndSessions() async throws {
        let server = try await TestServer()
        try await server.withRouter { client in
            let fixture = try await ManagementFixture.make(server, client)
            #expect(try await fixture.call(.owner, .patch, "/api/v1/orgs/\(fixture.organizationID)", ["contact_email": "ops-\(UUID().uuidString.prefix(8))@acme.example"]).status == .ok)
            let effective = Date().addingTimeInterval(61 * 86_400)
            let published = try await server.runtime.notices.publish(kind: .policy, title: "Privacy policy update", body: "We explain MAU better.", effectiveAt: effective)
            #expect(published.recipients >= 1, "the organization's contact or owners")
            for caller in [ManagementFixture.Caller.key, .member] {
                let listed = try await fixture.call(caller, .get, "/api/v1/notices")
                #expect(listed.status == .ok)
                let items = try #require(JSON.object(listed.body)["items"] as? [[String: Any]])
                #expect(items.contains { $0["id"] as? String == published.notice.id.uuidString.lowercased() && $0["kind"] as? String == "policy" && $0["effective_at"] is String })
            }
            #expect(try await client.execute(uri: "/api/v1/notices", method: .get).status == .unauthorized)
        }
    }
}

/// Issue #15 §2.7: a vault holds a sign-in history, not a disk's worth of data.
@Suite struct VaultQuotaTests {
    static func blob(_ size: Int) -> String { Base64URL.encode([0x01] + (1..<size).map { _ in UInt8.random(in: 0...255) }) }

    @Test(arguments: DatabaseChoice.all)
    func entriesAndBytesAreBoundedAndTheExportIsStreamed(database: DatabaseChoice) async throws {
        let server = try await TestServer(databaseURL: database.url)
        try await server.withRouter { client in
            let driver = OPAQUEDriver(client: client)
            let name = "quota_" + String(UInt32.random(in: 0...UInt32.max), radix: 36)
            #expect(try await driver.register(name, "pw").status == .created)
            let cookie = try #require(try await driver.login(name, "pw").cookie)
            let largest = VaultService.maximumCiphertext
            let over = try await driver.send("/vault/entries/\(UUID())", .put, cookie: cookie, body: ["kind": "signin", "ciphertext": Self.blob(largest + 1)])
            #expect(over.status == .badRequest)
            // 2 MiB in 4 KiB entries: 512 fit, the 513th does not.
            let fits = VaultService.quota.maxBytes / largest
            var ids: [UUID] = []
            for _ in 0..<fits {
                let id = UUID()
                ids.append(id)
                #expect(try await driver.send("/vault/entries/\(id)", .put, cookie: cookie, body: ["kind": "signin", "ciphertext": Self.blob(largest)]).status == .created)
            }
            let full = try await driver.send("/vault/entries/\(UUID())", .put, cookie: cookie, body: ["kind": "signin", "ciphertext": Self.blob(VaultService.minimumCiphertext)])
            #expect(full.status == .conflict)
            #expect(JSON.object(full.body)["error"] as? String == "vault_full")
            // Replacing an entry with a smaller one frees room, exactly that much.
            #expect(try await driver.send("/vault/entries/\(ids[0])", .put, cookie: cookie, body: ["kind": "signin", "ciphertext": Self.blob(largest / 2)]).status == .ok)
            #expect(try await driver.send("/vault/entries/\(UUID())", .put, cookie: cookie, body: ["kind": "signin", "ciphertext": Self.blob(largest / 2)]).status == .created)
            #expect(try await driver.send("/vault/entries/\(ids[1])", .put, cookie: cookie, body: ["kind": "signin", "ciphertext": Self.blob(largest)]).status == .ok)
            #expect(try await driver.send("/vault/entries/\(UUID())", .put, cookie: cookie, body: ["kind": "signin", "ciphertext": Self.blob(VaultService.minimumCiphertext)]).status == .conflict)
            // The export carries every entry.
            let export = try await driver.send("/auth/me/export", .get, cookie: cookie)
            #expect(export.status == .ok)
            let document = JSON.object(export.body)
            #expect((document["vault"] as? [[String: Any]])?.count == fits + 1)
            #expect((document["user"] as? [String: Any])?["username"] as? String == name)
            #expect(document["notes"] is [String])
        }
    }
}
