extension QRCode {
    /// The module grid while a symbol is built: function patterns, then the codewords, masks,
    /// and the format and version information last (ISO/IEC 18004 §7.7-7.10). Coordinates are
    /// (x: column, y: row).
    struct Grid {
        let version: Int
        let size: Int
        var modules: [Bool]
        /// Finder, separator, timing and alignment patterns and the reserved format and
        /// version areas: never data, never masked.
        var isFunction: [Bool]

        init(version: Int) {
            self.version = version
            size = 17 + 4 * version
            modules = [Bool](repeating: false, count: size * size)
            isFunction = [Bool](repeating: false, count: size * size)
            for index in 0..<size {
                setFunction(x: 6, y: index, dark: index % 2 == 0)
                setFunction(x: index, y: 6, dark: index % 2 == 0)
            }
            for (x, y) in [(3, 3), (size - 4, 3), (3, size - 4)] { drawFinder(x: x, y: y) }
            let positions = alignmentPositions
            for (i, y) in positions.enumerated() {
                for (j, x) in positions.enumerated() {
                    let corner = (i == 0 && j == 0) || (i == 0 && j == positions.count - 1) || (i == positions.count - 1 && j == 0)
                    if !corner { drawAlignment(x: x, y: y) }
                }
            }
            // Reserved, light while masks are weighed; drawn once the mask is chosen.
            for (x, y) in formatCoordinates.first + formatCoordinates.second + [(8, size - 8)] { setFunction(x: x, y: y, dark: false) }
            for (x, y) in versionCoordinates { setFunction(x: x, y: y, dark: false) }
        }

        func at(x: Int, y: Int) -> Bool { modules[y * size + x] }

        mutating func setFunction(x: Int, y: Int, dark: Bool) {
            modules[y * size + x] = dark
            isFunction[y * size + x] = true
        }

        mutating func drawFinder(x: Int, y: Int) {
            for dy in -4...4 {
                for dx in -4...4 where (0..<size).contains(x + dx) && (0..<size).contains(y + dy) {
                    let distance = max(abs(dx), abs(dy))
                    setFunction(x: x + dx, y: y + dy, dark: distance != 2 && distance != 4)
                }
            }
        }

        mutating func drawAlignment(x: Int, y: Int) {
            for dy in -2...2 {
                for dx in -2...2 { setFunction(x: x + dx, y: y + dy, dark: max(abs(dx), abs(dy)) != 1) }
            }
        }

        /// The centres of the alignment patterns on each axis.
        var alignmentPositions: [Int] {
            guard version > 1 else { return [] }
            let count = version / 7 + 2
            let step = (version * 4 + count * 2 + 1) / (count * 2 - 2) * 2
            var result = [6]
            var position = size - 7
            for _ in 0..<(count - 1) {
                result.insert(position, at: 1)
                position -= step
            }
            return result
        }

        /// Where the 15 format bits go, bit 0 first: around the top-left finder, and split
        /// between the top-right and bottom-left ones.
        var formatCoordinates: (first: [(Int, Int)], second: [(Int, Int)]) {
            var first: [(Int, Int)] = (0...5).map { (8, $0) }
            first += [(8, 7), (8, 8), (7, 8)]
            first += (9..<15).map { (14 - $0, 8) }
            var second: [(Int, Int)] = (0..<8).map { (size - 1 - $0, 8) }
            second += (8..<15).map { (8, size - 15 + $0) }
            return (first, second)
        }

        /// Where the 18 version bits go (versions 7 and up), twice, bit 0 first.
        var versionCoordinates: [(Int, Int)] {
            guard version >= 7 else { return [] }
            var result: [(Int, Int)] = []
            for index in 0..<18 {
                let along = size - 11 + index % 3
                let across = index / 3
                result.append((along, across))
                result.append((across, along))
            }
            return result
        }

        /// The codewords' bits in the zigzag of two-module columns from the bottom right,
        /// skipping the vertical timing pattern; remainder bits stay light.
        mutating func place(_ codewords: [UInt8]) {
            var bit = 0
            var right = size - 1
            while right >= 1 {
                if right == 6 { right = 5 }
                for vertical in 0..<size {
                    for offset in 0..<2 {
                        let x = right - offset
                        let upward = (right + 1) & 2 == 0
                        let y = upward ? size - 1 - vertical : vertical
                        if !isFunction[y * size + x], bit < codewords.count * 8 {
                            modules[y * size + x] = (codewords[bit >> 3] >> (7 - (bit & 7))) & 1 == 1
                            bit += 1
                        }
                    }
                }
                right -= 2
            }
        }

        static func masks(_ mask: Int, x: Int, y: Int) -> Bool {
            switch mask {
            case 0: (x + y) % 2 == 0
            case 1: y % 2 == 0
            case 2: x % 3 == 0
            case 3: (x + y) % 3 == 0
            case 4: (x / 3 + y / 2) % 2 == 0
            case 5: x * y % 2 + x * y % 3 == 0
            case 6: (x * y % 2 + x * y % 3) % 2 == 0
            default: ((x + y) % 2 + x * y % 3) % 2 == 0
            }
        }

        /// A copy with `mask` applied to every module that is not a function module.
        func masked(_ mask: Int) -> Grid {
            var copy = self
            for y in 0..<size {
                for x in 0..<size where !isFunction[y * size + x] && Self.masks(mask, x: x, y: y) {
                    copy.modules[y * size + x].toggle()
                }
            }
            return copy
        }

        mutating func drawFormatAndVersion(mask: Int) {
            // Level M is 00; then the mask; BCH(15,5) and the fixed XOR pattern.
            let data = mask
            var remainder = data
            for _ in 0..<10 { remainder = (remainder << 1) ^ ((remainder >> 9) * 0x537) }
            let format = ((data << 10) | remainder) ^ 0x5412
            let (first, second) = formatCoordinates
            for (index, (x, y)) in first.enumerated() { setFunction(x: x, y: y, dark: (format >> index) & 1 == 1) }
            for (index, (x, y)) in second.enumerated() { setFunction(x: x, y: y, dark: (format >> index) & 1 == 1) }
            setFunction(x: 8, y: size - 8, dark: true)
            guard version >= 7 else { return }
            var versionRemainder = version
            for _ in 0..<12 { versionRemainder = (versionRemainder << 1) ^ ((versionRemainder >> 11) * 0x1F25) }
            let bits = (version << 12) | versionRemainder
            for (index, (x, y)) in versionCoordinates.enumerated() { setFunction(x: x, y: y, dark: (bits >> (index / 2)) & 1 == 1) }
        }

        /// The penalty of ISO/IEC 18004 §7.8.3 (N1 runs, N2 blocks, N3 finder-like patterns,
        /// N4 balance), weighed before the format and version information are drawn.
        func penalty() -> Int {
            var score = 0
            var dark = 0
            for line in 0..<size {
                let row = (0..<size).map { at(x: $0, y: line) }
                let column = (0..<size).map { at(x: line, y: $0) }
                score += Self.runs(row) + Self.runs(column) + Self.finderLike(row) + Self.finderLike(column)
                dark += row.filter { $0 }.count
                if line > 0 {
                    for x in 1..<size {
                        let module = at(x: x, y: line)
                        if module == at(x: x - 1, y: line), module == at(x: x, y: line - 1), module == at(x: x - 1, y: line - 1) { score += 3 }
                    }
                }
            }
            let percent = Double(dark) / Double(size * size) * 100
            return score + 10 * Int(abs(percent - 50) / 5)
        }

        /// N1: 3 + (length − 5) for each run of five or more modules of one colour.
        static func runs(_ line: [Bool]) -> Int {
            var score = 0
            var length = 0
            for (index, module) in line.enumerated() {
                if index > 0, module == line[index - 1] {
                    length += 1
                } else {
                    if length >= 5 { score += length - 2 }
                    length = 1
                }
            }
            if length >= 5 { score += length - 2 }
            return score
        }

        /// N3: 40 for each dark-light-dark-dark-dark-light-dark with four light modules (or the
        /// symbol's edge) before or after it.
        static func finderLike(_ line: [Bool]) -> Int {
            let pattern = [true, false, true, true, true, false, true]
            let size = line.count
            var score = 0
            var start = 0
            while start + 7 <= size {
                guard let found = (start...(size - 7)).first(where: { Array(line[$0..<$0 + 7]) == pattern }) else { break }
                let before = line[max(found - 4, 0)..<found]
                let after = line[(found + 7)..<min(found + 11, size)]
                if found == 0 || found == size - 7 || !before.contains(true) || !after.contains(true) {
                    score += 40
                    start = found + 7
                } else {
                    start = found + 4
                }
            }
            return score
        }
    }
}
