import UnrollCore
import UnrollTUI

/// Draws the vanishing-gradient screen from its state (nothing is computed here): the squash
/// composition, the powers of cW, the eigenvalues on the unit circle, gradient against distance.
public enum VanishingView {
    public static func render(_ screen: VanishingState, state: AppState, into buffer: inout Buffer, glyphs: Glyphs) {
        let layout = VanishingLayout(width: buffer.width, height: buffer.height, presenter: state.presenter)
        let lab = screen.lab
        let rho = GradientText.rho(glyphs)
        let m = screen.model
        let verdict = lab.spectralRadius < 1 - 1e-9 ? "vanishing" : (lab.spectralRadius > 1 + 1e-9 ? "exploding" : "on the edge")
        let facts = "\(m.kind.displayName) H=\(m.hiddenSize) T=\(screen.steps) · c=" + GradientText.number(lab.settings.scale, width: 6)
            + " · \(rho)(cW)=" + GradientText.number(lab.spectralRadius, width: 6) + " · \(verdict)"
        renderComposition(screen, into: &buffer, area: layout.composition, glyphs: glyphs)
        renderPower(screen, into: &buffer, area: layout.power, glyphs: glyphs)
        renderCircle(screen, into: &buffer, area: layout.circle, glyphs: glyphs)
        renderDistance(screen, into: &buffer, area: layout.distance, glyphs: glyphs)
        ScreenFrame(app: state, table: screen.table(state), title: " Unroll · \(screen.title) · " + facts, shortTitle: " Unroll · " + facts,
                    note: screen.note, fallback: readout(screen, glyphs: glyphs)).render(into: &buffer, glyphs: glyphs)
    }

    /// The status line: every curve's gradient at the cursor's distance.
    static func readout(_ screen: VanishingState, glyphs: Glyphs) -> String {
        let d = screen.distance
        var parts = ["d=\(d):", "this \(screen.model.kind.displayName) " + GradientText.number(screen.gradientAtCursor)]
        for curve in [screen.rnnCurve].compactMap({ $0 }) + screen.gatedCurves where d < curve.distance.jacobianNorms.count {
            parts.append(curve.label + " " + GradientText.number(curve.distance.jacobianNorms[d]))
        }
        return parts.joined(separator: "  ")
    }

    static func renderComposition(_ screen: VanishingState, into buffer: inout Buffer, area: Rect, glyphs: Glyphs) {
        let s = screen.lab.composition
        let f = GradientText.symbol(s.function, glyphs)
        let N = s.depth
        let block = Block(title: "\(f) composed n times, n=\(N)")
        buffer.render(block, in: area, glyphs: glyphs)
        let inner = block.inner(area)
        guard inner.height >= 3 else { return }
        let roles: [Role] = [.muted, .positive, .gate, .accent]
        let series = screen.shownDepths.enumerated().map { k, n in
            LinePlot.Series(GradientText.power(f, n, glyphs), points: zip(s.xs, s.values(depth: n)).map { LinePlot.Point($0, $1) },
                            role: n == N ? .accent : roles[k % roles.count])
        }
        let caption = "max slope " + GradientText.power(f, N, glyphs) + GradientText.pick(glyphs, "′", "'") + " = " + GradientText.number(s.maximumSlope(depth: N))
        let split = inner.height >= 13
        let plotHeight = split ? inner.height * 11 / 20 : inner.height - 1
        buffer.render(LinePlot(series: series, showLegend: plotHeight >= 6), in: Rect(x: inner.x, y: inner.y, width: inner.width, height: plotHeight),
                      glyphs: glyphs)
        if split {
            // The slope of fⁿ on a log scale: the product of n factors f′ ≤ ¼ (σ) shrinks geometrically.
            let slopes = screen.shownDepths.enumerated().map { k, n in
                LinePlot.Series(GradientText.power(f, n, glyphs) + GradientText.pick(glyphs, "′", "'"), points: zip(s.xs, s.derivatives(depth: n)).map { LinePlot.Point($0, $1) },
                                role: n == N ? .accent : roles[k % roles.count])
            }
            let rest = Rect(x: inner.x, y: inner.y + plotHeight, width: inner.width, height: inner.height - plotHeight - 1)
            buffer.put("slope (log scale)", x: rest.x, y: rest.y, style: Style(.muted), maxWidth: rest.width)
            buffer.render(LinePlot(series: slopes, logY: true, showLegend: false), in: Rect(x: rest.x, y: rest.y + 1, width: rest.width, height: rest.height - 1),
                          glyphs: glyphs)
        }
        buffer.put(caption, x: inner.x, y: inner.maxY - 1, style: Style(.accent), maxWidth: inner.width)
    }

    static func renderPower(_ screen: VanishingState, into buffer: inout Buffer, area: Rect, glyphs: Glyphs) {
        let lab = screen.lab
        let ht = GradientText.pick(glyphs, "‖(cWᵀ)ᵗh₀‖", "|(cW^T)^t h0|")
        let block = Block(title: "powers: \(ht) (log)")
        buffer.render(block, in: area, glyphs: glyphs)
        let inner = block.inner(area)
        guard inner.height >= 3 else { return }
        let series = [
            LinePlot.Series(GradientText.pick(glyphs, "‖h_t‖", "|h_t|"), values: lab.power.norms, role: .accent),
            LinePlot.Series(GradientText.pick(glyphs, "ρᵗ", "rho^t"), values: screen.radiusPowers, role: .muted),
        ]
        buffer.render(LinePlot(series: series, logY: true, showLegend: inner.height >= 7),
                      in: Rect(x: inner.x, y: inner.y, width: inner.width, height: inner.height - 1), glyphs: glyphs)
        let T = screen.steps
        let times = GradientText.pick(glyphs, "×", "x")
        let caption = "t=\(T): " + GradientText.number(lab.power.norms.last ?? 0) + ", \(times)" + GradientText.number(lab.power.averageGrowth, width: 5) + "/step"
        buffer.put(caption, x: inner.x, y: inner.maxY - 1, style: Style(.accent), maxWidth: inner.width)
    }

    static func renderCircle(_ screen: VanishingState, into buffer: inout Buffer, area: Rect, glyphs: Glyphs) {
        let lab = screen.lab
        let rho = GradientText.rho(glyphs)
        let m = screen.model
        let matrix = !m.cell.isGated ? "cW" : "cW_h" + (lab.settings.gate ?? .candidate).symbol(in: m.cell)
        let block = Block(title: area.width >= 22 ? "eigenvalues of \(matrix)" : GradientText.pick(glyphs, "λ of ", "eig ") + matrix)
        buffer.render(block, in: area, glyphs: glyphs)
        let inner = block.inner(area)
        guard inner.height >= 3 else { return }
        let points = lab.eigenvalues.map { EigenPlot.Point(real: $0.real, imaginary: $0.imaginary) }
        buffer.render(EigenPlot(points: points, radiusCircle: lab.spectralRadius), in: Rect(x: inner.x, y: inner.y, width: inner.width, height: inner.height - 1),
                      glyphs: glyphs)
        let outside = lab.eigenvalues.filter { $0.magnitude > 1 + 1e-9 }.count
        let caption = "\(rho)=" + GradientText.number(lab.spectralRadius, width: 5) + (outside > 0 ? " \(outside) out" : " all in")
        buffer.put(caption, x: inner.x, y: inner.maxY - 1, style: Style(outside > 0 ? .warning : .accent), maxWidth: inner.width)
    }

    /// The distance plot: this model's curve, then the comparison's RNN variant, LSTM and GRU; x = d = 0…T.
    static func distancePlot(_ screen: VanishingState, glyphs: Glyphs) -> LinePlot {
        var series = [LinePlot.Series("this \(screen.model.kind.displayName), c=" + GradientText.number(screen.lab.settings.scale, width: 5),
                                      values: screen.lab.distance.jacobianNorms, role: .accent)]
        for curve in [screen.rnnCurve].compactMap({ $0 }) + screen.gatedCurves {
            series.append(LinePlot.Series(curve.label, values: curve.distance.jacobianNorms, role: GradientText.role(curve.kind)))
        }
        // Keep the axis readable when a curve underflows: nothing below 1e-20 is drawn.
        var hi = 1.0, lo = 1.0
        for s in series { for p in s.points where p.y.isFinite && p.y > 0 { hi = max(hi, p.y); lo = min(lo, p.y) } }
        return LinePlot(series: series, logY: true, xRange: 0...Double(max(1, screen.steps)), yRange: max(lo, 1e-20)...hi,
                        marker: Double(screen.distance), markerLabel: "d=\(screen.distance)")
    }

    static func renderDistance(_ screen: VanishingState, into buffer: inout Buffer, area: Rect, glyphs: Glyphs) {
        let what = GradientText.pick(glyphs, "‖∂h_T/∂s_{T−d}‖", "|dh_T/ds_(T-d)|")
        let block = Block(title: "gradient against distance d: \(what) (log), the cell types compared")
        buffer.render(block, in: area, glyphs: glyphs)
        let inner = block.inner(area)
        guard inner.height >= 4 else { return }
        buffer.render(distancePlot(screen, glyphs: glyphs), in: inner, glyphs: glyphs)
    }
}
