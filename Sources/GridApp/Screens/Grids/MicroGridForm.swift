import Foundation
import GridModel

/// The micro-grid form: its number (kept once saved: households name their micro-grid by it), its
/// head and their phone, and the buildings it covers typed on one line (`1栋、2栋`). Saving it
/// saves the grid the micro-grid belongs to.
///
/// The head's phone on file is shown masked, as a resident's is: left empty it is kept, typed
/// over it is replaced. So opening the form never shows a number in full.
enum MicroGridForm {
    static func make(_ micro: MicroGrid?, in grid: Grid, language: Language) -> RecordForm {
        let strings = UIStrings.forLanguage(language)
        var phone = FormField(.headPhone, .text, check: .mobile)
        phone.keptValueHint = micro?.headPhone.map { strings.keepUnchanged(MobileNumber.masked($0)) }
        var form = RecordForm(.microGrid(number: micro?.number, grid: grid.code), fields: [
            FormField(.number, .text, required: true, text: String(micro?.number ?? grid.nextMicroGridNumber)),
            FormField(.headName, .text, required: true, text: micro?.headName ?? ""),
            phone,
            FormField(.buildings, .text, text: (micro?.buildings ?? []).joined(separator: strings.listSeparator)),
        ])
        // A new micro-grid is added to the grid as it is when saved; an edit refuses a grid changed since.
        form.openedRevision = micro == nil ? nil : grid.meta.revision
        return form
    }

    /// The grid with the micro-grid as the form describes it (added, or in place of the one
    /// numbered `number`), or the field that is wrong.
    static func record(from form: RecordForm, number: Int?, in grid: Grid, at instant: Date, timeZone: TimeZone,
                       language: Language) -> Result<Grid, FormError> {
        if let missing = form.missingRequired(language) { return .failure(missing) }
        guard let typed = Int(form.value(.number)) else {
            return .failure(FormError(key: .number, message: RuleViolation("number", .outOfRange).message(in: language)))
        }
        let index = number.flatMap { number in grid.microGrids.firstIndex { $0.number == number } }
        if number != nil && index == nil {
            return .failure(FormError(key: .number, message: UIStrings.forLanguage(language).recordGone))
        }
        if let number, typed != number {
            return .failure(FormError(key: .number, message: RuleViolation("number", .microGridNumberFixed).message(in: language)))
        }
        var micro = index.map { grid.microGrids[$0] } ?? MicroGrid(number: typed, headName: "", headPhone: nil, buildings: [])
        micro.headName = form.value(.headName)
        micro.headPhone = (form.optionalValue(.headPhone) ?? form.keptValue(.headPhone, micro.headPhone)).map { MobileNumber.normalized($0) ?? $0 }
        micro.buildings = MicroGrid.buildingNames(form.value(.buildings))
        var updated = grid
        if let index { updated.microGrids[index] = micro } else { updated.microGrids.append(micro) }
        updated.microGrids.sort { $0.number < $1.number }
        // The micro-grid's own rules name its fields plainly (`buildings[2]`); the grid's the rest.
        var violations = micro.violations()
        if updated.microGrids.filter({ $0.number == typed }).count > 1 { violations.insert(RuleViolation("number", .duplicate), at: 0) }
        if violations.isEmpty { violations = updated.violations(in: ValidationContext(now: instant, timeZone: timeZone)) }
        if let error = form.error(for: violations, language: language) { return .failure(error) }
        return .success(updated)
    }
}
