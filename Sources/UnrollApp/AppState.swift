import UnrollCore
import UnrollTUI

/// The whole state of the tutor: which screen, which overlay, the terminal's size and abilities.
public struct AppState: Sendable {
    /// A full screen.
    public enum Screen: Sendable {
        case start(StartState)
        case lab(LabState)
        case lesson(LessonState)
        /// The gradient lab: vanishing and exploding gradients.
        case vanishing(VanishingState)
        /// Where the learning signal comes from: per-step loss, ∂L/∂h_t, per-step shares of a weight.
        case bptt(BPTTState)
        /// RNN vs LSTM vs GRU at remembering over a delay, trained in the background.
        case race(RaceState)
    }

    /// Something drawn over the screen that takes the keys until closed.
    public enum Overlay: Sendable, Equatable {
        case help
        /// The symbols and markers the screens use (from the help, Tab).
        case glossary
        case explain
        case clampEditor(ClampEditor)
        case inputEditor(String)
        /// The digits typed after `g` (go to a step).
        case goTo(String)
    }

    public var screen: Screen
    public var overlay: Overlay?
    /// The overlay the help was opened over (restored when the help closes).
    public var overlayUnderHelp: Overlay?
    /// The presenter's blank screen (`b` on every screen); any key returns.
    public var blank = false
    public var width: Int
    public var height: Int
    /// Presenter mode: bigger panels, no chrome, slide-clicker keys.
    public var presenter: Bool
    /// Show the lessons' presenter notes (`--notes`: the presenter's own terminal).
    public var notes: Bool
    /// A one-line message shown in the status bar until the next key.
    public var status: String?
    /// Where Esc returns to from a lab opened from the start screen.
    public var startScreen: StartState?
    /// Whether the lessons are still being read in the background.
    public var loadingLessons = false

    /// The smallest terminal every screen fits.
    public static let minimumWidth = 80
    public static let minimumHeight = 24

    public init(screen: Screen, width: Int = 80, height: Int = 24, presenter: Bool = false, notes: Bool = false) {
        self.notes = notes
        self.screen = screen
        self.width = width
        self.height = height
        self.presenter = presenter
        if case let .start(s) = screen { startScreen = s }
    }

    /// Whether the terminal is below the minimum size.
    public var tooSmall: Bool { width < AppState.minimumWidth || height < AppState.minimumHeight }

    /// The lab, when the lab is showing.
    public var lab: LabState? {
        if case let .lab(l) = screen { return l }
        return nil
    }

    /// The live lab on screen: the lab itself, or the current lesson step's scene.
    public var currentLab: LabState? {
        get {
            switch screen {
            case let .lab(l): return l
            case let .lesson(lesson): return lesson.lab
            default: return nil
            }
        }
        set {
            guard let newValue else { return }
            switch screen {
            case .lab: screen = .lab(newValue)
            case var .lesson(lesson):
                lesson.lab = newValue
                screen = .lesson(lesson)
            default: break
            }
        }
    }

    /// The lab a live training run belongs to: the live lab on screen, or the lab the BPTT screen was
    /// opened from (training paused behind it keeps its snapshots there).
    public var trainingLab: LabState? {
        get {
            if case let .bptt(b) = screen { return b.returnLab }
            return currentLab
        }
        set {
            guard let newValue else { return }
            if case var .bptt(b) = screen, b.returnLab != nil {
                b.returnLab = newValue
                screen = .bptt(b)
            } else {
                currentLab = newValue
            }
        }
    }

    /// The lesson, when a lesson is showing.
    public var lesson: LessonState? {
        if case let .lesson(l) = screen { return l }
        return nil
    }

    /// Ticks are needed while something animates or runs in the background.
    public var tickMilliseconds: Int? {
        if loadingLessons { return 50 }
        return screen.active.tickMilliseconds
    }

    /// Puts fresh lesson entries (progress marks, "resume") on the start screen, keeping the other
    /// entries and the selected entry by title. `keepFirst`: keep a selection of entry 0 too (else
    /// a selection still at 0 moves to the new first entry).
    mutating func replaceLessonEntries(_ lessons: [StartState.Entry], keepFirst: Bool) {
        guard var start = startScreen else { return }
        let current = start.selected < start.entries.count ? start.entries[start.selected] : nil
        let keep = current != nil && (keepFirst || start.selected > 0)
        start.entries = lessons + start.entries.filter { entry in
            if case .lesson = entry.action { return false }
            return !entry.title.hasPrefix("Resume: ")
        }
        start.selected = keep ? (current.flatMap { c in start.entries.firstIndex { $0.title == c.title || $0.action == c.action && !c.title.hasPrefix("Resume: ") } } ?? 0) : 0
        startScreen = start
        if case .start = screen { screen = .start(start) }
    }
}
