import FlowstaAccounts
import FlowstaStore
import FlowstaTesting
import Foundation
import Testing

/// ``SecondFactorRepository`` on every store: the same answers, and every use is once.
@Suite struct SecondFactorRepositoryContractTests {
    static let t0 = Date(timeIntervalSince1970: 1_900_000_000)

    static func repository(_ stores: Stores) -> any SecondFactorRepository {
        stores.database.map { FluentSecondFactorRepository(store: $0) } ?? InMemorySecondFactorRepository()
    }

    @Test(arguments: StoreKind.all)
    func anAuthenticatorIsConfirmedOnceAndEachStepIsUsedOnce(kind: StoreKind) async throws {
        try await Stores.with(kind) { (stores: Stores) async throws in
            let repository = Self.repository(stores)
            let user = try await PlatformRepositoryContractTests.user(stores, "totp")
            #expect(try await repository.totp(userID: user) == nil)
            let enrolment = StoredTOTP(userID: user, sealedSecret: [1, 2, 3], createdAt: Self.t0)
            try await repository.saveTOTP(enrolment)
            #expect(try await repository.totp(userID: user) == enrolment)
            #expect(try await repository.useTOTPStep(userID: user, step: 10) == false, "not before it is confirmed")
            #expect(try await repository.confirmTOTP(userID: user, at: Self.t0, step: 10))
            #expect(try await repository.confirmTOTP(userID: user, at: Self.t0, step: 11) == false, "confirmed once")
            #expect(try await repository.totp(userID: user)?.confirmedAt == Self.t0)
            #expect(try await repository.useTOTPStep(userID: user, step: 10) == false, "the confirming code's step is spent")
            #expect(try await repository.useTOTPStep(userID: user, step: 12))
            #expect(try await repository.useTOTPStep(userID: user, step: 11) == false, "an older step after a newer one")
            #expect(try await repository.totp(userID: user)?.lastUsedStep == 12)
            // Starting again replaces it, unconfirmed.
            try await repository.saveTOTP(StoredTOTP(userID: user, sealedSecret: [4, 5], createdAt: Self.t0))
            #expect(try await repository.totp(userID: user)?.confirmedAt == nil)
            #expect(try await repository.totp(userID: user)?.sealedSecret == [4, 5])
            try await repository.deleteTOTP(userID: user)
            #expect(try await repository.totp(userID: user) == nil)
        }
    }

    @Test(arguments: StoreKind.all)
    func concurrentUsesOfOneStepSucceedOnce(kind: StoreKind) async throws {
        try await Stores.with(kind) { (stores: Stores) async throws in
            let repository = Self.repository(stores)
            let user = try await PlatformRepositoryContractTests.user(stores, "race")
            try await repository.saveTOTP(StoredTOTP(userID: user, sealedSecret: [1], createdAt: Self.t0))
            #expect(try await repository.confirmTOTP(userID: user, at: Self.t0, step: 1))
            let wins = try await withThrowingTaskGroup(of: Bool.self) { group in
                for _ in 0..<8 { group.addTask { try await repository.useTOTPStep(userID: user, step: 2) } }
                return try await group.reduce(0) { $0 + ($1 ? 1 : 0) }
            }
            #expect(wins == 1)
        }
    }

    @Test(arguments: StoreKind.all)
    func backupCodesAreUsedOnceAndReplacedTogether(kind: StoreKind) async throws {
        try await Stores.with(kind) { (stores: Stores) async throws in
            let repository = Self.repository(stores)
            let user = try await PlatformRepositoryContractTests.user(stores, "backup")
            let other = try await PlatformRepositoryContractTests.user(stores, "other")
            try await repository.replaceBackupCodes(userID: user, hashes: ["a", "b", "c"], at: Self.t0)
            #expect(try await repository.unusedBackupCodes(userID: user) == 3)
            #expect(try await repository.useBackupCode(userID: other, hash: "a", at: Self.t0) == false, "another user's code")
            #expect(try await repository.useBackupCode(userID: user, hash: "a", at: Self.t0))
            #expect(try await repository.useBackupCode(userID: user, hash: "a", at: Self.t0) == false, "once")
            #expect(try await repository.useBackupCode(userID: user, hash: "z", at: Self.t0) == false)
            #expect(try await repository.unusedBackupCodes(userID: user) == 2)
            try await repository.replaceBackupCodes(userID: user, hashes: ["d"], at: Self.t0)
            #expect(try await repository.useBackupCode(userID: user, hash: "b", at: Self.t0) == false, "old codes are gone")
            #expect(try await repository.unusedBackupCodes(userID: user) == 1)
            try await repository.deleteBackupCodes(userID: user)
            #expect(try await repository.unusedBackupCodes(userID: user) == 0)
        }
    }

    /// Deleting the account deletes its second factors.
    @Test(arguments: StoreKind.all.filter { $0 != .memory })
    func theyGoWithTheAccount(kind: StoreKind) async throws {
        try await Stores.with(kind) { (stores: Stores) async throws in
            let repository = Self.repository(stores)
            let user = try await PlatformRepositoryContractTests.user(stores, "gone")
            try await repository.saveTOTP(StoredTOTP(userID: user, sealedSecret: [9], createdAt: Self.t0))
            try await repository.replaceBackupCodes(userID: user, hashes: ["x"], at: Self.t0)
            try await stores.users.delete(id: user)
            #expect(try await repository.totp(userID: user) == nil)
            #expect(try await repository.unusedBackupCodes(userID: user) == 0)
        }
    }
}
