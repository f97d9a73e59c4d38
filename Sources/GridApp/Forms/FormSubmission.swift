import Foundation
import GridModel

/// Turns a filled-in form into the records to save, in the order they must be saved.
enum FormSubmission {
    static func changes(_ form: RecordForm, _ state: AppState) -> Result<[RecordChange], FormError> {
        let data = state.data
        let language = state.language
        let instant = state.clock
        let gone = FormError(key: form.fields.first?.key, message: state.strings.recordGone)
        switch form.purpose {
        case .caseStep(let action, let caseID):
            guard let disputeCase = data.cases.first(where: { $0.id == caseID }) else { return .failure(gone) }
            // A step never goes before the last one, even if this machine's clock is behind.
            let at = max(instant, disputeCase.timeline.last?.at ?? instant)
            return CaseStepForm.apply(form, action, to: disputeCase, by: state.actor, at: at, today: data.today, language: language)
                .map { [.disputeCase($0)] }

        case .caseDetails(let caseID):
            guard let disputeCase = data.cases.first(where: { $0.id == caseID }) else { return .failure(gone) }
            if let changed = form.checkUnchanged(since: disputeCase.meta.revision, language) { return .failure(changed) }
            return CaseEntryForm.edited(disputeCase, from: form, at: instant, timeZone: data.timeZone, language: language).map { [.disputeCase($0)] }

        case .newCase(let grid, let patrolID, let finding):
            return CaseEntryForm.newCase(from: form, grid: grid, patrolID: patrolID, by: state.actor, at: instant, today: data.today,
                                         timeZone: data.timeZone, language: language).flatMap { created in
                // The finding remembers the case it opened.
                guard let patrolID, let finding, var patrol = data.patrols.first(where: { $0.id == patrolID }),
                      patrol.findings.indices.contains(finding) else { return .success([.disputeCase(created)]) }
                patrol.findings[finding].caseID = created.id
                return .success([.disputeCase(created), .patrol(patrol)])
            }

        case .household(let id, let grid):
            let existing = id.flatMap { id in data.households.first { $0.id == id } }
            if id != nil && existing == nil { return .failure(gone) }
            if let changed = form.checkUnchanged(since: existing?.meta.revision, language) { return .failure(changed) }
            return HouseholdForm.record(from: form, existing: existing, grid: grid, by: state.actor, at: instant, timeZone: data.timeZone, language: language)
                .map { [.household($0)] }

        case .resident(let id, let householdID):
            let existing = id.flatMap { id in data.residents.values.lazy.flatMap { $0 }.first { $0.id == id } }
            guard let household = data.households.first(where: { $0.id == (existing?.householdID ?? householdID) }),
                  id == nil || existing != nil else { return .failure(gone) }
            if let changed = form.checkUnchanged(since: existing?.meta.revision, language) { return .failure(changed) }
            return ResidentForm.record(from: form, existing: existing, household: household, by: state.actor, at: instant,
                                       today: data.today, timeZone: data.timeZone, language: language).map { [.resident($0)] }

        case .patrol(let id, let grid):
            let existing = id.flatMap { id in data.patrols.first { $0.id == id } }
            if id != nil && existing == nil { return .failure(gone) }
            if let changed = form.checkUnchanged(since: existing?.meta.revision, language) { return .failure(changed) }
            return PatrolForm.record(from: form, existing: existing, grid: grid, by: state.actor, at: instant, today: data.today,
                                     timeZone: data.timeZone, language: language).map { patrol in
                // A visit brings the household's last-visit date forward.
                var changes: [RecordChange] = [.patrol(patrol)]
                let day = Day(patrol.start, in: data.timeZone)
                if existing == nil, let visited = patrol.householdIDs.first,
                   var household = data.households.first(where: { $0.id == visited }), (household.lastVisit ?? day.adding(days: -1)) < day {
                    household.lastVisit = day
                    changes.append(.household(household))
                }
                return changes
            }

        case .grid(let id):
            let existing = id.flatMap { id in data.grids.first { $0.id == id } }
            if id != nil && existing == nil { return .failure(gone) }
            if let changed = form.checkUnchanged(since: existing?.meta.revision, language) { return .failure(changed) }
            return GridForm.record(from: form, existing: existing, data: data, by: state.actor, at: instant, language: language).map { [.grid($0)] }

        case .microGrid(let number, let code):
            guard let grid = data.grid(code) else { return .failure(gone) }
            if let changed = form.checkUnchanged(since: grid.meta.revision, language) { return .failure(changed) }
            return MicroGridForm.record(from: form, number: number, in: grid, at: instant, timeZone: data.timeZone, language: language)
                .map { [.grid($0)] }

        case .move(let id, let isResident):
            return MoveForm.changes(from: form, id: id, isResident: isResident, state).map { [$0] }

        case .finding(let patrolID):
            guard let patrol = data.patrols.first(where: { $0.id == patrolID }) else { return .failure(gone) }
            return FindingForm.record(from: form, patrol: patrol, at: instant, timeZone: data.timeZone, language: language).map { [.patrol($0)] }
        }
    }
}
