import FlowstaPlatform

/// Every paged list of the API: `{"items": [...], "next_cursor": "..." | null}`.
package struct PagedList<Item: Encodable>: Encodable {
    package var items: [Item]
    package var nextCursor: String?

    /// A page of the platform, each item made into its wire form.
    package init<Source>(_ page: Page<Source>, _ transform: (Source) -> Item) {
        self.init(items: page.items.map(transform), nextCursor: page.nextCursor)
    }

    package init(items: [Item], nextCursor: String?) {
        self.items = items
        self.nextCursor = nextCursor
    }
    package enum CodingKeys: String, CodingKey {
        case items
        case nextCursor = "next_cursor"
    }

    package func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(items, forKey: .items)
        try container.encode(nextCursor, forKey: .nextCursor)
    }
}
