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
                // The finding's own words first: on a narrow screen its kind is what gets cut.
                let found = patrol.findings.first.map { strings.aside($0.text, $0.kind.name(language)) } ?? patrol.notes
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

    /// Each screen's columns. On a narrow screen the ones of lowest priority give way first, so what
    /// tells rows apart stays: a case's number and title, a patrol's time and finding, the end of
    /// an address (its room).
    static func columns(for screen: ScreenID, _ language: Language) -> [ListColumn] {
        let titles = UIStrings.forLanguage(language).columns[screen] ?? []
        // (width or nil for the rest, priority, least width of the rest, cut at the start)
        let layout: [(Int?, Int, Int, Bool)]
        switch screen {
        case .overview: layout = [(nil, 2, 1, false), (9, 1, 1, false)]
        case .grids: layout = [(15, 3, 1, false), (10, 2, 1, false), (nil, 1, 1, false)]
        case .households: layout = [(nil, 3, 14, true), (8, 2, 1, false), (4, 1, 1, false)]
        case .patrols: layout = [(11, 4, 1, false), (8, 2, 1, false), (8, 1, 1, false), (nil, 3, 10, false)]
        case .cases: layout = [(12, 4, 1, false), (8, 2, 1, false), (4, 1, 1, false), (nil, 3, 12, false)]
        }
        // A fixed column is never narrower than its title ("人数" fits 4 columns, "People" needs 6).
        return zip(titles, layout).map { title, column in
            ListColumn(title, width: column.0.map { max($0, DisplayWidth.of(title)) }, priority: column.1, minWidth: column.2, keepsEnd: column.3)
        }
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
