import UnrollCore
import UnrollLessons
import UnrollTUI

/// Where a lesson step's panels go in the area the narration leaves: the unrolled chain on top,
/// then the unit table and the prediction (side by side when there is room), the cell diagram and
/// the explanation, training, and the plot, which takes what is left.
///
/// Each panel has the rows it needs and the rows it would like: the chain needs its minimal height
/// (h only, tokens in the box borders) and likes its full one (predictions, c, token row, legend), on a projector its tall form (a row per unit) when all of it fits; a plot needs 6 rows
/// and takes the rest. When everything fits at its need, the spare rows go first to the chain,
/// then to the panels that grow (the explanation, the plot); a panel that gets fewer rows than it
/// needs is listed in `cut` (the projector test and lint read it).
public struct LessonPanels: Equatable, Sendable {
    /// One panel on screen.
    public enum Piece: String, Equatable, Sendable {
        case chain, table, prediction, diagram, explain, training, plot
    }

    public var placed: [(piece: Piece, rect: Rect)]
    /// Panels drawn with fewer rows than they need (or not at all), or the unit table narrower than its columns.
    public var cut: [Piece]

    public static func == (a: LessonPanels, b: LessonPanels) -> Bool {
        a.cut == b.cut && a.placed.map(\.piece) == b.placed.map(\.piece) && a.placed.map(\.rect) == b.placed.map(\.rect)
    }

    /// The rect of `piece`, if it was placed.
    public func rect(_ piece: Piece) -> Rect? { placed.first { $0.piece == piece }?.rect }

    /// One row of panels (one panel, or two side by side) with its needed and wanted heights.
    struct Row {
        var pieces: [(Piece, width: Int?)]
        var need: Int
        var want: Int
        /// Heights above `want` taken only whole, smallest first (the tall chain's forms: a row
        /// per unit, then blocks of 2, 3, … rows per unit); the rows left over at the end go to the largest that fits.
        var wholes: [Int] = []
    }

    /// The panels presenter mode adds to `wanted` in `area`: the chain, then the table and the
    /// prediction, then the diagram, each only if it still fits at its full height.
    static func presenterExtras(_ lab: LabState, wanted: Set<Panel>, area: Rect) -> [Panel] {
        let chain = lab.chain()
        let tableHeight = lab.model.hiddenSize + 3, probsHeight = lab.isSeries ? 5 : lab.predictionOutputs.count + 3
        let diagramSize = CellDiagram.schematicSize(of: CellDiagram.Description(cell: lab.model.cell))
        let sideBySide = area.width - LabLayout.tableWidth(lab.model.cell) >= 18
        func height(_ panels: Set<Panel>) -> Int {
            var h = panels.contains(.timeline) ? chain.fullHeight : 0
            let table = panels.contains(.gates) || panels.contains(.vectors) || panels.contains(.cell)
            let probs = panels.contains(.probs)
            h += table && probs && sideBySide ? max(tableHeight, probsHeight) : (table ? tableHeight : 0) + (probs ? probsHeight : 0)
            if panels.contains(.diagram) { h += diagramSize.height + 2 }
            if panels.contains(.explain) { h += 8 }
            return h
        }
        var shown = wanted, added: [Panel] = []
        let table: Panel = lab.model.cell.isGated ? .gates : .vectors
        for group in [[Panel.timeline], [table, .probs], [.diagram]] {
            let more = shown.union(group)
            if more != shown && height(more) <= area.height {
                added += group.filter { !shown.contains($0) }
                shown = more
            }
        }
        return added
    }

    /// The rows the prediction and the panels above it (the chain, the unit table beside it) need at
    /// `width`, or 0 when the scene shows no prediction: what the narration above them leaves free
    /// when it can, so the prediction keeps one row per output however long the narration and the
    /// question box are. (Panels below it, a diagram or a plot, are cut first as before.)
    public static func neededHeight(_ lesson: LessonState, width: Int) -> Int {
        guard lesson.computing == nil, lesson.sceneRun != nil else { return 0 }
        let rows = rows(lesson, area: Rect(x: 0, y: 0, width: width, height: 10_000), presenter: false)
        guard let last = rows.firstIndex(where: { row in row.pieces.contains { $0.0 == .prediction } }) else { return 0 }
        return rows[...last].reduce(0) { $0 + $1.need }
    }

    /// Lays out the panels `lesson`'s scene asks for in `area`; `presenter` lets the chain and the
    /// diagram grow.
    public init(_ lesson: LessonState, area: Rect, presenter: Bool = false) {
        placed = []
        cut = []
        guard area.height >= 3, lesson.computing == nil, lesson.sceneRun != nil else { return }
        let rows = LessonPanels.rows(lesson, area: area, presenter: presenter)
        place(rows, in: area, lesson: lesson)
    }

    /// The scene's panels as rows, in order, each with its needed and wanted height.
    static func rows(_ lesson: LessonState, area: Rect, presenter: Bool) -> [Row] {
        let wanted = Set(lesson.step.scene.panels)
        var rows: [Row] = []
        if let lab = lesson.lab {
            var wanted = wanted
            // A projector has rows to spare: a step without a plot also shows the unit table, the
            // prediction and the cell diagram (views of the same live step) where they fit whole.
            if presenter && !wanted.contains(.plot) {
                for extra in LessonPanels.presenterExtras(lab, wanted: wanted, area: area) { wanted.insert(extra) }
            }
            if wanted.contains(.timeline) {
                let chain = lab.chain()
                // A projector's chain grows to one row per unit when every row of that fits.
                let tall = presenter && chain.tallHeight > chain.fullHeight
                    ? (1...UnrolledChain.tallUnitRowsLimit).map { chain.tallHeight(unitRows: $0) } : []
                rows.append(Row(pieces: [(.chain, nil)], need: chain.minimalHeight, want: chain.fullHeight, wholes: tall))
            }
            let table = wanted.contains(.gates) || wanted.contains(.vectors) || wanted.contains(.cell)
            let probs = wanted.contains(.probs)
            let tableWidth = LabLayout.tableWidth(lab.model.cell)
            let tableHeight = lab.model.hiddenSize + 3, probsHeight = lab.isSeries ? 5 : lab.predictionOutputs.count + 3
            if table && probs && area.width - tableWidth >= 18 {
                let h = max(tableHeight, probsHeight)
                rows.append(Row(pieces: [(.table, tableWidth), (.prediction, nil)], need: h, want: h))
            } else {
                if table { rows.append(Row(pieces: [(.table, nil)], need: tableHeight, want: tableHeight)) }
                if probs { rows.append(Row(pieces: [(.prediction, min(area.width, 60))], need: probsHeight, want: probsHeight)) }
            }
            let diagram = wanted.contains(.diagram), explain = wanted.contains(.explain)
            let diagramSize = CellDiagram.schematicSize(of: CellDiagram.Description(cell: lab.model.cell))
            let diagramHeight = diagramSize.height + 2
            if diagram && explain && area.width >= diagramSize.width + 4 + 30 {
                rows.append(Row(pieces: [(.diagram, diagramSize.width + 4), (.explain, nil)], need: diagramHeight, want: diagramHeight))
            } else {
                if diagram { rows.append(Row(pieces: [(.diagram, nil)], need: diagramHeight, want: diagramHeight)) }
                if explain { rows.append(Row(pieces: [(.explain, nil)], need: 5, want: 8)) }
            }
            // Training with no plot below it takes what is left (its loss and gradient-norm curves).
            if lab.training != nil {
                // Beside a plot (what the step asks to watch) it keeps to its numbers on a short screen.
                let besidePlot = wanted.contains(.plot) && lesson.plot != nil
                rows.append(Row(pieces: [(.training, nil)], need: besidePlot ? 4 : 6, want: besidePlot ? 8 : Int.max))
            }
        }
        if wanted.contains(.plot), lesson.plot != nil { rows.append(Row(pieces: [(.plot, nil)], need: 6, want: Int.max)) }
        return rows
    }

    /// Gives each row its height in `area` and places its panels; fills `placed` and `cut`.
    mutating func place(_ rows: [Row], in area: Rect, lesson: LessonState) {
        // Heights: every row its need when they all fit, then the spare rows in order of wanting.
        var heights = rows.map(\.need)
        var spare = area.height - heights.reduce(0, +)
        if spare >= 0 {
            for i in rows.indices where spare > 0 {
                var more = min(spare, rows[i].want - rows[i].need)
                if let whole = rows[i].wholes.first, spare >= whole - rows[i].need { more = whole - rows[i].need }
                heights[i] += more
                spare -= more
            }
            // What no panel wants goes to a tall chain: its largest form that fits.
            for i in rows.indices where spare > 0 && !rows[i].wholes.isEmpty && heights[i] >= rows[i].wholes[0] {
                if let whole = rows[i].wholes.last(where: { $0 <= heights[i] + spare }) {
                    spare -= whole - heights[i]
                    heights[i] = whole
                }
            }
        }
        var y = area.y
        for (i, row) in rows.enumerated() {
            let h = min(heights[i], area.maxY - y)
            guard h > 0 else { cut.append(contentsOf: row.pieces.map(\.0)); continue }
            if h < row.need { cut.append(contentsOf: row.pieces.map(\.0)) }
            var x = area.x
            for (k, (piece, width)) in row.pieces.enumerated() {
                let w = k == row.pieces.count - 1 && k > 0 ? area.maxX - x : min(width ?? area.width, area.maxX - x)
                placed.append((piece, Rect(x: x, y: y, width: w, height: h)))
                if piece == .table, let lab = lesson.lab, w < LabLayout.tableWidth(lab.model.cell), !cut.contains(.table) { cut.append(.table) }
                x += w
            }
            y += h
        }
    }
}
