import FlowstaHTTP
import FlowstaAccounts
import FlowstaCore
import FlowstaOAuth
import FlowstaPlatform
import Foundation
import Hummingbird

/// `/vault/entries` (the user's own encrypted activity, P4) and `GET /auth/me/export` (all the
/// server keeps about the signed-in user). Session cookie only.
struct VaultController {
    let accounts: AccountService
    let vault: VaultService
    let oauth: OAuthProvider
    let platform: PlatformService
    let apps: any AppRepository
    let cookies: SessionCookies
    let time: any TimeSource

    func addRoutes(to router: Router<AppRequestContext>) {
        let group = router.group().add(middleware: SessionMiddleware(accounts: accounts, cookies: cookies))
            .group(context: AuthenticatedRequestContext.self)
        group.get("vault/entries", use: list)
        group.put("vault/entries", use: putWithBodyID)
        group.delete("vault/entries", use: deleteAll)
        group.get("vault/entries/:id", use: get)
        group.put("vault/entries/:id", use: put)
        group.delete("vault/entries/:id", use: delete)
        group.get("auth/me/export", use: export)
    }

    struct PutRequest: Decodable {
        var id: String?
        var kind: String
        var ciphertext: String
    }

    /// One entry on the wire (`ciphertext` base64url; `size` its length in bytes).
    struct EntryDTO: Encodable {
        var entry: VaultEntry
        var withCiphertext = true

        enum CodingKeys: String, CodingKey { case id, kind, ciphertext, size }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(entry.id.uuidString.lowercased(), forKey: .id)
            try container.encode(entry.kind, forKey: .kind)
            if withCiphertext { try container.encode(Base64URL.encode(entry.ciphertext), forKey: .ciphertext) }
            try container.encode(entry.ciphertext.count, forKey: .size)
        }
    }

    static func entryID(_ context: AuthenticatedRequestContext) throws -> UUID {
        guard let raw = context.parameters.get("id"), let id = UUID(uuidString: raw) else { throw AccountError.notFound }
        return id
    }

    @Sendable func list(_ request: Request, context: AuthenticatedRequestContext) async throws -> Response {
        let query = request.uri.queryParameters
        let limit = try query["limit"].map { raw -> Int in
            guard let value = Int(String(raw)) else { throw AccountError.invalidRequest("limit must be 1-\(VaultService.pageLimit)") }
            return value
        } ?? 50
        let after = try query["cursor"].map { raw -> UUID in
            guard let id = UUID(uuidString: String(raw)) else { throw AccountError.invalidRequest("cursor is not one this API returned") }
            return id
        }
        let page = try await vault.entries(userID: context.session.user.id, kind: query["kind"].map(String.init), after: after, limit: limit)
        return try JSONResponse(value: PagedList(items: page.items.map { EntryDTO(entry: $0) }, nextCursor: page.next?.uuidString.lowercased())).build()
    }

    @Sendable func get(_ request: Request, context: AuthenticatedRequestContext) async throws -> Response {
        try JSONResponse(value: EntryDTO(entry: try await vault.entry(userID: context.session.user.id, id: Self.entryID(context)))).build()
    }

    @Sendable func put(_ request: Request, context: AuthenticatedRequestContext) async throws -> Response {
        let body = try await JSONBody.decode(PutRequest.self, from: request)
        let id = try Self.entryID(context)
        if let bodyID = body.id, UUID(uuidString: bodyID) != id { throw AccountError.invalidRequest("the body's id differs from the path's") }
        return try await store(id: id, body, context)
    }

    /// `PUT /vault/entries` with the id in the body (a new random one when absent).
    @Sendable func putWithBodyID(_ request: Request, context: AuthenticatedRequestContext) async throws -> Response {
        let body = try await JSONBody.decode(PutRequest.self, from: request)
        var id = UUID()
        if let raw = body.id {
            guard let parsed = UUID(uuidString: raw) else { throw AccountError.invalidRequest("id must be a UUID") }
            id = parsed
        }
        return try await store(id: id, body, context)
    }

    func store(id: UUID, _ body: PutRequest, _ context: AuthenticatedRequestContext) async throws -> Response {
        let stored = try await vault.put(userID: context.session.user.id, id: id, kind: body.kind, ciphertext: body.ciphertext)
        var response = try JSONResponse(value: EntryDTO(entry: stored.entry, withCiphertext: false)).build()
        response.status = stored.created ? .created : .ok
        return response
    }

    @Sendable func delete(_ request: Request, context: AuthenticatedRequestContext) async throws -> Response {
        try await vault.delete(userID: context.session.user.id, id: Self.entryID(context))
        return Response(status: .noContent)
    }

    @Sendable func deleteAll(_ request: Request, context: AuthenticatedRequestContext) async throws -> Response {
        _ = try await vault.deleteAll(userID: context.session.user.id)
        return Response(status: .noContent)
    }

    /// `GET /auth/me/export`: the account, the organizations and roles, the apps the user allowed
    /// and the vault's entries (still encrypted: only the user's devices can read them), as one
    /// JSON download. Streamed: the vault is written a page at a time, so a full vault never
    /// sits in memory as one document.
    @Sendable func export(_ request: Request, context: AuthenticatedRequestContext) async throws -> Response {
        let user = context.session.user
        var organizations: [OrganizationView] = []
        var page = PageRequest(limit: 100)
        while true {
            let result = try await platform.listOrganizations(.user(user.id), page: page)
            organizations += result.items
            guard let cursor = result.nextCursor, let next = try? PageCursor.request(limit: "100", cursor: cursor) else { break }
            page = next
        }
        let head = UserExportDTO(
            exportedAt: time.now, user: AccountController.UserDTO(try accounts.profile(of: user)), organizations: organizations,
            connectedApps: try await oauth.connectedApps(userID: user.id),
            envelopes: AccountController.EnvelopeDTO.list(try await accounts.allEnvelopes(context.session)),
            sessions: try await accounts.sessions(context.session).map(AccountController.SessionDTO.init)
        )
        // The head's object without its closing brace, then `"vault":[…]}`.
        let opening = Array(try UserExportDTO.encoder.encode(head).dropLast())
        let vault = self.vault
        let body = ResponseBody { writer in
            try await writer.write(ByteBuffer(bytes: opening + Array(#","vault":["#.utf8)))
            var after: UUID?
            var first = true
            repeat {
                let page = try await vault.entries(userID: user.id, kind: nil, after: after, limit: VaultService.pageLimit)
                var chunk: [UInt8] = []
                for entry in page.items {
                    if !first { chunk.append(UInt8(ascii: ",")) }
                    first = false
                    chunk += try UserExportDTO.encoder.encode(EntryDTO(entry: entry))
                }
                try await writer.write(ByteBuffer(bytes: chunk))
                after = page.next
            } while after != nil
            try await writer.write(ByteBuffer(string: "]}"))
            try await writer.finish(nil)
        }
        let day = ISO8601DateFormatter.string(from: time.now, timeZone: TimeZone(identifier: "UTC")!, formatOptions: [.withFullDate])
        return Response(status: .ok, headers: [
            .contentType: "application/json", .cacheControl: "no-store",
            .contentDisposition: "attachment; filename=\"flowsta-account-\(user.username)-\(day).json\"",
        ], body: body)
    }
}

/// Everything the server keeps about a user (P9-style access right for end users).
struct UserExportDTO: Encodable {
    var exportedAt: Date
    var user: AccountController.UserDTO
    var organizations: [OrganizationView]
    var connectedApps: [ConnectedApp]
    /// The root key's envelopes, as sealed as the server holds them.
    var envelopes: [AccountController.EnvelopeDTO]
    var sessions: [AccountController.SessionDTO]

    /// The export's encoding (as ``JSONResponse``'s).
    static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    enum CodingKeys: String, CodingKey {
        case user, organizations, notes, envelopes, sessions
        case exportedAt = "exported_at"
        case connectedApps = "connected_apps"
    }

    struct Organization: Encodable {
        var id: String
        var name: String
        var role: String?
    }

    struct App: Encodable {
        var appID: String
        var clientID: String
        var name: String
        var scopes: [String]
        var since: Date

        enum CodingKeys: String, CodingKey {
            case name, scopes, since
            case appID = "app_id"
            case clientID = "client_id"
        }
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(exportedAt, forKey: .exportedAt)
        try container.encode(user, forKey: .user)
        try container.encode(organizations.map { Organization(id: $0.id.uuidString.lowercased(), name: $0.name, role: $0.role?.rawValue) }, forKey: .organizations)
        try container.encode(connectedApps.map {
            App(appID: $0.appID.uuidString.lowercased(), clientID: $0.clientID, name: $0.name, scopes: $0.scope.sorted.map(\.rawValue), since: $0.since)
        }, forKey: .connectedApps)
        try container.encode(envelopes, forKey: .envelopes)
        try container.encode(sessions, forKey: .sessions)
        try container.encode([
            "Flowsta never stores your password, IP addresses or device information, so there are none to export.",
            "Your activity (sign-ins, consent decisions) is in the vault, encrypted with a key only your devices derive from your root key; the entries are exactly what the server holds.",
            "Your root key is held only in the envelopes listed, each sealed under a key that only your password or your recovery code can produce; the server cannot open them.",
            "Sessions and OAuth tokens are stored as keyed hashes that identify nothing outside this server.",
        ], forKey: .notes)
    }
}
