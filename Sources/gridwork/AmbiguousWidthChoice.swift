import ArgumentParser

/// `--ambiguous-width`: how wide the terminal draws East Asian ambiguous-width characters
/// (box lines, arrows, `…`, `·`, curly quotes). `wide` (xterm -cjk_width and many Chinese
/// set-ups) makes the dashboard draw with ASCII only; `auto` asks the terminal at start.
enum AmbiguousWidthChoice: String, CaseIterable, ExpressibleByArgument, Sendable {
    case auto, wide, narrow

    /// The flag, else `GRIDWORK_AMBIGUOUS_WIDTH`, else `auto`; nil for a variable with another value.
    static func chosen(flag: AmbiguousWidthChoice?, environment: [String: String]) -> AmbiguousWidthChoice? {
        if let flag { return flag }
        guard let variable = environment["GRIDWORK_AMBIGUOUS_WIDTH"], !variable.isEmpty else { return .auto }
        return AmbiguousWidthChoice(rawValue: variable.lowercased())
    }
}
