import GridModel
import TerminalUI

/// Screen 4: patrol logs, newest first, with their findings.
enum PatrolsScreen: DashboardScreen {
    static func rows(_ data: DashboardData, _ language: Language) -> [Row] {
        let strings = UIStrings.forLanguage(language)
        return data.patrols.map { patrol in
            // The finding's own words first: on a narrow screen its kind is what gets cut.
            let found = patrol.findings.first.map { strings.aside($0.text, $0.kind.name(language)) } ?? patrol.notes
            let worker = data.workerName(patrol.workerID)
            return Row(cells: [TimeText.shortMinute(patrol.start, timeZone: data.timeZone), patrol.kind.name(language), worker, found],
                       search: ([worker, patrol.kind.name(language), patrol.notes] + patrol.findings.map(\.text)).joined(separator: " "),
                       gridCode: patrol.gridCode)
        }
    }

    static let columnLayout = [ColumnLayout(width: 11, priority: 4), ColumnLayout(width: 8, priority: 2), ColumnLayout(width: 8, priority: 1),
                               ColumnLayout(width: nil, priority: 3, minWidth: 10)]

    static func detail(_ builder: DetailBuilder, at index: Int) -> [DetailLine] {
        builder.data.patrols.indices.contains(index) ? builder.patrol(builder.data.patrols[index]) : []
    }

    static func record(at row: Int, in data: DashboardData) -> (id: RecordID, title: String)? {
        data.patrols.indices.contains(row) ? (data.patrols[row].id, TimeText.minute(data.patrols[row].start, timeZone: data.timeZone)) : nil
    }
}

extension DetailBuilder {
    func patrol(_ patrol: PatrolLog) -> [DetailLine] {
        var lines = [DetailLine(patrol.kind.name(language) + "  " + TimeText.minute(patrol.start, timeZone: data.timeZone) + "–" + TimeText.clock(patrol.end, timeZone: data.timeZone), role: .title)]
        lines.append(DetailLine(strings.worker + "  " + data.workerName(patrol.workerID) + "    " + strings.grid + "  "
                                + (data.grid(patrol.gridCode)?.name ?? patrol.gridCode.rawValue)))
        let addresses = data.addresses
        lines.append(DetailLine(strings.counted(FieldNames.label("householdIDs", in: language), patrol.householdIDs.count), role: .header))
        for id in patrol.householdIDs { lines.append(DetailLine("  " + (addresses[id] ?? id.rawValue), indent: 4)) }
        lines.append(DetailLine(strings.counted(FieldNames.label("findings", in: language), patrol.findings.count), role: .header))
        let caseNumbers = data.caseNumbers
        for (item, finding) in patrol.findings.enumerated() {
            var text = "  " + finding.kind.name(language) + strings.separator + finding.text
            if let id = finding.caseID { text += "  [" + strings.openedCase + " " + (caseNumbers[id] ?? id.rawValue) + "]" }
            lines.append(DetailLine(text, role: finding.kind == .hazard ? .warning : .normal, indent: 4, item: item))
        }
        if !patrol.notes.isEmpty { lines.append(field("notes", patrol.notes)) }
        return lines
    }
}
