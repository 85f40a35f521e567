import FlowstaPlatform
import FluentKit
import Foundation
import SQLKit

extension FluentPlatformRepository: NoticeRepository {
    struct NoticeRow: Codable {
        var id: UUID
        var kind: String
        var title: String
        var body: String
        var published_at: Date
        var effective_at: Date

        static let columns = ["id", "kind", "title", "body", "published_at", "effective_at"]
    }

    public func insert(_ notice: Notice) async throws {
        try await sql.insert(into: "notices").columns(NoticeRow.columns).values(
            SQLBind(notice.id), SQLBind(notice.kind.rawValue), SQLBind(notice.title), SQLBind(notice.body),
            SQLBind(notice.publishedAt), SQLBind(notice.effectiveAt)
        ).run()
    }

    public func notices(page: FlowstaPlatform.PageRequest) async throws -> [Notice] {
        let select = sql.select().columns(NoticeRow.columns).from("notices")
        return try await Self.paged(select, time: SQLColumn("published_at"), id: SQLColumn("id"), page).all(decoding: NoticeRow.self).compactMap { row in
            NoticeKind(rawValue: row.kind).map {
                Notice(id: row.id, kind: $0, title: row.title, body: row.body, publishedAt: row.published_at, effectiveAt: row.effective_at)
            }
        }
    }

    public func allOrganizations(page: FlowstaPlatform.PageRequest) async throws -> [StoredOrganization] {
        let select = sql.select().columns(OrganizationRow.columns).from("organizations")
        return try await Self.paged(select, time: SQLColumn("created_at"), id: SQLColumn("id"), page).all(decoding: OrganizationRow.self).map(\.organization)
    }
}
