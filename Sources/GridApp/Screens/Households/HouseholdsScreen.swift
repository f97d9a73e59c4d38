import GridModel
import TerminalUI

/// Screen 3: households by address, with their residents in the detail pane.
enum HouseholdsScreen: DashboardScreen {
    static func rows(_ data: DashboardData, _ language: Language) -> [Row] {
        data.households.map { household in
            let people = data.residents[household.id] ?? []
            let head = people.first { $0.relation == .head && !$0.hasLeft } ?? people.first { $0.relation == .head } ?? people.first
            return Row(cells: [household.address.line, head?.name ?? "", String(Resident.householdSize(people))],
                       search: ([household.address.line] + people.map(searchWords)).joined(separator: " "), gridCode: household.gridCode)
        }
    }

    /// The end of an address (its room) is what tells rows apart: it is cut at its start.
    static let columnLayout = [ColumnLayout(width: nil, priority: 3, minWidth: 14, keepsEnd: true), ColumnLayout(width: 8, priority: 2),
                               ColumnLayout(width: 4, priority: 1)]

    static func detail(_ builder: DetailBuilder, at index: Int) -> [DetailLine] {
        builder.data.households.indices.contains(index) ? builder.household(builder.data.households[index]) : []
    }

    static func record(at row: Int, in data: DashboardData) -> (id: RecordID, title: String)? {
        data.households.indices.contains(row) ? (data.households[row].id, data.households[row].address.line) : nil
    }

    /// What finds a resident: the name, its pinyin (`wangxiaoming wxm`), and the last digits of
    /// the phone and ID numbers, never the whole numbers.
    static func searchWords(_ resident: Resident) -> String {
        var words = [Pinyin.searchText(resident.name, isName: true)]
        if let phone = resident.phone { words.append(String(phone.suffix(4))) }
        if let id = resident.idNumber { words.append(String(id.suffix(6))) }
        return words.joined(separator: " ")
    }
}

extension DetailBuilder {
    func household(_ household: Household) -> [DetailLine] {
        var lines = [DetailLine(household.address.line, role: .title)]
        let gridName = data.grid(household.gridCode)?.name ?? ""
        lines.append(DetailLine(strings.grid + "  " + gridName + " " + household.gridCode.rawValue
                                + (household.microGrid.map { "    " + FieldNames.label("microGrid", in: language) + "  " + String($0) } ?? "")))
        lines.append(field("residency", household.residency.name(language)))
        if !household.tags.isEmpty {
            lines.append(field("tags", household.tags.map { HouseholdTag(rawValue: $0)?.name(language) ?? $0 }.joined(separator: strings.listSeparator)))
        }
        let visit = household.lastVisit.map { strings.aside($0.iso, strings.daysAgo(data.today.days(since: $0))) } ?? strings.never
        lines.append(field("lastVisit", visit))
        if let volunteer = household.pairedVolunteer { lines.append(field("pairedVolunteer", volunteer)) }
        if !household.notes.isEmpty { lines.append(field("notes", household.notes)) }
        let people = data.residents[household.id] ?? []
        // Those who moved out or died stay listed (dimmed, with the day) but are not counted.
        lines.append(DetailLine(strings.counted(strings.residents, Resident.householdSize(people)), role: .header))
        for (item, person) in people.enumerated() {
            let status = person.status.name(language) + (person.leftOn.map { " " + $0.iso } ?? "")
            let summary = [person.name, person.gender.name(language), strings.ageYears(person.age(on: person.status == .deceased ? (person.leftOn ?? data.today) : data.today)),
                           person.relation.name(language), status]
            lines.append(DetailLine("  " + summary.joined(separator: "  "), role: person.status == .livingHere ? .normal : .dim, indent: 4, item: item))
            if !person.tags.isEmpty {
                lines.append(DetailLine("    " + person.tags.map { $0.name(language) }.joined(separator: strings.listSeparator), role: .accent,
                                        indent: 4, item: item))
            }
            let full = revealed.contains(person.id)
            let numbers = [person.idNumber.map { FieldNames.label("idNumber", in: language) + " " + (full ? $0 : ResidentIDNumber.masked($0)) },
                           person.phone.map { FieldNames.label("phone", in: language) + " " + (full ? $0 : MobileNumber.masked($0)) }].compactMap { $0 }
            if !numbers.isEmpty { lines.append(DetailLine("    " + numbers.joined(separator: "  "), role: .dim, indent: 4, item: item)) }
        }
        return lines
    }
}
