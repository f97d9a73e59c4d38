import Foundation
import GridModel

/// One more finding on a saved patrol log.
enum FindingForm {
    static func make(for patrol: PatrolLog, households: [(id: RecordID, label: String)], language: Language) -> RecordForm {
        var form = RecordForm(.finding(patrolID: patrol.id), fields: [
            .pick(.findingKind, FindingKind.self, selected: .request, language: language),
            FormField(.findingText, .text, required: true),
            PatrolForm.householdChoice(households, selected: patrol.householdIDs.first, language: language),
        ])
        form.grid = patrol.gridCode
        return form
    }

    static func record(from form: RecordForm, patrol: PatrolLog, at instant: Date, timeZone: TimeZone, language: Language) -> Result<PatrolLog, FormError> {
        if let missing = form.missingRequired(language) { return .failure(missing) }
        var changed = patrol
        changed.findings.append(Finding(kind: FindingKind(rawValue: form.value(.findingKind)) ?? .request, text: form.value(.findingText),
                                        householdID: form.optionalValue(.household).map { RecordID($0) }))
        let violations = changed.violations(in: ValidationContext(now: instant, timeZone: timeZone))
        if let error = form.error(for: violations, language: language, fieldFor: ["text": .findingText]) { return .failure(error) }
        return .success(changed)
    }
}
