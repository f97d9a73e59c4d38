import Foundation
import GridModel

/// A new case, or a case's own description. The workflow (stage, level, outcome...) is never
/// part of it: those change only through the steps of `CaseStepForm`.
enum CaseEntryForm {
    /// What a new case starts from: a finding on patrol, a resident, or nothing.
    struct Origin {
        var title = ""
        var source = CaseSource.resident
        var parties: [Party] = []
        var patrolID: RecordID?
        var finding: Int?
    }

    static func make(newIn grid: GridCode, from origin: Origin, today: Day, language: Language) -> RecordForm {
        var form = RecordForm(.newCase(grid: grid, patrolID: origin.patrolID, finding: origin.finding), fields: [
            FormField(.title, .text, required: true, text: origin.title),
            .pick(.category, CaseCategory.self, selected: nil, language: language),
            .pick(.matterClass, MatterClass.self, selected: .smallMatter, language: language),
            .pick(.source, CaseSource.self, selected: origin.source, language: language),
            FormField(.raisedOn, .date, required: true, text: today.iso),
            FormField(.parties, .text, required: true, text: partyNames(origin.parties, language)),
            FormField(.notes, .notes),
        ])
        form.linkedParties = Dictionary(origin.parties.compactMap { party in party.residentID.map { (party.name, $0) } },
                                        uniquingKeysWith: { first, _ in first })
        return form
    }

    static func make(editing disputeCase: DisputeCase, language: Language) -> RecordForm {
        var form = RecordForm(.caseDetails(disputeCase.id), fields: [
            FormField(.title, .text, required: true, text: disputeCase.title),
            .pick(.category, CaseCategory.self, selected: disputeCase.category, language: language),
            .pick(.matterClass, MatterClass.self, selected: disputeCase.matterClass, language: language),
            .pick(.source, CaseSource.self, selected: disputeCase.source, language: language),
            FormField(.parties, .text, required: true, text: partyNames(disputeCase.parties, language)),
            FormField(.notes, .notes, text: disputeCase.notes),
        ])
        form.linkedParties = Dictionary(disputeCase.parties.compactMap { party in party.residentID.map { (party.name, $0) } },
                                        uniquingKeysWith: { first, _ in first })
        form.openedRevision = disputeCase.meta.revision
        form.grid = disputeCase.gridCode
        return form
    }

    private static func partyNames(_ parties: [Party], _ language: Language) -> String {
        parties.map(\.name).joined(separator: UIStrings.forLanguage(language).listSeparator)
    }

    /// A new case as the form describes it; its number is given when it is saved.
    static func newCase(from form: RecordForm, grid: GridCode, patrolID: RecordID?, by actor: RecordID, at instant: Date, today: Day,
                        timeZone: TimeZone, language: Language) -> Result<DisputeCase, FormError> {
        if let missing = form.missingRequired(language) { return .failure(missing) }
        let raisedOn: Day
        switch form.day(.raisedOn, today: today, language: language) {
        case .failure(let error): return .failure(error)
        case .success(let day): raisedOn = day ?? today
        }
        let created = DisputeCase(meta: form.newMeta(by: actor, at: instant, prefix: "C"), number: "JF\(raisedOn.year)-?", title: form.value(.title),
                                  category: CaseCategory(rawValue: form.value(.category)) ?? .other, parties: parties(form),
                                  gridCode: grid, source: CaseSource(rawValue: form.value(.source)) ?? .resident,
                                  matterClass: MatterClass(rawValue: form.value(.matterClass)) ?? .smallMatter, raisedOn: raisedOn,
                                  patrolID: patrolID, notes: form.value(.notes))
        return checked(created, form, instant, timeZone, language)
    }

    static func edited(_ disputeCase: DisputeCase, from form: RecordForm, at instant: Date, timeZone: TimeZone, language: Language) -> Result<DisputeCase, FormError> {
        if let missing = form.missingRequired(language) { return .failure(missing) }
        var changed = disputeCase
        changed.title = form.value(.title)
        changed.category = CaseCategory(rawValue: form.value(.category)) ?? changed.category
        changed.matterClass = MatterClass(rawValue: form.value(.matterClass)) ?? changed.matterClass
        changed.source = CaseSource(rawValue: form.value(.source)) ?? changed.source
        changed.parties = parties(form, keeping: disputeCase.parties)
        changed.notes = form.value(.notes)
        return checked(changed, form, instant, timeZone, language)
    }

    /// The names typed, each linked to the resident it was filled in from (or was before) when unchanged.
    private static func parties(_ form: RecordForm, keeping previous: [Party] = []) -> [Party] {
        words(form.value(.parties)).map { name in
            if let kept = previous.first(where: { $0.name == name }) { return kept }
            return Party(name: name, residentID: form.linkedParties[name])
        }
    }

    private static func checked(_ disputeCase: DisputeCase, _ form: RecordForm, _ instant: Date, _ timeZone: TimeZone, _ language: Language) -> Result<DisputeCase, FormError> {
        let violations = disputeCase.violations(in: ValidationContext(now: instant, timeZone: timeZone))
        if let error = form.error(for: violations, language: language, fieldFor: ["name": .parties]) { return .failure(error) }
        return .success(disputeCase)
    }

    /// "王某、李某" or "a, b": the words of a list typed in either language's way.
    static func words(_ text: String) -> [String] {
        text.split(whereSeparator: { "、,，;；".contains($0) }).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
}
