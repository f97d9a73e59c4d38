import Foundation
import GridModel

/// The patrol-log form. A new log may record a visit to one household and one finding; more
/// findings are added to a saved log one at a time (`FindingForm`).
enum PatrolForm {
    /// A new log in `grid`, as a visit to `household` when one is given.
    static func make(newIn grid: GridCode, visiting household: Household?, households: [(id: RecordID, label: String)], now: Date, today: Day,
                     timeZone: TimeZone, language: Language) -> RecordForm {
        let minutes = minutesIntoDay(now, timeZone: timeZone)
        return RecordForm(.patrol(nil, grid: grid), fields: [
            .pick(.kind, PatrolKind.self, selected: household == nil ? .routine : .homeVisit, language: language),
            FormField(.day, .date, required: true, text: today.iso),
            FormField(.start, .time, required: true, text: TimeInput.text(minutes: max(0, minutes - 30))),
            FormField(.end, .time, required: true, text: TimeInput.text(minutes: minutes)),
            householdChoice(households, selected: household?.id, language: language),
            .pick(.findingKind, FindingKind.self, selected: nil, language: language, none: UIStrings.forLanguage(language).none),
            FormField(.findingText, .text),
            FormField(.notes, .notes),
        ])
    }

    static func make(editing patrol: PatrolLog, timeZone: TimeZone, language: Language) -> RecordForm {
        var form = RecordForm(.patrol(patrol.id, grid: patrol.gridCode), fields: [
            .pick(.kind, PatrolKind.self, selected: patrol.kind, language: language),
            FormField(.day, .date, required: true, text: Day(patrol.start, in: timeZone).iso),
            FormField(.start, .time, required: true, text: TimeInput.text(minutes: minutesIntoDay(patrol.start, timeZone: timeZone))),
            FormField(.end, .time, required: true, text: TimeInput.text(minutes: minutesIntoDay(patrol.end, timeZone: timeZone))),
            FormField(.notes, .notes, text: patrol.notes),
        ])
        form.openedRevision = patrol.meta.revision
        form.grid = patrol.gridCode
        return form
    }

    /// "Which household": none, or one of the grid's, found by typing part of its address or its head's name.
    static func householdChoice(_ households: [(id: RecordID, label: String)], selected: RecordID?, language: Language) -> FormField {
        FormField(.household, .choice(values: [""] + households.map(\.id.rawValue),
                                       labels: [UIStrings.forLanguage(language).none] + households.map(\.label)),
                  selecting: [selected?.rawValue ?? ""])
    }

    /// The log as the form describes it, or the field that is wrong.
    static func record(from form: RecordForm, existing: PatrolLog?, grid: GridCode, by actor: RecordID, at instant: Date, today: Day,
                       timeZone: TimeZone, language: Language) -> Result<PatrolLog, FormError> {
        if let missing = form.missingRequired(language) { return .failure(missing) }
        let day: Day
        switch form.day(.day, today: today, language: language) {
        case .failure(let error): return .failure(error)
        case .success(let typed): day = typed ?? today
        }
        var times: [Date] = []
        for key in [FieldKey.start, .end] {
            guard let minutes = TimeInput.minutes(form.value(key)) else {
                return .failure(FormError(key: key, message: RuleViolation(FieldPath(stringLiteral: key.rawValue), .timeFormat).message(in: language)))
            }
            times.append(day.start(in: timeZone).addingTimeInterval(TimeInterval(minutes * 60)))
        }
        var patrol = existing ?? PatrolLog(meta: form.newMeta(by: actor, at: instant, prefix: "P"), gridCode: grid, workerID: actor, kind: .routine,
                                           start: times[0], end: times[1])
        patrol.kind = PatrolKind(rawValue: form.value(.kind)) ?? patrol.kind
        patrol.start = times[0]
        patrol.end = times[1]
        patrol.notes = form.value(.notes)
        if existing == nil {
            let household = form.optionalValue(.household).map { RecordID($0) }
            if let household { patrol.householdIDs = [household] }
            let text = form.value(.findingText)
            let kind = FindingKind(rawValue: form.value(.findingKind))
            if kind != nil && text.isEmpty {
                return .failure(FormError(key: .findingText, message: RuleViolation("findingText", .required).message(in: language)))
            }
            if !text.isEmpty { patrol.findings = [Finding(kind: kind ?? .request, text: text, householdID: household)] }
        }
        let violations = patrol.violations(in: ValidationContext(now: instant, timeZone: timeZone))
        if let error = form.error(for: violations, language: language, fieldFor: ["text": .findingText]) { return .failure(error) }
        return .success(patrol)
    }

    static func minutesIntoDay(_ instant: Date, timeZone: TimeZone) -> Int {
        Int(instant.timeIntervalSince(Day(instant, in: timeZone).start(in: timeZone))) / 60
    }
}
