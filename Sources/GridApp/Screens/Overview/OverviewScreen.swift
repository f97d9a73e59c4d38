import GridModel
import TerminalUI

/// Screen 1: the figures of the grids in view (the chosen grid, a grid worker's own grids, else
/// the whole community), one section a row; Enter opens the screen a section is about.
enum OverviewScreen: DashboardScreen {
    static func rows(_ data: DashboardData, _ language: Language) -> [Row] {
        let strings = UIStrings.forLanguage(language)
        return OverviewSection.allCases.map { section in
            Row(cells: [strings.overviewSections[section.rawValue], section.figure(data.overview)], search: strings.overviewSections[section.rawValue])
        }
    }

    static let columnLayout = [ColumnLayout(width: nil, priority: 2), ColumnLayout(width: 9, priority: 1)]

    static func detail(_ builder: DetailBuilder, at index: Int) -> [DetailLine] {
        OverviewSection(rawValue: index).map(builder.overview) ?? []
    }

    static func record(at row: Int, in data: DashboardData) -> (id: RecordID, title: String)? { nil }
}

extension DetailBuilder {
    /// A share as a whole percentage, "-" when there is nothing to divide by.
    static func percent(_ share: Double?) -> String { share.map { String(Int(($0 * 100).rounded())) + "%" } ?? "-" }

    func overview(_ section: OverviewSection) -> [DetailLine] {
        let overview = data.overview
        var lines = [DetailLine(strings.overviewSections[section.rawValue], role: .title)]
        switch section {
        case .records:
            lines += table(RecordKind.allCases.map { [$0.name(language), String(overview.counts[$0] ?? 0)] })
        case .casesByStage:
            lines += table([["", strings.overviewOpen, strings.overviewOverdue]]
                           + CaseStage.allCases.filter(\.isOpen).map { [$0.name(language), String(overview.openByStage[$0] ?? 0), String(overview.overdueByStage[$0] ?? 0)] })
        case .casesByLevel:
            lines += table([["", strings.overviewOpen, strings.overviewOverdue]]
                           + CaseLevel.allCases.map { [$0.name(language), String(overview.openByLevel[$0] ?? 0), String(overview.overdueByLevel[$0] ?? 0)] })
        case .patrols:
            lines += table([[strings.thisWeek, String(overview.patrolsThisWeek)], [strings.thisMonth, String(overview.patrolsThisMonth)]])
        case .visits:
            lines.append(DetailLine(strings.visitsOverdue(overview.taggedResidentsOverdue, overview.taggedResidents),
                                    role: overview.taggedResidentsOverdue > 0 ? .warning : .normal))
        case .coverage:
            let households = overview.counts[.household] ?? 0
            lines += table([30, 90].map { days in
                [strings.lastDays(days), String(days == 30 ? overview.visitedLast30 : overview.visitedLast90) + "/" + String(households),
                 Self.percent(overview.coverage(lastDays: days))]
            })
        case .settled:
            guard overview.resolvedCases > 0 else { return lines + [DetailLine(strings.noneSettled, role: .dim)] }
            let above = (overview.resolvedByLevel[.street] ?? 0) + (overview.resolvedByLevel[.district] ?? 0)
            let counts = [overview.resolvedByLevel[.grid] ?? 0, overview.resolvedByLevel[.community] ?? 0, above]
            lines += table(zip(strings.settledIn, counts).map { [$0, String($1), String(Int((Double($1) * 100 / Double(overview.resolvedCases)).rounded())) + "%"] })
        }
        return lines
    }
}

/// The rows of the overview screen.
enum OverviewSection: Int, CaseIterable {
    case records, casesByStage, casesByLevel, patrols, visits, coverage, settled

    func figure(_ overview: Overview) -> String {
        switch self {
        case .records: return String(overview.counts.values.reduce(0, +))
        case .casesByStage, .casesByLevel: return String(overview.openCases) + "/" + String(overview.overdueCases)
        case .patrols: return String(overview.patrolsThisWeek)
        case .visits: return String(overview.taggedResidentsOverdue)
        case .coverage: return DetailBuilder.percent(overview.coverage(lastDays: 30))
        case .settled: return DetailBuilder.percent(overview.resolvedShare(at: .grid))
        }
    }

    /// The screen Enter opens from this row.
    var screen: ScreenID {
        switch self {
        case .records: return .grids
        case .casesByStage, .casesByLevel, .settled: return .cases
        case .patrols: return .patrols
        case .visits: return .todo
        case .coverage: return .households
        }
    }
}
