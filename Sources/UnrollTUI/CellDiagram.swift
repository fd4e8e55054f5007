/// A schematic of one recurrent cell, drawn from its description, with the current step's values on it.
///
/// The LSTM (44 × 11) draws the cell state as a conveyor belt along the top, the four gates
/// under it with their standard and Rohrer's names, and the two update equations:
///
/// ```
/// c_{t-1} +0.52                      c_t +0.61
/// ─────⊙──────────────⊕──────────────┬──────→
///      │              │             tanh
///      │         ┌────⊙────┐         │
///      │         │         │         ⊙──→ h_t
///    σ f       σ i    tanh g       σ o   +0.33
///    0.93      0.12    -0.40       0.80
///   forget    input  candidate    output
/// forgetting ignoring prediction selection
/// c_t = f⊙c_{t-1} + i⊙g   h_t = o⊙tanh(c_t)
/// in: x_t, h_{t-1}                      unit 3
/// ```
///
/// The GRU (44 × 11) shows reset r, update z, candidate n and `h_t = (1−z)⊙n + z⊙h_{t-1}`;
/// the RNN (44 × 8) shows `h_t = tanh(W_ih x_t + W_hh h_{t-1} + b)`. ASCII draws `*` for ⊙,
/// `+` for ⊕, `s` for σ. The focused gate is drawn in `.focus`; a clamped gate's value is
/// prefixed with `=` in `.clamped`. An area smaller than the schematic gets the equation form
/// (one line per gate, then the update equations), cut to fit. `gate(atX:y:area:)` maps a
/// mouse click to a gate identifier in either form.
///
/// With `peepholes` (a peephole LSTM), dotted taps run down from the belt: from c_{t-1} (column 2,
/// towards f and i) and from c_t (column 31, towards o); the inputs line adds `c`, and the
/// equation form says which gates see c.
///
/// The diagram draws a `Description` (gate list, state list, peephole connections) that the app
/// builds from the core's cell; the widget knows no cell by name. A schematic template is chosen
/// by the description's structure (a cell state with forget, input, candidate and output gates:
/// the belt; reset, update and candidate: the GRU picture; no gates: the Elman picture); any other
/// cell is drawn in the equation form.
///
/// Gate identifiers are the core's gate names: `forget`, `input`, `candidate`, `output`
/// (LSTM), `reset`, `update`, `candidate` (GRU).
public struct CellDiagram: Widget, Equatable, Sendable {
    /// What is drawn: the cell's gates, its state vectors and which gates see the cell state.
    public struct Description: Equatable, Sendable {
        /// The title of the equation form ("LSTM", "PEEPHOLE LSTM").
        public var title: String
        /// The gates, in the cell's order.
        public var gates: [GateInfo]
        /// The state vectors (`h`, or `h` and `c`).
        public var states: [String]
        /// The gates that see the cell state directly, and which one (peepholes).
        public var peepholes: [Peephole]

        public init(title: String, gates: [GateInfo], states: [String], peepholes: [Peephole] = []) {
            self.title = title
            self.gates = gates
            self.states = states
            self.peepholes = peepholes
        }

        /// Whether the cell carries a state beside h.
        public var hasCellState: Bool { states.contains("c") }
    }

    /// A gate that sees the cell state: c_{t-1} (`current` false) or c_t.
    public struct Peephole: Equatable, Sendable {
        /// The gate's identifier.
        public var gate: String
        public var current: Bool

        public init(gate: String, current: Bool) {
            self.gate = gate
            self.current = current
        }
    }

    /// The hand-drawn pictures, chosen by a description's structure.
    enum Template {
        /// The LSTM's conveyor belt: gates placed by role.
        case belt
        /// The GRU's: reset, update, candidate.
        case gatedHidden
        /// The Elman RNN's: no gates.
        case plain

        static let beltColumns = ["forget": 5, "input": 15, "candidate": 25, "output": 35]
        static let gatedHiddenColumns = ["reset": 5, "update": 15, "candidate": 31]

        /// The template that draws `d`, if one does.
        init?(_ d: Description) {
            let ids = Set(d.gates.map(\.id))
            if d.gates.isEmpty && !d.hasCellState { self = .plain }
            else if d.hasCellState && ids == Set(Template.beltColumns.keys) { self = .belt }
            else if !d.hasCellState && ids == Set(Template.gatedHiddenColumns.keys) { self = .gatedHidden }
            else { return nil }
        }

        var columns: [String: Int] {
            switch self {
            case .belt: return Template.beltColumns
            case .gatedHidden: return Template.gatedHiddenColumns
            case .plain: return [:]
            }
        }

        var size: (width: Int, height: Int) { self == .plain ? (44, 8) : (44, 11) }
    }

    /// What the diagram says about one gate.
    public struct GateInfo: Equatable, Sendable {
        /// The identifier (`forget`, `input`, …), as in the core's `Gate` raw values.
        public var id: String
        /// The letter in the equations: f, i, g, o, r, z, n.
        public var symbol: String
        /// `σ` or `tanh`.
        public var activation: String
        /// The standard name: forget, input, candidate, output, reset, update.
        public var name: String
        /// Brandon Rohrer's name for the LSTM networks (prediction, ignoring, forgetting, selection).
        public var rohrerName: String?
        /// Centre column in the schematic (set when a template places the gate).
        var column = 0

        public init(id: String, symbol: String, activation: String, name: String, rohrerName: String? = nil) {
            self.id = id
            self.symbol = symbol
            self.activation = activation
            self.name = name
            self.rohrerName = rohrerName
        }
    }

    /// The cell drawn: its gates, states and peepholes.
    public var structure: Description
    /// The value shown for each gate (by identifier), e.g. the focused unit's or the mean.
    public var gateValues: [String: Double]
    /// c_{t-1} and c_t (LSTM).
    public var previousCell: Double?
    public var cell: Double?
    /// h_{t-1} and h_t.
    public var previousHidden: Double?
    public var hidden: Double?
    /// The RNN's pre-activation a = W_ih x + W_hh h_{t-1} + b.
    public var preActivation: Double?
    /// What the values describe, e.g. `unit 3` or `mean of 8 units`.
    public var subject: String
    public var focusedGate: String?
    public var clampedGates: Set<String>

    public init(structure: Description, gateValues: [String: Double] = [:], previousCell: Double? = nil, cell: Double? = nil, previousHidden: Double? = nil, hidden: Double? = nil, preActivation: Double? = nil, subject: String = "", focusedGate: String? = nil, clampedGates: Set<String> = []) {
        self.structure = structure
        self.gateValues = gateValues
        self.previousCell = previousCell
        self.cell = cell
        self.previousHidden = previousHidden
        self.hidden = hidden
        self.preActivation = preActivation
        self.subject = subject
        self.focusedGate = focusedGate
        self.clampedGates = clampedGates
    }

    /// The gates of `cell`, in the order drawn: by their column in a schematic, else the cell's order.
    public static func gates(of cell: Description) -> [GateInfo] {
        guard let template = Template(cell) else { return cell.gates }
        let columns = template.columns
        return cell.gates.map { g in
            var placed = g
            placed.column = columns[g.id] ?? 0
            return placed
        }.sorted { $0.column < $1.column }
    }

    /// The size of the schematic for `cell`; smaller areas get the equation form (a cell no
    /// schematic draws always does).
    public static func schematicSize(of cell: Description) -> (width: Int, height: Int) {
        Template(cell)?.size ?? (0, 0)
    }

    /// Whether `area` is large enough for the schematic.
    func fitsSchematic(_ area: Rect) -> Bool {
        guard let template = Template(structure) else { return false }
        let size = template.size
        return area.width >= size.width && area.height >= size.height
    }

    /// The gate drawn at (x, y) when rendered in `area`, if any.
    public func gate(atX x: Int, y: Int, area: Rect) -> String? {
        guard area.contains(x: x, y: y) else { return nil }
        let gates = CellDiagram.gates(of: structure)
        let dx = x - area.x, dy = y - area.y
        if fitsSchematic(area) {
            let rows = gates.contains { $0.rohrerName != nil } ? 5...8 : 5...7
            guard rows.contains(dy) else { return nil }
            return gates.first { Swift.abs(dx - $0.column) <= 5 && dx - $0.column < 5 }?.id
        }
        // Equation form: the title line, then one line per gate.
        let index = dy - 1
        return index >= 0 && index < gates.count ? gates[index].id : nil
    }

    /// Which gates see which cell state, e.g. "f,i see c_{t-1}; o sees c_t"; nil without peepholes.
    var peepholeSentence: String? {
        guard !structure.peepholes.isEmpty else { return nil }
        let symbols = Dictionary(structure.gates.map { ($0.id, $0.symbol) }, uniquingKeysWith: { a, _ in a })
        let order = CellDiagram.gates(of: structure).map(\.id)
        func part(_ current: Bool, _ state: String) -> String? {
            let ids = structure.peepholes.filter { $0.current == current }.map(\.gate)
                .sorted { (order.firstIndex(of: $0) ?? 0) < (order.firstIndex(of: $1) ?? 0) }
            guard !ids.isEmpty else { return nil }
            return ids.map { symbols[$0] ?? $0 }.joined(separator: ",") + (ids.count > 1 ? " see " : " sees ") + state
        }
        return [part(false, "c_{t-1}"), part(true, "c_t")].compactMap { $0 }.joined(separator: "; ")
    }

    public func render(into buffer: inout Buffer, area: Rect, glyphs: Glyphs) {
        let clip = area.clipped(to: buffer)
        guard !clip.isEmpty else { return }
        let pieces = fitsSchematic(area) ? schematic() : equations(width: area.width)
        for piece in pieces {
            var x = area.x + piece.x
            let y = area.y + piece.y
            if !piece.external {
                // The schematic's own text: one scalar per cell, mapped to ASCII when needed.
                for scalar in piece.text.unicodeScalars {
                    if scalar != " " || piece.opaque {
                        buffer.glyph(glyphs.unicode ? Character(scalar) : CellDiagram.ascii(scalar), x: x, y: y, style: piece.style, clip: clip)
                    }
                    x += 1
                }
                continue
            }
            for ch in piece.text {
                buffer.put(ch, x: x, y: y, style: piece.style, clip: clip)
                x += 1
            }
        }
    }

    // MARK: - Pieces

    /// A run of text at a position relative to the area's origin.
    struct Piece {
        var x: Int
        var y: Int
        var text: String
        var style: Style
        /// Whether spaces overwrite what is below (text) or let it show (line art).
        var opaque = true
        /// Whether the text comes from the caller (and so needs `put`'s width check).
        var external = false
    }

    /// The ASCII stand-in for a schematic character (box drawing and operators), as in `Glyphs.ascii`.
    static func ascii(_ scalar: Unicode.Scalar) -> Character {
        switch scalar.value {
        case 0x2500: return Glyphs.ascii.horizontal         // ─
        case 0x2502: return Glyphs.ascii.vertical           // │
        case 0x2506: return ":"                             // ┆ (a peephole tap)
        case 0x250C, 0x2510, 0x2514, 0x2518, 0x251C, 0x2524, 0x252C, 0x2534, 0x253C: return "+"   // corners and tees
        case 0x2299: return Glyphs.ascii.times              // ⊙
        case 0x2295: return Glyphs.ascii.plus               // ⊕
        case 0x03C3: return Glyphs.ascii.sigma              // σ
        case 0x2192: return Glyphs.ascii.arrowRight         // →
        case 0x2212: return "-"                             // −
        case 0x00B7: return "."                             // ·
        default: return Character(scalar)
        }
    }

    private func value(_ v: Double?, signed: Bool = true) -> String {
        guard let v else { return "" }
        return signed ? NumberFormat.signed(v) : NumberFormat.compact(v, width: 4)
    }

    /// A gate's value text: unsigned for σ gates (0…1), signed for tanh; `=` marks a clamp.
    private func gateValue(_ gate: GateInfo) -> String {
        guard let v = gateValues[gate.id] else { return "" }
        let text = gate.activation == "σ" ? NumberFormat.compact(v, width: 4) : NumberFormat.signed(v)
        return clampedGates.contains(gate.id) ? "=" + text : text
    }

    private func gateStyle(_ gate: GateInfo) -> Style {
        if gate.id == focusedGate { return Style(.focus, bold: true) }
        if clampedGates.contains(gate.id) { return Style(.clamped, bold: true) }
        return Style(.gate)
    }

    /// `text` centred on `column`.
    private static func centred(_ text: String, on column: Int, y: Int, _ style: Style) -> Piece {
        Piece(x: column - text.count / 2, y: y, text: text, style: style)
    }

    private func schematic() -> [Piece] {
        let line = Style(.muted)
        let op = Style(.accent)
        let belt = Style(.memory)
        let label = Style(.text)
        var p: [Piece] = []
        func art(_ x: Int, _ y: Int, _ text: String, _ style: Style) { p.append(Piece(x: x, y: y, text: text, style: style, opaque: false)) }
        func text(_ x: Int, _ y: Int, _ text: String, _ style: Style) { p.append(Piece(x: x, y: y, text: text, style: style)) }
        func rightAligned(_ end: Int, _ y: Int, _ s: String, _ style: Style) { text(end - s.count, y, s, style) }
        func subjectPiece(_ end: Int, _ y: Int, _ width: Int) {
            let s = Text.truncated(subject, to: width)
            p.append(Piece(x: end - s.count, y: y, text: s, style: Style(.muted), external: true))
        }
        let gates = CellDiagram.gates(of: structure)
        guard let template = Template(structure) else { return p }
        switch template {
        case .belt:
            text(0, 0, "c_{t-1} " + value(previousCell), belt)
            rightAligned(44, 0, "c_t " + value(cell), belt)
            art(0, 1, "─────⊙──────────────⊕──────────────┬───────→", belt)
            art(5, 1, "⊙", op); art(20, 1, "⊕", op)
            art(5, 2, "│              │", line)
            text(34, 2, "tanh", Style(.gate))
            art(5, 3, "│         ┌────⊙────┐         │", line)
            art(20, 3, "⊙", op)
            art(5, 4, "│         │         │         ⊙──→", line)
            art(35, 4, "⊙", op)
            text(40, 4, "h_t", label)
            rightAligned(44, 5, value(hidden), label)
            for g in gates {
                let s = gateStyle(g)
                text(g.column - g.activation.count - 1, 5, g.activation + " " + g.symbol, s)
                p.append(CellDiagram.centred(gateValue(g), on: g.column, y: 6, clampedGates.contains(g.id) && g.id != focusedGate ? Style(.clamped, bold: true) : g.id == focusedGate ? s : label))
                p.append(CellDiagram.centred(g.name, on: g.column, y: 7, g.id == focusedGate ? s : Style(.muted)))
                if let r = g.rohrerName { p.append(CellDiagram.centred(r, on: g.column, y: 8, g.id == focusedGate ? s : Style(.muted, underline: true))) }
            }
            text(0, 9, "c_t = f⊙c_{t-1} + i⊙g   h_t = o⊙tanh(c_t)", label)
            if !structure.peepholes.isEmpty {
                // The peepholes: dotted taps from the belt, c_{t-1} down to the gates before the add
                // (column 2) and c_t down to those after it (column 31).
                for y in 2...4 {
                    if structure.peepholes.contains(where: { !$0.current }) { art(2, y, "┆", belt) }
                    if structure.peepholes.contains(where: \.current) { art(31, y, "┆", belt) }
                }
                text(0, 10, "in: x_t, h_{t-1}, c", Style(.muted))
                subjectPiece(44, 10, 23)
            } else {
                text(0, 10, "in: x_t, h_{t-1}", Style(.muted))
                subjectPiece(44, 10, 26)
            }
        case .gatedHidden:
            text(0, 0, "h_{t-1} " + value(previousHidden), belt)
            rightAligned(44, 0, "h_t " + value(hidden), belt)
            art(0, 1, "───────────────⊙───────────────⊕───────────→", belt)
            art(15, 1, "⊙", op); art(31, 1, "⊕", op)
            art(15, 2, "│               │", line)
            art(15, 3, "├──── 1−z ─────→⊙", line)
            art(31, 3, "⊙", op)
            art(5, 4, "┌─────────┼────────────┐  │", line)
            text(18, 4, "r⊙h_{t-1}", Style(.muted))
            for g in gates {
                let s = gateStyle(g)
                text(g.column - g.activation.count - 1, 5, g.activation + " " + g.symbol, s)
                p.append(CellDiagram.centred(gateValue(g), on: g.column, y: 6, clampedGates.contains(g.id) && g.id != focusedGate ? Style(.clamped, bold: true) : g.id == focusedGate ? s : label))
                p.append(CellDiagram.centred(g.name, on: g.column, y: 7, g.id == focusedGate ? s : Style(.muted)))
            }
            text(0, 8, "h_t = (1−z)⊙n + z⊙h_{t-1}", label)
            text(0, 9, "n = tanh(W_in x_t + r⊙(W_hn h_{t-1}))", label)
            text(0, 10, "in: x_t, h_{t-1}", Style(.muted))
            subjectPiece(44, 10, 26)
        case .plain:
            text(0, 0, "h_{t-1} " + value(previousHidden), belt)
            rightAligned(44, 0, "h_t " + value(hidden), belt)
            art(0, 1, "───────────────┐       ┌───────────────────→", belt)
            art(15, 2, "│       │", line)
            art(15, 3, "⊕─", line)
            art(15, 3, "⊕", op)
            text(17, 3, "tanh", Style(.gate))
            art(21, 3, "──┘", line)
            art(15, 4, "│", line)
            if let a = preActivation { text(17, 4, "a " + NumberFormat.signed(a), label) }
            text(0, 5, "x_t", label)
            art(4, 5, "───────────┘", line)
            text(0, 6, "h_t = tanh(W_ih x_t + W_hh h_{t-1} + b)", label)
            text(0, 7, "a: pre-activation", Style(.muted))
            subjectPiece(44, 7, 24)
        }
        return p
    }

    /// The compact form: a title line, one line per gate, then the update equations.
    private func equations(width: Int) -> [Piece] {
        var p: [Piece] = []
        let title = structure.title + (subject.isEmpty ? "" : " · ")
        p.append(Piece(x: 0, y: 0, text: title, style: Style(.title, bold: true)))
        p.append(Piece(x: title.count, y: 0, text: subject, style: Style(.title, bold: true), external: true))
        var y = 1
        for g in CellDiagram.gates(of: structure) {
            var names = g.name
            if let r = g.rohrerName { names += " (" + r + ")" }
            let style = g.id == focusedGate ? Style(.focus, bold: true) : clampedGates.contains(g.id) ? Style(.clamped, bold: true) : Style(.text)
            p.append(Piece(x: 0, y: y, text: g.symbol + " " + Text.padLeft(gateValue(g), to: 5) + " " + names, style: style))
            y += 1
        }
        /// An equation with its value after ` = `, which moves to its own line when the area is narrow.
        func equation(_ formula: String, _ value: Double?) {
            let result = value.map { "= " + NumberFormat.signed($0) } ?? ""
            if result.isEmpty || formula.count + 1 + result.count <= width {
                p.append(Piece(x: 0, y: y, text: result.isEmpty ? formula : formula + " " + result, style: Style(.text)))
                y += 1
            } else {
                p.append(Piece(x: 0, y: y, text: formula, style: Style(.text)))
                p.append(Piece(x: 2, y: y + 1, text: result, style: Style(.text)))
                y += 2
            }
        }
        switch Template(structure) {
        case .belt:
            equation("c_t = f⊙c_{t-1} + i⊙g", cell)
            equation("h_t = o⊙tanh(c_t)", hidden)
        case .gatedHidden:
            equation("h_t = (1−z)⊙n + z⊙h_{t-1}", hidden)
        case .plain:
            equation("a = W_ih x + W_hh h_{t-1} + b", preActivation)
            equation("h_t = tanh(a)", hidden)
        case nil:
            if structure.hasCellState { equation("c_t", cell) }
            equation("h_t", hidden)
        }
        if let taps = peepholeSentence { equation(taps, nil) }
        return p
    }
}
