/// One billing change at a time in this process: webhooks, owners' plan changes and the job
/// read and write an organization's billing account, and Stripe sends events while a change is
/// still being saved (a plan change's own `customer.subscription.updated` can arrive before the
/// change is stored). First come, first served.
actor BillingMutex {
    private var locked = false
    private var waiters: [CheckedContinuation<Void, Never>] = []

    func lock() async {
        guard locked else {
            locked = true
            return
        }
        await withCheckedContinuation { waiters.append($0) }
    }

    func unlock() {
        if waiters.isEmpty {
            locked = false
        } else {
            // The lock passes straight to the next waiter.
            waiters.removeFirst().resume()
        }
    }
}

extension BillingService {
    /// Runs `body` holding the billing mutex.
    func serialized<T: Sendable>(_ body: () async throws -> T) async throws -> T {
        await mutex.lock()
        do {
            let value = try await body()
            await mutex.unlock()
            return value
        } catch {
            await mutex.unlock()
            throw error
        }
    }
}
