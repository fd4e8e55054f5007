/// A frame size on the command line, `WIDTHxHEIGHT` with each 1…1000 (`100x30`, `80X24`): the one
/// parser behind `render --size` and `gradients --frame`.
struct Size: Equatable, Sendable {
    let width: Int
    let height: Int

    /// The allowed width and height.
    static let bounds = 1...1000
    /// What the options' messages say a size must be.
    static let expected = "WIDTHxHEIGHT with each 1…1000, e.g. 100x30"

    /// The size `text` spells, or nil.
    init?(_ text: String) {
        let parts = text.lowercased().split(separator: "x")
        guard parts.count == 2, let w = Int(parts[0]), let h = Int(parts[1]), Size.bounds.contains(w), Size.bounds.contains(h) else { return nil }
        width = w
        height = h
    }
}
