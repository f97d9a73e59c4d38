import Foundation
import GridModel

/// The move form (`m` on screen 3): a household to another grid or micro-grid, or the resident
/// picked in the detail pane to another household (人户分离, a marriage, a new flat), in this grid
/// or another. Saving it is an ordinary save of the record with its new place: the store moves it
/// between files in one change, keeps its id and history, and audits the move (see `Store+Moves`).
/// A patrol moves to another month by editing its start (`e` on screen 4).
enum MoveForm {
    static func make(household: Household, data: DashboardData, language: Language) -> RecordForm {
        let grids = data.grids
        var form = RecordForm(.move(household.id, isResident: false), fields: [
            FormField(.gridCode, .choice(values: grids.map(\.code.rawValue), labels: grids.map { $0.name + " " + $0.code.rawValue }),
                      selecting: [household.gridCode.rawValue]),
            // Typed, not chosen: the target grid's micro-grids depend on the grid chosen above.
            FormField(.microGrid, .text, text: household.microGrid.map(String.init) ?? ""),
        ])
        form.openedRevision = household.meta.revision
        form.grid = household.gridCode
        return form
    }

    static func make(resident: Resident, data: DashboardData, language: Language) -> RecordForm {
        let severalGrids = Set(data.households.map(\.gridCode)).count > 1
        let households = data.households.map { household in
            (household.id.rawValue, (severalGrids ? (data.grid(household.gridCode)?.name ?? household.gridCode.rawValue) + "  " : "")
                + (data.householdOptions(in: household.gridCode).first { $0.id == household.id }?.label ?? household.address.line))
        }
        var form = RecordForm(.move(resident.id, isResident: true), fields: [
            FormField(.household, .choice(values: households.map(\.0), labels: households.map(\.1)), selecting: [resident.householdID.rawValue]),
            .pick(.relation, Relation.self, selected: resident.relation, language: language),
        ])
        form.openedRevision = resident.meta.revision
        form.grid = resident.gridCode
        return form
    }

    /// The record with its new place, or the field that is wrong: a grid the worker may not
    /// change (said with the reason), a micro-grid the target grid lacks, a household gone.
    static func changes(from form: RecordForm, id: RecordID, isResident: Bool, _ state: AppState) -> Result<RecordChange, FormError> {
        let data = state.data
        let language = state.language
        let gone = FormError(key: form.fields.first?.key, message: state.strings.recordGone)
        if isResident {
            guard var resident = data.residents.values.lazy.flatMap({ $0 }).first(where: { $0.id == id }) else { return .failure(gone) }
            if let changed = form.checkUnchanged(since: resident.meta.revision, language) { return .failure(changed) }
            guard let target = data.households.first(where: { $0.id.rawValue == form.value(.household) }) else {
                return .failure(FormError(key: .household, message: RuleViolation("householdID", .noSuchPlace).message(in: language)))
            }
            if let refusal = state.refusal(inGrid: target.gridCode) { return .failure(FormError(key: .household, message: refusal.message(in: language))) }
            resident.householdID = target.id
            resident.gridCode = target.gridCode
            resident.relation = Relation(rawValue: form.value(.relation)) ?? resident.relation
            return .success(.resident(resident))
        }
        guard var household = data.households.first(where: { $0.id == id }) else { return .failure(gone) }
        if let changed = form.checkUnchanged(since: household.meta.revision, language) { return .failure(changed) }
        let target = GridCode(form.value(.gridCode))
        if let refusal = state.refusal(inGrid: target) { return .failure(FormError(key: .gridCode, message: refusal.message(in: language))) }
        var micro: Int?
        if let typed = form.optionalValue(.microGrid) {
            guard let number = Int(typed) else {
                return .failure(FormError(key: .microGrid, message: RuleViolation("microGrid", .outOfRange).message(in: language)))
            }
            micro = number
        }
        if let micro, let grid = data.grid(target), !grid.microGrids.contains(where: { $0.number == micro }) {
            return .failure(FormError(key: .microGrid, message: RuleViolation("microGrid", .noSuchPlace).message(in: language)))
        }
        household.gridCode = target
        household.microGrid = micro
        return .success(.household(household))
    }
}
