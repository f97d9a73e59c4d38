import GridExport
import GridModel

/// `:export FILE`: the list on screen, as filtered, written the way `gridwork export` writes it
/// (`ExportJob`: same columns, numbers masked, roles and audit alike). Screen 3 exports its
/// households, or with `residents` the people of the households shown; screens 4 and 5 their
/// patrols and cases. `:export!` replaces an existing file; `--reveal` (an admin's alone) writes
/// numbers in full. The format comes from the name: `.xlsx` is a workbook, anything else CSV.
enum ListExport {
    static func command(_ state: inout AppState, _ arguments: [String], replacing: Bool) -> [Effect] {
        let strings = state.strings
        var rest = arguments[...]
        var reveal = false
        var residents = false
        // Options first; whatever follows is the file, spaces and all.
        while let word = rest.first, rest.count > 1 || word == "--reveal" {
            if word == "--reveal" {
                reveal = true
            } else if word == "residents" && state.screen == .households {
                residents = true
            } else {
                break
            }
            rest = rest.dropFirst()
        }
        let path = rest.joined(separator: " ")
        guard !path.isEmpty else {
            state.message = StatusMessage(strings.exportUsage, isError: true)
            return []
        }
        guard let kind = kind(on: state.screen, residents: residents) else {
            state.message = StatusMessage(strings.exportNothingHere, isError: true)
            return []
        }
        if reveal, let refusal = AccessPolicy.refusalToRevealInExport(for: state.worker) {
            state.message = StatusMessage(ExportError.refused(refusal).message(in: state.language), isError: true)
            return []
        }
        state.message = StatusMessage(strings.exporting(path))
        return [.export(ExportJob(kind: kind, source: source(state, kind), language: state.language, reveal: reveal, path: path,
                                  replacing: replacing))]
    }

    static func kind(on screen: ScreenID, residents: Bool) -> ExportKind? {
        switch screen {
        case .households: return residents ? .residents : .households
        case .patrols: return .patrols
        case .cases: return .cases
        case .todo, .overview, .grids: return nil
        }
    }

    /// The rows shown, in their order, and what they look up (addresses, heads, case numbers,
    /// party phones) from everything read.
    static func source(_ state: AppState, _ kind: ExportKind) -> ExportSource {
        let data = state.data
        let shown = state.list.visible
        var source = ExportSource(grids: data.grids, workers: data.workers.values.sorted { $0.id.rawValue < $1.id.rawValue },
                                  timeZone: data.timeZone)
        switch kind {
        case .households, .residents:
            source.households = shown.compactMap { data.households.indices.contains($0) ? data.households[$0] : nil }
            source.residents = source.households.flatMap { data.residents[$0.id] ?? [] }
        case .patrols:
            source.patrols = shown.compactMap { data.patrols.indices.contains($0) ? data.patrols[$0] : nil }
            source.households = data.households
            source.cases = data.cases
        case .cases:
            source.cases = shown.compactMap { data.cases.indices.contains($0) ? data.cases[$0] : nil }
            source.residents = data.households.flatMap { data.residents[$0.id] ?? [] }
        }
        return source
    }
}
