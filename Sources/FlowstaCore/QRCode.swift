/// A QR code (ISO/IEC 18004) for short byte strings, drawn by the server itself so an
/// authenticator's enrolment link never goes to an outside service: byte mode, error correction
/// level M, versions 1-10 (up to ``maximumBytes``). Checked against an independent encoder and
/// decoder (`Tests/support/qr_vectors.py`: segno, read back with zxing-cpp).
public struct QRCode: Sendable, Equatable {
    public enum EncodingError: Error, Equatable {
        /// More than ``QRCode/maximumBytes``.
        case tooLong
        /// A mask outside 0-7.
        case invalidMask
    }

    /// The most bytes a version 10 symbol at level M holds.
    public static let maximumBytes = 213

    /// 1-10.
    public let version: Int
    /// The data mask, 0-7 (chosen by the penalty rules unless given).
    public let mask: Int
    /// Modules per side (17 + 4 × version), without the quiet zone.
    public let size: Int
    /// Row by row, dark = true.
    private let modules: [Bool]

    /// Encodes `bytes`; `mask` fixes the data mask (tests), else the one with the lowest
    /// penalty is chosen (ties: the lowest number).
    public init(bytes: [UInt8], mask: Int? = nil) throws {
        if let mask, !(0..<8).contains(mask) { throw EncodingError.invalidMask }
        guard let version = Self.blocks.firstIndex(where: { $0.dataCodewords * 8 - 4 - Self.countBits($0.version) >= bytes.count * 8 }) else {
            throw EncodingError.tooLong
        }
        let layout = Self.blocks[version]
        var grid = Grid(version: layout.version)
        grid.place(Self.codewords(bytes, layout: layout))
        let chosen = mask ?? {
            let penalties = (0..<8).map { grid.masked($0).penalty() }
            return penalties.indices.min { penalties[$0] < penalties[$1] } ?? 0
        }()
        var final = grid.masked(chosen)
        final.drawFormatAndVersion(mask: chosen)
        self.version = layout.version
        self.mask = chosen
        self.size = final.size
        self.modules = final.modules
    }

    /// Whether the module at `row`, `column` is dark (outside the symbol: light).
    public func isDark(row: Int, column: Int) -> Bool {
        guard (0..<size).contains(row), (0..<size).contains(column) else { return false }
        return modules[row * size + column]
    }

    /// The symbol as SVG with a 4-module quiet zone: one path of dark runs on white, scaled by
    /// the page (`viewBox` in modules).
    public func svg(label: String) -> String {
        let side = size + 8
        var path = ""
        for row in 0..<size {
            var column = 0
            while column < size {
                guard isDark(row: row, column: column) else {
                    column += 1
                    continue
                }
                var run = 1
                while isDark(row: row, column: column + run) { run += 1 }
                path += "M\(column + 4) \(row + 4)h\(run)v1h-\(run)z"
                column += run
            }
        }
        let escaped = label.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(side) \(side)\" shape-rendering=\"crispEdges\" role=\"img\" "
            + "aria-label=\"\(escaped)\"><rect width=\"\(side)\" height=\"\(side)\" fill=\"#fff\"/><path fill=\"#000\" d=\"\(path)\"/></svg>"
    }

    // MARK: - Codewords

    /// A version's blocks at level M: error correction codewords per block, and the blocks'
    /// data codewords (ISO/IEC 18004 Table 9).
    struct Layout {
        var version: Int
        var eccPerBlock: Int
        var dataPerBlock: [Int]
        var dataCodewords: Int { dataPerBlock.reduce(0, +) }
    }

    static let blocks: [Layout] = [
        Layout(version: 1, eccPerBlock: 10, dataPerBlock: [16]),
        Layout(version: 2, eccPerBlock: 16, dataPerBlock: [28]),
        Layout(version: 3, eccPerBlock: 26, dataPerBlock: [44]),
        Layout(version: 4, eccPerBlock: 18, dataPerBlock: [32, 32]),
        Layout(version: 5, eccPerBlock: 24, dataPerBlock: [43, 43]),
        Layout(version: 6, eccPerBlock: 16, dataPerBlock: [27, 27, 27, 27]),
        Layout(version: 7, eccPerBlock: 18, dataPerBlock: [31, 31, 31, 31]),
        Layout(version: 8, eccPerBlock: 22, dataPerBlock: [38, 38, 39, 39]),
        Layout(version: 9, eccPerBlock: 22, dataPerBlock: [36, 36, 36, 37, 37]),
        Layout(version: 10, eccPerBlock: 26, dataPerBlock: [43, 43, 43, 43, 44]),
    ]

    /// Bits of the character count in byte mode.
    static func countBits(_ version: Int) -> Int { version < 10 ? 8 : 16 }

    /// Mode, count, data, terminator and padding, split into blocks with their Reed-Solomon
    /// codewords, interleaved.
    static func codewords(_ bytes: [UInt8], layout: Layout) -> [UInt8] {
        var bits = BitBuffer()
        bits.append(0b0100, count: 4)
        bits.append(bytes.count, count: countBits(layout.version))
        for byte in bytes { bits.append(Int(byte), count: 8) }
        let capacity = layout.dataCodewords * 8
        bits.append(0, count: min(4, capacity - bits.count))
        bits.append(0, count: (8 - bits.count % 8) % 8)
        var data = bits.bytes
        var pad: UInt8 = 0xEC
        while data.count < layout.dataCodewords {
            data.append(pad)
            pad = pad == 0xEC ? 0x11 : 0xEC
        }
        var blocks: [[UInt8]] = []
        var start = 0
        for length in layout.dataPerBlock {
            blocks.append(Array(data[start..<start + length]))
            start += length
        }
        let generator = ReedSolomon.generator(degree: layout.eccPerBlock)
        let ecc = blocks.map { ReedSolomon.remainder($0, generator: generator) }
        var result: [UInt8] = []
        for index in 0..<(layout.dataPerBlock.max() ?? 0) {
            for block in blocks where index < block.count { result.append(block[index]) }
        }
        for index in 0..<layout.eccPerBlock {
            for block in ecc { result.append(block[index]) }
        }
        return result
    }

    struct BitBuffer {
        var bytes: [UInt8] = []
        var count = 0

        mutating func append(_ value: Int, count length: Int) {
            for shift in stride(from: length - 1, through: 0, by: -1) {
                if count % 8 == 0 { bytes.append(0) }
                if (value >> shift) & 1 == 1 { bytes[bytes.count - 1] |= UInt8(0x80 >> (count % 8)) }
                count += 1
            }
        }
    }

    /// Reed-Solomon over GF(256) with the QR polynomial x⁸ + x⁴ + x³ + x² + 1.
    enum ReedSolomon {
        static func multiply(_ a: UInt8, _ b: UInt8) -> UInt8 {
            var result: UInt8 = 0
            var a = a
            var b = b
            while b != 0 {
                if b & 1 == 1 { result ^= a }
                a = (a & 0x80 != 0) ? (a << 1) ^ 0x1D : a << 1
                b >>= 1
            }
            return result
        }

        /// The generator (x − α⁰)(x − α¹)…(x − α^(degree−1)), coefficients from the highest
        /// power down, the leading 1 left out.
        static func generator(degree: Int) -> [UInt8] {
            var coefficients = [UInt8](repeating: 0, count: degree)
            coefficients[degree - 1] = 1
            var root: UInt8 = 1
            for _ in 0..<degree {
                for index in 0..<degree {
                    coefficients[index] = multiply(coefficients[index], root)
                    if index + 1 < degree { coefficients[index] ^= coefficients[index + 1] }
                }
                root = multiply(root, 0x02)
            }
            return coefficients
        }

        static func remainder(_ data: [UInt8], generator: [UInt8]) -> [UInt8] {
            var result = [UInt8](repeating: 0, count: generator.count)
            for byte in data {
                let factor = byte ^ result[0]
                result.removeFirst()
                result.append(0)
                for index in 0..<generator.count { result[index] ^= multiply(generator[index], factor) }
            }
            return result
        }
    }
}
