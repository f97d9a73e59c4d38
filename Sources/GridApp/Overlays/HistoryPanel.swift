import Foundation
import GridModel
import GridStore
import TerminalUI

/// `i`: who created, changed or looked at one record, from the audit trail, newest first; on a
/// household, its whole story (`HouseholdStory`): its record's and its residents' changes, its
/// visits and its cases, a line each saying what it is, who, when and what changed.
public struct HistoryPanel: Hashable, Sendable {
    static let maxWidth = 90

    public let title: String
    public let entries: [AuditEntry]
    /// Set for a household's story, in place of `entries`.
    public let story: HouseholdStory?
    public var offset = 0

    public init(title: String, entries: [AuditEntry]) {
        self.title = title
        self.entries = entries.reversed()
        story = nil
    }

    public init(title: String, story: HouseholdStory) {
        self.title = title
        entries = []
        self.story = story
    }

    func lines(_ state: AppState) -> [DetailLine] {
        if let story { return storyLines(story, state) }
        guard !entries.isEmpty else { return [DetailLine(state.strings.historyEmpty, role: .dim)] }
        return entries.map { entry in
            let text = TimeText.minute(entry.at, timeZone: state.data.timeZone) + "  " + Self.name(of: entry.actor, state) + "  " + Self.change(entry, state)
            return DetailLine(text, role: entry.action == .reveal ? .warning : .normal, indent: 18)
        }
    }

    private func storyLines(_ story: HouseholdStory, _ state: AppState) -> [DetailLine] {
        let strings = state.strings
        guard !story.events.isEmpty else { return [DetailLine(strings.storyEmpty, role: .dim)] }
        let builder = DetailBuilder(data: state.data, language: state.language, revealed: [])
        return story.events.map { event in
            let what: String
            let kind: String
            var role = StyleRole.normal
            switch event.what {
            case .change(let entry, let resident):
                kind = resident.map(strings.storyResident) ?? strings.storyHousehold
                what = Self.change(entry, state)
                if entry.action == .reveal { role = .warning }
            case .visit(let patrol, let findings):
                kind = strings.storyVisit
                let found = findings.map { finding in
                    finding.kind.name(state.language) + strings.separator + finding.text
                        + (finding.caseID.map { " → " + (state.data.caseNumbers[$0] ?? $0.rawValue) } ?? "")
                }
                what = ([patrol.kind.name(state.language)] + found + (patrol.notes.isEmpty ? [] : [patrol.notes])).joined(separator: "  ")
                if findings.contains(where: { $0.kind == .hazard }) { role = .warning }
            case .caseStep(let number, let title, let entry):
                kind = strings.storyCase(number)
                what = (entry.kind == .raised ? title + "  " : "") + builder.timelineText(entry)
            }
            let text = TimeText.minute(event.at, timeZone: state.data.timeZone) + "  " + kind + "  " + Self.name(of: event.actor, state) + "  " + what
            return DetailLine(text, role: role, indent: 18)
        }
    }

    /// A worker's name, or what the entry holds when it names no worker on file (a login typed).
    private static func name(of actor: String, _ state: AppState) -> String {
        state.data.workers[RecordID(actor)]?.name ?? actor
    }

    /// What an audit entry did and to which fields (names only: the trail holds no values).
    private static func change(_ entry: AuditEntry, _ state: AppState) -> String {
        let fields = entry.fields.map { FieldNames.label($0, in: state.language) }.joined(separator: state.strings.listSeparator)
        return entry.action.name(state.language) + (fields.isEmpty ? "" : state.strings.separator + fields)
    }

    static func draw(into buffer: inout Buffer, _ state: AppState, glyphs: Glyphs) {
        guard let panel = state.history else { return }
        let title = panel.story == nil ? state.strings.historyTitle(panel.title) : state.strings.storyTitle(panel.title)
        Overlay.draw(into: &buffer, title: title, lines: panel.lines(state), offset: panel.offset, maxWidth: maxWidth, glyphs: glyphs,
                     position: state.strings.helpPosition)
    }
}
