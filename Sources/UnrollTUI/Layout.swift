/// Splits a rectangle into rows or columns by size constraints, and centres rectangles.
///
/// ```swift
/// let rows = Layout.vertical([.length(1), .fill(1), .length(1)]).split(screen)
/// let (header, body, footer) = (rows[0], rows[1], rows[2])
/// ```
///
/// Sizes are resolved in two passes. First every constraint gets its base size:
/// `.length(n)` and `.min(n)` get `n`, `.percentage(p)` gets `p`% of the space,
/// `.ratio(a, b)` gets `a/b` of it, `.fill` gets 0. If the bases overflow the space, segments
/// are shrunk from the last one backwards, so the first segments keep their size. Then the
/// space left over goes to the `.fill` segments in proportion to their weights (remainder
/// cells to the earliest), or, when there are none, shared equally among the `.min`
/// segments; with neither, it stays unused after the last segment.
///
/// - Complexity: O(number of constraints).
public struct Layout: Equatable, Sendable {
    /// Which way the rectangle is cut.
    public enum Direction: Equatable, Sendable {
        /// Segments stacked top to bottom (rows).
        case vertical
        /// Segments side by side, left to right (columns).
        case horizontal
    }

    /// How big one segment wants to be along the split direction.
    public enum Constraint: Equatable, Sendable {
        /// Exactly `n` cells (less only when the space runs out).
        case length(Int)
        /// `p` percent of the available space, rounded down.
        case percentage(Int)
        /// At least `n` cells; takes a share of the leftover space when no segment fills.
        case min(Int)
        /// A share of the leftover space proportional to the weight.
        case fill(Int)
        /// `numerator / denominator` of the available space, rounded down.
        case ratio(Int, Int)
    }

    public var direction: Direction
    public var constraints: [Constraint]
    /// Empty cells between adjacent segments.
    public var spacing: Int

    public init(_ direction: Direction, _ constraints: [Constraint], spacing: Int = 0) {
        self.direction = direction
        self.constraints = constraints
        self.spacing = max(0, spacing)
    }

    /// Rows, top to bottom.
    public static func vertical(_ constraints: [Constraint], spacing: Int = 0) -> Layout {
        Layout(.vertical, constraints, spacing: spacing)
    }

    /// Columns, left to right.
    public static func horizontal(_ constraints: [Constraint], spacing: Int = 0) -> Layout {
        Layout(.horizontal, constraints, spacing: spacing)
    }

    /// The segments of `rect`, one per constraint, in order (possibly empty ones).
    public func split(_ rect: Rect) -> [Rect] {
        let sizes = Layout.sizes(for: constraints, total: direction == .vertical ? rect.height : rect.width, spacing: spacing)
        var out: [Rect] = []
        out.reserveCapacity(sizes.count)
        var offset = 0
        for size in sizes {
            switch direction {
            case .vertical:
                out.append(Rect(x: rect.x, y: rect.y + offset, width: rect.width, height: size))
            case .horizontal:
                out.append(Rect(x: rect.x + offset, y: rect.y, width: size, height: rect.height))
            }
            offset += size + spacing
        }
        return out
    }

    /// The segment lengths for `constraints` in a space of `total` cells.
    static func sizes(for constraints: [Constraint], total: Int, spacing: Int) -> [Int] {
        let count = constraints.count
        guard count > 0 else { return [] }
        let space = Swift.max(0, total - spacing * (count - 1))
        var sizes = constraints.map { constraint -> Int in
            switch constraint {
            case .length(let n), .min(let n): return Swift.max(0, n)
            case .percentage(let p): return space * Swift.min(100, Swift.max(0, p)) / 100
            case .ratio(let a, let b): return b > 0 ? Swift.min(space, space * Swift.max(0, a) / b) : 0
            case .fill: return 0
            }
        }
        // Shrink from the last segment backwards when the bases overflow.
        var excess = sizes.reduce(0, +) - space
        var index = count - 1
        while excess > 0 && index >= 0 {
            let cut = Swift.min(excess, sizes[index])
            sizes[index] -= cut
            excess -= cut
            index -= 1
        }
        var leftover = space - sizes.reduce(0, +)
        guard leftover > 0 else { return sizes }
        let fills = constraints.enumerated().compactMap { item -> (Int, Int)? in
            if case .fill(let w) = item.element { return (item.offset, Swift.max(0, w)) }
            return nil
        }
        let totalWeight = fills.reduce(0) { $0 + $1.1 }
        if !fills.isEmpty {
            if totalWeight == 0 {
                distributeEqually(leftover, among: fills.map { $0.0 }, into: &sizes)
            } else {
                var given = 0
                for (i, w) in fills {
                    let share = leftover * w / totalWeight
                    sizes[i] += share
                    given += share
                }
                leftover -= given
                for (i, w) in fills where leftover > 0 && w > 0 {
                    sizes[i] += 1
                    leftover -= 1
                }
            }
            return sizes
        }
        let mins = constraints.indices.filter { if case .min = constraints[$0] { return true } else { return false } }
        if !mins.isEmpty { distributeEqually(leftover, among: mins, into: &sizes) }
        return sizes
    }

    private static func distributeEqually(_ amount: Int, among indices: [Int], into sizes: inout [Int]) {
        guard !indices.isEmpty else { return }
        let share = amount / indices.count
        var rest = amount - share * indices.count
        for i in indices {
            sizes[i] += share
            if rest > 0 {
                sizes[i] += 1
                rest -= 1
            }
        }
    }
}

extension Rect {
    /// A rectangle of at most `width` × `height` centred in this one (rounded towards the top left).
    public func centered(width w: Int, height h: Int) -> Rect {
        let cw = Swift.min(Swift.max(0, w), width)
        let ch = Swift.min(Swift.max(0, h), height)
        return Rect(x: x + (width - cw) / 2, y: y + (height - ch) / 2, width: cw, height: ch)
    }

    /// A rectangle of at most `width` cells, full height, centred horizontally.
    public func centered(width w: Int) -> Rect { centered(width: w, height: height) }

    /// A rectangle of at most `height` rows, full width, centred vertically.
    public func centered(height h: Int) -> Rect { centered(width: width, height: h) }

    /// The rows of this rectangle split by `constraints`.
    public func rows(_ constraints: [Layout.Constraint], spacing: Int = 0) -> [Rect] {
        Layout.vertical(constraints, spacing: spacing).split(self)
    }

    /// The columns of this rectangle split by `constraints`.
    public func columns(_ constraints: [Layout.Constraint], spacing: Int = 0) -> [Rect] {
        Layout.horizontal(constraints, spacing: spacing).split(self)
    }

    /// The row at `offset` from the top (empty when outside).
    public func row(_ offset: Int) -> Rect {
        guard offset >= 0 && offset < height else { return Rect(x: x, y: y + Swift.max(0, Swift.min(offset, height)), width: width, height: 0) }
        return Rect(x: x, y: y + offset, width: width, height: 1)
    }
}
