import Foundation
import GridModel

/// The resident form. An ID number fills in the birth date and gender it encodes.
///
/// Editing someone whose numbers are masked leaves the ID and phone fields empty, saying what is
/// on file in masked form: left empty they keep it, typed over they replace it. So opening the
/// form never shows a number that was not revealed (`x`, audited) first.
enum ResidentForm {
    static func make(_ resident: Resident?, showingNumbers: Bool = true, language: Language) -> RecordForm {
        var form = RecordForm(.resident(resident?.id, householdID: resident?.householdID ?? RecordID("")),
                              fields: fields(resident, showingNumbers: showingNumbers, language))
        form.openedRevision = resident?.meta.revision
        form.grid = resident?.gridCode
        return form
    }

    /// A new resident of `household`: its head when it has none yet, else the spouse when it has
    /// none, else a child (the relation stays a choice).
    static func make(newIn household: Household, relationsOnFile: Set<Relation>, language: Language) -> RecordForm {
        var form = RecordForm(.resident(nil, householdID: household.id), fields: fields(nil, showingNumbers: true, language))
        form.grid = household.gridCode
        let relation: Relation = !relationsOnFile.contains(.head) ? .head : !relationsOnFile.contains(.spouse) ? .spouse : .child
        form[.relation] = .pick(.relation, Relation.self, selected: relation, language: language)
        return form
    }

    private static func fields(_ resident: Resident?, showingNumbers: Bool, _ language: Language) -> [FormField] {
        let strings = UIStrings.forLanguage(language)
        var idNumber = FormField(.idNumber, .text, check: .idNumber, text: showingNumbers ? resident?.idNumber ?? "" : "")
        var phone = FormField(.phone, .text, check: .mobile, text: showingNumbers ? resident?.phone ?? "" : "")
        if !showingNumbers {
            idNumber.keptValueHint = resident?.idNumber.map { strings.keepUnchanged(ResidentIDNumber.masked($0)) }
            phone.keptValueHint = resident?.phone.map { strings.keepUnchanged(MobileNumber.masked($0)) }
        }
        return [
            FormField(.name, .text, required: true, text: resident?.name ?? ""),
            idNumber,
            .pick(.gender, Gender.self, selected: resident?.gender, language: language),
            FormField(.birthDate, .date, text: resident?.birthDate.iso ?? ""),
            phone,
            .pick(.relation, Relation.self, selected: resident?.relation, language: language),
            .pick(.status, ResidentStatus.self, selected: resident?.status, language: language),
            // The day someone moved out or died, with those statuses only.
            FormField(.leftOn, .date, text: resident?.leftOn?.iso ?? ""),
            .flags(.tags, PopulationTag.self, selected: resident?.tags ?? [], language: language),
            FormField(.notes, .notes, text: resident?.notes ?? ""),
        ]
    }

    /// The resident as the form describes it, or the field that is wrong.
    static func record(from form: RecordForm, existing: Resident?, household: Household, by actor: RecordID, at instant: Date,
                       today: Day, timeZone: TimeZone, language: Language) -> Result<Resident, FormError> {
        if let missing = form.missingRequired(language) { return .failure(missing) }
        var parsed: ResidentIDNumber?
        if let text = form.optionalValue(.idNumber) ?? form.keptValue(.idNumber, existing?.idNumber) {
            do { parsed = try ResidentIDNumber.parse(text) } catch { return .failure(FormError(key: .idNumber, message: error.message(in: language))) }
        }
        let birthDate: Day
        switch form.day(.birthDate, today: today, language: language) {
        case .failure(let error): return .failure(error)
        case .success(let day):
            guard let day = day ?? parsed?.birthDate else {
                return .failure(FormError(key: .birthDate, message: RuleViolation("birthDate", .required).message(in: language)))
            }
            birthDate = day
        }
        let leftOn: Day?
        switch form.day(.leftOn, today: today, language: language) {
        case .failure(let error): return .failure(error)
        case .success(let day): leftOn = day
        }
        let gender = Gender(rawValue: form.value(.gender)) ?? .male
        let phone = (form.optionalValue(.phone) ?? form.keptValue(.phone, existing?.phone)).map { MobileNumber.normalized($0) ?? $0 }
        var resident = existing ?? Resident(meta: form.newMeta(by: actor, at: instant, prefix: "R"), householdID: household.id, gridCode: household.gridCode,
                                            name: "", gender: gender, birthDate: birthDate, idNumber: nil, phone: nil, relation: .other)
        resident.name = form.value(.name)
        resident.idNumber = parsed?.text
        resident.gender = gender
        resident.birthDate = birthDate
        resident.phone = phone
        resident.relation = Relation(rawValue: form.value(.relation)) ?? resident.relation
        resident.status = ResidentStatus(rawValue: form.value(.status)) ?? resident.status
        resident.leftOn = leftOn
        resident.tags = form.value(.tags).split(separator: ",").compactMap { PopulationTag(rawValue: String($0)) }
        resident.notes = form.value(.notes)
        let violations = resident.violations(in: ValidationContext(now: instant, timeZone: timeZone)) + (existing.map(resident.violations(replacing:)) ?? [])
        if let error = form.error(for: violations, language: language) { return .failure(error) }
        return .success(resident)
    }
}
