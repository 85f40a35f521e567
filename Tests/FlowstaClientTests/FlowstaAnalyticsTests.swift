import FlowstaClient
import Foundation
import Testing

/// The Swift derivation against the vectors the browser client also passes
/// (`Tests/FlowstaCryptoTests/Vectors/analytics-v1.json`, made by an independent Python
/// reference, `Tests/support/analytics_vectors.py`).
@Suite struct FlowstaAnalyticsTests {
    struct Vector: Decodable {
        var export_key: String
        var analytics_root: String
        var client_id: String
        var month: String
        var analytics_id: String
    }

    struct File: Decodable {
        var info: String
        var vectors: [Vector]
    }

    static func load() throws -> File {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../FlowstaCryptoTests/Vectors/analytics-v1.json").standardized
        return try JSONDecoder().decode(File.self, from: Data(contentsOf: url))
    }

    static func bytes(_ hex: String) -> [UInt8] {
        var out: [UInt8] = []
        var index = hex.startIndex
        while index < hex.endIndex {
            let next = hex.index(index, offsetBy: 2)
            out.append(UInt8(hex[index..<next], radix: 16)!)
            index = next
        }
        return out
    }

    @Test func matchesTheVectors() throws {
        let file = try Self.load()
        #expect(file.info == FlowstaAnalytics.info)
        #expect(file.vectors.count >= 6)
        for vector in file.vectors {
            let root = FlowstaAnalytics.root(exportKey: Self.bytes(vector.export_key))
            #expect(root.withUnsafeBytes { Array($0) } == Self.bytes(vector.analytics_root))
            #expect(FlowstaAnalytics.analyticsID(root: root, clientID: vector.client_id, month: vector.month) == vector.analytics_id)
        }
    }

    @Test func idsDifferPerAppAndPerMonthAndRefuseBadMonths() {
        let root = FlowstaAnalytics.root(exportKey: [UInt8](repeating: 9, count: 64))
        let a = FlowstaAnalytics.analyticsID(root: root, clientID: "flowsta_app_a", month: "2026-11")
        #expect(a?.count == 22)
        #expect(a == FlowstaAnalytics.analyticsID(root: root, clientID: "flowsta_app_a", month: "2026-11"))
        #expect(a != FlowstaAnalytics.analyticsID(root: root, clientID: "flowsta_app_b", month: "2026-11"))
        #expect(a != FlowstaAnalytics.analyticsID(root: root, clientID: "flowsta_app_a", month: "2026-12"))
        let someoneElse = FlowstaAnalytics.root(exportKey: [UInt8](repeating: 8, count: 64))
        #expect(a != FlowstaAnalytics.analyticsID(root: someoneElse, clientID: "flowsta_app_a", month: "2026-11"))
        for month in ["2026-13", "2026-1", "26-11", "2026/11", ""] {
            #expect(FlowstaAnalytics.analyticsID(root: root, clientID: "flowsta_app_a", month: month) == nil)
        }
        #expect(FlowstaAnalytics.month(of: ISO8601DateFormatter().date(from: "2026-11-30T23:59:59Z")!) == "2026-11")
        #expect(FlowstaAnalytics.month(of: ISO8601DateFormatter().date(from: "2026-12-01T00:00:00Z")!) == "2026-12")
    }
}
