import Foundation
import GridModel
import GridStore
import Spreadsheet

/// Works out what importing a ledger would do, reading the folder and writing nothing: the
/// dry run prints it, the import then writes it. Every row is checked by the model's own rules
/// (`violations(in:)`), so a problem reads as the entry forms say it; a row's household is
/// matched to one on file by its address in its grid, and its person by ID number.
struct LedgerPlanner {
    let store: Store
    let options: ImportOptions
    let actor: RecordID
    let now: Date

    private var context: ValidationContext { ValidationContext(now: now, timeZone: store.manifest.communityTimeZone) }

    func plan(_ table: ReadTable, progress: ((ImportProgress) -> Void)? = nil) -> ImportPlan {
        var plan = ImportPlan()
        guard let columns = LedgerColumns(table, mappings: options.mappings) else {
            plan.problems.append(ImportProblem(row: 1, column: LocalizedText(zh: LedgerField.name.header(.zh), en: LedgerField.name.header(.en)),
                                               message: LocalizedText(
                zh: "前 \(LedgerColumns.rowsSearched) 行中找不到表头：需要“姓名”列和至少一个其他可识别的列（如身份证号、房号）；其他列名可用 --map '列名=字段' 指定",
                en: "no header row in the first \(LedgerColumns.rowsSearched) rows: one needs a name column and at least one other known column (ID number, room…); name other headers with --map 'column=field'")))
            return plan
        }
        plan.unknownColumns = columns.unknown
        plan.ignoredColumns = columns.ignored
        var problems = columns.problems
        let headerNumber = columns.headerRow + 1
        for mapping in columns.unmatched(options.mappings) {
            problems.append(ImportProblem(row: headerNumber, column: LocalizedText(zh: mapping.column, en: mapping.column), message: LocalizedText(
                zh: "--map 指定的列在表头中没有", en: "--map names a column the header row does not have")))
        }
        if columns.columns[.grid] == nil && options.grid == nil {
            problems.append(ImportProblem(row: headerNumber, column: columns.header(.grid), message: LocalizedText(
                zh: "没有网格列：请用 --grid 网格编码 指定这些行属于哪个网格", en: "there is no grid column: say which grid the rows belong to with --grid CODE")))
            plan.problems = problems
            return plan
        }

        var rows = readRows(table, columns: columns, plan: &plan, problems: &problems, progress: progress)
        findDuplicatesInFile(&rows, columns: columns, problems: &problems)
        matchPeopleOnFile(&rows, columns: columns, plan: &plan, problems: &problems, progress: progress)
        let householdIDs = planHouseholds(rows, columns: columns, plan: &plan, problems: &problems)
        planResidents(rows, householdIDs: householdIDs, columns: columns, plan: &plan, problems: &problems)
        // A new household none of whose people can be imported is not added either.
        let housed = Set((plan.newResidents + plan.changedResidents).map(\.householdID))
        plan.newHouseholds.removeAll { !housed.contains($0.id) }
        plan.grids = Array(Set(rows.compactMap(\.grid))).sorted()
        // By row, and in the order found within a row.
        plan.problems = problems.enumerated().sorted { ($0.element.row, $0.offset) < ($1.element.row, $1.offset) }.map(\.element)
        progress?(.checked(done: plan.rows, total: plan.rows))
        return plan
    }

    // MARK: Rows

    /// Every row below the header that is not blank, read cell by cell; a cell that cannot be
    /// read is a problem, and the row is marked broken.
    private func readRows(_ table: ReadTable, columns: LedgerColumns, plan: inout ImportPlan, problems: inout [ImportProblem],
                          progress: ((ImportProgress) -> Void)?) -> [LedgerRow] {
        let worker = store.workers.first { $0.id == actor }
        let byCode = Dictionary(store.grids.map { ($0.code.rawValue, $0.code) }, uniquingKeysWith: { first, _ in first })
        var byName: [String: [GridCode]] = [:]
        for grid in store.grids { byName[LedgerField.normalized(grid.name), default: []].append(grid.code) }
        var refused: [GridCode: (row: Int, rows: Int, refusal: AccessRefusal)] = [:]
        let body = table.rows.indices.dropFirst(columns.headerRow + 1)
        let total = body.count
        var rows: [LedgerRow] = []
        for index in body {
            let cells = table.rows[index]
            if (index - columns.headerRow) % 500 == 0 { progress?(.checked(done: index - columns.headerRow, total: total)) }
            if cells.allSatisfy({ LedgerValue.clean($0).isEmpty }) { continue }
            plan.rows += 1
            var row = LedgerRow(number: index + 1)
            func problem(_ field: LedgerField, _ message: LocalizedText) {
                problems.append(ImportProblem(row: row.number, column: columns.header(field), message: message))
                row.broken = true
            }
            func value(_ field: LedgerField) -> String { columns.value(field, in: cells) }

            let gridText = value(.grid)
            if gridText.isEmpty {
                row.grid = options.grid
                if row.grid == nil {
                    problem(.grid, LocalizedText(zh: "网格为空：请填写网格编码或名称，或用 --grid 指定", en: "the grid is empty: write its code or name, or give --grid"))
                }
            } else if let code = byCode[gridText] {
                row.grid = code
            } else if let named = byName[LedgerField.normalized(gridText)], named.count == 1 {
                row.grid = named[0]
            } else {
                // A grid code is no personal number: shown when it is one of this district's.
                let district = String(store.manifest.areaCode.prefix(6))
                let isGridCode = gridText.count == 15 && gridText.allSatisfy { $0.isASCII && $0.isNumber } && gridText.hasPrefix(district)
                let quoted = isGridCode ? gridText : ImportProblem.quoted(gridText)
                problem(.grid, LocalizedText(zh: "本社区没有网格“\(quoted)”（填网格编码或网格名称）",
                                             en: "this community has no grid \"\(quoted)\" (write a grid's code or name)"))
            }
            if let grid = row.grid, !(worker == nil && store.workers.isEmpty),
               let refusal = AccessPolicy.refusal(for: worker, inGrid: grid) {
                let known = refused[grid]
                refused[grid] = (known?.row ?? row.number, (known?.rows ?? 0) + 1, refusal)
                row.broken = true
            }

            row.address = Address(compound: value(.compound), building: value(.building), unit: value(.unit), room: value(.room))
            let residency = value(.residency)
            if !residency.isEmpty {
                row.residency = LedgerValue.residency(residency)
                if row.residency == nil { problem(.residency, notOneOf(residency, Residency.self)) }
            }
            row.headName = value(.headName)
            let relation = value(.relation)
            if !relation.isEmpty {
                row.relation = LedgerValue.relation(relation)
                if row.relation == nil { problem(.relation, notOneOf(relation, Relation.self)) }
            }
            row.name = value(.name)
            let gender = value(.gender)
            row.genderWritten = !gender.isEmpty
            if !gender.isEmpty {
                row.gender = LedgerValue.gender(gender)
                if row.gender == nil { problem(.gender, notOneOf(gender, Gender.self)) }
            }
            let status = value(.status)
            if !status.isEmpty {
                row.status = LedgerValue.status(status)
                if row.status == nil { problem(.status, notOneOf(status, ResidentStatus.self)) }
            }
            let tags = value(.tags)
            if !tags.isEmpty {
                var people: [PopulationTag] = []
                for word in LedgerValue.words(tags) {
                    switch LedgerValue.tag(word) {
                    case .person(let tag)?: if !people.contains(tag) { people.append(tag) }
                    case .household(let tag)?: if !row.householdTags.contains(tag) { row.householdTags.append(tag) }
                    case nil:
                        let quoted = ImportProblem.quoted(word)
                        problem(.tags, LocalizedText(
                            zh: "不认识的人员类别“\(quoted)”；可写：\(LedgerValue.choices(PopulationTag.self, .zh))，或住户标签\(LedgerValue.choices(HouseholdTag.self, .zh))",
                            en: "unknown category \"\(quoted)\"; write one of: \(LedgerValue.choices(PopulationTag.self, .en)), or a household tag: \(LedgerValue.choices(HouseholdTag.self, .en))"))
                    }
                }
                row.tags = people
            }
            row.notes = value(.notes)

            let idText = value(.idNumber).filter { !$0.isWhitespace }.uppercased()
            if !idText.isEmpty {
                row.idNumber = idText
                row.parsedID = try? ResidentIDNumber.parse(idText)
                if let parsed = row.parsedID { row.idNumber = parsed.text }
            }
            let phone = value(.phone)
            if !phone.isEmpty { row.phone = MobileNumber.normalized(phone) ?? phone }

            let left = value(.leftOn)
            if !left.isEmpty {
                if case .day(let day) = LedgerValue.date(left) {
                    row.leftOn = day
                } else {
                    let quoted = ImportProblem.quoted(left)
                    problem(.leftOn, LocalizedText(zh: "“\(quoted)”不是日期；请写作 2026-11-22、2026/11/22 或 2026年11月22日",
                                                   en: "\"\(quoted)\" is not a date; write 2026-11-22, 2026/11/22 or 2026年11月22日"))
                }
            }
            let birth = value(.birthDate)
            row.birthDateWritten = !birth.isEmpty
            if !birth.isEmpty {
                switch LedgerValue.date(birth) {
                case .day(let day):
                    row.birthDate = day
                case .yearMonth(let year, let month):
                    if let parsed = row.parsedID, parsed.birthDate.year == year, parsed.birthDate.month == month {
                        row.birthDate = parsed.birthDate
                    } else {
                        problem(.birthDate, LocalizedText(zh: "只有年月；请写完整的出生日期，如 1990-05-17", en: "a year and month only; write the whole birth date, e.g. 1990-05-17"))
                    }
                case .invalid:
                    let quoted = ImportProblem.quoted(birth)
                    problem(.birthDate, LocalizedText(zh: "“\(quoted)”不是日期；请写作 2026-11-22、2026/11/22 或 2026年11月22日",
                                                      en: "\"\(quoted)\" is not a date; write 2026-11-22, 2026/11/22 or 2026年11月22日"))
                }
            }
            rows.append(row)
        }
        for (grid, refusal) in refused.sorted(by: { $0.key < $1.key }) {
            let more = refusal.rows - 1
            let message = refusal.refusal.message(in: .zh), english = refusal.refusal.message(in: .en)
            problems.append(ImportProblem(row: refusal.row, column: columns.header(.grid), message: LocalizedText(
                zh: message + (more > 0 ? "（网格 \(grid.rawValue) 共 \(refusal.rows) 行）" : ""),
                en: english + (more > 0 ? " (\(refusal.rows) rows of grid \(grid.rawValue))" : ""))))
        }
        return rows
    }

    /// "X" is not one of the values, which are listed.
    private func notOneOf<T: NamedChoice>(_ text: String, _ type: T.Type) -> LocalizedText {
        let quoted = ImportProblem.quoted(text)
        return LocalizedText(zh: "“\(quoted)”不可识别；可写：\(LedgerValue.choices(T.self, .zh))",
                             en: "\"\(quoted)\" is not known; write one of: \(LedgerValue.choices(T.self, .en))")
    }

    /// Two rows with one ID number are one person written twice: the later rows are problems.
    private func findDuplicatesInFile(_ rows: inout [LedgerRow], columns: LedgerColumns, problems: inout [ImportProblem]) {
        var first: [String: Int] = [:]
        for index in rows.indices {
            guard let number = rows[index].parsedID?.text else { continue }
            if let earlier = first[number] {
                problems.append(ImportProblem(row: rows[index].number, column: columns.header(.idNumber), message: LocalizedText(
                    zh: "与第 \(earlier) 行的身份证号相同：一个人只能有一行", en: "the same ID number as row \(earlier): one person takes one row")))
                rows[index].broken = true
            } else {
                first[number] = rows[index].number
            }
        }
    }

    /// The rows whose person is on file (by ID number): a problem, an update or a row passed over.
    private func matchPeopleOnFile(_ rows: inout [LedgerRow], columns: LedgerColumns, plan: inout ImportPlan, problems: inout [ImportProblem],
                                   progress: ((ImportProgress) -> Void)?) {
        let numbers = Set(rows.compactMap { $0.parsedID?.text })
        let onFile = ResidentsOnFile.find(numbers, in: store) { done, total in
            if total > 0 { progress?(.indexing(done: done, total: total)) }
        }
        guard !onFile.isEmpty else { return }
        let households = Dictionary(Set(onFile.values.map(\.gridCode)).flatMap { store.records(Household.self, inGrid: $0) }.map { ($0.id, $0) },
                                    uniquingKeysWith: { first, _ in first })
        for index in rows.indices {
            guard let number = rows[index].parsedID?.text, let existing = onFile[number] else { continue }
            let whereTheyAre = households[existing.householdID].map { $0.address.line } ?? ""
            switch options.onDuplicate {
            case .report:
                problems.append(ImportProblem(row: rows[index].number, column: columns.header(.idNumber), message: LocalizedText(
                    zh: "此人已登记：网格 \(existing.gridCode.rawValue) \(whereTheyAre) 的\(existing.name)。要按此行更新，请加 --on-duplicate update；要跳过，请加 --on-duplicate skip",
                    en: "already on file: \(existing.name), \(whereTheyAre) in grid \(existing.gridCode.rawValue). To update them from this row add --on-duplicate update; to pass over it, --on-duplicate skip")))
                rows[index].broken = true
            case .skip:
                rows[index].skipped = true
                if !rows[index].broken { plan.skippedRows += 1 }
            case .update:
                if let grid = rows[index].grid, grid != existing.gridCode {
                    problems.append(ImportProblem(row: rows[index].number, column: columns.header(.grid), message: LocalizedText(
                        zh: "此人登记在网格 \(existing.gridCode.rawValue)：导入不能把人迁到另一网格", en: "this person is on file in grid \(existing.gridCode.rawValue): an import cannot move anyone to another grid")))
                    rows[index].broken = true
                }
                rows[index].updating = existing
            }
        }
    }

    // MARK: Households

    /// The household of every row that imports someone: the one on file at that address in that
    /// grid, else a new one (the first row of it gives its address as written). Returns each
    /// household's id by its key.
    private func planHouseholds(_ rows: [LedgerRow], columns: LedgerColumns, plan: inout ImportPlan,
                                problems: inout [ImportProblem]) -> [HouseholdKey: RecordID] {
        var onFile: [HouseholdKey: Household] = [:]
        for grid in Set(rows.compactMap(\.grid)).sorted() {
            for household in store.records(Household.self, inGrid: grid) {
                let key = HouseholdKey(grid: grid, address: household.address)
                if onFile[key] == nil { onFile[key] = household }
            }
        }
        struct Draft {
            let key: HouseholdKey
            let firstRow: LedgerRow
            var residency: Residency?
            var residencyRow = 0
            var tags: [String] = []
            var broken = false
        }
        var drafts: [Draft] = []
        var position: [HouseholdKey: Int] = [:]
        for row in rows where !row.skipped {
            guard let key = row.key else { continue }
            if position[key] == nil {
                position[key] = drafts.count
                drafts.append(Draft(key: key, firstRow: row))
            }
            guard let at = position[key] else { continue }
            if row.broken { drafts[at].broken = true }
            if let residency = row.residency {
                if let earlier = drafts[at].residency, earlier != residency {
                    problems.append(ImportProblem(row: row.number, column: columns.header(.residency), message: LocalizedText(
                        zh: "与同一户的第 \(drafts[at].residencyRow) 行不一致（那里是“\(earlier.name(.zh))”）",
                        en: "differs from row \(drafts[at].residencyRow) of the same household (\(earlier.name(.en)) there)")))
                    drafts[at].broken = true
                } else if drafts[at].residency == nil {
                    drafts[at].residency = residency
                    drafts[at].residencyRow = row.number
                }
            }
            for tag in row.householdTags where !drafts[at].tags.contains(tag) { drafts[at].tags.append(tag) }
        }
        var ids: [HouseholdKey: RecordID] = [:]
        for draft in drafts {
            if var household = onFile[draft.key] {
                ids[draft.key] = household.id
                let before = household
                if let residency = draft.residency { household.residency = residency }
                for tag in draft.tags where !household.tags.contains(tag) { household.tags.append(tag) }
                guard household != before else {
                    plan.unchangedHouseholds += 1
                    continue
                }
                if report(household.violations(in: context), row: draft.firstRow.number, columns: columns, problems: &problems) || draft.broken { continue }
                plan.changedHouseholds.append(household)
            } else {
                let household = Household(meta: RecordMeta.new(by: actor, at: now, prefix: "H"), gridCode: draft.key.grid, microGrid: nil,
                                          address: draft.firstRow.address, residency: draft.residency ?? .ownerOccupied, tags: draft.tags)
                ids[draft.key] = household.id
                if report(household.violations(in: context), row: draft.firstRow.number, columns: columns, problems: &problems) || draft.broken { continue }
                plan.newHouseholds.append(household)
            }
        }
        return ids
    }

    // MARK: Residents

    /// A new resident for each row, or the one on file brought up to date; checked by the rules.
    private func planResidents(_ rows: [LedgerRow], householdIDs: [HouseholdKey: RecordID], columns: LedgerColumns,
                               plan: inout ImportPlan, problems: inout [ImportProblem]) {
        var firstOfHousehold: Set<HouseholdKey> = []
        let namesake = namesakesOnFile(rows, householdIDs: householdIDs)
        for var row in rows where !row.skipped {
            guard let grid = row.grid, let key = row.key, let household = householdIDs[key] else { continue }
            let isFirst = firstOfHousehold.insert(key).inserted
            // Someone without an ID number is known by name within their household on file, so
            // that importing the same ledger twice does not register them twice.
            if row.idNumber == nil, row.updating == nil, let existing = namesake[NameInHousehold(household: household, name: row.name)] {
                switch options.onDuplicate {
                case .report:
                    problems.append(ImportProblem(row: row.number, column: columns.header(.name), message: LocalizedText(
                        zh: "此户已登记同名的人（无身份证号时按户内姓名识别）。要按此行更新，请加 --on-duplicate update；要跳过，请加 --on-duplicate skip",
                        en: "this household already has someone of this name on file (without an ID number, people are known by name within their household). To update them from this row add --on-duplicate update; to pass over it, --on-duplicate skip")))
                    continue
                case .skip:
                    if !row.broken { plan.skippedRows += 1 }
                    continue
                case .update:
                    row.updating = existing
                }
            }
            if var resident = row.updating {
                let before = resident
                resident.householdID = household
                if !row.name.isEmpty { resident.name = row.name }
                if let gender = row.gender { resident.gender = gender }
                if let birth = row.birthDate { resident.birthDate = birth }
                if let phone = row.phone { resident.phone = phone }
                if let relation = row.relation { resident.relation = relation }
                if let status = row.status { resident.status = status }
                if let leftOn = row.leftOn { resident.leftOn = leftOn }
                if let tags = row.tags { resident.tags = tags }
                if !row.notes.isEmpty { resident.notes = row.notes }
                if resident == before {
                    if !row.broken { plan.unchangedResidents += 1 }
                    continue
                }
                if report(resident.violations(in: context) + resident.violations(replacing: before), row: row.number, columns: columns, problems: &problems) || row.broken { continue }
                plan.changedResidents.append(resident)
                continue
            }
            let gender = row.gender ?? row.parsedID?.gender
            let birth = row.birthDate ?? row.parsedID?.birthDate
            let missing = gender == nil || birth == nil
            // An ID number that is there but wrong is problem enough: its own message says why.
            if row.idNumber == nil {
                if gender == nil && !row.genderWritten { problems.append(required(.gender, "gender", row: row.number, columns)) }
                if birth == nil && !row.birthDateWritten { problems.append(required(.birthDate, "birthDate", row: row.number, columns)) }
            }
            let relation = row.relation ?? (row.headName.isEmpty ? (isFirst ? .head : .other) : (row.headName == row.name ? .head : .other))
            let resident = Resident(meta: RecordMeta.new(by: actor, at: now, prefix: "R"), householdID: household, gridCode: grid,
                                    name: row.name, gender: gender ?? .male, birthDate: birth ?? Day(dayNumber: 0),
                                    idNumber: row.idNumber, phone: row.phone, relation: relation,
                                    status: row.status ?? .livingHere, leftOn: row.leftOn, tags: row.tags ?? [], notes: row.notes)
            var violations = resident.violations(in: context)
            // Without a birth date or gender of its own, the record's placeholder would only
            // repeat the ID number's problem as a mismatch.
            if missing { violations.removeAll { $0.field.lastKey == "birthDate" || $0.problem == .idNumberBirthDateMismatch || $0.problem == .idNumberGenderMismatch } }
            if report(violations, row: row.number, columns: columns, problems: &problems) || row.broken || missing { continue }
            plan.newResidents.append(resident)
        }
    }

    private func required(_ field: LedgerField, _ key: String, row: Int, _ columns: LedgerColumns) -> ImportProblem {
        ImportProblem(row: row, column: columns.header(field), message: messageOf(RuleViolation(FieldPath(stringLiteral: key), .required)))
    }

    private struct NameInHousehold: Hashable {
        let household: RecordID
        let name: String
    }

    /// The residents on file of the households rows without an ID number go to, by household and name.
    private func namesakesOnFile(_ rows: [LedgerRow], householdIDs: [HouseholdKey: RecordID]) -> [NameInHousehold: Resident] {
        let wanted = Set(rows.filter { $0.idNumber == nil && !$0.skipped && $0.updating == nil }
            .compactMap { row in row.key.flatMap { householdIDs[$0] }.map { NameInHousehold(household: $0, name: row.name) } })
        guard !wanted.isEmpty else { return [:] }
        let grids = Set(rows.filter { $0.idNumber == nil }.compactMap(\.grid))
        var found: [NameInHousehold: Resident] = [:]
        for grid in grids.sorted() {
            for resident in store.records(Resident.self, inGrid: grid) {
                let key = NameInHousehold(household: resident.householdID, name: resident.name)
                if wanted.contains(key), found[key] == nil { found[key] = resident }
            }
        }
        return found
    }

    /// Adds each violation as a problem of `row`, in the column of its field; true if any.
    private func report(_ violations: [RuleViolation], row: Int, columns: LedgerColumns, problems: inout [ImportProblem]) -> Bool {
        for violation in violations {
            problems.append(ImportProblem(row: row, column: header(of: violation.field, columns), message: messageOf(violation)))
        }
        return !violations.isEmpty
    }

    /// The rule's message, as the forms show it.
    private func messageOf(_ violation: RuleViolation) -> LocalizedText {
        LocalizedText(zh: violation.message(in: .zh), en: violation.message(in: .en))
    }

    /// The column a record's field came from.
    private func header(of field: FieldPath, _ columns: LedgerColumns) -> LocalizedText {
        let byKey: [String: LedgerField] = [
            "gridCode": .grid, "compound": .compound, "building": .building, "unit": .unit, "room": .room, "residency": .residency,
            "relation": .relation, "name": .name, "gender": .gender, "birthDate": .birthDate, "idNumber": .idNumber, "phone": .phone,
            "tags": .tags, "status": .status, "leftOn": .leftOn, "notes": .notes,
        ]
        guard let key = field.lastKey, let ledgerField = byKey[key] else { return LocalizedText(zh: field.description, en: field.description) }
        return columns.header(ledgerField)
    }
}
