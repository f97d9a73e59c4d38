import GridModel
import TerminalUI

/// Screen 1: the community's figures, one section a row; Enter opens the screen a section is about.
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
    case records, casesByStage, casesByLevel, patrols, visits, settled

    func figure(_ overview: Overview) -> String {
        switch self {
        case .records: return String(overview.counts.values.reduce(0, +))
        case .casesByStage, .casesByLevel: return String(overview.openCases) + "/" + String(overview.overdueCases)
        case .patrols: return String(overview.patrolsThisWeek)
        case .visits: return String(overview.taggedResidentsOverdue)
        case .settled: return overview.resolvedShare(at: .grid).map { String(Int(($0 * 100).rounded())) + "%" } ?? "-"
        }
    }

    /// The screen Enter opens from this row.
    var screen: ScreenID {
        switch self {
        case .records: return .grids
        case .casesByStage, .casesByLevel, .settled: return .cases
        case .patrols: return .patrols
        case .visits: return .households
        }
    }
}
