import FlowstaCore
import Foundation
import Testing

/// The QR encoder against symbols made by an independent implementation (segno) and read back
/// by another (zxing-cpp): `Tests/support/qr_vectors.py`.
@Suite struct QRCodeVectorTests {
    struct Vector: Decodable, Sendable, CustomTestStringConvertible {
        var input_hex: String
        var version: Int
        var mask: Int
        var rows: [String]
        var testDescription: String { "\(input_hex.count / 2) bytes, version \(version), mask \(mask)" }

        var bytes: [UInt8] {
            stride(from: 0, to: input_hex.count, by: 2).compactMap { offset in
                let start = input_hex.index(input_hex.startIndex, offsetBy: offset)
                return UInt8(input_hex[start..<input_hex.index(start, offsetBy: 2)], radix: 16)
            }
        }
    }

    struct File: Decodable {
        var auto: [Vector]
        var masked: [Vector]
    }

    static let file: File = {
        guard let url = Bundle.module.url(forResource: "qr-code-m", withExtension: "json", subdirectory: "Vectors"),
              let data = try? Data(contentsOf: url), let file = try? JSONDecoder().decode(File.self, from: data)
        else { return File(auto: [], masked: []) }
        return file
    }()

    static func rows(_ code: QRCode) -> [String] {
        (0..<code.size).map { row in String((0..<code.size).map { code.isDark(row: row, column: $0) ? "1" : "0" }) }
    }

    @Test func theVectorsAreThere() {
        #expect(Self.file.auto.count >= 20)
        #expect(Set(Self.file.auto.map(\.version)) == Set(1...10))
        #expect(Self.file.masked.map(\.mask) == Array(0..<8))
    }

    /// Same version, same mask chosen by the penalty rules, same modules.
    @Test(arguments: file.auto) func matchesTheReferenceEncoder(_ vector: Vector) throws {
        let code = try QRCode(bytes: vector.bytes)
        #expect(code.version == vector.version)
        #expect(code.mask == vector.mask)
        #expect(Self.rows(code) == vector.rows)
    }

    /// Each mask applied as the reference applies it (the format bits name it).
    @Test(arguments: file.masked) func matchesTheReferenceWithAFixedMask(_ vector: Vector) throws {
        let code = try QRCode(bytes: vector.bytes, mask: vector.mask)
        #expect(Self.rows(code) == vector.rows)
    }

    @Test func refusesWhatDoesNotFit() throws {
        #expect(throws: QRCode.EncodingError.tooLong) { try QRCode(bytes: [UInt8](repeating: 0x41, count: QRCode.maximumBytes + 1)) }
        #expect(try QRCode(bytes: [UInt8](repeating: 0x41, count: QRCode.maximumBytes)).version == 10)
        #expect(throws: QRCode.EncodingError.invalidMask) { try QRCode(bytes: [0x41], mask: 8) }
    }

    @Test func drawsSVGWithAQuietZoneAndAnEscapedLabel() throws {
        let code = try QRCode(bytes: Array("otpauth://totp/x".utf8))
        let svg = code.svg(label: "Scan \"me\" <now> & enrol")
        #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(code.size + 8) \(code.size + 8)\""))
        #expect(svg.contains("aria-label=\"Scan &quot;me&quot; &lt;now&gt; &amp; enrol\""))
        // The top-left finder's first row: seven dark modules starting at the quiet zone's edge.
        #expect(svg.contains("d=\"M4 4h7v1h-7z"))
        #expect(!code.isDark(row: -1, column: 0) && !code.isDark(row: 0, column: code.size))
    }
}
