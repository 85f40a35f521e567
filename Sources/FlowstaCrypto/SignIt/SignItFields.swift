import Foundation

/// What a signer says by signing a file (Flowsta's `intent`).
public enum SignIntent: String, Sendable, CaseIterable, Codable {
    case authorship, approval, witness, receipt, agreement
}

/// How much of the file an AI made (Flowsta's `ai_generation`).
public enum AIGeneration: String, Sendable, CaseIterable, Codable {
    case none, assisted, generated
}

/// Whether the signer offers commercial licences.
public enum CommercialLicensing: String, Sendable, CaseIterable, Codable {
    case notAvailable = "not_available"
    case openToLicensing = "open_to_licensing"
}

/// The signer's terms for training AI on the file.
public enum AITraining: String, Sendable, CaseIterable, Codable {
    case allowed
    case allowedWithAttribution = "allowed_with_attribution"
    case requiresLicense = "requires_license"
    case notAllowed = "not_allowed"
}

/// Whether people may ask (through Flowsta, never learning the signer's address) about the file.
public enum ContactPreference: String, Sendable, CaseIterable, Codable {
    case noContact = "no_contact"
    case allowContactRequests = "allow_contact_requests"
}

/// Flowsta's `content_rights`; every field is optional (absent: the signer states nothing).
public struct ContentRights: Sendable, Equatable, Codable {
    /// A licence name such as `cc-by-4.0` or `all-rights-reserved`: 1–100 printable ASCII
    /// characters (``SignItFields/isValidLicense(_:)``).
    public var license: String?
    public var commercialLicensing: CommercialLicensing?
    public var aiTraining: AITraining?
    public var contactPreference: ContactPreference?

    public init(
        license: String? = nil, commercialLicensing: CommercialLicensing? = nil, aiTraining: AITraining? = nil,
        contactPreference: ContactPreference? = nil
    ) {
        self.license = license
        self.commercialLicensing = commercialLicensing
        self.aiTraining = aiTraining
        self.contactPreference = contactPreference
    }

    enum CodingKeys: String, CodingKey {
        case license
        case commercialLicensing = "commercial_licensing"
        case aiTraining = "ai_training"
        case contactPreference = "contact_preference"
    }
}

/// The statement fields of one signature.
public struct SignItFields: Sendable, Equatable, Codable {
    public static let maxLicenseLength = 100

    public var intent: SignIntent
    public var aiGeneration: AIGeneration
    public var contentRights: ContentRights

    public init(intent: SignIntent, aiGeneration: AIGeneration, contentRights: ContentRights = ContentRights()) {
        self.intent = intent
        self.aiGeneration = aiGeneration
        self.contentRights = contentRights
    }

    enum CodingKeys: String, CodingKey {
        case intent
        case aiGeneration = "ai_generation"
        case contentRights = "content_rights"
    }

    /// `content_rights` may be absent or `null` (the signer states nothing).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        intent = try container.decode(SignIntent.self, forKey: .intent)
        aiGeneration = try container.decode(AIGeneration.self, forKey: .aiGeneration)
        contentRights = try container.decodeIfPresent(ContentRights.self, forKey: .contentRights) ?? ContentRights()
    }

    /// 1–``maxLicenseLength`` characters of printable ASCII (space to `~`): no line break can
    /// enter the canonical encoding, and every verifier reads the same bytes.
    public static func isValidLicense(_ license: String) -> Bool {
        !license.isEmpty && license.utf8.count <= maxLicenseLength && license.utf8.allSatisfy { (0x20...0x7E).contains($0) }
    }
}

/// One file to sign: its SHA-256 (never the file) and what the signer says about it.
public struct FileToSign: Sendable, Equatable {
    /// The 32-byte SHA-256 of the file.
    public var fileHash: [UInt8]
    public var fields: SignItFields

    public init(fileHash: [UInt8], fields: SignItFields) {
        self.fileHash = fileHash
        self.fields = fields
    }

    /// The hash as 64 lowercase hex digits (how it is written everywhere).
    public var hexHash: String { SignItHash.hex(fileHash) }
}

/// File hashes as written on the wire: 64 hex digits.
public enum SignItHash {
    /// The 32 bytes of 64 hex digits (either case), or `nil`.
    public static func parse(_ text: String) -> [UInt8]? {
        let digits = Array(text.utf8)
        guard digits.count == 64 else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(32)
        var index = 0
        while index < 64 {
            guard let high = value(digits[index]), let low = value(digits[index + 1]) else { return nil }
            bytes.append(high << 4 | low)
            index += 2
        }
        return bytes
    }

    public static func hex(_ bytes: [UInt8]) -> String {
        let alphabet = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            out.append(alphabet[Int(byte >> 4)])
            out.append(alphabet[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func value(_ digit: UInt8) -> UInt8? {
        switch digit {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): digit - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
