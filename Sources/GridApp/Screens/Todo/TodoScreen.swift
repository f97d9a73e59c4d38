import GridModel
import TerminalUI

/// Screen 0: what the worker has to do today in their grids (`TodoList`): residents due a
/// visit, cases to act on, follow-up visits. Enter opens the household or case; `p` logs a
/// visit to the row's household, and the row leaves once the visit is saved.
enum TodoScreen: DashboardScreen {
    static func rows(_ data: DashboardData, _ language: Language) -> [Row] {
        let words = TodoStrings.forLanguage(language)
        let households = Dictionary(data.households.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let cases = Dictionary(data.cases.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        return data.todo.items.map { item in
            let late = lateText(item, today: data.today, words)
            let kind = words.kinds[item.kind] ?? ""
            if item.kind == .visit {
                let resident = data.resident(of: item)
                let address = households[item.recordID]?.address.line ?? ""
                let name = resident?.name ?? ""
                return Row(cells: [kind, name, address, late],
                           search: [address, Pinyin.searchText(name, isName: true)].joined(separator: " "), gridCode: item.gridCode,
                           role: (item.daysOverdue(on: data.today) ?? 1) > 0 ? .warning : .normal)
            }
            let found = cases[item.recordID]
            return Row(cells: [kind, found?.number ?? "", found?.title ?? "", late],
                       search: [found?.number ?? "", found?.title ?? ""].joined(separator: " "), gridCode: item.gridCode,
                       role: item.kind == .overdueCase ? .danger : .normal)
        }
    }

    /// The days and the name or number stay; on a narrow screen the kind goes first (a name or a
    /// case number already tells a visit from a case), then the address or title is cut at its
    /// start (an address keeps its room).
    static let columnLayout = [ColumnLayout(width: 7, priority: 2), ColumnLayout(width: 12, priority: 4),
                               ColumnLayout(width: nil, priority: 3, minWidth: 10, keepsEnd: true), ColumnLayout(width: 7, priority: 5)]

    static func detail(_ builder: DetailBuilder, at index: Int) -> [DetailLine] {
        guard builder.data.todo.items.indices.contains(index) else { return [] }
        return builder.todo(builder.data.todo.items[index])
    }

    static func record(at row: Int, in data: DashboardData) -> (id: RecordID, title: String)? {
        guard data.todo.items.indices.contains(row) else { return nil }
        let item = data.todo.items[row]
        if item.kind == .visit {
            return data.households.first { $0.id == item.recordID }.map { ($0.id, $0.address.line) }
        }
        return data.cases.first { $0.id == item.recordID }.map { ($0.id, $0.number) }
    }

    static func lateText(_ item: TodoItem, today: Day, _ words: TodoStrings) -> String {
        guard let days = item.daysOverdue(on: today) else { return item.kind == .visit ? words.neverVisited : words.noDeadline }
        if days < 0 { return words.daysLeft(-days) }
        return days > 0 ? words.daysLate(days) : words.dueToday
    }
}

extension DashboardData {
    /// The resident a visit row is about.
    func resident(of item: TodoItem) -> Resident? {
        item.residentID.flatMap { id in residents[item.recordID]?.first { $0.id == id } }
    }
}

extension DetailBuilder {
    func todo(_ item: TodoItem) -> [DetailLine] {
        let words = TodoStrings.forLanguage(language)
        var lines = [DetailLine((words.kindTitles[item.kind] ?? "") + "  " + TodoScreen.lateText(item, today: data.today, words),
                                role: item.kind == .overdueCase ? .danger : .title)]
        if item.kind == .visit {
            if let resident = data.resident(of: item) {
                lines.append(DetailLine(resident.name + "  " + resident.tags.map { $0.name(language) }.joined(separator: strings.listSeparator),
                                        role: .accent))
                if let days = data.visitSchedule.interval(for: resident.tags) { lines.append(DetailLine("  " + words.interval(days), role: .dim)) }
            }
            if let due = item.due { lines.append(DetailLine(words.dueOn + "  " + due.iso)) }
            lines.append(DetailLine(words.visitKeys, role: .dim))
            if let visited = data.households.first(where: { $0.id == item.recordID }) { lines += household(visited) }
            return lines
        }
        lines.append(DetailLine(words.caseKeys, role: .dim))
        if let found = data.cases.first(where: { $0.id == item.recordID }) { lines += disputeCase(found) }
        return lines
    }
}
