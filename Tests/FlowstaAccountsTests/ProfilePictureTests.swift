import FlowstaAccounts
import Foundation
import Testing

/// Profile pictures are recognised by their bytes, bounded, and lose what a photo says about its
/// taker (issue #22).
@Suite struct ProfilePictureTests {
    static func be32(_ v: Int) -> [UInt8] { [UInt8(v >> 24 & 0xFF), UInt8(v >> 16 & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v & 0xFF)] }
    static func le32(_ v: Int) -> [UInt8] { [UInt8(v & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v >> 16 & 0xFF), UInt8(v >> 24 & 0xFF)] }

    /// A PNG (its CRCs are not checked by the cleaner: decoders do that) with a text and an EXIF chunk.
    static func png(width: Int = 2, height: Int = 1) -> [UInt8] {
        func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] { be32(data.count) + Array(type.utf8) + data + [0, 0, 0, 0] }
        return [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
            + chunk("IHDR", be32(width) + be32(height) + [8, 2, 0, 0, 0])
            + chunk("tEXt", Array("Model\u{0}PhoneCam".utf8)) + chunk("eXIf", Array("GPS-SECRET".utf8))
            + chunk("IDAT", [1, 2, 3]) + chunk("IEND", [])
    }

    static func jpeg(width: Int = 3, height: Int = 2) -> [UInt8] {
        let app0: [UInt8] = [0xFF, 0xE0, 0x00, 0x07] + Array("JFIF\u{0}".utf8)
        let exif: [UInt8] = [0xFF, 0xE1, 0x00, 0x0C] + Array("Exif\u{0}\u{0}GPS!".utf8)
        let comment: [UInt8] = [0xFF, 0xFE, 0x00, 0x08] + Array("PhoneC".utf8)
        let sof: [UInt8] = [0xFF, 0xC0, 0x00, 0x0B, 0x08, UInt8(height >> 8), UInt8(height & 0xFF), UInt8(width >> 8), UInt8(width & 0xFF), 0x01, 0x01, 0x11, 0x00]
        let sos: [UInt8] = [0xFF, 0xDA, 0x00, 0x08, 0x01, 0x01, 0x00, 0x00, 0x3F, 0x00]
        return [0xFF, 0xD8] + app0 + exif + comment + sof + sos + [0x12, 0xFF, 0x00, 0x34, 0xFF, 0xD0, 0x56] + [0xFF, 0xD9]
    }

    static func webp() -> [UInt8] {
        var vp8x: [UInt8] = Array("VP8X".utf8) + le32(10) + [0x08 | 0x04, 0, 0, 0] + [4, 0, 0] + [2, 0, 0]  // 5 x 3, EXIF and XMP flags
        vp8x += Array("VP8L".utf8) + le32(5) + [0x2F, 0, 0, 0, 0] + [0]  // padded
        vp8x += Array("EXIF".utf8) + le32(4) + Array("GPS!".utf8)
        vp8x += Array("XMP ".utf8) + le32(3) + Array("xmp".utf8) + [0]
        return Array("RIFF".utf8) + le32(vp8x.count + 4) + Array("WEBP".utf8) + vp8x
    }

    static func contains(_ haystack: [UInt8], _ needle: String) -> Bool {
        let n = Array(needle.utf8)
        return haystack.count >= n.count && (0...(haystack.count - n.count)).contains { Array(haystack[$0..<($0 + n.count)]) == n }
    }

    @Test func pngLosesTextAndEXIF() throws {
        let picture = try ProfilePicture(uploaded: Self.png())
        #expect(picture.format == .png && picture.width == 2 && picture.height == 1)
        #expect(!Self.contains(picture.bytes, "PhoneCam") && !Self.contains(picture.bytes, "GPS-SECRET") && !Self.contains(picture.bytes, "tEXt"))
        #expect(Self.contains(picture.bytes, "IHDR") && Self.contains(picture.bytes, "IDAT") && Self.contains(picture.bytes, "IEND"))
    }

    @Test func jpegLosesEXIFAndComments() throws {
        let picture = try ProfilePicture(uploaded: Self.jpeg())
        #expect(picture.format == .jpeg && picture.width == 3 && picture.height == 2)
        #expect(!Self.contains(picture.bytes, "Exif") && !Self.contains(picture.bytes, "GPS!") && !Self.contains(picture.bytes, "PhoneC"))
        #expect(Self.contains(picture.bytes, "JFIF"))
        // The entropy-coded data (with its stuffed byte and restart marker) is kept as it was.
        let tail: [UInt8] = [0x12, 0xFF, 0x00, 0x34, 0xFF, 0xD0, 0x56, 0xFF, 0xD9]
        #expect(Array(picture.bytes.suffix(tail.count)) == tail)
    }

    @Test func webpLosesEXIFAndXMPAndTheirFlags() throws {
        let picture = try ProfilePicture(uploaded: Self.webp())
        #expect(picture.format == .webp && picture.width == 5 && picture.height == 3)
        #expect(!Self.contains(picture.bytes, "EXIF") && !Self.contains(picture.bytes, "GPS!") && !Self.contains(picture.bytes, "XMP "))
        let flags = try #require(picture.bytes.count > 20 ? picture.bytes[20] : nil)
        #expect(flags & (0x08 | 0x04) == 0)
        let riffSize = Int(picture.bytes[4]) | Int(picture.bytes[5]) << 8 | Int(picture.bytes[6]) << 16 | Int(picture.bytes[7]) << 24
        #expect(riffSize + 8 == picture.bytes.count)
    }

    static let refused: [(String, [UInt8])] = {
        var cases: [(String, [UInt8])] = [("empty", [])]
        cases.append(("gif", Array("GIF89a".utf8) + [UInt8](repeating: 0, count: 20)))
        cases.append(("svg", Array("<svg onload=alert(1)>".utf8)))
        cases.append(("truncated png", Array(png().prefix(30))))
        cases.append(("truncated jpeg", Array(jpeg().prefix(20))))
        cases.append(("truncated webp", Array(webp().prefix(24))))
        cases.append(("too big", [0xFF, 0xD8, 0xFF] + [UInt8](repeating: 0, count: ProfilePicture.maxBytes)))
        cases.append(("too wide", png(width: ProfilePicture.maxSide + 1)))
        cases.append(("zero high", png(height: 0)))
        cases.append(("jpeg without a frame", [0xFF, 0xD8, 0xFF, 0xD9]))
        return cases
    }()

    @Test(arguments: refused)
    func refusals(_ name: String, _ bytes: [UInt8]) {
        #expect(throws: AccountError.self, "\(name)") { try ProfilePicture(uploaded: bytes) }
    }

    /// Every prefix of every valid picture is refused or accepted, never a trap.
    @Test func truncationsNeverTrap() {
        for image in [Self.png(), Self.jpeg(), Self.webp()] {
            for length in 0..<image.count {
                _ = try? ProfilePicture(uploaded: Array(image.prefix(length)))
            }
        }
    }
}
