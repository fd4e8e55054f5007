/// Rohrer's dinner cycle: a menu that repeats in order (default pizza → sushi → waffles).
public struct DinnerCycle: Sendable, Equatable {
    public var menu: [String]

    public init(menu: [String] = ["pizza", "sushi", "waffles"]) {
        precondition(menu.count >= 2, "a cycle needs at least two dishes")
        self.menu = menu
    }

    /// The dish after `dish` (index), cyclically.
    public func next(after dish: Int) -> Int { (dish + 1) % menu.count }

    /// `days` consecutive dinners starting from dish `start`.
    public func days(_ days: Int, startingWith start: Int) -> [Int] {
        (0..<days).map { (start + $0) % menu.count }
    }

    /// A training example: dinners as inputs, each day's next dinner as target.
    public func example(days: Int, startingWith start: Int) -> Example {
        let d = self.days(days + 1, startingWith: start)
        return Example(input: SequenceInput(tokens: d.dropLast().map { Optional($0) }, inputSize: menu.count),
                       targets: d.dropFirst().map { Optional($0) })
    }

    /// One example per possible starting dish.
    public func allStarts(days: Int) -> [Example] { (0..<menu.count).map { example(days: days, startingWith: $0) } }
}
