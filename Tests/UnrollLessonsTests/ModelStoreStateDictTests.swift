import Foundation
import Testing
import UnrollCore
@testable import UnrollLessons

/// A lesson's model named by plain name may be a PyTorch `state_dict`: `models/NAME.safetensors`
/// (or `.pt`, `.pth`), with `models/NAME.json` as its sidecar of header fields.
@Suite struct ModelStoreStateDictTests {
    @Test func aSafetensorsModelAndItsSidecarLoadByName() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let models = (dir as NSString).appendingPathComponent("models")
        try FileManager.default.createDirectory(atPath: models, withIntermediateDirectories: true)
        var model = try ModelFile.load(path: Fixtures.path("models/dinner-rnn.model.json"))
        let vocab = model.vocab
        model.vocab = nil
        model.name = nil
        try SafeTensors.encode(model).write(to: URL(fileURLWithPath: (models as NSString).appendingPathComponent("wave.safetensors")))
        let sidecar = JSONValue.object([("vocab", .array((vocab ?? []).map { .string($0) })), ("name", .string("from the sidecar"))])
        try Data(sidecar.serialized().utf8).write(to: URL(fileURLWithPath: (models as NSString).appendingPathComponent("wave.json")))
        let store = ModelStore(lessonsDirectory: dir)
        #expect(store.names == ["wave"])
        let loaded = try store.load("wave").get()
        #expect(loaded.vocab == vocab && loaded.name == "from the sidecar")
        #expect(loaded.parameters == model.parameters)
    }

    @Test func aBrokenStateDictIsMalformedNamingTheFile() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let models = (dir as NSString).appendingPathComponent("models")
        try FileManager.default.createDirectory(atPath: models, withIntermediateDirectories: true)
        try Data([1, 2, 3]).write(to: URL(fileURLWithPath: (models as NSString).appendingPathComponent("x.pt")))
        guard case let .failure(e) = ModelStore(lessonsDirectory: dir).load("x") else { Issue.record("loaded"); return }
        #expect(e.kind == .malformed && e.message.contains("x.pt") && e.message.contains("zip"))
    }
}
