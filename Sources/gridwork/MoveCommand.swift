import ArgumentParser
import Foundation
import GridModel
import GridStore

/// `gridwork move household|resident|patrol`: records that follow people. Each is one change
/// across both files; the record keeps its id and history, and the audit trail gets a `move`
/// entry naming where from and where to (see `Store+Moves`). Who may: those who may change both
/// grids (`AccessPolicy`); the store refuses anyone else, and says why.
struct MoveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "move",
        abstract: "Move a household to another grid or micro-grid, a resident to another household, a patrol to another day.",
        subcommands: [Household.self, Resident.self, Patrol.self]
    )

    struct Household: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Move a household (and its residents) to another grid, or to another micro-grid.",
            discussion: "Without --micro the household keeps its micro-grid number if it stays in its grid, and has none in another grid."
        )
        @OptionGroup var options: LoginOptions
        @Argument(help: "The household's id (H-…).") var id: String
        @Option(help: "The grid to move to (default: the one it is in).") var grid: String?
        @Option(help: "The micro-grid's number in that grid, or none.") var micro: String?

        func run() throws {
            let (store, _) = try options.openStoreLoggedIn()
            let language = options.language
            var household = try MoveCommand.record(GridModel.Household.self, id, in: store, language)
            let before = household
            household.gridCode = grid.map { GridCode($0.trimmingCharacters(in: .whitespaces)) } ?? household.gridCode
            if let micro {
                guard ["", "none", "-"].contains(micro) || Int(micro) != nil else {
                    throw failure(RuleViolation("microGrid", .outOfRange).message(in: language))
                }
                household.microGrid = Int(micro)
            } else if household.gridCode != before.gridCode {
                household.microGrid = nil
            }
            let people = store.records(GridModel.Resident.self, inGrid: before.gridCode).filter { $0.householdID == household.id }.count
            try MoveCommand.save(household, from: before, in: store, language,
                                 along: household.gridCode == before.gridCode ? nil : LocalizedText(zh: "，连同 \(people) 名居民", en: ", with \(people) resident\(people == 1 ? "" : "s")"))
        }
    }

    struct Resident: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Move a resident to another household, in this grid or another.")
        @OptionGroup var options: LoginOptions
        @Argument(help: "The resident's id (R-…).") var id: String
        @Option(help: "The household to move to (H-…).") var household: String
        @Option(help: "Their relation to its head: head, spouse, child, parent, grandchild, sibling, tenant, other (default: unchanged).")
        var relation: String?

        func run() throws {
            let (store, _) = try options.openStoreLoggedIn()
            let language = options.language
            var resident = try MoveCommand.record(GridModel.Resident.self, id, in: store, language)
            let before = resident
            guard let target = store.allRecords(GridModel.Household.self).first(where: { $0.id == RecordID(household) }) else {
                throw failure(StoreError.invalid(kind: .resident, violations: [RuleViolation("householdID", .noSuchPlace)]).message(in: language))
            }
            resident.householdID = target.id
            resident.gridCode = target.gridCode
            if let relation {
                guard let chosen = Relation(rawValue: relation) else {
                    throw failure(LocalizedText(zh: "不认识的关系“\(relation)”", en: "unknown relation \"\(relation)\"")(language))
                }
                resident.relation = chosen
            }
            try MoveCommand.save(resident, from: before, in: store, language)
        }
    }

    struct Patrol: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Move a patrol log to another day (its time of day and length kept), into another month's file if need be."
        )
        @OptionGroup var options: LoginOptions
        @Argument(help: "The patrol log's id.") var id: String
        @Option(help: "The day it really took place, YYYY-MM-DD.") var day: String

        func run() throws {
            let (store, _) = try options.openStoreLoggedIn()
            let language = options.language
            var patrol = try MoveCommand.record(PatrolLog.self, id, in: store, language)
            guard let target = Day(iso: day) else {
                throw failure(LocalizedText(zh: "“\(day)”不是日期，请写 YYYY-MM-DD", en: "\"\(day)\" is not a date; write YYYY-MM-DD")(language))
            }
            let before = patrol
            let zone = store.manifest.communityTimeZone
            let shift = target.start(in: zone).timeIntervalSince(Day(patrol.start, in: zone).start(in: zone))
            patrol.start = patrol.start.addingTimeInterval(shift)
            patrol.end = patrol.end.addingTimeInterval(shift)
            try MoveCommand.save(patrol, from: before, in: store, language)
        }
    }

    /// Saves the record in its new place and says where it went, or why not.
    static func save<R: StoredRecord>(_ record: R, from before: R, in store: Store, _ language: Language,
                                      along: LocalizedText? = nil) throws {
        let saved: R
        do { saved = try store.save(record) } catch { throw failure(error.message(in: language)) }
        if saved.meta.revision == before.meta.revision {
            print(LocalizedText(zh: "没有改动，未保存。", en: "Nothing changed, nothing saved.")(language))
            return
        }
        let from = before.place ?? "", to = saved.place ?? ""
        let noun = [RecordKind.household: LocalizedText(zh: "住户", en: "household"), .resident: LocalizedText(zh: "居民", en: "resident")][R.kind]
            ?? LocalizedText(zh: "巡查记录", en: "patrol log")
        print(LocalizedText(zh: "已迁移\(noun.zh) \(saved.id.rawValue)：从 \(from) 到 \(to)\(along?.zh ?? "")。",
                            en: "Moved \(noun.en) \(saved.id.rawValue) from \(from) to \(to)\(along?.en ?? "").")(language))
    }

    /// The record of `type` with `id`, from every grid, or the end of the command saying there is none.
    static func record<R: StoredRecord>(_ type: R.Type, _ id: String, in store: Store, _ language: Language) throws -> R {
        guard let record = store.allRecords(R.self).first(where: { $0.id == RecordID(id) }) else {
            throw failure(LocalizedText(zh: "找不到记录 \(id)", en: "no record \(id) on file")(language))
        }
        return record
    }
}
