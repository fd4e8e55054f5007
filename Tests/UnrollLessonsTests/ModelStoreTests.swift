import Foundation
import Testing
@testable import UnrollLessons

@Suite struct ModelStoreTests {
    @Test func loadsShippedNamesWithEitherSuffix() throws {
        let m = try Fixtures.models.load("book-lstm-trained").get()
        #expect(m.kind == .lstm && m.hiddenSize == 8)
        #expect(Fixtures.models.names == ["book-lstm", "book-lstm-trained", "dinner-rnn"])
    }

    @Test(arguments: ["../../etc/passwd", "/etc/passwd", "models/book-lstm", ".hidden", "a..b", "", "book lstm", "..", "~/x"])
    func refusesAnythingButAPlainName(_ reference: String) {
        guard case let .failure(e) = Fixtures.models.load(reference) else { Issue.record("\(reference) was loaded"); return }
        #expect(e.kind == .refused)
        #expect(e.message.contains("plain name"))
    }

    @Test func aMissingModelListsTheShippedOnes() {
        guard case let .failure(e) = Fixtures.models.load("book-lstn") else { Issue.record("loaded"); return }
        #expect(e.kind == .notFound)
        #expect(e.message == "no model named 'book-lstn' in lessons/models/ (did you mean 'book-lstm'?) (models: book-lstm, book-lstm-trained, dinner-rnn)")
    }

    @Test func aSymbolicLinkLeadingOutsideIsRefusedAndAMalformedFileReported() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let models = (dir as NSString).appendingPathComponent("models")
        try FileManager.default.createDirectory(atPath: models, withIntermediateDirectories: true)
        let outside = (dir as NSString).appendingPathComponent("secret.json")
        try FileManager.default.copyItem(atPath: Fixtures.path("models/dinner-rnn.model.json"), toPath: outside)
        try FileManager.default.createSymbolicLink(atPath: (models as NSString).appendingPathComponent("escape.json"), withDestinationPath: outside)
        try Data("{not json".utf8).write(to: URL(fileURLWithPath: (models as NSString).appendingPathComponent("bad.json")))
        let store = ModelStore(lessonsDirectory: dir)
        guard case let .failure(e) = store.load("escape") else { Issue.record("followed the link"); return }
        #expect(e.kind == .refused)
        // Said as what it is, not as a missing model that is "like" itself.
        #expect(e.message.contains("leads outside"))
        #expect(!e.message.contains("did you mean"))
        guard case let .failure(bad) = store.load("bad") else { Issue.record("loaded"); return }
        #expect(bad.kind == .malformed)
    }
}

/// Issue 10, finding 13: a bad model in a lessons folder's models/ never aborts lint or the player.
@Suite struct BadLessonModelTests {
    /// A lessons folder with the dinner lesson whose model `dinner-rnn` is `modelText`.
    static func folder(modelText: String) throws -> String {
        let dir = try temporaryDirectory()
        let models = (dir as NSString).appendingPathComponent("models")
        try FileManager.default.createDirectory(atPath: models, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: Fixtures.path("dinner-cycle.md"), toPath: (dir as NSString).appendingPathComponent("dinner-cycle.md"))
        try Data(modelText.utf8).write(to: URL(fileURLWithPath: (models as NSString).appendingPathComponent("dinner-rnn.model.json")))
        return dir
    }

    static let hugeShape = #"{"format":"unroll-model","version":1,"cell":"lstm","input_size":3,"hidden_size":2000,"vocab":["pizza","sushi","waffles"],"state_dict":{"weight_ih_l0":[[1,2,3]],"weight_hh_l0":[[1]]}}"#
        + String(repeating: " ", count: 12_000)

    @Test(arguments: [hugeShape, String(repeating: "[", count: 513), #"{"format":"unroll-model","format":"unroll-model"}"#, "{\"hidden_size\": 1e999}"])
    func lintReportsABadModelAndGoesOn(_ modelText: String) throws {
        let dir = try Self.folder(modelText: modelText)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        guard case let .failure(e) = ModelStore(lessonsDirectory: dir).load("dinner-rnn") else { Issue.record("loaded"); return }
        #expect(e.kind == .malformed)
        #expect(e.message.hasPrefix("model 'dinner-rnn' cannot be loaded: ") && !e.message.contains("\n"), "\(e.message)")
        let report = Linter(options: .init(curriculum: nil)).lint(paths: [dir])
        #expect(report.files.count == 1)
        #expect(report.diagnostics.contains { $0.message.contains("dinner-rnn") }, "\(report.diagnostics.map(\.message))")
        #expect(!report.isClean)
    }
}
