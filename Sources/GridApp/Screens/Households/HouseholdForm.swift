import Foundation
import GridModel

/// The household form: its address, residency, micro-grid, tags and notes.
enum HouseholdForm {
    static func make(_ household: Household?, in grid: Grid, language: Language) -> RecordForm {
        let strings = UIStrings.forLanguage(language)
        var numbers = grid.microGrids.map { String($0.number) }, labels = grid.microGrids.map { String($0.number) + " " + $0.headName }
        // A micro-grid no longer on the grid's list stays chosen rather than being dropped unseen.
        if let current = household?.microGrid.map(String.init), !numbers.contains(current) {
            numbers.append(current)
            labels.append(current)
        }
        let micro = FormField(.microGrid, .choice(values: [""] + numbers, labels: [strings.none] + labels),
                              selecting: [household?.microGrid.map(String.init) ?? ""])
        let address = household?.address
        var form = RecordForm(.household(household?.id, grid: grid.code), fields: [
            FormField(.compound, .text, required: true, text: address?.compound ?? ""),
            FormField(.building, .text, required: true, text: address?.building ?? ""),
            FormField(.unit, .text, text: address?.unit ?? ""),
            FormField(.room, .text, text: address?.room ?? ""),
            .pick(.residency, Residency.self, selected: household?.residency, language: language),
            micro,
            tags(household?.tags ?? [], language: language),
            FormField(.pairedVolunteer, .text, text: household?.pairedVolunteer ?? ""),
            FormField(.notes, .notes, text: household?.notes ?? ""),
        ])
        form.openedRevision = household?.meta.revision
        form.grid = grid.code
        return form
    }

    /// The household as the form describes it, or the field that is wrong.
    static func record(from form: RecordForm, existing: Household?, grid: GridCode, by actor: RecordID, at instant: Date,
                       timeZone: TimeZone, language: Language) -> Result<Household, FormError> {
        if let missing = form.missingRequired(language) { return .failure(missing) }
        let address = Address(compound: form.value(.compound), building: form.value(.building), unit: form.value(.unit), room: form.value(.room))
        var household = existing ?? Household(meta: form.newMeta(by: actor, at: instant, prefix: "H"), gridCode: grid, microGrid: nil,
                                              address: address, residency: .ownerOccupied)
        household.address = address
        household.residency = Residency(rawValue: form.value(.residency)) ?? household.residency
        household.microGrid = Int(form.value(.microGrid))
        household.tags = form.value(.tags).split(separator: ",").map(String.init)
        household.pairedVolunteer = form.optionalValue(.pairedVolunteer)
        household.notes = form.value(.notes)
        if let error = form.error(for: household.violations(in: ValidationContext(now: instant, timeZone: timeZone)), language: language) { return .failure(error) }
        return .success(household)
    }

    /// The usual household tags ticked with Space, like a resident's; a tag on file that is not
    /// among them is offered too, ticked, so saving never drops it.
    static func tags(_ onFile: [String], language: Language) -> FormField {
        let usual = HouseholdTag.allCases.map(\.rawValue)
        let own = onFile.filter { !usual.contains($0) && !$0.contains(",") }
        let values = usual + own, labels = HouseholdTag.allCases.map { $0.name(language) } + own
        return FormField(.tags, .flags(values: values, labels: labels), selecting: onFile)
    }
}
