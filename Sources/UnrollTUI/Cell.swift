/// One terminal cell: a single-column character and its style.
///
/// Unroll draws only single-column glyphs (ASCII, box drawing, blocks, braille, ⊙ ⊕ σ);
/// wider characters are replaced by `?` when written into a buffer.
public struct Cell: Equatable, Hashable, Sendable {
    public var character: Character
    public var style: Style

    public init(_ character: Character = " ", style: Style = .plain) {
        self.character = character
        self.style = style
    }

    public static let blank = Cell()
}
