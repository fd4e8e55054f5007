import UnrollTUI

/// Where each panel of the vanishing-gradient screen goes for a size: shared by the view and the mouse.
///
/// The top row holds the composition fⁿ(x), the powers ‖(cW)ᵗh₀‖ and the unit circle (kept about
/// twice as wide as tall so it stays round); the gradient-against-distance plot takes the bottom
/// row across the whole width.
public struct VanishingLayout: Equatable, Sendable {
    public var header: Rect
    public var composition: Rect
    public var power: Rect
    public var circle: Rect
    public var distance: Rect
    public var status: Rect
    public var hints: Rect

    public init(width: Int, height: Int, presenter: Bool = false) {
        let chrome = presenter ? 0 : 1
        header = Rect(x: 0, y: 0, width: width, height: chrome)
        hints = Rect(x: 0, y: height - chrome, width: width, height: chrome)
        status = Rect(x: 0, y: height - chrome - 1, width: width, height: 1)
        let body = Rect(x: 0, y: chrome, width: width, height: max(0, status.y - chrome))
        let topHeight = max(6, body.height * 9 / 20)
        let rows = body.rows([.length(topHeight), .fill(1)])
        let circleWidth = min(max(16, 2 * (rows[0].height - 3) + 2), body.width / 3)
        let top = rows[0].columns([.fill(1), .fill(1), .length(circleWidth)])
        composition = top[0]
        power = top[1]
        circle = top[2]
        distance = rows[1]
    }
}
