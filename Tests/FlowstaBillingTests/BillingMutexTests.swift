@testable import FlowstaBilling
import Testing

/// Records how many tasks are inside the critical section at once.
private actor Trace {
    var inside = 0
    var mostInside = 0
    var entries = 0

    func enter() {
        inside += 1
        entries += 1
        mostInside = max(mostInside, inside)
    }

    func leave() { inside -= 1 }
}

@Suite struct BillingMutexTests {
    /// Fifty tasks that each yield while holding the lock never overlap, and all get their turn.
    @Test func oneHolderAtATime() async {
        let mutex = BillingMutex()
        let trace = Trace()
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<50 {
                group.addTask {
                    await mutex.lock()
                    await trace.enter()
                    for _ in 0..<3 { await Task.yield() }
                    await trace.leave()
                    await mutex.unlock()
                }
            }
        }
        #expect(await trace.mostInside == 1)
        #expect(await trace.entries == 50)
        #expect(await trace.inside == 0)
    }

    /// The same without the lock overlaps: the check above can fail.
    @Test func withoutTheLockTasksOverlap() async {
        let trace = Trace()
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<50 {
                group.addTask {
                    await trace.enter()
                    for _ in 0..<3 { await Task.yield() }
                    await trace.leave()
                }
            }
        }
        #expect(await trace.mostInside > 1)
    }
}
