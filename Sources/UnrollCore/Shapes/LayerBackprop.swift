/// The gradients of one recurrent layer inside a larger network (a stack, both directions, an
/// encoder–decoder): `Gradients`, whose ∂L/∂x_t, ∂L/∂h₀ and ∂L/∂c₀ are what the outside needs back.
public typealias LayerGradients = Gradients

extension RecurrentModel {
    /// Backpropagation through time for a layer inside a larger network.
    ///
    /// `backward` with the layer's options named for a network: gradients arriving at every h_t
    /// from outside the layer (`outsideHidden`, T × H, in the trace's step order), gradients arriving at
    /// the final state (`finalHidden`, `finalCell`: an encoder whose last state starts a decoder), and the
    /// outputs ∂L/∂x_t, ∂L/∂h₀, ∂L/∂c₀. With `includeLoss` the layer's own read-out loss on the trace's
    /// targets is added, so `backpropagate(trace, includeLoss: true)` equals `backward(trace)`.
    /// Clamped gates pass no gradient, as in `backward`.
    /// - Complexity: O(T · G·H · (I + H) + T · O · H).
    public func backpropagate(_ trace: Trace, outsideHidden: [Double]? = nil, finalHidden: [Double]? = nil,
                              finalCell: [Double]? = nil, includeLoss: Bool = false) -> LayerGradients {
        backward(trace, seedHidden: finalHidden, seedCell: finalCell, outsideHidden: outsideHidden, inputGradients: true,
                 includeLoss: includeLoss)
    }
}
