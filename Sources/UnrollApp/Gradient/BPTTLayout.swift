import UnrollTUI

/// Where each panel of the BPTT screen goes for a size: shared by the view and the mouse.
///
/// Under the timeline: the learning signal ∂L/∂h_t as heat rows (left) beside the per-step loss
/// (right); below them each step's share of the chosen weight entry (left) and the cursor step's
/// product δ × factor (right). A tall screen also plots ‖∂L/∂h_t‖ on a log scale between them.
public struct BPTTLayout: Equatable, Sendable {
    public var header: Rect
    public var timeline: Rect
    public var signal: Rect
    public var loss: Rect
    public var shares: Rect
    public var detail: Rect
    /// ‖∂L/∂h_t‖ along the sequence on a log scale, between the rows when the screen is tall enough.
    public var signalPlot: Rect?
    public var status: Rect
    public var hints: Rect

    /// The rows of the chain on a tall screen: its full height for an LSTM in gradient mode.
    public static let chainHeight = 8

    /// Whether the timeline rectangle holds the chain (a tall screen) rather than the one-line timeline.
    public var showsChain: Bool { timeline.height == BPTTLayout.chainHeight }

    public init(width: Int, height: Int, hiddenSize: Int, steps: Int, presenter: Bool = false) {
        let chrome = presenter ? 0 : 1
        header = Rect(x: 0, y: 0, width: width, height: chrome)
        // A tall screen shows the unrolled chain in gradient mode (8 rows) in place of the timeline.
        timeline = Rect(x: 0, y: chrome, width: width, height: height >= 40 ? BPTTLayout.chainHeight : 3)
        hints = Rect(x: 0, y: height - chrome, width: width, height: chrome)
        status = Rect(x: 0, y: height - chrome - 1, width: width, height: 1)
        let body = Rect(x: 0, y: timeline.maxY, width: width, height: max(0, status.y - timeline.maxY))
        // The heat rows want H + 2 signal rows, a header, a cursor and a legend; the shares T rows.
        let wantTop = hiddenSize + 7
        let wantBottom = steps + 3
        let upperRow: Rect, lowerRow: Rect
        if body.height >= wantTop + wantBottom + 8 {
            let rows = body.rows([.length(wantTop), .fill(1), .length(wantBottom)])
            upperRow = rows[0]
            signalPlot = rows[1]
            lowerRow = rows[2]
        } else {
            var top = min(wantTop, max(6, body.height - min(wantBottom, body.height / 2)))
            top = min(top, max(0, body.height - 5))
            let rows = body.rows([.length(top), .fill(1)])
            upperRow = rows[0]
            lowerRow = rows[1]
            signalPlot = nil
        }
        let upper = upperRow.columns([.percentage(60), .fill(1)])
        let lower = lowerRow.columns([.percentage(55), .fill(1)])
        signal = upper[0]
        loss = upper[1]
        shares = lower[0]
        detail = lower[1]
    }
}
