import FlowstaCore
import FlowstaCrypto
import Foundation

/// A profile picture as uploaded: PNG, JPEG or WebP, recognised by its bytes (never by a name
/// or a header the client sends), at most ``maxBytes``, at most ``maxSide`` pixels a side, and
/// with what a photo carries about its taker removed — EXIF (camera, GPS position, time), XMP,
/// text and time chunks, comments — so a picture shown to apps says nothing about the device
/// or the place it was taken.
public struct ProfilePicture: Sendable, Equatable {
    public static let maxBytes = 512 * 1024
    public static let maxSide = 4096

    public enum Format: String, Sendable {
        case png = "image/png", jpeg = "image/jpeg", webp = "image/webp"
    }

    public var format: Format
    /// The cleaned bytes (what is stored and served).
    public var bytes: [UInt8]
    public var width: Int
    public var height: Int

    /// - Throws: ``AccountError/invalidPicture(_:)`` naming what is wrong.
    public init(uploaded raw: [UInt8]) throws {
        guard !raw.isEmpty else { throw AccountError.invalidPicture("the picture is empty") }
        guard raw.count <= Self.maxBytes else { throw AccountError.invalidPicture("the picture is over \(Self.maxBytes / 1024) KiB") }
        var reader = ImageReader(raw)
        if raw.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) {
            (bytes, width, height) = try reader.cleanPNG()
            format = .png
        } else if raw.starts(with: [0xFF, 0xD8, 0xFF]) {
            (bytes, width, height) = try reader.cleanJPEG()
            format = .jpeg
        } else if raw.count >= 12, raw.starts(with: Array("RIFF".utf8)), Array(raw[8..<12]) == Array("WEBP".utf8) {
            (bytes, width, height) = try reader.cleanWebP()
            format = .webp
        } else {
            throw AccountError.invalidPicture("only PNG, JPEG and WebP pictures are accepted")
        }
        guard (1...Self.maxSide).contains(width), (1...Self.maxSide).contains(height) else {
            throw AccountError.invalidPicture("the picture must be 1 to \(Self.maxSide) pixels a side")
        }
    }
}

/// Walks an image's container structure; every read is bounds-checked.
struct ImageReader {
    let data: [UInt8]
    init(_ data: [UInt8]) { self.data = data }

    static func bad(_ why: String) -> AccountError { .invalidPicture("the picture is damaged: \(why)") }

    func bigEndian(_ at: Int, _ count: Int) throws -> Int {
        guard at >= 0, count > 0, at + count <= data.count else { throw Self.bad("truncated") }
        return data[at..<(at + count)].reduce(0) { $0 << 8 | Int($1) }
    }

    func littleEndian(_ at: Int, _ count: Int) throws -> Int {
        guard at >= 0, count > 0, at + count <= data.count else { throw Self.bad("truncated") }
        return data[at..<(at + count)].reversed().reduce(0) { $0 << 8 | Int($1) }
    }

    /// PNG: keeps the chunks that draw the image, drops text, time and EXIF chunks (and any
    /// other ancillary chunk), checks the structure ends with IEND.
    mutating func cleanPNG() throws -> ([UInt8], Int, Int) {
        let kept: Set<String> = ["IHDR", "PLTE", "IDAT", "IEND", "tRNS", "gAMA", "cHRM", "sRGB", "sBIT", "bKGD", "pHYs", "acTL", "fcTL", "fdAT"]
        var out = Array(data[0..<8])
        var at = 8
        var size: (Int, Int)?
        var ended = false
        while at < data.count, !ended {
            let length = try bigEndian(at, 4)
            guard length <= data.count, at + 12 + length <= data.count else { throw Self.bad("a chunk runs past the end") }
            let type = String(decoding: data[(at + 4)..<(at + 8)], as: UTF8.self)
            if at == 8 {
                guard type == "IHDR", length == 13 else { throw Self.bad("no IHDR") }
                size = (try bigEndian(at + 8, 4), try bigEndian(at + 12, 4))
            }
            // Critical chunks (upper-case first letter) must be kept or the image breaks.
            let critical = type.first?.isUppercase == true
            if kept.contains(type) || critical { out += data[at..<(at + 12 + length)] }
            ended = type == "IEND"
            at += 12 + length
        }
        guard ended, let (width, height) = size else { throw Self.bad("no IEND") }
        return (out, width, height)
    }

    /// JPEG: drops APP1–APP15 (EXIF, XMP, ICC, maker notes) and comments; keeps APP0 (JFIF)
    /// and every coding segment; reads the size from the frame header.
    mutating func cleanJPEG() throws -> ([UInt8], Int, Int) {
        var out: [UInt8] = [0xFF, 0xD8]
        var at = 2
        var size: (Int, Int)?
        while at < data.count {
            guard data[at] == 0xFF else { throw Self.bad("a segment does not start with a marker") }
            var marker = try bigEndian(at + 1, 1)
            while marker == 0xFF {  // fill bytes
                at += 1
                marker = try bigEndian(at + 1, 1)
            }
            if marker == 0xD9 { out += [0xFF, 0xD9]; break }
            if (0xD0...0xD7).contains(marker) || marker == 0x01 { out += data[at..<(at + 2)]; at += 2; continue }
            let length = try bigEndian(at + 2, 2)
            guard length >= 2, at + 2 + length <= data.count else { throw Self.bad("a segment runs past the end") }
            let segment = data[at..<(at + 2 + length)]
            if [0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF].contains(marker) {
                size = (try bigEndian(at + 7, 2), try bigEndian(at + 5, 2))
            }
            let metadata = (0xE1...0xEF).contains(marker) || marker == 0xFE
            if !metadata { out += segment }
            at += 2 + length
            if marker == 0xDA {
                // Entropy-coded data runs to the next marker that is not a stuffed byte or a restart.
                var end = at
                while end + 1 < data.count, !(data[end] == 0xFF && data[end + 1] != 0x00 && !(0xD0...0xD7).contains(data[end + 1])) { end += 1 }
                out += data[at..<end]
                at = end
            }
        }
        guard out.suffix(2) == [0xFF, 0xD9], let (width, height) = size else { throw Self.bad("no frame header or no end") }
        return (out, width, height)
    }

    /// WebP: keeps the image chunks, drops EXIF, XMP and ICC chunks (clearing their VP8X flags)
    /// and rewrites the RIFF size.
    mutating func cleanWebP() throws -> ([UInt8], Int, Int) {
        let riffSize = try littleEndian(4, 4)
        guard riffSize + 8 <= data.count, riffSize >= 4 else { throw Self.bad("the RIFF size is wrong") }
        var chunks: [UInt8] = []
        var at = 12
        var size: (Int, Int)?
        while at + 8 <= riffSize + 8 {
            let type = String(decoding: data[at..<(at + 4)], as: UTF8.self)
            let length = try littleEndian(at + 4, 4)
            let padded = length + (length & 1)
            guard at + 8 + length <= data.count else { throw Self.bad("a chunk runs past the end") }
            var chunk = Array(data[at..<min(at + 8 + padded, data.count)])
            switch type {
            case "VP8X":
                guard length >= 10 else { throw Self.bad("short VP8X") }
                chunk[8] &= ~UInt8(0x20 | 0x08 | 0x04)  // no ICC, EXIF or XMP any more
                size = (try littleEndian(at + 12, 3) + 1, try littleEndian(at + 15, 3) + 1)
            case "VP8 ":
                guard length >= 10 else { throw Self.bad("short VP8") }
                if size == nil { size = (try littleEndian(at + 14, 2) & 0x3FFF, try littleEndian(at + 16, 2) & 0x3FFF) }
            case "VP8L":
                guard length >= 5 else { throw Self.bad("short VP8L") }
                if size == nil {
                    let bits = try littleEndian(at + 9, 4)
                    size = ((bits & 0x3FFF) + 1, (bits >> 14 & 0x3FFF) + 1)
                }
            default: break
            }
            if !["EXIF", "XMP ", "ICCP"].contains(type) { chunks += chunk }
            at += 8 + padded
        }
        guard let (width, height) = size else { throw Self.bad("no image chunk") }
        let total = UInt32(chunks.count + 4)
        let header = Array("RIFF".utf8) + withUnsafeBytes(of: total.littleEndian) { Array($0) } + Array("WEBP".utf8)
        return (header + chunks, width, height)
    }
}

/// A stored profile picture: served at `/pictures/{token}`; a new upload gets a new token, so
/// an old address stops working.
public struct StoredPicture: Sendable, Equatable {
    public var userID: UUID
    public var token: String
    public var contentType: String
    public var bytes: [UInt8]
    public var updatedAt: Date

    public init(userID: UUID, token: String, contentType: String, bytes: [UInt8], updatedAt: Date) {
        self.userID = userID
        self.token = token
        self.contentType = contentType
        self.bytes = bytes
        self.updatedAt = updatedAt
    }
}

/// Storage of profile pictures (one per user).
public protocol ProfilePictureRepository: Sendable {
    /// Stores `picture`, replacing the user's previous one.
    func save(_ picture: StoredPicture) async throws
    func picture(userID: UUID) async throws -> StoredPicture?
    func picture(token: String) async throws -> StoredPicture?
    /// - Returns: whether there was one.
    func delete(userID: UUID) async throws -> Bool
}

/// ``ProfilePictureRepository`` in memory (the default until a store is given).
public actor EphemeralProfilePictureRepository: ProfilePictureRepository {
    private var pictures: [UUID: StoredPicture] = [:]

    public init() {}

    public func save(_ picture: StoredPicture) { pictures[picture.userID] = picture }
    public func picture(userID: UUID) -> StoredPicture? { pictures[userID] }
    public func picture(token: String) -> StoredPicture? { pictures.values.first { $0.token == token } }
    public func delete(userID: UUID) -> Bool { pictures.removeValue(forKey: userID) != nil }
}

extension AccountService {
    /// Replaces the signed-in user's profile picture (checked and cleaned by ``ProfilePicture``).
    public func setPicture(_ session: AuthenticatedSession, bytes: [UInt8]) async throws -> StoredPicture {
        let picture = try ProfilePicture(uploaded: bytes)
        let stored = StoredPicture(
            userID: session.user.id, token: Base64URL.encode(SecureRandom.bytes(18)), contentType: picture.format.rawValue,
            bytes: picture.bytes, updatedAt: time.now
        )
        try await pictures.save(stored)
        return stored
    }

    /// - Returns: whether there was a picture.
    @discardableResult
    public func removePicture(_ session: AuthenticatedSession) async throws -> Bool {
        try await pictures.delete(userID: session.user.id)
    }

    /// The picture at `/pictures/{token}` (a malformed token is simply not found).
    public func picture(token: String) async throws -> StoredPicture? {
        guard token.utf8.count == 24, Base64URL.decode(token) != nil else { return nil }
        return try await pictures.picture(token: token)
    }

    /// The public address of the user's picture, if any (for `picture` claims).
    public func pictureURL(userID: UUID) async throws -> String? {
        try await pictures.picture(userID: userID).map { configuration.publicBaseURL + "/pictures/" + $0.token }
    }
}
