import GridModel
import TerminalUI

/// What the detail pane shows for the selected record. ID and phone numbers appear masked only.
struct DetailBuilder {
    let data: DashboardData
    let language: Language
    /// Residents whose numbers are shown in full; everyone else's are masked.
    var revealed: Set<RecordID> = []
    var strings: UIStrings { UIStrings.forLanguage(language) }

    func lines(for screen: ScreenID, at index: Int) -> [DetailLine] {
        switch screen {
        case .overview: return OverviewSection(rawValue: index).map(overview) ?? []
        case .grids: return data.grids.indices.contains(index) ? grid(data.grids[index]) : []
        case .households: return data.households.indices.contains(index) ? household(data.households[index]) : []
        case .patrols: return data.patrols.indices.contains(index) ? patrol(data.patrols[index]) : []
        case .cases: return data.cases.indices.contains(index) ? disputeCase(data.cases[index]) : []
        }
    }

    // MARK: Screens

    private func overview(_ section: OverviewSection) -> [DetailLine] {
        let overview = data.overview
        var lines = [DetailLine(strings.overviewSections[section.rawValue], role: .title)]
        switch section {
        case .records:
            lines += table(RecordKind.allCases.map { [$0.name(language), String(overview.counts[$0] ?? 0)] })
        case .casesByStage:
            lines += table([["", strings.overviewOpen, strings.overviewOverdue]]
                           + CaseStage.allCases.filter(\.isOpen).map { [$0.name(language), String(overview.openByStage[$0] ?? 0), String(overview.overdueByStage[$0] ?? 0)] })
        case .casesByLevel:
            lines += table([["", strings.overviewOpen, strings.overviewOverdue]]
                           + CaseLevel.allCases.map { [$0.name(language), String(overview.openByLevel[$0] ?? 0), String(overview.overdueByLevel[$0] ?? 0)] })
        case .patrols:
            lines += table([[strings.thisWeek, String(overview.patrolsThisWeek)], [strings.thisMonth, String(overview.patrolsThisMonth)]])
        case .visits:
            lines.append(DetailLine(strings.visitsOverdue(overview.taggedResidentsOverdue, overview.taggedResidents),
                                    role: overview.taggedResidentsOverdue > 0 ? .warning : .normal))
        case .settled:
            guard overview.resolvedCases > 0 else { return lines + [DetailLine(strings.noneSettled, role: .dim)] }
            let above = (overview.resolvedByLevel[.street] ?? 0) + (overview.resolvedByLevel[.district] ?? 0)
            let counts = [overview.resolvedByLevel[.grid] ?? 0, overview.resolvedByLevel[.community] ?? 0, above]
            lines += table(zip(strings.settledIn, counts).map { [$0, String($1), String(Int((Double($1) * 100 / Double(overview.resolvedCases)).rounded())) + "%"] })
        }
        return lines
    }

    private func grid(_ grid: Grid) -> [DetailLine] {
        var lines = [DetailLine(grid.name + "  " + grid.code.rawValue, role: .title)]
        lines.append(field("kind", grid.kind.name(language)))
        lines.append(field("communityName", [grid.districtName, grid.streetName, grid.communityName].joined(separator: " ")))
        lines.append(DetailLine(strings.worker + "  " + data.workerName(grid.workerID)))
        lines.append(field("headName", grid.headName))
        if data.loadedGrid == nil || data.loadedGrid == grid.code {
            let households = data.households.filter { $0.gridCode == grid.code }
            let people = households.reduce(0) { $0 + (data.residents[$1.id]?.count ?? 0) }
            lines.append(DetailLine(strings.households + "  " + String(households.count) + "    " + strings.residents + "  " + String(people)))
            let heads = grid.microGrids.count
            let broken = households.count > heads * grid.householdsPerMicroGridHead
            lines.append(DetailLine(strings.staffing(households.count, heads, grid.householdsPerMicroGridHead), role: broken ? .warning : .normal))
            if broken { lines.append(DetailLine(strings.staffingBroken, role: .warning)) }
        }
        lines.append(DetailLine(strings.counted(FieldNames.label("microGrids", in: language), grid.microGrids.count), role: .header))
        for micro in grid.microGrids {
            // Each building once, whatever the file says.
            var seen = Set<String>()
            let buildings = micro.buildings.filter { seen.insert($0).inserted }
            lines.append(DetailLine("  " + strings.microGridLine(micro.number, micro.headName, buildings.joined(separator: strings.listSeparator)), indent: 4))
        }
        return lines
    }

    private func household(_ household: Household) -> [DetailLine] {
        var lines = [DetailLine(household.address.line, role: .title)]
        let gridName = data.grid(household.gridCode)?.name ?? ""
        lines.append(DetailLine(strings.grid + "  " + gridName + " " + household.gridCode.rawValue
                                + (household.microGrid.map { "    " + FieldNames.label("microGrid", in: language) + "  " + String($0) } ?? "")))
        lines.append(field("residency", household.residency.name(language)))
        if !household.tags.isEmpty {
            lines.append(field("tags", household.tags.map { HouseholdTag(rawValue: $0)?.name(language) ?? $0 }.joined(separator: strings.listSeparator)))
        }
        let visit = household.lastVisit.map { strings.aside($0.iso, strings.daysAgo(data.today.days(since: $0))) } ?? strings.never
        lines.append(field("lastVisit", visit))
        if let volunteer = household.pairedVolunteer { lines.append(field("pairedVolunteer", volunteer)) }
        if !household.notes.isEmpty { lines.append(field("notes", household.notes)) }
        let people = data.residents[household.id] ?? []
        lines.append(DetailLine(strings.counted(strings.residents, people.count), role: .header))
        for (item, person) in people.enumerated() {
            let summary = [person.name, person.gender.name(language), strings.ageYears(person.age(on: data.today)),
                           person.relation.name(language), person.status.name(language)]
            lines.append(DetailLine("  " + summary.joined(separator: "  "), role: person.status == .livingHere ? .normal : .dim, indent: 4, item: item))
            if !person.tags.isEmpty {
                lines.append(DetailLine("    " + person.tags.map { $0.name(language) }.joined(separator: strings.listSeparator), role: .accent,
                                        indent: 4, item: item))
            }
            let full = revealed.contains(person.id)
            let numbers = [person.idNumber.map { FieldNames.label("idNumber", in: language) + " " + (full ? $0 : ResidentIDNumber.masked($0)) },
                           person.phone.map { FieldNames.label("phone", in: language) + " " + (full ? $0 : MobileNumber.masked($0)) }].compactMap { $0 }
            if !numbers.isEmpty { lines.append(DetailLine("    " + numbers.joined(separator: "  "), role: .dim, indent: 4, item: item)) }
        }
        return lines
    }

    private func patrol(_ patrol: PatrolLog) -> [DetailLine] {
        var lines = [DetailLine(patrol.kind.name(language) + "  " + TimeText.minute(patrol.start, timeZone: data.timeZone) + "–" + TimeText.clock(patrol.end, timeZone: data.timeZone), role: .title)]
        lines.append(DetailLine(strings.worker + "  " + data.workerName(patrol.workerID) + "    " + strings.grid + "  "
                                + (data.grid(patrol.gridCode)?.name ?? patrol.gridCode.rawValue)))
        let addresses = data.addresses
        lines.append(DetailLine(strings.counted(FieldNames.label("householdIDs", in: language), patrol.householdIDs.count), role: .header))
        for id in patrol.householdIDs { lines.append(DetailLine("  " + (addresses[id] ?? id.rawValue), indent: 4)) }
        lines.append(DetailLine(strings.counted(FieldNames.label("findings", in: language), patrol.findings.count), role: .header))
        let caseNumbers = data.caseNumbers
        for (item, finding) in patrol.findings.enumerated() {
            var text = "  " + finding.kind.name(language) + strings.separator + finding.text
            if let id = finding.caseID { text += "  [" + strings.openedCase + " " + (caseNumbers[id] ?? id.rawValue) + "]" }
            lines.append(DetailLine(text, role: finding.kind == .hazard ? .warning : .normal, indent: 4, item: item))
        }
        if !patrol.notes.isEmpty { lines.append(field("notes", patrol.notes)) }
        return lines
    }

    private func disputeCase(_ item: DisputeCase) -> [DetailLine] {
        var lines = [DetailLine(item.number + "  " + item.title, role: .title)]
        lines.append(DetailLine([label("category") + " " + item.category.name(language), label("source") + " " + item.source.name(language),
                                 label("matterClass") + " " + item.matterClass.name(language)].joined(separator: "  ")))
        lines.append(DetailLine([label("stage") + " " + item.stage.name(language), label("level") + " " + item.level.name(language),
                                 label("assigneeID") + " " + data.workerName(item.assigneeID)].joined(separator: "  ")))
        if let deadline = item.deadline {
            let overdue = item.isOverdue(on: data.today)
            lines.append(DetailLine(label("deadline") + "  " + deadline.iso + (overdue ? "  " + strings.overdue : ""), role: overdue ? .danger : .normal))
        }
        lines.append(DetailLine(label("raisedOn") + "  " + item.raisedOn.iso + "    " + strings.grid + "  "
                                + (data.grid(item.gridCode)?.name ?? item.gridCode.rawValue)
                                + (item.patrolID == nil ? "" : "    " + strings.fromPatrolCase)))
        lines.append(field("parties", item.parties.map { $0.role.isEmpty ? $0.name : strings.aside($0.name, $0.role) }.joined(separator: strings.listSeparator)))
        if let outcome = item.outcome { lines.append(field("outcome", outcome.name(language))) }
        if let agreement = item.agreement { lines.append(field("agreement", agreement)) }
        if item.outcome == nil, let earlier = item.timeline.last(where: { $0.kind == .outcomeRecorded }), let outcome = earlier.outcome {
            // Reopening clears the outcome, but what was agreed before still matters to the next round.
            lines.append(DetailLine(strings.outcomeBeforeReopening, role: .header))
            lines.append(field("outcome", outcome.name(language)))
            if let agreement = earlier.agreement { lines.append(field("agreement", agreement)) }
        }
        if let satisfaction = item.satisfaction {
            lines.append(DetailLine(label("satisfaction") + "  " + satisfaction.name(language)
                                    + (item.followUp.map { "    " + label("followUp") + "  " + $0.iso } ?? "")))
        }
        lines.append(DetailLine(strings.counted(strings.timeline, item.timeline.count), role: .header))
        for entry in item.timeline {
            lines.append(DetailLine("  " + TimeText.minute(entry.at, timeZone: data.timeZone) + "  " + data.workerName(entry.by) + "  " + timelineText(entry), indent: 4))
        }
        return lines
    }

    private func timelineText(_ entry: TimelineEntry) -> String {
        var text = entry.kind.name(language)
        switch entry.kind {
        case .advanced, .reopened, .raised: text += entry.stage.map { " → " + $0.name(language) } ?? ""
        case .escalated: text += entry.level.map { " → " + $0.name(language) } ?? ""
        case .assigned: text += " → " + data.workerName(entry.assigneeID)
        case .deadlineSet: text += entry.deadline.map { " " + $0.iso } ?? ""
        case .outcomeRecorded:
            text += entry.outcome.map { " " + $0.name(language) } ?? ""
            text += entry.agreement.map { strings.separator + $0 } ?? ""
        case .satisfactionRecorded: text += entry.satisfaction.map { " " + $0.name(language) } ?? ""
        case .note: break
        }
        return entry.note.isEmpty ? text : text + strings.separator + entry.note
    }

    // MARK: Pieces

    private func label(_ key: String) -> String { FieldNames.label(key, in: language) }

    private func field(_ key: String, _ value: String) -> DetailLine {
        let name = label(key)
        return DetailLine(name + "  " + value, indent: DisplayWidth.of(name) + 2)
    }

    /// Rows with their columns lined up by display width.
    private func table(_ rows: [[String]]) -> [DetailLine] {
        let columns = rows.map(\.count).max() ?? 0
        let widths = (0..<columns).map { column in rows.map { column < $0.count ? DisplayWidth.of($0[column]) : 0 }.max() ?? 0 }
        return rows.map { row in
            DetailLine("  " + row.enumerated().map { column, cell in
                column == row.count - 1 ? cell : DisplayWidth.padded(cell, to: widths[column]) + "  "
            }.joined())
        }
    }
}
