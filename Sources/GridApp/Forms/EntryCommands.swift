import GridModel

/// Opens the form a data-entry key asks for, filled in from what is selected: a household's
/// visit and its residents, a patrol's findings, a case's description.
enum EntryCommands {
    static func open(_ state: inout AppState, _ command: Command) {
        let data = state.data
        let language = state.language
        switch (command, state.screen) {
        case (.newRecord, .grids):
            state.form = GridForm.make(nil, data: data, language: language)
        case (.edit, .grids):
            guard let grid = state.selectedGrid else { return }
            if let micro = state.selectedMicroGrid {
                state.form = MicroGridForm.make(micro, in: grid, language: language)
            } else {
                state.form = GridForm.make(grid, data: data, language: language)
            }
        case (.addMicroGrid, .grids):
            guard let grid = state.selectedGrid else { return }
            state.form = MicroGridForm.make(nil, in: grid, language: language)

        case (.newRecord, .households):
            guard let grid = targetGrid(state) else { return }
            state.form = HouseholdForm.make(nil, in: grid, language: language)
        case (.newRecord, .patrols):
            guard let grid = targetGrid(state) else { return }
            state.form = PatrolForm.make(newIn: grid.code, visiting: nil, households: data.householdOptions(in: grid.code), now: state.clock,
                                         today: data.today, timeZone: data.timeZone, language: language)
        case (.newRecord, .cases):
            guard let grid = targetGrid(state) else { return }
            state.form = CaseEntryForm.make(newIn: grid.code, from: CaseEntryForm.Origin(), today: data.today, language: language)

        case (.edit, .households):
            if let resident = state.selectedResident {
                state.form = ResidentForm.make(resident, showingNumbers: state.revealed.contains(resident.id), language: language)
            } else if let household = state.selectedHousehold, let grid = data.grid(household.gridCode) {
                state.form = HouseholdForm.make(household, in: grid, language: language)
            }
        case (.edit, .patrols):
            guard let patrol = state.selectedPatrol else { return }
            state.form = PatrolForm.make(editing: patrol, timeZone: data.timeZone, language: language)
        case (.edit, .cases):
            guard let disputeCase = state.selectedCase else { return }
            state.form = CaseEntryForm.make(editing: disputeCase, language: language)

        case (.moveRecord, .households):
            if let resident = state.selectedResident {
                state.form = MoveForm.make(resident: resident, data: data, language: language)
            } else if let household = state.selectedHousehold {
                state.form = MoveForm.make(household: household, data: data, language: language)
            }
        case (.addResident, .households):
            guard let household = state.selectedHousehold else { return }
            let relations = Set((data.residents[household.id] ?? []).map(\.relation))
            state.form = ResidentForm.make(newIn: household, relationsOnFile: relations, language: language)
        case (.logVisit, .households), (.logVisit, .todo):
            guard let household = state.selectedHousehold ?? state.selectedTodoHousehold else { return }
            state.form = PatrolForm.make(newIn: household.gridCode, visiting: household, households: data.householdOptions(in: household.gridCode),
                                         now: state.clock, today: data.today, timeZone: data.timeZone, language: language)
        case (.addFinding, .patrols):
            guard let patrol = state.selectedPatrol else { return }
            state.form = FindingForm.make(for: patrol, households: data.householdOptions(in: patrol.gridCode), language: language)

        case (.openCase, .households):
            guard let household = state.selectedHousehold else { return }
            let people = data.residents[household.id] ?? []
            // The resident picked in the detail pane, else the head of household.
            let party = state.selectedResident ?? people.first { $0.relation == .head } ?? people.first
            var origin = CaseEntryForm.Origin()
            origin.parties = party.map { [Party(name: $0.name, residentID: $0.id)] } ?? []
            state.form = CaseEntryForm.make(newIn: household.gridCode, from: origin, today: data.today, language: language)
        case (.openCase, .patrols):
            guard let patrol = state.selectedPatrol else { return }
            // The finding picked in the detail pane, else the first that has not opened a case.
            let index = state.focus == .detail ? state.detailItem : (patrol.findings.firstIndex { $0.caseID == nil } ?? 0)
            guard patrol.findings.indices.contains(index) else {
                state.message = StatusMessage(state.strings.noFindings, isError: true)
                return
            }
            let finding = patrol.findings[index]
            // A case opened from it whose link failed to save still counts: never a second case.
            let opened = finding.caseID ?? data.cases.first { $0.patrolID == patrol.id && $0.title == finding.text }?.id
            if let opened {
                state.message = StatusMessage(state.strings.findingHasCase(data.caseNumbers[opened] ?? opened.rawValue), isError: true)
                return
            }
            var origin = CaseEntryForm.Origin(title: finding.text, source: .patrol, patrolID: patrol.id, finding: index)
            let people = finding.householdID.flatMap { data.residents[$0] } ?? []
            if let head = people.first(where: { $0.relation == .head }) ?? people.first {
                origin.parties = [Party(name: head.name, residentID: head.id)]
            }
            state.form = CaseEntryForm.make(newIn: patrol.gridCode, from: origin, today: data.today, language: language)
        default:
            break
        }
    }

    /// Where a new record goes: the grid being shown, else the selected row's, else the first.
    private static func targetGrid(_ state: AppState) -> Grid? {
        let code = state.scope ?? state.list.selectedRow.flatMap { state.rows[state.screen]?[$0].gridCode }
        return code.flatMap { state.data.grid($0) } ?? state.data.grids.first
    }
}
