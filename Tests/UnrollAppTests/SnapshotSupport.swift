import SnapshotTesting

/// A text snapshot of a frame, recorded under `__Snapshots__/` (re-record with SNAPSHOT_TESTING_RECORD=all).
func assertSnapshotLines(_ text: String, named name: String, fileID: StaticString = #fileID, file: StaticString = #filePath,
                         testName: String = #function, line: UInt = #line, column: UInt = #column) {
    assertSnapshot(of: text, as: .lines, named: name, fileID: fileID, file: file, testName: testName, line: line, column: column)
}
