import FlowstaCore
import FlowstaHTTP
import Foundation

/// A chart drawn on the server as inline SVG: readable without JavaScript, no chart library, no
/// style attributes (the CSP allows none), with a title, axis labels, and the values in a table
/// under it for screen readers and for anyone who wants the numbers.
struct SVGChart: Sendable {
    enum Kind: Sendable { case bars, lines }

    struct Series: Sendable {
        var name: String
        var values: [Double?]
    }

    var id: String
    var title: String
    var kind: Kind
    /// One label per point (x axis).
    var labels: [String]
    var series: [Series]
    /// How a value is written (axis, table).
    var format: @Sendable (Double) -> String

    static let width = 640.0, height = 240.0
    static let left = 56.0, right = 12.0, top = 14.0, bottom = 40.0

    /// The `<figure>`: SVG, caption and the table of values. Every text is escaped.
    func html() -> String {
        let plotWidth = Self.width - Self.left - Self.right
        let plotHeight = Self.height - Self.top - Self.bottom
        let maximum = Self.niceCeiling(series.flatMap { $0.values.compactMap { $0 } }.max() ?? 0)
        let count = max(labels.count, 1)
        let step = plotWidth / Double(count)
        func x(_ index: Int) -> Double { Self.left + step * (Double(index) + 0.5) }
        func y(_ value: Double) -> Double { Self.top + plotHeight * (1 - value / maximum) }

        var svg = #"<svg class="chart" viewBox="0 0 \#(Int(Self.width)) \#(Int(Self.height))" role="img" aria-labelledby="\#(id)-title" focusable="false">"#
        svg += #"<title id="\#(id)-title">\#(Self.escape(title))</title>"#
        // Horizontal grid lines with their values.
        for tick in 0...4 {
            let value = maximum * Double(tick) / 4
            let lineY = Self.number(y(value))
            svg += #"<line class="grid" x1="\#(Self.number(Self.left))" x2="\#(Self.number(Self.width - Self.right))" y1="\#(lineY)" y2="\#(lineY)"/>"#
            svg += #"<text class="axis" x="\#(Self.number(Self.left - 6))" y="\#(lineY)" text-anchor="end" dominant-baseline="middle">\#(Self.escape(format(value)))</text>"#
        }
        // About six labels along the x axis, always the first and the last.
        let every = max(1, Int((Double(labels.count) / 6).rounded(.up)))
        for (index, label) in labels.enumerated() where index % every == 0 || index == labels.count - 1 {
            svg += #"<text class="axis" x="\#(Self.number(x(index)))" y="\#(Self.number(Self.height - Self.bottom + 16))" text-anchor="middle">\#(Self.escape(label))</text>"#
        }
        switch kind {
        case .bars:
            let groups = max(series.count, 1)
            let barWidth = step * 0.7 / Double(groups)
            for (seriesIndex, serie) in series.enumerated() {
                for (index, value) in serie.values.enumerated() {
                    guard let value, value > 0 else { continue }
                    let barX = x(index) - step * 0.35 + barWidth * Double(seriesIndex)
                    svg += #"<rect class="s\#(seriesIndex % 4)" x="\#(Self.number(barX))" y="\#(Self.number(y(value)))" width="\#(Self.number(max(barWidth, 1)))" height="\#(Self.number(Self.top + plotHeight - y(value)))"><title>\#(Self.escape("\(labels[safe: index] ?? ""): \(format(value))"))</title></rect>"#
                }
            }
        case .lines:
            for (seriesIndex, serie) in series.enumerated() {
                // A gap (no value) breaks the line.
                var segment: [String] = []
                func flush() {
                    if segment.count > 1 { svg += #"<polyline class="s\#(seriesIndex % 4)" fill="none" points="\#(segment.joined(separator: " "))"/>"# }
                    segment = []
                }
                for (index, value) in serie.values.enumerated() {
                    guard let value else { flush(); continue }
                    segment.append("\(Self.number(x(index))),\(Self.number(y(value)))")
                    svg += #"<circle class="s\#(seriesIndex % 4)" cx="\#(Self.number(x(index)))" cy="\#(Self.number(y(value)))" r="2.5"><title>\#(Self.escape("\(serie.name), \(labels[safe: index] ?? ""): \(format(value))"))</title></circle>"#
                }
                flush()
            }
        }
        svg += "</svg>"

        var legend = ""
        if series.count > 1 {
            legend = #"<ul class="legend">"# + series.enumerated().map { index, serie in
                #"<li><span class="swatch s\#(index % 4)" aria-hidden="true"></span>\#(Self.escape(serie.name))</li>"#
            }.joined() + "</ul>"
        }
        var table = #"<details class="chart-data"><summary>The numbers</summary><table><caption>\#(Self.escape(title))</caption><thead><tr><th scope="col">Period</th>"#
        table += series.map { #"<th scope="col">\#(Self.escape($0.name))</th>"# }.joined() + "</tr></thead><tbody>"
        for (index, label) in labels.enumerated() {
            table += #"<tr><th scope="row">\#(Self.escape(label))</th>"#
            table += series.map { serie in "<td>" + Self.escape((serie.values[safe: index] ?? nil).map(format) ?? "—") + "</td>" }.joined()
            table += "</tr>"
        }
        table += "</tbody></table></details>"
        return #"<figure class="chart-figure" id="\#(id)"><figcaption>\#(Self.escape(title))</figcaption>"# + svg + legend + table + "</figure>"
    }

    /// 1, 2 or 5 times a power of ten, at least `value` (and at least 1).
    static func niceCeiling(_ value: Double) -> Double {
        guard value > 1 else { return 1 }
        let power = pow(10, floor(log10(value)))
        for factor in [1.0, 2.0, 5.0, 10.0] where factor * power >= value { return factor * power }
        return 10 * power
    }

    static func number(_ value: Double) -> String { String(format: "%.1f", value) }

    static func escape(_ text: String) -> String {
        var escaped = ""
        for character in text {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            default: escaped.append(character)
            }
        }
        return escaped
    }
}

extension Array {
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
