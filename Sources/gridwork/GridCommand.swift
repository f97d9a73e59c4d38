import ArgumentParser
import Foundation
import GridModel
import GridStore

/// `gridwork grid list|add|edit|micro`: the community's grids and their micro-grids. Anyone
/// logged in lists them; only the community admin adds or changes them (the store refuses anyone
/// else, and says so).
struct GridCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "grid",
        abstract: "List the grids; add and change grids and their micro-grids (admins).",
        subcommands: [List.self, Add.self, Edit.self, Micro.self]
    )

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the grids with their kind, worker, head and micro-grids.")
        @OptionGroup var options: LoginOptions

        func run() throws {
            let (store, _) = try options.openStoreLoggedIn()
            let language = options.language
            guard !store.grids.isEmpty else {
                print(LocalizedText(zh: "还没有网格。管理员可用 gridwork grid add 编码 --name 名称 新建。",
                                    en: "No grids yet. An admin adds one with gridwork grid add CODE --name NAME.")(language))
                return
            }
            var table = TextTable()
            table.add(LocalizedText(zh: "网格编码", en: "code")(language), LocalizedText(zh: "名称", en: "name")(language),
                      LocalizedText(zh: "类型", en: "kind")(language), LocalizedText(zh: "网格员", en: "worker")(language),
                      LocalizedText(zh: "格长", en: "head")(language), LocalizedText(zh: "小网格", en: "micro-grids")(language))
            for grid in store.grids {
                let worker = grid.workerID.map { id in id.rawValue + " " + (store.workers.first { $0.id == id }?.name ?? "?") } ?? "-"
                let micros = grid.microGrids.sorted { $0.number < $1.number }.map { String($0.number) + " " + $0.headName }
                table.add(grid.code.rawValue, grid.name, grid.kind.name(language), worker, grid.headName.isEmpty ? "-" : grid.headName,
                          micros.isEmpty ? "-" : micros.joined(separator: language == .zh ? "、" : ", "))
            }
            print(table.rendered())
        }
    }

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add a grid to the community (admins).",
            discussion: """
            The code has 15 digits: the community's 12 (its area code) and the grid's 3; a village's \
            grids follow from its code (communities from 001, villages from 200). The district, street \
            and community names are those of the grids already on file; the first grid of a new \
            community needs --district and --street.
            """
        )
        @OptionGroup var options: LoginOptions
        @Argument(help: "The new grid's 15-digit code.") var code: String
        @Option(help: "Its name, e.g. 第一网格.") var name: String
        @Option(help: "Its grid worker, by id (W-…; gridwork user list shows them).") var worker: String?
        @Option(help: "Its volunteer head (格长).") var head: String?
        @Option(help: "The district's name (default: that of the district's grids on file).") var district: String?
        @Option(help: "The street's name (default: that of the street's grids on file).") var street: String?
        @Option(help: "The community's or village's name (default: that of its grids on file, or the folder's own).") var community: String?

        func run() throws {
            let (store, login) = try options.openStoreLoggedIn()
            let language = options.language
            let session = try GridCommand.checkAdmin(store, login, language)
            let code = GridCode(code.trimmingCharacters(in: .whitespaces))
            let names = GridPlacement.names(for: code, grids: store.grids, areaName: store.manifest.name, areaCode: store.manifest.areaCode)
            let now = Date()
            let grid = Grid(meta: RecordMeta(id: RecordID("G-" + code.rawValue), createdBy: session.workerID, createdAt: now),
                            code: code, name: name.trimmingCharacters(in: .whitespaces), kind: code.kind,
                            districtName: district ?? names.district, streetName: street ?? names.street,
                            communityName: community ?? names.community, workerID: worker.map { RecordID($0) }, headName: head ?? "",
                            microGrids: [])
            // Said all at once, before anything is written; the store checks the same under the lock.
            var violations = GridPlacement.violations(ofNewCode: code, areaCode: store.manifest.areaCode, taken: Set(store.grids.map(\.code)))
            violations += grid.violations(in: ValidationContext(now: now, timeZone: store.manifest.communityTimeZone)).filter { $0.field != "code" }
            violations += GridPlacement.violations(ofWorker: grid.workerID, among: store.workers)
            if !violations.isEmpty { throw failure(StoreError.invalid(kind: .grid, violations: violations).message(in: language)) }
            let saved: Grid
            do { saved = try store.save(grid, at: now) } catch { throw failure(error.message(in: language)) }
            print(LocalizedText(zh: "已新增网格 \(saved.code.rawValue) \(saved.name)（\(saved.kind.name(.zh))）\(GridCommand.workerNote(saved, store, .zh))。",
                                en: "Added grid \(saved.code.rawValue) \(saved.name) (\(saved.kind.name(.en)))\(GridCommand.workerNote(saved, store, .en)).")(language))
        }
    }

    struct Edit: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Change a grid's name, worker, head or place names (admins).",
            discussion: """
            A new worker gains the grid in their list of grids and the old one loses it, in one change. \
            A grid keeps its code: the code names its folder, which holds its households, patrols and cases.
            """
        )
        @OptionGroup var options: LoginOptions
        @Argument(help: "The grid's code.") var code: String
        @Option(help: "A new name.") var name: String?
        @Option(help: "Its grid worker, by id (W-…), or none.") var worker: String?
        @Option(help: "Its volunteer head (格长); an empty one for none.") var head: String?
        @Option(help: "The district's name.") var district: String?
        @Option(help: "The street's name.") var street: String?
        @Option(help: "The community's or village's name.") var community: String?
        @Option(name: .customLong("code"), help: "Refused: a grid keeps its code; add a new grid instead.") var newCode: String?

        func run() throws {
            let (store, session) = try options.openStoreLoggedIn()
            let language = options.language
            _ = try GridCommand.checkAdmin(store, session, language)
            var grid = try GridCommand.grid(code, in: store, language)
            if let newCode, newCode != grid.code.rawValue {
                throw failure(StoreError.invalid(kind: .grid, violations: [RuleViolation("code", .gridCodeFixed)]).message(in: language))
            }
            guard [name, worker, head, district, street, community].contains(where: { $0 != nil }) else {
                throw failure(LocalizedText(zh: "没有要修改的内容：请给出 --name、--worker、--head、--district、--street 或 --community。",
                                            en: "nothing to change: give --name, --worker, --head, --district, --street or --community.")(language))
            }
            let before = grid
            if let name { grid.name = name.trimmingCharacters(in: .whitespaces) }
            if let worker { grid.workerID = ["", "none", "-"].contains(worker) ? nil : RecordID(worker) }
            if let head { grid.headName = head.trimmingCharacters(in: .whitespaces) }
            if let district { grid.districtName = district }
            if let street { grid.streetName = street }
            if let community { grid.communityName = community }
            let now = Date()
            var violations = grid.violations(in: ValidationContext(now: now, timeZone: store.manifest.communityTimeZone))
            if grid.workerID != before.workerID { violations += GridPlacement.violations(ofWorker: grid.workerID, among: store.workers) }
            if !violations.isEmpty { throw failure(StoreError.invalid(kind: .grid, violations: violations).message(in: language)) }
            let saved: Grid
            do { saved = try store.save(grid, at: now) } catch { throw failure(error.message(in: language)) }
            if saved.meta.revision == before.meta.revision {
                print(LocalizedText(zh: "没有改动，未保存。", en: "Nothing changed, nothing saved.")(language))
                return
            }
            print(LocalizedText(zh: "已修改网格 \(saved.code.rawValue) \(saved.name)\(GridCommand.workerNote(saved, store, .zh))。",
                                en: "Changed grid \(saved.code.rawValue) \(saved.name)\(GridCommand.workerNote(saved, store, .en)).")(language))
        }
    }

    struct Micro: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add a micro-grid to a grid, or change one (admins).",
            discussion: """
            A new micro-grid needs --head. Buildings are one list, separated by 、 , ， ; or ；, each \
            named once; --buildings replaces the list. --phone none removes the head's phone.
            """
        )
        @OptionGroup var options: LoginOptions
        @Argument(help: "The grid's code.") var code: String
        @Argument(help: "The micro-grid's number within the grid.") var number: Int
        @Option(help: "Its volunteer head (楼栋长, 中心户长).") var head: String?
        @Option(help: "The head's mobile number, or none.") var phone: String?
        @Option(help: "The buildings it covers, e.g. '1栋、2栋'.") var buildings: String?

        func run() throws {
            let (store, session) = try options.openStoreLoggedIn()
            let language = options.language
            _ = try GridCommand.checkAdmin(store, session, language)
            var grid = try GridCommand.grid(code, in: store, language)
            let index = grid.microGrids.firstIndex { $0.number == number }
            var micro = index.map { grid.microGrids[$0] } ?? MicroGrid(number: number, headName: "", headPhone: nil, buildings: [])
            if let head { micro.headName = head.trimmingCharacters(in: .whitespaces) }
            if let phone { micro.headPhone = ["", "none", "-"].contains(phone) ? nil : MobileNumber.normalized(phone) ?? phone }
            if let buildings { micro.buildings = MicroGrid.buildingNames(buildings) }
            if let index { grid.microGrids[index] = micro } else { grid.microGrids.append(micro) }
            let violations = grid.violations(in: ValidationContext(now: Date(), timeZone: store.manifest.communityTimeZone))
            if !violations.isEmpty { throw failure(StoreError.invalid(kind: .grid, violations: violations).message(in: language)) }
            let saved: Grid
            do { saved = try store.save(grid) } catch { throw failure(error.message(in: language)) }
            let list = micro.buildings.joined(separator: language == .zh ? "、" : ", ")
            let phoneNote = micro.headPhone.map { MobileNumber.masked($0) } ?? "-"
            print(index == nil
                  ? LocalizedText(zh: "已在网格 \(saved.code.rawValue) 新增 \(number) 号小网格：格长 \(micro.headName)，电话 \(phoneNote)，楼栋 \(list.isEmpty ? "（无）" : list)。",
                                  en: "Added micro-grid \(number) to grid \(saved.code.rawValue): head \(micro.headName), phone \(phoneNote), buildings \(list.isEmpty ? "(none)" : list).")(language)
                  : LocalizedText(zh: "已修改网格 \(saved.code.rawValue) 的 \(number) 号小网格：格长 \(micro.headName)，电话 \(phoneNote)，楼栋 \(list.isEmpty ? "（无）" : list)。",
                                  en: "Changed micro-grid \(number) of grid \(saved.code.rawValue): head \(micro.headName), phone \(phoneNote), buildings \(list.isEmpty ? "(none)" : list).")(language))
        }
    }

    /// Ends the command unless the login may change grids: the store would refuse it too, but only
    /// after reading; this says so first, in the same words.
    static func checkAdmin(_ store: Store, _ session: Session?, _ language: Language) throws -> Session {
        guard let session else { throw failure(AccountError.notSetUp(path: store.folder).message(in: language)) }
        if let refusal = AccessPolicy.refusalToChangeGrids(for: store.workers.first { $0.id == session.workerID }) {
            throw failure(refusal.message(in: language))
        }
        return session
    }

    /// The grid on file with `code`, or the end of the command saying there is none.
    static func grid(_ code: String, in store: Store, _ language: Language) throws -> Grid {
        let code = GridCode(code.trimmingCharacters(in: .whitespaces))
        guard let grid = store.grids.first(where: { $0.code == code }) else {
            throw failure(LocalizedText(zh: "没有编码为 \(code.rawValue) 的网格（gridwork grid list 列出所有网格）。",
                                        en: "there is no grid \(code.rawValue) (gridwork grid list shows them).")(language))
        }
        return grid
    }

    /// "，网格员 W-… 张三" for a grid with a worker.
    static func workerNote(_ grid: Grid, _ store: Store, _ language: Language) -> String {
        guard let id = grid.workerID else { return "" }
        let name = store.workers.first { $0.id == id }?.name ?? ""
        return language == .zh ? "，网格员 \(id.rawValue) \(name)" : ", worker \(id.rawValue) \(name)"
    }
}
