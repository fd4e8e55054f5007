/// The network unrolled through time: one box per step, h (and c) carried along arrows.
///
/// ```
///  saw✓      Spot✗saw   Doug✓        ← prediction (✓/✗ against the target)
/// ┌t=1──┐   ┏t=2━━┓   ┌t=3=f┐        ← step label, clamp mark (=f)
/// │h▲·▽·│──▶┃h△▲·▼┃──▶│h·▲▲·│        ← hidden state, one sign glyph per unit
/// │c▲·▽·│══▶┃c△▲·▼┃══▶│c·▲▲·│        ← cell state (LSTM), carried along ══▶
/// └─────┘   ┗━━━━━┛   └─────┘
///  Jane       saw       Spot         ← the token fed (`?→sushi` when it fed itself)
/// ▲△·▽▼ strong+ weak+ ≈0 weak− strong−  ─▶ h  ═▶ c  ✓/✗ vs target  = clamped
/// ```
///
/// Each unit is a sign glyph (`▲ △ · ▽ ▼`, ASCII `+ ^ . v -`) in the `.positive` or
/// `.negative` role, strong values bold: readable without colour. The cursor's box is drawn
/// heavy (`━┃`, ASCII `=#`) in `.focus`; ghost steps (a greedy continuation) dashed and muted.
/// Boxes grow with the width they get: one glyph per unit, then wider glyphs, then a magnitude
/// beside each glyph; when the steps do not fit at the smallest size a window around the cursor
/// is drawn with `◀ 3 more` / `7 more ▶`. A second row of boxes shows a stacked layer (above), a
/// bidirectional network's backward chain (below, arrows pointing left), and an encoder–decoder
/// network draws encoder → `ctx` → decoder. In gradient mode the arrows point back in time and
/// each box shows ‖∂L/∂h_t‖ as a shade and a number. A `ChainHighlight` points at the rows,
/// arrows and tokens an explanation's terms come from (heavy arrows, `▸` rows, `▸token◂`).
///
/// With `tall` (a projector), the rows for it and 2 to 12 units, every unit of h and c gets a row of its
/// own: `h2 ▲▲▲▲▲   .76`, a heat bar as long as the value is strong (`tallHeight`).
///
/// When the area is short the legend goes first, then the token row (the token moves into the
/// box's bottom border), then the prediction row, then the c rows (`minimalHeight`: h only).
///
/// - Complexity: O(visible steps × box width × rows).
public struct UnrolledChain: Widget, Equatable, Sendable {
    /// Which way the arrows carry values.
    public enum Mode: Equatable, Sendable {
        /// h and c flow forward in time.
        case forward
        /// ∂L/∂h flows back in time; each box shows its ‖∂L/∂h_t‖.
        case gradient
    }

    public var model: ChainModel
    /// The highlighted step: an index into `model.encoder + model.steps`.
    public var cursor: Int?
    public var mode: Mode
    /// Whether to draw the legend row when there is room.
    public var showLegend: Bool
    /// Motion: how far (0…1) the values have travelled along the arrow into the cursor's box
    /// (from the box before it; from the box after it in gradient mode); nil when nothing moves.
    public var flow: Double?
    /// What the chain points at (an explanation's sources); empty for nothing.
    public var highlight: ChainHighlight
    /// Whether the chain may take its tall form (a row per unit) when the area has `tallHeight` rows (a projector).
    public var tall = false

    public init(model: ChainModel, cursor: Int? = nil, mode: Mode = .forward, showLegend: Bool = true, flow: Double? = nil,
                highlight: ChainHighlight = ChainHighlight()) {
        self.model = model
        self.cursor = cursor
        self.mode = mode
        self.showLegend = showLegend
        self.flow = flow
        self.highlight = highlight
    }

    // MARK: Rows

    /// What a content row of a box shows.
    enum Content: Hashable {
        case hidden, cell, gradient
        /// One unit of h (or c) on rows of its own, the tall chain of a projector: the unit, and
        /// which row of its block this is.
        case hiddenUnit(Int, UnitRow), cellUnit(Int, UnitRow)

        /// Whether the row carries the arrow to the next box (a unit block's middle row only).
        var carriesArrow: Bool {
            switch self {
            case let .hiddenUnit(_, part), let .cellUnit(_, part): return part == .middle
            case .hidden, .cell: return true
            case .gradient: return false
            }
        }

        /// The state the row shows (nil for the gradient row).
        var kind: ChainHighlight.Row? {
            switch self {
            case .hidden, .hiddenUnit: return .hidden
            case .cell, .cellUnit: return .cell
            case .gradient: return nil
            }
        }
    }

    /// A row of a unit's block in the tall chain.
    enum UnitRow: Hashable {
        /// The label, the bar, the number and the arrow.
        case middle
        /// The bar only.
        case bar
        /// Blank: the space between two units' blocks (blocks of 3 rows or more).
        case gap
    }

    /// One row of boxes.
    struct Band: Equatable {
        /// The layer shown (its index into `ChainStep.layers`), or nil for the backward chain.
        var layer: Int?
        var contents: [Content]
        var y: Int
        var height: Int { contents.count + 2 }
        var reversed: Bool { layer == nil }
    }

    /// Where each row goes for an area height.
    struct Rows: Equatable {
        var predictionY: Int?
        var bands: [Band]
        /// nil: the token is drawn in the lowest box's bottom border.
        var tokenY: Int?
        var legendY: Int?
    }

    var hasPredictions: Bool { (model.encoder + model.steps).contains { $0.prediction != nil } }

    /// The bands of boxes; without `cells`, the boxes show h only (the tightest form); `unitRows`
    /// gives every unit of h and c a block of that many rows of its own (the tall chain).
    func bandContents(cells: Bool = true, unitRows: Int = 0) -> [Band] {
        let cell = cells && model.hasCell
        let top = model.layerCount - 1
        let H = unitCount
        // A block of 3 rows or more ends with a gap row; the middle of the rest carries the label.
        let barRows = unitRows >= 3 ? unitRows - 1 : unitRows
        func part(_ r: Int) -> UnitRow { r >= barRows ? .gap : r == (barRows - 1) / 2 ? .middle : .bar }
        func block(_ u: Int, _ make: (Int, UnitRow) -> Content) -> [Content] { (0..<unitRows).map { make(u, part($0)) } }
        let states: [Content] = unitRows > 0
            ? (0..<H).flatMap { block($0) { .hiddenUnit($0, $1) } } + (cell ? (0..<H).flatMap { block($0) { .cellUnit($0, $1) } } : [])
            : (cell ? [.hidden, .cell] : [.hidden])
        var bands: [Band] = []
        for layer in stride(from: top, through: 0, by: -1) {
            var contents = states
            if mode == .gradient && layer == top { contents.append(.gradient) }
            bands.append(Band(layer: layer, contents: contents, y: 0))
        }
        if model.shape == .bidirectional {
            bands.append(Band(layer: nil, contents: states, y: 0))
        }
        return bands
    }

    /// The most hidden units any state has.
    var unitCount: Int {
        Swift.max(1, ((model.encoder + model.steps).flatMap { s in s.layers.map(\.hidden.count) + [s.backward?.hidden.count ?? 0] } + [model.context?.hidden.count ?? 0]).max() ?? 1)
    }

    /// The most units a tall chain draws one row each (more would not fit a projector's rows).
    public static let tallUnitLimit = 12

    /// Whether the chain has a tall form: 2 to `tallUnitLimit` units.
    public var hasTallForm: Bool { unitCount >= 2 && unitCount <= UnrolledChain.tallUnitLimit }

    /// The most rows a unit's block takes in the tall chain.
    public static let tallUnitRowsLimit = 8

    /// Rows used with one row per unit of h (and c), the token row and the legend: the least the
    /// tall chain of a projector takes (the full height when there is no tall form).
    public var tallHeight: Int { tallHeight(unitRows: 1) }

    /// Rows used with `unitRows` rows per unit of h (and c), the token row and the legend.
    public func tallHeight(unitRows: Int) -> Int {
        guard hasTallForm else { return fullHeight }
        return (hasPredictions ? 1 : 0) + bandContents(unitRows: Swift.max(1, unitRows)).reduce(0) { $0 + $1.height } + 2
    }

    /// The rows per unit the tall chain takes in `height` rows (0: too short for the tall form).
    public func tallUnitRows(in height: Int) -> Int {
        guard tall, hasTallForm, height >= tallHeight else { return 0 }
        var k = 1
        while k < UnrolledChain.tallUnitRowsLimit && tallHeight(unitRows: k + 1) <= height { k += 1 }
        return k
    }

    /// Rows used with the legend and the token row (the most the chain uses).
    public var fullHeight: Int { compactHeight + 2 }
    /// Rows used with the token in the box borders and no legend (the least that shows everything).
    public var compactHeight: Int { (hasPredictions ? 1 : 0) + bandContents().reduce(0) { $0 + $1.height } }
    /// The fewest rows the chain is drawn in: no prediction row, and the boxes show h only.
    public var minimalHeight: Int { bandContents(cells: false).reduce(0) { $0 + $1.height } }

    func rows(for area: Rect) -> Rows {
        var y = area.y
        var out = Rows(predictionY: nil, bands: [], tokenY: nil, legendY: nil)
        // Room for every unit on a row of its own: the tall chain, with everything else.
        let unitRows = tallUnitRows(in: area.height)
        if unitRows > 0 {
            if hasPredictions { out.predictionY = y; y += 1 }
            for var band in bandContents(unitRows: unitRows) {
                band.y = y
                y += band.height
                out.bands.append(band)
            }
            out.tokenY = y
            if showLegend { out.legendY = y + 1 }
            return out
        }
        // Short of the compact height the prediction row goes first, then the cell-state rows.
        let predictions = hasPredictions && area.height >= compactHeight
        let cells = area.height >= compactHeight - (hasPredictions ? 1 : 0)
        if predictions { out.predictionY = y; y += 1 }
        for var band in bandContents(cells: cells) {
            band.y = y
            y += band.height
            out.bands.append(band)
        }
        if area.height >= compactHeight + 1 { out.tokenY = y; y += 1 }
        if showLegend && area.height >= fullHeight { out.legendY = y }
        return out
    }

    // MARK: Columns

    /// One box on screen.
    struct Slot: Equatable {
        enum Kind: Equatable { case encoder(Int), context, step(Int) }
        var kind: Kind
        /// The index in `encoder + steps` (nil for the context).
        var index: Int?
        var x: Int
    }

    /// The visible boxes, their size and the hidden counts on each side.
    struct Columns: Equatable {
        var slots: [Slot]
        var boxWidth: Int
        var arrowWidth: Int
        var hiddenLeft: Int
        var hiddenRight: Int
        var leftIndicatorWidth: Int
    }

    static let smallestInner = 4

    /// The widest box worth drawing: every unit with its magnitude.
    var largestInner: Int {
        let units = (model.encoder + model.steps).flatMap { s in s.layers.map(\.hidden.count) + [s.backward?.hidden.count ?? 0] }.max() ?? 1
        return Swift.max(10, units * 5 + 2)
    }

    var allSlots: [Slot.Kind] {
        model.encoder.indices.map { Slot.Kind.encoder($0) } + (model.context == nil ? [] : [.context]) + model.steps.indices.map { .step($0) }
    }

    /// The slot position of the cursor.
    var cursorSlot: Int? {
        guard let cursor, cursor >= 0, cursor < model.encoder.count + model.steps.count else { return nil }
        if cursor < model.encoder.count { return cursor }
        return cursor + (model.context == nil ? 0 : 1)
    }

    static func leftText(_ n: Int, _ glyphs: Glyphs) -> String { (glyphs.unicode ? "◀" : "<") + " \(n) more" }
    static func rightText(_ n: Int, _ glyphs: Glyphs) -> String { "\(n) more " + (glyphs.unicode ? "▶" : ">") }

    func columns(for area: Rect, glyphs: Glyphs) -> Columns {
        let kinds = allSlots
        let n = kinds.count
        let W = area.width
        guard n > 0, W > 0 else { return Columns(slots: [], boxWidth: 0, arrowWidth: 0, hiddenLeft: 0, hiddenRight: 0, leftIndicatorWidth: 0) }
        let minBox = UnrolledChain.smallestInner + 2
        let maxBox = largestInner + 2
        var arrow = W / n >= minBox + 3 ? 3 : 2
        func place(first: Int, count: Int, box: Int, arrow: Int, left: Int) -> [Slot] {
            (0..<count).map { k in
                let kind = kinds[first + k]
                let index: Int?
                switch kind {
                case let .encoder(i): index = i
                case .context: index = nil
                case let .step(i): index = model.encoder.count + i
                }
                return Slot(kind: kind, index: index, x: area.x + left + k * (box + arrow))
            }
        }
        if n * minBox + (n - 1) * arrow <= W {
            let box = Swift.min(maxBox, (W - (n - 1) * arrow) / n)
            if n > 1 { arrow = Swift.min(arrow + 3, arrow + (W - n * box - (n - 1) * arrow) / (n - 1)) }
            return Columns(slots: place(first: 0, count: n, box: box, arrow: arrow, left: 0), boxWidth: box, arrowWidth: arrow,
                           hiddenLeft: 0, hiddenRight: 0, leftIndicatorWidth: 0)
        }
        // A window around the cursor, with room for the indicators.
        arrow = 2
        let centre = cursorSlot ?? 0
        var count = Swift.max(1, (W + arrow) / (minBox + arrow))
        while true {
            var first = Swift.max(0, centre - (count - 1) / 2)
            first = Swift.min(first, n - count)
            let hiddenRight = n - first - count
            let leftW = first > 0 ? UnrolledChain.leftText(first, glyphs).count + 1 : 0
            let rightW = hiddenRight > 0 ? UnrolledChain.rightText(hiddenRight, glyphs).count + 1 : 0
            let room = W - leftW - rightW
            if count == 1 || count * minBox + (count - 1) * arrow <= room {
                let box = Swift.max(1, Swift.min(maxBox, (room - (count - 1) * arrow) / count))
                return Columns(slots: place(first: first, count: count, box: box, arrow: arrow, left: leftW), boxWidth: box, arrowWidth: arrow,
                               hiddenLeft: first, hiddenRight: hiddenRight, leftIndicatorWidth: leftW)
            }
            count -= 1
        }
    }

    /// The step (an index into `encoder + steps`) whose box covers column `x`, if any.
    public func step(atColumn x: Int, area: Rect, glyphs: Glyphs = .utf8) -> Int? {
        let c = columns(for: area, glyphs: glyphs)
        return c.slots.first { x >= $0.x && x < $0.x + c.boxWidth + c.arrowWidth }?.index
    }

    // MARK: Drawing

    public func render(into buffer: inout Buffer, area: Rect, glyphs: Glyphs) {
        let clip = area.clipped(to: buffer)
        guard !clip.isEmpty else { return }
        let rows = rows(for: area)
        let cols = columns(for: area, glyphs: glyphs)
        guard !cols.slots.isEmpty else { return }
        let slotWidth = cols.boxWidth + cols.arrowWidth - 1
        for (k, slot) in cols.slots.enumerated() {
            let step = self.step(of: slot)
            let focused = slot.index != nil && slot.index == cursor
            let ghost = step?.ghost ?? false
            if let y = rows.predictionY, let step, let text = predictionText(step, glyphs: glyphs, limit: slotWidth), let prediction = step.prediction {
                let markAt = step.correct.map { _ in prediction.count + (text.count > prediction.count + 1 && text.dropFirst(prediction.count).first == " " ? 1 : 0) }
                drawCentred(text, x: slot.x, width: cols.boxWidth, limit: slotWidth, y: y, style: predictionStyle(step, focused: focused),
                            into: &buffer, clip: clip, glyphs: glyphs, markAt: markAt, good: step.correct ?? true)
            }
            for (b, band) in rows.bands.enumerated() {
                // The context is drawn in the bottom layer's band only.
                if slot.kind == .context && band.layer != 0 { continue }
                let state = self.state(of: slot, band: band)
                let lowest = b == rows.bands.count - 1
                var bottomText: String? = nil
                if lowest && rows.tokenY == nil, let step { bottomText = tokenText(step, index: slot.index, glyphs: glyphs) }
                drawBox(slot: slot, band: band, width: cols.boxWidth, state: state, step: step, focused: focused, ghost: ghost,
                        bottomText: bottomText, upArrow: band.layer.map { $0 > 0 } ?? false, into: &buffer, clip: clip, glyphs: glyphs)
                if k + 1 < cols.slots.count {
                    let next = cols.slots[k + 1]
                    if next.kind == .context && band.layer != 0 { continue }
                    if slot.kind == .context && band.layer != 0 { continue }
                    let nextGhost = self.step(of: next)?.ghost ?? false
                    drawArrows(band: band, x: slot.x + cols.boxWidth, width: cols.arrowWidth, ghost: nextGhost,
                               intensity: arrowIntensity(from: next, to: slot), marked: markedArrows(into: next, band: band),
                               into: &buffer, clip: clip, glyphs: glyphs)
                    // Motion: a bead travelling along the arrow into the cursor's box.
                    if let flow, cursor != nil, band.layer != nil,
                       (mode == .forward && next.index == cursor) || (mode == .gradient && slot.index == cursor) {
                        let along = Swift.min(cols.arrowWidth - 1, Swift.max(0, Int((Swift.min(1, Swift.max(0, flow)) * Double(cols.arrowWidth - 1)).rounded())))
                        let dx = mode == .forward ? along : cols.arrowWidth - 1 - along
                        for (r, row) in band.contents.enumerated() where row.carriesArrow {
                            buffer.glyph(glyphs.unicode ? "●" : "o", x: slot.x + cols.boxWidth + dx, y: band.y + 1 + r, style: Style(.focus, bold: true), clip: clip)
                        }
                    }
                }
            }
            if let y = rows.tokenY, let step {
                var style = focused ? Style(.focus, bold: true) : ghost ? Style(.muted) : Style(.text)
                if slot.index.map(highlight.marksToken) == true { style = Style(.focus, bold: true, reverse: true) }
                drawCentred(tokenText(step, index: slot.index, glyphs: glyphs), x: slot.x, width: cols.boxWidth, limit: slotWidth, y: y, style: style,
                            into: &buffer, clip: clip, glyphs: glyphs)
            }
        }
        // The window's indicators, on the first band's hidden row.
        if let band = rows.bands.first {
            let y = band.y + 1
            if cols.hiddenLeft > 0 {
                buffer.put(UnrolledChain.leftText(cols.hiddenLeft, glyphs), x: area.x, y: y, style: Style(.muted), clip: clip)
            }
            if cols.hiddenRight > 0 {
                let text = UnrolledChain.rightText(cols.hiddenRight, glyphs)
                buffer.put(text, x: area.maxX - text.count, y: y, style: Style(.muted), clip: clip)
            }
        }
        if let y = rows.legendY {
            buffer.put(legend(glyphs: glyphs, width: area.width), x: area.x, y: y, style: Style(.muted), clip: clip, maxWidth: area.width)
        }
    }

    /// The token under a box: `▸saw◂` (ASCII `>saw<`) when the highlight marks it.
    func tokenText(_ step: ChainStep, index: Int?, glyphs: Glyphs) -> String {
        let text = step.shownInput(arrow: glyphs.arrowRight)
        guard let index, highlight.marksToken(index) else { return text }
        return glyphs.unicode ? "▸" + text + "◂" : ">" + text + "<"
    }

    /// The rows of `band` whose arrow into `next` the highlight marks (the bottom layer's band only).
    func markedArrows(into next: Slot, band: Band) -> Set<ChainHighlight.Row> {
        guard band.layer == 0, let index = next.index, !highlight.isEmpty else { return [] }
        var rows = Set<ChainHighlight.Row>()
        if highlight.marksArrow(into: index, row: .hidden) { rows.insert(.hidden) }
        if highlight.marksArrow(into: index, row: .cell) { rows.insert(.cell) }
        return rows
    }

    /// The marked units of a box's row (nil: not marked; empty: the whole row).
    func markedUnits(_ slot: Slot, band: Band, row: ChainHighlight.Row) -> Set<Int>? {
        guard band.layer == 0, let index = slot.index else { return nil }
        return highlight.markedUnits(step: index, row: row)
    }

    func step(of slot: Slot) -> ChainStep? {
        switch slot.kind {
        case let .encoder(i): return model.encoder[i]
        case .context: return nil
        case let .step(i): return model.steps[i]
        }
    }

    func state(of slot: Slot, band: Band) -> ChainState? {
        if slot.kind == .context { return model.context }
        guard let step = step(of: slot) else { return nil }
        guard let layer = band.layer else { return step.backward }
        return layer < step.layers.count ? step.layers[layer] : nil
    }

    /// How strongly the arrow between two boxes is drawn: the gradient arriving from `from` (gradient mode).
    func arrowIntensity(from: Slot, to: Slot) -> Double? {
        guard mode == .gradient else { return nil }
        let largest = model.largestGradient
        guard largest > 0, let g = step(of: from)?.gradientNorm, g.isFinite else { return nil }
        return g / largest
    }

    func predictionText(_ step: ChainStep, glyphs: Glyphs) -> String? {
        guard let prediction = step.prediction else { return nil }
        guard let correct = step.correct else { return prediction }
        let check: Character = glyphs.unicode ? "✓" : "v"
        let cross: Character = glyphs.unicode ? "✗" : "x"
        return correct ? prediction + String(check) : prediction + String(cross) + (step.target ?? "")
    }

    /// The prediction with spaces around its mark (`Doug ✗ saw`) when that fits in `limit`.
    func predictionText(_ step: ChainStep, glyphs: Glyphs, limit: Int) -> String? {
        guard let tight = predictionText(step, glyphs: glyphs), let prediction = step.prediction, let correct = step.correct else {
            return predictionText(step, glyphs: glyphs)
        }
        let mark = correct ? (glyphs.unicode ? "✓" : "v") : (glyphs.unicode ? "✗" : "x")
        let spaced = prediction + " " + mark + (correct ? "" : " " + (step.target ?? ""))
        return spaced.count <= limit ? spaced : tight
    }

    func predictionStyle(_ step: ChainStep, focused: Bool) -> Style {
        if focused { return Style(.focus, bold: true) }
        if step.ghost { return Style(.muted) }
        return Style(.accent)
    }

    /// Draws `text` centred over a box (`width`), spilling into the gap up to `limit`; the
    /// character at offset `markAt` (a ✓ or ✗) in `.positive` / `.warning` as `good` says, and
    /// what follows it (the target) muted.
    func drawCentred(_ text: String, x: Int, width: Int, limit: Int, y: Int, style: Style, into buffer: inout Buffer, clip: Rect, glyphs: Glyphs,
                     markAt: Int? = nil, good: Bool = true) {
        let shown = Text.truncated(text, to: Swift.max(1, limit), ellipsis: glyphs.ellipsis)
        let n = shown.count
        let start = n <= width ? x + (width - n) / 2 : x
        for (k, ch) in shown.enumerated() {
            var s = style
            if let markAt {
                if k == markAt { s = Style(good ? .positive : .warning, bold: true) } else if k > markAt { s = Style(.muted) }
            }
            buffer.put(ch, x: start + k, y: y, style: s, clip: clip)
        }
    }

    /// The box-drawing characters for a box: heavy for the cursor, dashed for a ghost.
    struct Frame {
        var h: Character, v: Character, tl: Character, tr: Character, bl: Character, br: Character
    }

    func frame(focused: Bool, ghost: Bool, glyphs: Glyphs) -> Frame {
        if focused {
            return glyphs.unicode ? Frame(h: "━", v: "┃", tl: "┏", tr: "┓", bl: "┗", br: "┛") : Frame(h: "=", v: "#", tl: "#", tr: "#", bl: "#", br: "#")
        }
        if ghost {
            return glyphs.unicode ? Frame(h: "┄", v: "┆", tl: "┌", tr: "┐", bl: "└", br: "┘") : Frame(h: ".", v: ":", tl: ".", tr: ".", bl: ".", br: ".")
        }
        return Frame(h: glyphs.horizontal, v: glyphs.vertical, tl: glyphs.topLeft, tr: glyphs.topRight, bl: glyphs.bottomLeft, br: glyphs.bottomRight)
    }

    func drawBox(slot: Slot, band: Band, width: Int, state: ChainState?, step: ChainStep?, focused: Bool, ghost: Bool, bottomText: String?,
                 upArrow: Bool, into buffer: inout Buffer, clip: Rect, glyphs: Glyphs) {
        guard width >= 2 else { return }
        let f = frame(focused: focused, ghost: ghost, glyphs: glyphs)
        let border = focused ? Style(.focus, bold: true) : ghost ? Style(.muted, dim: true) : Style(.muted)
        let x0 = slot.x, x1 = slot.x + width - 1
        let top = band.y, bottom = band.y + band.height - 1
        let inner = width - 2
        for x in x0...x1 {
            let edge = x == x0 || x == x1
            buffer.glyph(edge ? (x == x0 ? f.tl : f.tr) : f.h, x: x, y: top, style: border, clip: clip)
            buffer.glyph(edge ? (x == x0 ? f.bl : f.br) : f.h, x: x, y: bottom, style: border, clip: clip)
        }
        for y in (top + 1)..<bottom {
            buffer.glyph(f.v, x: x0, y: y, style: border, clip: clip)
            buffer.glyph(f.v, x: x1, y: y, style: border, clip: clip)
        }
        // Top border: the step label, then the clamp mark at the right.
        var label: String
        switch slot.kind {
        case let .encoder(i): label = step?.label ?? "e\(i + 1)"
        case .context: label = "ctx"
        case let .step(i): label = step?.label ?? "t=\(i + 1)"
        }
        if band.reversed { label = (glyphs.unicode ? "←" : "<") + label }
        var mark = step?.clampMark ?? ""
        if step?.clampChangedPrediction == true { mark += glyphs.unicode ? "≠" : "!" }
        // The label keeps its length; the mark gets what is left. In a box too narrow for both the
        // mark moves to the bottom border (when the token is not drawn there), else keeps one character.
        let markBelow = !mark.isEmpty && label.count + 1 > inner && bottomText == nil
        let topMark = markBelow ? "" : mark
        let labelShown = Text.truncated(label, to: Swift.max(0, topMark.isEmpty ? inner : Swift.min(label.count, inner - 1)), ellipsis: glyphs.ellipsis)
        let markShown = String(mark.prefix(Swift.max(mark.isEmpty ? 0 : 1, inner - (markBelow ? 0 : labelShown.count))))
        let labelStyle = focused ? Style(.focus, bold: true) : Style(.muted)
        buffer.put(labelShown, x: x0 + 1, y: top, style: labelStyle, clip: clip)
        if !markShown.isEmpty, band.layer == 0 || band.layer == nil {
            buffer.put(markShown, x: x1 - markShown.count, y: markBelow ? bottom : top, style: Style(.clamped, bold: true), clip: clip)
        }
        if let bottomText {
            let text = Text.truncated(bottomText, to: inner, ellipsis: glyphs.ellipsis)
            var style = focused ? Style(.focus, bold: true) : ghost ? Style(.muted) : Style(.text)
            if slot.index.map(highlight.marksToken) == true { style = Style(.focus, bold: true, reverse: true) }
            buffer.put(text, x: x0 + 1 + Swift.max(0, (inner - text.count) / 2), y: bottom, style: style, clip: clip)
        }
        if upArrow && inner >= 1 {
            buffer.glyph(glyphs.unicode ? "↑" : "^", x: x0 + 1 + inner / 2, y: bottom, style: border, clip: clip)
        }
        let content = Rect(x: x0 + 1, y: top + 1, width: inner, height: band.contents.count).intersection(clip)
        for (r, row) in band.contents.enumerated() {
            let y = top + 1 + r
            // A row the highlight marks: ▸ (ASCII >) on its left border.
            var rowMarked = false
            if let kind = row.kind, let units = markedUnits(slot, band: band, row: kind) {
                switch row {
                case let .hiddenUnit(u, _), let .cellUnit(u, _): rowMarked = units.isEmpty || units.contains(u)
                default: rowMarked = true
                }
            }
            if rowMarked && row.carriesArrow { buffer.glyph(glyphs.unicode ? "▸" : ">", x: x0, y: y, style: Style(.focus, bold: true), clip: clip) }
            switch row {
            case .hidden:
                if let values = state?.hidden {
                    drawUnits(values, label: "h", scale: model.hiddenScale, x: x0 + 1, width: inner, y: y, muted: ghost,
                              marked: markedUnits(slot, band: band, row: .hidden), into: &buffer, clip: content, glyphs: glyphs)
                }
            case .cell:
                if let values = state?.cell {
                    drawUnits(values, label: "c", scale: model.resolvedCellScale, x: x0 + 1, width: inner, y: y, muted: ghost,
                              marked: markedUnits(slot, band: band, row: .cell), into: &buffer, clip: content, glyphs: glyphs)
                }
            case .gradient:
                if let g = step?.gradientNorm { drawGradient(g, x: x0 + 1, width: inner, y: y, into: &buffer, clip: content, glyphs: glyphs) }
            case let .hiddenUnit(u, part):
                if part != .gap, let values = state?.hidden, u < values.count {
                    drawUnitRow(values[u], label: "h\(u)", scale: model.hiddenScale, x: x0 + 1, width: inner, y: y, muted: ghost, marked: rowMarked,
                                middle: part == .middle, into: &buffer, clip: content, glyphs: glyphs)
                }
            case let .cellUnit(u, part):
                if part != .gap, let values = state?.cell, u < values.count {
                    drawUnitRow(values[u], label: "c\(u)", scale: model.resolvedCellScale, x: x0 + 1, width: inner, y: y, muted: ghost, marked: rowMarked,
                                middle: part == .middle, into: &buffer, clip: content, glyphs: glyphs)
                }
            }
        }
    }

    /// The sign glyph of a value relative to `scale`: strong (≥ ½), weak (≥ ⅒) or about zero.
    static func unitGlyph(_ v: Double, scale: Double, glyphs: Glyphs) -> (Character, Style) {
        guard v.isFinite else { return ("?", Style(.warning)) }
        let r = Swift.abs(v) / scale
        if r < 0.1 { return (glyphs.unicode ? "·" : ".", Style(.muted)) }
        let strong = r >= 0.5
        if v > 0 { return (glyphs.unicode ? (strong ? "▲" : "△") : (strong ? "+" : "^"), Style(.positive, bold: strong)) }
        return (glyphs.unicode ? (strong ? "▼" : "▽") : (strong ? "-" : "v"), Style(.negative, bold: strong))
    }

    /// |v| in three characters: `.76`, `1.2`, ` 12`, `99+`.
    static func magnitude(_ v: Double) -> String {
        let a = Swift.abs(v)
        guard a.isFinite else { return "nan" }
        if a < 0.995 {
            let hundredths = Int((a * 100).rounded())
            return "." + (hundredths < 10 ? "0" : "") + String(hundredths)
        }
        if a < 9.95 { let tenths = Int((a * 10).rounded()); return "\(tenths / 10).\(tenths % 10)" }
        if a < 99.5 { return Text.padLeft(String(Int(a.rounded())), to: 3) }
        return "99+"
    }

    /// One row of units inside a box: a row label when there is room, then a glyph per unit
    /// (repeated, or with its magnitude, when wide; pooled by largest |value| when narrow). A
    /// `marked` row has its marked units (all when empty) reversed (`drawBox` puts `▸` on its border).
    func drawUnits(_ values: [Double], label: String, scale: Double, x: Int, width: Int, y: Int, muted: Bool, marked: Set<Int>? = nil,
                   into buffer: inout Buffer, clip: Rect, glyphs: Glyphs) {
        let H = values.count
        guard H > 0, width > 0 else { return }
        var x = x
        var avail = width
        if width >= H + 2 {
            buffer.glyphs(label, x: x, y: y, style: Style(.muted), clip: clip)
            x += 2
            avail -= 2
        }
        func isMarked(_ units: Range<Int>) -> Bool {
            guard let marked else { return false }
            return marked.isEmpty || units.contains { marked.contains($0) }
        }
        func style(_ s: Style, _ units: Range<Int>) -> Style {
            let base = muted ? Style(.muted, dim: true) : s
            return isMarked(units) ? base.with(reverse: true) : base
        }
        if avail < H {
            // Pooled: each glyph stands for a run of units (the largest |value| among them).
            for i in 0..<avail {
                let lo = i * H / avail, hi = Swift.max(lo + 1, (i + 1) * H / avail)
                var v = values[lo]
                for u in lo..<hi where Swift.abs(values[u]) > Swift.abs(v) { v = values[u] }
                let (ch, s) = UnrolledChain.unitGlyph(v, scale: scale, glyphs: glyphs)
                buffer.glyph(ch, x: x + i, y: y, style: style(s, lo..<hi), clip: clip)
            }
            return
        }
        let cw = avail / H
        let pad = (avail - cw * H) / 2
        for (u, v) in values.enumerated() {
            let (ch, s) = UnrolledChain.unitGlyph(v, scale: scale, glyphs: glyphs)
            let ux = x + pad + u * cw
            if cw >= 4 {
                buffer.glyph(ch, x: ux, y: y, style: style(s, u..<(u + 1)), clip: clip)
                buffer.glyphs(UnrolledChain.magnitude(v), x: ux + 1, y: y, style: style(Style(s.role), u..<(u + 1)), clip: clip)
            } else {
                let shaded = cw >= 3 ? cw - 1 : cw
                for dx in 0..<shaded { buffer.glyph(ch, x: ux + dx, y: y, style: style(s, u..<(u + 1)), clip: clip) }
            }
        }
    }

    /// One row of a unit's block (the tall chain): a heat bar of its sign glyph as long as |v| is
    /// strong (a full bar at the scale); on the block's middle row also its label (`h2`) and |v| in
    /// three characters at the right (the other rows keep their places blank, so the bars align).
    func drawUnitRow(_ v: Double, label: String, scale: Double, x: Int, width: Int, y: Int, muted: Bool, marked: Bool, middle: Bool = true,
                     into buffer: inout Buffer, clip: Rect, glyphs: Glyphs) {
        guard width > 0 else { return }
        let (ch, s) = UnrolledChain.unitGlyph(v, scale: scale, glyphs: glyphs)
        var style = muted ? Style(.muted, dim: true) : s
        if marked { style = style.with(reverse: true) }
        var x = x, w = width
        if w >= label.count + 5 {
            if middle { buffer.glyphs(label, x: x, y: y, style: Style(.muted), clip: clip) }
            x += label.count + 1
            w -= label.count + 1
        }
        if w >= 5 {
            if middle { buffer.glyphs(UnrolledChain.magnitude(v), x: x + w - 3, y: y, style: muted ? style : Style(s.role).with(reverse: marked), clip: clip) }
            w -= 4
        }
        let r = v.isFinite ? Swift.min(1, Swift.abs(v) / scale) : 0
        let n = v.isFinite ? Swift.max(1, Int((r * Double(w)).rounded())) : 1
        for dx in 0..<Swift.min(n, w) { buffer.glyph(ch, x: x + dx, y: y, style: style, clip: clip) }
    }

    /// ‖∂L/∂h_t‖ inside a box: a shade for its size relative to the largest, then the number.
    func drawGradient(_ g: Double, x: Int, width: Int, y: Int, into buffer: inout Buffer, clip: Rect, glyphs: Glyphs) {
        let largest = model.largestGradient
        var x = x, width = width
        if width >= 7 {
            buffer.glyph(glyphs.unicode ? "∂" : "d", x: x, y: y, style: Style(.muted), clip: clip)
            x += 2
            width -= 2
        }
        let numberWidth = Swift.min(5, Swift.max(0, width - 1))
        let number = NumberFormat.compact(g, width: numberWidth, decimals: 2)
        let shadeWidth = width - number.count
        let levels = glyphs.shades.count
        let level = largest > 0 && g.isFinite ? Swift.min(levels - 1, Swift.max(0, ScaleMath.roundedInt(g / largest * Double(levels - 1)))) : 0
        let strong = largest > 0 && g / largest >= 0.5
        for dx in 0..<Swift.max(0, shadeWidth) { buffer.glyph(glyphs.shades[level], x: x + dx, y: y, style: Style(.accent, bold: strong), clip: clip) }
        buffer.glyphs(number, x: x + shadeWidth, y: y, style: Style(.accent, bold: strong), clip: clip)
    }

    /// The arrows between two boxes of a band: ─▶ for h, ═▶ for c; pointing back in time in
    /// gradient mode and on a backward chain. A `marked` row's arrow is heavy: ━━▶ and ≡≡▶ (ASCII **>).
    func drawArrows(band: Band, x: Int, width: Int, ghost: Bool, intensity: Double?, marked: Set<ChainHighlight.Row> = [],
                    into buffer: inout Buffer, clip: Rect, glyphs: Glyphs) {
        guard width >= 1 else { return }
        let back = (mode == .gradient) != band.reversed
        var style = ghost ? Style(.muted, dim: true) : Style(mode == .gradient ? .accent : .muted)
        if let intensity { style.bold = intensity >= 0.5; style.dim = intensity < 0.1 }
        for (r, row) in band.contents.enumerated() {
            let y = band.y + 1 + r
            var line: Character
            guard let kind = row.kind, row.carriesArrow else { continue }
            switch kind {
            case .hidden: line = ghost ? (glyphs.unicode ? "┄" : ".") : glyphs.horizontal
            case .cell: line = glyphs.unicode ? "═" : "="
            }
            let isMarked = marked.contains(kind)
            if isMarked { line = glyphs.unicode ? (kind == .cell ? "≡" : "━") : "*" }
            let head: Character = back ? (glyphs.unicode ? "◀" : "<") : (glyphs.unicode ? "▶" : ">")
            for dx in 0..<width {
                let ch: Character = back ? (dx == 0 ? head : line) : (dx == width - 1 ? head : line)
                buffer.glyph(ch, x: x + dx, y: y, style: isMarked ? Style(.focus, bold: true) : style, clip: clip)
            }
        }
    }

    /// The legend for every mark the chain draws (only those present).
    func legendParts(glyphs: Glyphs) -> [String] {
        let u = glyphs.unicode
        var parts = [u ? "▲△·▽▼ strong+ weak+ ≈0 weak− strong−" : "+^.v- strong+ weak+ ~0 weak- strong-"]
        let back = mode == .gradient
        parts.append(back ? (u ? "◀─ ∂L/∂h back in time, ░▓ ‖∂L/∂h_t‖" : "<- dL/dh back in time, .* |dL/dh_t|") : (u ? "─▶ h" : "-> h"))
        if model.hasCell && !back { parts.append(u ? "═▶ c" : "=> c") }
        if !highlight.isEmpty { parts.insert(u ? "━▶ ▸row ▸x◂ what the explanation reads" : "**> >row >x< what the explanation reads", at: 0) }
        let all = model.encoder + model.steps
        if all.contains(where: { $0.correct != nil }) { parts.append(u ? "✓/✗ vs target" : "v/x vs target") }
        if all.contains(where: { $0.clampMark != nil }) { parts.append("= clamped") }
        if all.contains(where: { $0.clampChangedPrediction }) { parts.append(u ? "≠ clamp changed it" : "! clamp changed it") }
        if all.contains(where: { $0.ghost }) { parts.append(u ? "┄ ghost: fed its own guess" : ": ghost: fed its own guess") }
        if model.layerCount > 1 { parts.append(u ? "↑ layer 1 feeds layer 2" : "^ layer 1 feeds layer 2") }
        if model.shape == .bidirectional { parts.append(u ? "← lower chain runs backward" : "< lower chain runs backward") }
        if all.contains(where: { $0.label?.hasPrefix("|") == true }) { parts.append("|t= truncated BPTT cuts here") }
        return parts
    }

    /// The legend's parts that fit in `width`, whole ones only.
    func legend(glyphs: Glyphs, width: Int) -> String {
        var out = ""
        for part in legendParts(glyphs: glyphs) {
            let next = out.isEmpty ? part : out + "  " + part
            if next.count > width { break }
            out = next
        }
        return out
    }
}
