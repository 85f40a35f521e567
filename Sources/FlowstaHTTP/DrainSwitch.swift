import Synchronization

/// Whether the server is draining: between the stop signal and the graceful shutdown, `/ready`
/// answers 503 so load balancers send new requests elsewhere while this instance still serves
/// the ones it gets (issue #19).
public final class DrainSwitch: Sendable {
    private let flag = Atomic<Bool>(false)

    public init() {}

    public var isDraining: Bool { flag.load(ordering: .relaxed) }

    /// Starts draining. - Returns: whether this call started it (a second signal does not).
    @discardableResult
    public func start() -> Bool {
        flag.compareExchange(expected: false, desired: true, ordering: .relaxed).exchanged
    }
}
