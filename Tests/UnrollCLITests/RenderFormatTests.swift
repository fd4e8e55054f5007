import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing

/// `unroll render --format svg|html`: the same frame as `--format text`, in a well-formed document.
@Suite struct RenderFormatTests {
    /// The text of each `element` in an XML document, or nil when it is not well-formed.
    final class Texts: NSObject, XMLParserDelegate {
        let element: String
        var texts: [String] = []
        var depth = 0
        init(_ element: String) { self.element = element }
        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
            if name == element { depth += 1; if depth == 1 { texts.append("") } }
        }
        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) { if name == element { depth -= 1 } }
        func parser(_ parser: XMLParser, foundCharacters string: String) { if depth > 0 { texts[texts.count - 1] += string } }
        static func of(_ document: String, _ element: String) -> [String]? {
            let parser = XMLParser(data: Data(document.utf8))
            let texts = Texts(element)
            parser.delegate = texts
            return parser.parse() ? texts.texts : nil
        }
    }

    static func trimmed(_ s: Substring) -> String {
        var t = s
        while t.last == " " { t = t.dropLast() }
        return String(t)
    }

    @Test(arguments: ["256", "mono"]) func svgTextEqualsTheTextFrame(colors: String) throws {
        let args = ["render", "lab", "book-lstm", "-t", "3", "--size", "80x24"]
        let text = try CLI.run(args)
        let svg = try CLI.run(args + ["--format", "svg", "--colors", colors])
        #expect(text.status == 0 && svg.status == 0)
        let rows = try #require(Texts.of(svg.stdout, "text"), "the SVG is not well-formed XML")
        #expect(rows.count == 24)
        let frame = text.stdout.hasSuffix("\n") ? String(text.stdout.dropLast()) : text.stdout
        #expect(rows.map { Self.trimmed(Substring($0)) }.joined(separator: "\n") == frame)
    }

    @Test func htmlTextEqualsTheTextFrame() throws {
        let args = ["render", "lab", "book-lstm", "-t", "3", "--size", "120x40"]
        let text = try CLI.run(args)
        let html = try CLI.run(args + ["--format", "html"])
        #expect(html.status == 0 && html.stdout.hasPrefix("<!DOCTYPE html>"))
        let pre = try #require(Texts.of(html.stdout, "pre"), "the HTML is not well-formed XML")
        let frame = text.stdout.hasSuffix("\n") ? String(text.stdout.dropLast()) : text.stdout
        #expect(pre.count == 1)
        // Reversed cells (the title bar) keep their trailing blanks; the text frame trims them.
        #expect(pre.first.map { $0.split(separator: "\n", omittingEmptySubsequences: false).map(Self.trimmed).joined(separator: "\n") } == frame)
    }
}
