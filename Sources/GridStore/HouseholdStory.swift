import Foundation
import GridModel

/// Everything that happened to one household, newest first: the audit trail's entries about its
/// record and its residents', the patrol logs that visited it or found something at its door,
/// and each step of the cases linked to it. A case is linked when one of its parties is a
/// resident of the household (`Party.residentID`) or a finding at the household opened it
/// (`Finding.householdID` and `caseID`); a case has no address of its own.
public struct HouseholdStory: Hashable, Sendable {
    public struct Event: Hashable, Sendable {
        public enum What: Hashable, Sendable {
            /// An audit entry about the household's record (`resident` nil) or a resident's.
            case change(AuditEntry, resident: String?)
            /// A patrol log that named the household, with the findings made there.
            case visit(PatrolLog, findings: [Finding])
            /// One step on the timeline of a linked case.
            case caseStep(number: String, title: String, TimelineEntry)
        }

        public let at: Date
        /// A worker's id (or, in an audit entry of a login, the login typed).
        public let actor: String
        public let what: What
    }

    /// Newest first; events at the same moment keep the order in which they were recorded, the
    /// later first.
    public let events: [Event]

    public init(household: Household, residents: [Resident], patrols: [PatrolLog], cases: [DisputeCase], audit: [AuditEntry]) {
        let names = Dictionary(residents.map { ($0.id.rawValue, $0.name) }, uniquingKeysWith: { first, _ in first })
        var events: [Event] = []
        for entry in audit.sorted(by: { $0.sequence < $1.sequence }) {
            guard let record = entry.record, record == household.id.rawValue || names[record] != nil else { continue }
            events.append(Event(at: entry.at, actor: entry.actor, what: .change(entry, resident: names[record])))
        }
        var casesFound: Set<RecordID> = []
        for patrol in patrols.sorted(by: { ($0.start, $0.id) < ($1.start, $1.id) }) {
            let here = patrol.findings.filter {
                $0.householdID == household.id || ($0.householdID == nil && patrol.householdIDs == [household.id])
            }
            guard patrol.householdIDs.contains(household.id) || !here.isEmpty else { continue }
            casesFound.formUnion(here.compactMap(\.caseID))
            events.append(Event(at: patrol.start, actor: patrol.workerID.rawValue, what: .visit(patrol, findings: here)))
        }
        let people = Set(residents.map(\.id))
        for item in cases.sorted(by: { $0.number < $1.number })
        where casesFound.contains(item.id) || item.parties.contains(where: { $0.residentID.map(people.contains) ?? false }) {
            for entry in item.timeline {
                events.append(Event(at: entry.at, actor: entry.by.rawValue, what: .caseStep(number: item.number, title: item.title, entry)))
            }
        }
        self.events = events.enumerated().sorted { ($0.element.at, $0.offset) > ($1.element.at, $1.offset) }.map(\.element)
    }
}
