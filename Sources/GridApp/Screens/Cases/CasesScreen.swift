import GridModel
import TerminalUI

/// Screen 5: dispute-mediation cases, overdue ones marked, with their timeline.
enum CasesScreen: DashboardScreen {
    static func rows(_ data: DashboardData, _ language: Language) -> [Row] {
        data.cases.map { disputeCase in
            let overdue = disputeCase.isOverdue(on: data.today)
            return Row(cells: [disputeCase.number, disputeCase.stage.name(language), disputeCase.level.name(language), disputeCase.title],
                       search: ([disputeCase.number, disputeCase.title]
                                + disputeCase.parties.map { Pinyin.searchText($0.name, isName: true) }).joined(separator: " "),
                       gridCode: disputeCase.gridCode, role: overdue ? .danger : .normal)
        }
    }

    /// A case keeps its number and title; the level gives way first, then the stage.
    static let columnLayout = [ColumnLayout(width: 12, priority: 4), ColumnLayout(width: 8, priority: 2), ColumnLayout(width: 4, priority: 1),
                               ColumnLayout(width: nil, priority: 3, minWidth: 12)]

    static func detail(_ builder: DetailBuilder, at index: Int) -> [DetailLine] {
        builder.data.cases.indices.contains(index) ? builder.disputeCase(builder.data.cases[index]) : []
    }

    static func record(at row: Int, in data: DashboardData) -> (id: RecordID, title: String)? {
        data.cases.indices.contains(row) ? (data.cases[row].id, data.cases[row].number) : nil
    }
}

extension DetailBuilder {
    func disputeCase(_ item: DisputeCase) -> [DetailLine] {
        var lines = [DetailLine(item.number + "  " + item.title, role: .title)]
        lines.append(DetailLine([label("category") + " " + item.category.name(language), label("source") + " " + item.source.name(language),
                                 label("matterClass") + " " + item.matterClass.name(language)].joined(separator: "  ")))
        lines.append(DetailLine([label("stage") + " " + item.stage.name(language), label("level") + " " + item.level.name(language),
                                 label("assigneeID") + " " + data.workerName(item.assigneeID)].joined(separator: "  ")))
        if let deadline = item.deadline {
            let overdue = item.isOverdue(on: data.today)
            lines.append(DetailLine(label("deadline") + "  " + deadline.iso + (overdue ? "  " + strings.overdue : ""), role: overdue ? .danger : .normal))
        }
        lines.append(DetailLine(label("raisedOn") + "  " + item.raisedOn.iso + "    " + strings.grid + "  "
                                + (data.grid(item.gridCode)?.name ?? item.gridCode.rawValue)
                                + (item.patrolID == nil ? "" : "    " + strings.fromPatrolCase)))
        lines.append(field("parties", item.parties.map { $0.role.isEmpty ? $0.name : strings.aside($0.name, $0.role) }.joined(separator: strings.listSeparator)))
        if let outcome = item.outcome { lines.append(field("outcome", outcome.name(language))) }
        if let agreement = item.agreement { lines.append(field("agreement", agreement)) }
        if item.outcome == nil, let earlier = item.timeline.last(where: { $0.kind == .outcomeRecorded }), let outcome = earlier.outcome {
            // Reopening clears the outcome, but what was agreed before still matters to the next round.
            lines.append(DetailLine(strings.outcomeBeforeReopening, role: .header))
            lines.append(field("outcome", outcome.name(language)))
            if let agreement = earlier.agreement { lines.append(field("agreement", agreement)) }
        }
        if let satisfaction = item.satisfaction {
            lines.append(DetailLine(label("satisfaction") + "  " + satisfaction.name(language)
                                    + (item.followUp.map { "    " + label("followUp") + "  " + $0.iso } ?? "")))
        }
        lines.append(DetailLine(strings.counted(strings.timeline, item.timeline.count), role: .header))
        for entry in item.timeline {
            lines.append(DetailLine("  " + TimeText.minute(entry.at, timeZone: data.timeZone) + "  " + data.workerName(entry.by) + "  " + timelineText(entry), indent: 4))
        }
        return lines
    }

    func timelineText(_ entry: TimelineEntry) -> String {
        var text = entry.kind.name(language)
        switch entry.kind {
        case .advanced, .reopened, .raised: text += entry.stage.map { " → " + $0.name(language) } ?? ""
        case .escalated: text += entry.level.map { " → " + $0.name(language) } ?? ""
        case .assigned: text += " → " + data.workerName(entry.assigneeID)
        case .deadlineSet: text += entry.deadline.map { " " + $0.iso } ?? ""
        case .outcomeRecorded:
            text += entry.outcome.map { " " + $0.name(language) } ?? ""
            text += entry.agreement.map { strings.separator + $0 } ?? ""
        case .satisfactionRecorded: text += entry.satisfaction.map { " " + $0.name(language) } ?? ""
        case .note: break
        }
        return entry.note.isEmpty ? text : text + strings.separator + entry.note
    }
}
