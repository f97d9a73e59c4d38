import Foundation
import GridModel

/// The overview as plain text, in one language.
struct OverviewReport {
    let overview: Overview
    let area: String
    /// The grids the figures cover, nil for the whole folder.
    let grids: [GridCode]?
    let language: Language

    var text: String {
        let strings = CommandText.forLanguage(language)
        var lines = [strings.overviewTitle(area, overview.today.iso)]
        if let grids { lines.append(strings.overviewGrids(grids.map(\.rawValue).joined(separator: ", "))) }
        lines.append("")

        var records = TextTable()
        for kind in RecordKind.allCases { records.add("  " + kind.name(language), String(overview.counts[kind] ?? 0)) }
        lines += [strings.records, records.rendered(), ""]

        var stages = TextTable()
        stages.add("", strings.open, strings.overdue)
        for stage in CaseStage.allCases where stage.isOpen {
            stages.add("  " + stage.name(language), String(overview.openByStage[stage] ?? 0), String(overview.overdueByStage[stage] ?? 0))
        }
        lines += [strings.openCasesByStage, stages.rendered(), ""]

        var levels = TextTable()
        levels.add("", strings.open, strings.overdue)
        for level in CaseLevel.allCases {
            levels.add("  " + level.name(language), String(overview.openByLevel[level] ?? 0), String(overview.overdueByLevel[level] ?? 0))
        }
        lines += [strings.openCasesByLevel, levels.rendered(), ""]

        var patrols = TextTable()
        patrols.add("  " + strings.thisWeek, String(overview.patrolsThisWeek))
        patrols.add("  " + strings.thisMonth, String(overview.patrolsThisMonth))
        lines += [strings.patrols, patrols.rendered(), "", strings.taggedOverdue(overview.taggedResidentsOverdue, overview.taggedResidents), ""]

        var coverage = TextTable()
        let households = overview.counts[.household] ?? 0
        for (days, visited) in [(30, overview.visitedLast30), (90, overview.visitedLast90)] {
            coverage.add("  " + strings.lastDays(days), "\(visited) / \(households)", percent(visited, of: households))
        }
        lines += [strings.coverage, coverage.rendered(), ""]

        lines.append(strings.settled)
        if overview.resolvedCases == 0 {
            lines.append("  " + strings.noneSettled)
        } else {
            var settled = TextTable()
            let above = (overview.resolvedByLevel[.street] ?? 0) + (overview.resolvedByLevel[.district] ?? 0)
            for (label, count) in [(strings.settledInGrid, overview.resolvedByLevel[.grid] ?? 0),
                                   (strings.settledInCommunity, overview.resolvedByLevel[.community] ?? 0),
                                   (strings.settledAbove, above)] {
                settled.add("  " + label, String(count), percent(count, of: overview.resolvedCases))
            }
            lines.append(settled.rendered())
        }
        return lines.joined(separator: "\n")
    }

    private func percent(_ part: Int, of whole: Int) -> String {
        String(format: "%.0f%%", Double(part) * 100 / Double(max(whole, 1)))
    }
}
