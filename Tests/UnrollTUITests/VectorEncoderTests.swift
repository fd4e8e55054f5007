import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import UnrollTUI

/// Collects the text inside every element named `element` (one string per element).
final class TextCollector: NSObject, XMLParserDelegate {
    let element: String
    var texts: [String] = []
    var depth = 0
    var errors: [String] = []

    init(element: String) { self.element = element }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
        if name == element { depth += 1; if depth == 1 { texts.append("") } }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        if name == element { depth -= 1 }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if depth > 0 { texts[texts.count - 1] += string }
    }

    func parser(_ parser: XMLParser, parseErrorOccurred error: Error) { errors.append("\(error)") }

    /// Parses `document`; nil when it is not well-formed XML.
    static func texts(of document: String, element: String) -> [String]? {
        let parser = XMLParser(data: Data(document.utf8))
        let collector = TextCollector(element: element)
        parser.delegate = collector
        return parser.parse() && collector.errors.isEmpty ? collector.texts : nil
    }
}

@Suite struct VectorEncoderTests {
    /// A frame with every kind of character the screens draw, and XML specials.
    static var frame: Buffer {
        var b = Buffer(width: 40, height: 8)
        b.render(UnrolledChain(model: ChainSamples.lstm, cursor: 1), in: Rect(x: 0, y: 0, width: 40, height: 7), glyphs: .utf8)
        b.put("a < b & c > \"d\" 'e' σ⊙⊕ ⠿▁█", x: 0, y: 7, style: Style(.warning, reverse: true))
        return b
    }

    static func trimmed(_ s: String) -> String {
        var t = Substring(s)
        while t.last == " " { t = t.dropLast() }
        return String(t)
    }

    @Test(arguments: [Palette.color256, .color8, .monochrome]) func svgIsWellFormedAndItsTextIsTheFrame(palette: Palette) throws {
        let svg = VectorEncoder.svg(Self.frame, palette: palette, title: "lab <t=2>")
        let rows = try #require(TextCollector.texts(of: svg, element: "text"), "not well-formed XML")
        #expect(rows.map(Self.trimmed) == Self.frame.lines.map(Self.trimmed))
        #expect(rows.count == Self.frame.height)
        #expect(svg.hasPrefix("<?xml") && svg.contains("viewBox=\"0 0 336 134.4\""))
    }

    @Test(arguments: [Palette.color256, .color8, .monochrome]) func htmlIsWellFormedAndItsTextIsTheFrame(palette: Palette) throws {
        let html = VectorEncoder.html(Self.frame, palette: palette)
        let pre = try #require(TextCollector.texts(of: html, element: "pre"), "not well-formed XML")
        #expect(pre.count == 1)
        #expect(pre.first == Self.frame.text)
    }

    @Test func coloursFollowThePalette() {
        let b = Buffer(lines: ["x"])
        var styled = b
        styled[0, 0] = Cell("x", style: Style(.positive))
        // .positive is colour 74 on the 256 table (Okabe–Ito sky blue): #5fafd7.
        #expect(VectorEncoder.rgb(74, palette: .color256) == "#5fafd7")
        #expect(VectorEncoder.svg(styled, palette: .color256).contains("fill=\"#5fafd7\""))
        #expect(VectorEncoder.rgb(232, palette: .color256) == "#080808" && VectorEncoder.rgb(1, palette: .color8) == "#cd0000")
        // Monochrome: no colour but the default, attributes only.
        let mono = VectorEncoder.svg(styled, palette: .monochrome)
        #expect(!mono.contains("#5fafd7") && mono.contains("fill=\"\(VectorEncoder.foreground)\""))
        // Reverse video swaps the colours and draws a background rectangle.
        var reversed = b
        reversed[0, 0] = Cell("x", style: Style(.text, reverse: true))
        let svg = VectorEncoder.svg(reversed, palette: .monochrome)
        #expect(svg.contains("<rect x=\"0\" y=\"0\" width=\"8.4\" height=\"16.8\" fill=\"\(VectorEncoder.foreground)\"/>"))
        #expect(svg.contains("fill=\"\(VectorEncoder.background)\">x</tspan>"))
    }

    @Test func boldDimAndUnderlineBecomeAttributes() {
        var b = Buffer(width: 3, height: 1)
        b[0, 0] = Cell("a", style: Style(.text, bold: true))
        b[1, 0] = Cell("b", style: Style(.text, dim: true))
        b[2, 0] = Cell("c", style: Style(.text, underline: true))
        let svg = VectorEncoder.svg(b, palette: .color256)
        #expect(svg.contains("font-weight=\"bold\">a<") && svg.contains("fill-opacity=\"0.6\">b<") && svg.contains("text-decoration=\"underline\">c<"))
        let html = VectorEncoder.html(b, palette: .color256)
        #expect(html.contains("font-weight:bold\">a<") && html.contains("opacity:0.6\">b<") && html.contains("text-decoration:underline\">c<"))
    }

    @Test func xmlSpecialsAreEscaped() {
        #expect(VectorEncoder.escaped("<a href='x'>&\"</a>") == "&lt;a href=&apos;x&apos;&gt;&amp;&quot;&lt;/a&gt;")
    }
}
