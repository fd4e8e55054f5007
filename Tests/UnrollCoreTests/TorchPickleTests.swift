import Foundation
import Testing
@testable import UnrollCore

/// The data-only unpickler: what a `state_dict` uses is read; any other global, and any operation
/// beyond data, is refused with the byte offset, and nothing is run.
@Suite struct TorchPickleTests {
    @Test func readsAStateDictOfTensors() throws {
        let bytes = PickleWriter.stateDict([("lstm.weight_ih_l0", "0", 24, [8, 3]), ("fc.bias", "1", 5, [5])])
        guard case let .dict(d) = try TorchPickle.load(bytes) else { Issue.record("not a dict"); return }
        #expect(d.items.count == 2)
        guard case .string("lstm.weight_ih_l0") = d.items[0].key, case let .tensor(t) = d.items[0].value else {
            Issue.record("first item is not the tensor"); return
        }
        #expect(t.shape == [8, 3] && t.strides == [3, 1] && t.offset == 0)
        #expect(t.storage == TorchStorageReference(key: "0", dtype: .float32, count: 24))
    }

    /// The pickle `pickle.dumps(Evil())` writes for `os.system` and `eval`: refused at the GLOBAL.
    @Test(arguments: [("os", "system"), ("builtins", "eval"), ("posix", "system"), ("subprocess", "Popen"),
                      ("torch", "load"), ("torch._utils", "_rebuild_from_type_v2"), ("collections", "deque")])
    func foreignGlobalsAreRefusedByName(_ module: String, _ name: String) {
        var p = PickleWriter()
        p.global(module, name)
        p.string("touch /tmp/x")
        p.op(0x85); p.op(0x52); p.op(0x2E) // TUPLE1 REDUCE STOP
        #expect(throws: PickleError.self) { try TorchPickle.load(p.bytes) }
        do { _ = try TorchPickle.load(p.bytes) } catch {
            #expect(error.message.contains("\(module).\(name)") && error.message.contains("refused"), "\(error.message)")
            #expect(error.offset == 2, "the GLOBAL is at byte 2, got \(error.offset)")
        }
    }

    @Test func stackGlobalOfAForeignNameIsRefused() {
        var p = PickleWriter()
        p.string("os"); p.string("system")
        p.op(0x93) // STACK_GLOBAL
        p.op(0x2E)
        #expect { try TorchPickle.load(p.bytes) } throws: { ($0 as? PickleError)?.message.contains("os.system") == true }
    }

    @Test func integerStoragesAreMarkedForeignNotRead() throws {
        let bytes = PickleWriter.stateDict([("steps", "0", 1, [1])], type: "LongStorage")
        let root = try TorchPickle.load(bytes)
        guard case let .dict(d) = root, case let .tensor(t)? = d.items.first?.value else { Issue.record("no tensor in \(root)"); return }
        #expect(t.storage.foreign == "LongStorage")
        #expect(TorchGlobal.torchDType(ofStorage: "LongStorage") == "int64")
    }

    @Test(arguments: [UInt8(0x69) /* INST */, 0x6F /* OBJ */, 0x81 /* NEWOBJ */, 0x92 /* NEWOBJ_EX */, 0x50 /* PERSID */, 0x49 /* INT */, 0x53 /* STRING */, 0x42 /* BINBYTES */])
    func operationsBeyondDataAreRefused(_ opcode: UInt8) {
        var p = PickleWriter()
        p.op(opcode)
        #expect { try TorchPickle.load(p.bytes) } throws: { ($0 as? PickleError)?.message.contains("nothing was run") == true }
    }

    @Test func truncationAnywhereIsAnError() throws {
        let bytes = PickleWriter.stateDict([("rnn.weight_ih_l0", "0", 6, [2, 3])])
        for cut in 0..<bytes.count {
            #expect(throws: PickleError.self) { try TorchPickle.load(Array(bytes[..<cut])) }
        }
    }

    @Test func nestingIsBounded() {
        var p = PickleWriter()
        for _ in 0..<200 { p.op(0x5D) } // EMPTY_LIST
        for _ in 0..<199 { p.op(0x61) } // APPEND
        p.op(0x2E)
        #expect { try TorchPickle.load(p.bytes) } throws: { ($0 as? PickleError)?.message.contains("deeper than") == true }
        var q = PickleWriter()
        q.op(0x29)
        for _ in 0..<100 { q.op(0x85) } // TUPLE1 of TUPLE1 of …
        q.op(0x2E)
        #expect { try TorchPickle.load(q.bytes) } throws: { ($0 as? PickleError)?.message.contains("deeper than") == true }
    }

    /// A container cannot be put inside itself, nor changed after it went into another: no cycles.
    @Test func noCycles() {
        var p = PickleWriter()
        p.op(0x5D); p.bytes += [0x71, 0] // EMPTY_LIST, BINPUT 0
        p.bytes += [0x68, 0]; p.op(0x61) // BINGET 0, APPEND
        p.op(0x2E)
        #expect { try TorchPickle.load(p.bytes) } throws: { ($0 as? PickleError)?.message.contains("inside itself") == true }
        var q = PickleWriter()
        q.op(0x5D); q.bytes += [0x71, 0] // a list, memo 0
        q.op(0x5D); q.bytes += [0x68, 0]; q.op(0x61) // [[]]
        q.op(0x30) // POP the outer
        q.op(0x4E); q.op(0x61) // APPEND None to the inner, which is now inside another
        q.op(0x2E)
        #expect { try TorchPickle.load(q.bytes) } throws: { ($0 as? PickleError)?.message.contains("after it was put") == true }
    }

    @Test func memoGetOfAnUnsetEntryIsAnError() {
        var p = PickleWriter()
        p.bytes += [0x68, 7, 0x2E]
        #expect { try TorchPickle.load(p.bytes) } throws: { ($0 as? PickleError)?.message.contains("memo entry 7") == true }
    }

    @Test func negativeAndLongIntegersRead() throws {
        var p = PickleWriter()
        p.op(0x28)
        p.int(-5)
        p.bytes += [0x8A, 2, 0xFF, 0x7F] // LONG1 32767
        p.bytes += [0x8A, 1, 0xFF] // LONG1 -1
        p.op(0x74); p.op(0x2E)
        guard case let .tuple(items, _) = try TorchPickle.load(p.bytes) else { Issue.record("not a tuple"); return }
        guard items.count == 3, case .int(-5) = items[0], case .int(32767) = items[1], case .int(-1) = items[2] else {
            Issue.record("read \(items)"); return
        }
    }
}
