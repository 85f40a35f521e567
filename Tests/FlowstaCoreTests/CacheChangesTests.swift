import FlowstaCore
import Foundation
import Synchronization
import Testing

@Suite struct CacheChangesTests {
    static let id = UUID(uuidString: "6F1C2A4E-0B5D-4C3A-9E7F-1A2B3C4D5E6F")!

    @Test(arguments: [
        CacheChange.app(clientID: "fsc_abc:def"), .organization(id), .grant(id), .apiKey(id), .signingKeys, .everything,
    ])
    func payloadsRoundTrip(_ change: CacheChange) {
        #expect(CacheChange(payload: change.payload) == change)
        #expect(change.payload.utf8.count <= CacheChange.maximumPayloadLength)
    }

    @Test func idsAreSentInLowerCase() {
        #expect(CacheChange.grant(Self.id).payload == "grant:6f1c2a4e-0b5d-4c3a-9e7f-1a2b3c4d5e6f")
    }

    /// What another (perhaps newer) instance sends that this one does not understand is ignored.
    @Test(arguments: [
        "", "app:", "app", "grant:", "grant:not-a-uuid", "org:6f1c2a4e", "user:6f1c2a4e-0b5d-4c3a-9e7f-1a2b3c4d5e6f", "signing-keys:1",
        "EVERYTHING", "app:" + String(repeating: "x", count: 300),
    ])
    func unknownPayloadsAreIgnored(_ payload: String) {
        #expect(CacheChange(payload: payload) == nil)
    }

    final class Recorder: CacheChangePublisher {
        let published = Mutex<[CacheChange]>([])
        func publish(_ change: CacheChange) async { published.withLock { $0.append(change) } }
    }

    /// A change made here reaches every cache here and is published; one received from another
    /// instance reaches the caches and is not published again.
    @Test func announcedChangesArePublishedAndReceivedOnesAreNot() async {
        let recorder = Recorder()
        let changes = CacheChanges(publisher: recorder)
        let seen = Mutex<[String]>([])
        changes.onChange { change in seen.withLock { $0.append("first " + change.payload) } }
        changes.onChange { change in seen.withLock { $0.append("second " + change.payload) } }
        await changes.announce(.grant(Self.id))
        await changes.apply(.signingKeys)
        #expect(seen.withLock { $0 } == [
            "first grant:6f1c2a4e-0b5d-4c3a-9e7f-1a2b3c4d5e6f", "second grant:6f1c2a4e-0b5d-4c3a-9e7f-1a2b3c4d5e6f",
            "first signing-keys", "second signing-keys",
        ])
        #expect(recorder.published.withLock { $0 } == [.grant(Self.id)])
    }
}
