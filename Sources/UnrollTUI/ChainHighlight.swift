/// What the unrolled chain points at: rows inside boxes, the arrows into boxes, the tokens under them.
///
/// The app fills it from an explanation's terms (`ExplainHighlights`): `W_hh·h_{t−1}` marks the
/// h arrow into the cursor's box and the previous box's h row, the input term the token under the
/// cursor's box, `f·c_{t−1}` the c arrow. Steps are indices into `encoder + steps` (as the cursor);
/// marks apply to the bottom layer's band. Drawn readable without colour: a marked arrow is heavy
/// (`━━▶`, `≡≡▶`; ASCII `**>`), a marked row has `▸` on its box's left border and its marked units reversed,
/// a marked token is drawn `▸saw◂` (ASCII `>saw<`).
public struct ChainHighlight: Equatable, Sendable {
    /// A row of a box.
    public enum Row: Hashable, Sendable { case hidden, cell }

    /// One thing the chain points at.
    public enum Mark: Hashable, Sendable {
        /// The h or c row of step `step`'s box; `unit` singles out one unit (nil: the whole row).
        case state(step: Int, row: Row, unit: Int?)
        /// The h or c arrow into step `step`'s box, from the box before it.
        case arrow(into: Int, row: Row)
        /// The token fed at step `step`, under its box.
        case token(step: Int)
    }

    public var marks: Set<Mark>

    public init(_ marks: Set<Mark> = []) { self.marks = marks }

    public var isEmpty: Bool { marks.isEmpty }

    /// Whether the arrow into `step` on `row` is marked.
    public func marksArrow(into step: Int, row: Row) -> Bool { marks.contains(.arrow(into: step, row: row)) }

    /// Whether the token of `step` is marked.
    public func marksToken(_ step: Int) -> Bool { marks.contains(.token(step: step)) }

    /// The marked units of a box's row: nil when the row is not marked, `[]` for the whole row.
    public func markedUnits(step: Int, row: Row) -> Set<Int>? {
        var units = Set<Int>()
        var any = false
        for case let .state(s, r, unit) in marks where s == step && r == row {
            any = true
            guard let unit else { return [] }
            units.insert(unit)
        }
        return any ? units : nil
    }
}
