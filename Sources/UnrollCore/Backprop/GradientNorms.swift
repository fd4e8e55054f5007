extension Gradients {
    /// ‖∂L/∂h_t‖ for t = 1…`steps` (the learning signal reaching each step, in total).
    ///
    /// - Complexity: O(T · H).
    public func hiddenNorms(steps T: Int) -> [Double] {
        let H = layout.hiddenSize
        return (1...max(1, T)).map { t in
            var s = 0.0
            for u in 0..<H { s += hidden[(t - 1) * H + u] * hidden[(t - 1) * H + u] }
            return s.squareRoot()
        }
    }

    /// ‖∂L/∂c_t‖ for t = 1…`steps` (the signal on the cell state); nil for cells without one.
    public func cellNorms(steps T: Int) -> [Double]? {
        guard layout.cell.hasCellState else { return nil }
        let H = layout.hiddenSize
        return (1...max(1, T)).map { t in
            var s = 0.0
            for u in 0..<H { s += cell[(t - 1) * H + u] * cell[(t - 1) * H + u] }
            return s.squareRoot()
        }
    }
}
