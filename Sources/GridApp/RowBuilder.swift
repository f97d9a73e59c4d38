import GridModel
import TerminalUI

/// The list rows of each screen, built from the records in the interface language.
enum RowBuilder {
    static func rows(for screen: ScreenID, _ data: DashboardData, _ language: Language) -> [Row] {
        let strings = UIStrings.forLanguage(language)
        switch screen {
        case .overview:
            return OverviewSection.allCases.map { section in
                Row(cells: [strings.overviewSections[section.rawValue], section.figure(data.overview)], search: strings.overviewSections[section.rawValue])
            }
        case .grids:
            return data.grids.map { grid in
                let worker = data.workerName(grid.workerID)
                return Row(cells: [grid.code.rawValue, grid.name, worker],
                           search: [grid.code.rawValue, grid.name, grid.communityName, worker].joined(separator: " "), gridCode: grid.code)
            }
        case .households:
            return data.households.map { household in
                let people = data.residents[household.id] ?? []
                let head = people.first { $0.relation == .head } ?? people.first
                return Row(cells: [household.address.line, head?.name ?? "", String(people.count)],
                           search: ([household.address.line] + people.map(searchWords)).joined(separator: " "), gridCode: household.gridCode)
            }
        case .patrols:
            return data.patrols.map { patrol in
                let found = patrol.findings.first.map { $0.kind.name(language) + strings.separator + $0.text } ?? patrol.notes
                let worker = data.workerName(patrol.workerID)
                return Row(cells: [TimeText.shortMinute(patrol.start, timeZone: data.timeZone), patrol.kind.name(language), worker, found],
                           search: ([worker, patrol.kind.name(language), patrol.notes] + patrol.findings.map(\.text)).joined(separator: " "),
                           gridCode: patrol.gridCode)
            }
        case .cases:
            return data.cases.map { disputeCase in
                let overdue = disputeCase.isOverdue(on: data.today)
                return Row(cells: [disputeCase.number, disputeCase.stage.name(language), disputeCase.level.name(language), disputeCase.title],
                           search: ([disputeCase.number, disputeCase.title]
                                    + disputeCase.parties.map { Pinyin.searchText($0.name, isName: true) }).joined(separator: " "),
                           gridCode: disputeCase.gridCode, role: overdue ? .danger : .normal)
            }
        }
    }

    /// What finds a resident: the name, its pinyin (`wangxiaoming wxm`), and the last digits of
    /// the phone and ID numbers, never the whole numbers.
    static func searchWords(_ resident: Resident) -> String {
        var words = [Pinyin.searchText(resident.name, isName: true)]
        if let phone = resident.phone { words.append(String(phone.suffix(4))) }
        if let id = resident.idNumber { words.append(String(id.suffix(6))) }
        return words.joined(separator: " ")
    }

    static func columns(for screen: ScreenID, _ language: Language) -> [ListColumn] {
        let titles = UIStrings.forLanguage(language).columns[screen] ?? []
        let widths: [Int?]
        switch screen {
        case .overview: widths = [nil, 9]
        case .grids: widths = [15, 10, nil]
        case .households: widths = [nil, 8, 4]
        case .patrols: widths = [11, 8, 8, nil]
        case .cases: widths = [12, 8, 4, nil]
        }
        // A fixed column is never narrower than its title ("人数" fits 4 columns, "People" needs 6).
        return zip(titles, widths).map { title, width in ListColumn(title, width: width.map { max($0, DisplayWidth.of(title)) }) }
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
