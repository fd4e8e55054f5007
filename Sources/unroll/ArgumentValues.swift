import ArgumentParser
import UnrollCore

// The core's enums as command-line values: their raw values are the spellings, their cases the
// completions and the help's list (no mirror enums in the commands).

extension TrainTask: ExpressibleByArgument {}
extension CellKind: ExpressibleByArgument {}
extension OptimizerKind: ExpressibleByArgument {}
extension Nonlinearity: ExpressibleByArgument {}
extension RecurrentInitialisation: ExpressibleByArgument {}
