import Foundation
import Testing
@testable import UnrollCore

@Suite struct SeriesCSVTests {
    func parse(_ text: String, column: String = "close") throws(DataFileError) -> [Double] {
        try SeriesCSV.parse(Data(text.utf8), file: "p.csv", column: column)
    }

    func error(_ text: String, column: String = "close") -> DataFileError? {
        do { _ = try parse(text, column: column); return nil } catch { return error }
    }

    @Test func readsTheNamedColumnUnderTheHeader() throws {
        #expect(try parse("date,close,volume\n2024-01-01,10.5,3\n2024-01-02,11,4\n2024-01-03,-2e1,5\n") == [10.5, 11, -20])
        #expect(try parse("close\r\n1\r\n2\r\n") == [1, 2])
        #expect(try parse("\u{FEFF}close,x\n1,a\n\n2,b\n") == [1, 2], "BOM stripped, blank line skipped")
        #expect(try parse("name,close\n\"Smith, J\",1\n\"two\nlines\",2\n") == [1, 2], "quoted fields with a comma and a newline")
    }

    @Test func aMissingColumnNamesTheColumnsThereAre() {
        let e = error("date,open\n1,2\n")
        #expect(e?.line == 1)
        #expect(e?.description.contains("no column 'close'") == true)
        #expect(e?.description.contains("'date', 'open'") == true, "\(e?.description ?? "")")
    }

    @Test func aNonNumberNamesItsLineAndValue() {
        let e = error("date,close\n1,2\n2,abc\n")
        #expect(e?.line == 3)
        #expect(e?.description == "p.csv:3: column 'close' holds 'abc', expected a number")
        #expect(error("close\n1\nnan\n")?.line == 3, "nan is not a number here")
        #expect(error("close\n1\n\n 1e999\n")?.line == 4, "an infinite value counts the blank line too")
        #expect(error("a,close\n1,2\n3,\n")?.description.contains("an empty field") == true)
    }

    @Test func aLineAfterAQuotedNewlineIsCountedRight() {
        let e = error("name,close\n\"two\nlines\",2\nx,oops\n")
        #expect(e?.line == 4)
    }

    @Test func aShortRowSaysHowManyFieldsItHas() {
        let e = error("a,b,close\n1,2,3\n4,5\n")
        #expect(e?.line == 3)
        #expect(e?.description.contains("2 fields") == true)
    }

    @Test func emptyBinaryAndTooShortFilesAreRefused() {
        #expect(error("")?.description.contains("empty") == true)
        #expect(error(" \n\n")?.description.contains("empty") == true)
        #expect(error("close\n")?.description.contains("0 values") == true)
        #expect(error("close\n1\n")?.description.contains("1 value,") == true)
        let binary = (try? SeriesCSV.parse(Data([0x63, 0xFF, 0xFE, 0x00, 0x01]), file: "b.csv", column: "close")) == nil
        #expect(binary)
        do { _ = try SeriesCSV.parse(Data("close\n1\0\n".utf8), file: "n.csv", column: "close"); Issue.record("NUL accepted") }
        catch { #expect(error.description.contains("NUL")) }
    }

    @Test func aMissingFileIsNotFound() {
        do { _ = try SeriesCSV.load(path: "/nonexistent/x.csv", column: "a"); Issue.record("loaded") }
        catch { #expect(error.kind == .notFound) }
        do { _ = try SeriesCSV.load(path: "/tmp", column: "a"); Issue.record("loaded a folder") }
        catch { #expect(error.kind == .malformed && error.description.contains("not a regular file")) }
    }
}
