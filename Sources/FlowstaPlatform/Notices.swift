import FlowstaCore
import FlowstaCrypto
import Foundation

/// What a notice is about (P9 and the policy's notification channel).
public enum NoticeKind: String, Sendable, CaseIterable, Codable {
    /// Privacy policy and terms changes: published at least 60 days before they take effect.
    case policy, terms
    case service, api, billing, security

    /// Policy and terms changes need 60 days' notice.
    public var needsNotice: Bool { self == .policy || self == .terms }
}

/// A published notice.
public struct Notice: Sendable, Equatable {
    public var id: UUID
    public var kind: NoticeKind
    public var title: String
    public var body: String
    public var publishedAt: Date
    public var effectiveAt: Date

    public init(id: UUID, kind: NoticeKind, title: String, body: String, publishedAt: Date, effectiveAt: Date) {
        self.id = id
        self.kind = kind
        self.title = title
        self.body = body
        self.publishedAt = publishedAt
        self.effectiveAt = effectiveAt
    }
}

/// Storage of notices, and the organizations they go to.
public protocol NoticeRepository: Sendable {
    func insert(_ notice: Notice) async throws
    /// Oldest first, after the page's position.
    func notices(page: PageRequest) async throws -> [Notice]
    /// Every organization, oldest first, after the page's position.
    func allOrganizations(page: PageRequest) async throws -> [StoredOrganization]
}

/// Publishes notices (operators) and lists them (anyone signed in or holding a key). Each
/// notice is emailed to every organization's contact address and owners (security notices to
/// owners only), once per address.
public struct NoticeService: Sendable {
    public static let noticeDays = 60
    static let titleLimit = 200
    static let bodyLimit = 20_000

    let notices: any NoticeRepository
    let memberships: any MembershipRepository
    let users: any UserDirectory
    let mailer: any PlatformMailer
    let keyRing: KeyRing
    let time: any TimeSource

    public init(notices: any NoticeRepository, memberships: any MembershipRepository, users: any UserDirectory, mailer: any PlatformMailer, keyRing: KeyRing, time: any TimeSource) {
        self.notices = notices
        self.memberships = memberships
        self.users = users
        self.mailer = mailer
        self.keyRing = keyRing
        self.time = time
    }

    /// - Returns: the notice and how many addresses it was emailed to.
    public func publish(kind: NoticeKind, title rawTitle: String, body rawBody: String, effectiveAt: Date) async throws -> (notice: Notice, recipients: Int) {
        let title = rawTitle.trimmingCharacters(in: .whitespacesAndNewlines)
        let body = rawBody.trimmingCharacters(in: .whitespacesAndNewlines)
        guard (1...Self.titleLimit).contains(title.count), !title.contains("\n") else {
            throw PlatformError.invalidRequest("the title must be one line of 1-\(Self.titleLimit) characters")
        }
        guard (1...Self.bodyLimit).contains(body.count) else { throw PlatformError.invalidRequest("the body must be 1-\(Self.bodyLimit) characters") }
        let now = time.now
        let earliest = now.addingTimeInterval(Double(Self.noticeDays) * 86_400)
        if kind.needsNotice, effectiveAt < earliest {
            throw PlatformError.invalidRequest("\(kind.rawValue) changes take effect at least \(Self.noticeDays) days after publication: \(UTCDay.string(from: earliest)) or later")
        }
        let published = StorableDate.wholeMilliseconds(now)
        let notice = Notice(id: UUID(), kind: kind, title: title, body: body, publishedAt: published, effectiveAt: effectiveAt)
        try await notices.insert(notice)
        return (notice, try await mail(notice))
    }

    public func list(page: PageRequest) async throws -> Page<Notice> {
        var request = page
        request.limit += 1
        return PageCursor.page(try await notices.notices(page: request), limit: page.limit) { ($0.publishedAt, $0.id) }
    }

    func mail(_ notice: Notice) async throws -> Int {
        var sent: Set<String> = []
        var page = PageRequest(limit: 100)
        while true {
            let organizations = try await notices.allOrganizations(page: page)
            for organization in organizations {
                // An address that cannot be opened (sealed under another key) is skipped: one bad
                // row must not keep the notice from everyone after it.
                var addresses: [String] = []
                if notice.kind != .security, let sealed = organization.contactEmailSealed,
                   let opened = try? keyRing.open(sealed, context: PlatformService.contactEmailContext(organization.id)) {
                    addresses.append(String(decoding: opened, as: UTF8.self))
                }
                let owners = try await memberships.owners(organizationID: organization.id)
                for (userID, sealed) in try await users.sealedEmails(of: owners) {
                    if let opened = try? keyRing.open(sealed, context: SealingContext.userEmail(userID)) {
                        addresses.append(String(decoding: opened, as: UTF8.self))
                    }
                }
                for address in addresses where sent.insert(address.lowercased()).inserted {
                    try await mailer.send(to: address, subject: "[Flowsta \(notice.kind.rawValue) notice] \(notice.title)", text: Self.text(notice))
                }
            }
            guard organizations.count == page.limit, let last = organizations.last else { break }
            page.after = (last.createdAt, last.id)
        }
        return sent.count
    }

    static func text(_ notice: Notice) -> String {
        """
        \(notice.title)

        Effective \(UTCDay.string(from: notice.effectiveAt)).

        \(notice.body)

        All notices: GET /api/v1/notices, or the dashboard.
        """
    }
}
