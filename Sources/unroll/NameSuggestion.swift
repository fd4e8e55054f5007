import UnrollLessons

/// "Did you mean …?" for a mistyped command or lesson name: the one candidate the word most
/// likely means, found by exact match ignoring case, then a unique prefix or substring (`lstm`
/// → `07-lstm`), then the id without its number (`07-lstm` ↔ `lstm`), then edit distance.
enum NameSuggestion {
    /// The likeliest candidate for `word`, or nil when none is close.
    static func closest(to word: String, in candidates: [String]) -> String? {
        let w = word.lowercased()
        guard !w.isEmpty, w.count <= 64 else { return nil }
        let lowered = candidates.map { ($0, $0.lowercased()) }
        if let exact = lowered.first(where: { $0.1 == w }) { return exact.0 }
        if let bare = lowered.first(where: { withoutNumber($0.1) == w }) { return bare.0 }
        let prefixed = lowered.filter { $0.1.hasPrefix(w) || withoutNumber($0.1).hasPrefix(w) }
        if prefixed.count == 1 { return prefixed[0].0 }
        let containing = lowered.filter { $0.1.contains(w) }
        if containing.count == 1, w.count >= 3 { return containing[0].0 }
        let allowed = w.count <= 3 ? 1 : max(2, w.count / 3)
        var best: (String, Int)?
        for (candidate, c) in lowered {
            let d = min(distance(Array(w.unicodeScalars), Array(c.unicodeScalars)),
                        distance(Array(w.unicodeScalars), Array(withoutNumber(c).unicodeScalars)))
            guard d <= allowed, d < w.count else { continue }
            if let b = best, d >= b.1 { continue }
            best = (candidate, d)
        }
        return best?.0
    }

    /// " (did you mean 'x'?)" or "".
    static func hint(for word: String, in candidates: [String]) -> String {
        closest(to: word, in: candidates).map { " (did you mean '\($0)'?)" } ?? ""
    }

    /// `07-lstm` → `lstm`; other names unchanged.
    static func withoutNumber(_ id: String) -> String {
        let digits = id.prefix { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty, id.dropFirst(digits.count).first == "-" else { return id }
        return String(id.dropFirst(digits.count + 1))
    }

    /// Levenshtein distance (the same as the lessons' "did you mean").
    static func distance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int { Suggestion.distance(a, b) }
}
