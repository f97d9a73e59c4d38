import ArgumentParser
import Foundation
import GridModel
import GridStore
import LedgerImport
import Spreadsheet

/// `gridwork import FILE`: brings a household ledger (人口台账, .csv or .xlsx, one row per person)
/// in, all of it in one change or nothing; `--dry-run` says what it would do and changes nothing.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import a household ledger (人口台账): a .csv or .xlsx file, one row per person.",
        discussion: """
            Headers are recognised in Chinese or English (网格, 小区, 楼栋, 单元, 房号, 居住类型, 户主姓名, 与户主关系, 姓名, \
            性别, 出生日期, 身份证号, 联系电话, 人员类别, 状态, 备注 and their common variants); --map names any other. \
            Every problem is printed as FILE:ROW:COLUMN: message, and then nothing is imported (exit status 1). \
            Otherwise everything is written as one change, with one audit entry: a failure or a kill part way leaves \
            the folder as it was. Admins import into any grid, grid workers into their own.
            """
    )

    @OptionGroup var options: LoginOptions

    @Argument(help: "The ledger: a .csv file (UTF-8, with or without BOM, or GB18030/GBK) or an .xlsx workbook.")
    var file: String

    @Option(help: "The grid (its code) of rows whose grid column is empty, or of every row when there is none.")
    var grid: String?

    @Flag(help: "Print what would be added and updated and every problem; change nothing.")
    var dryRun = false

    @Option(help: "A person whose ID number is on file: report (a problem, the default), update (from the row) or skip (the row).")
    var onDuplicate: DuplicatePolicy = .report

    @Option(help: ArgumentHelp("What a column holds, as 'column=field' (repeatable); field is one of grid compound building unit room residency headName relation name gender birthDate idNumber phone tags status notes, or ignore.",
                               valueName: "column=field"))
    var map: [String] = []

    @Option(help: "The encoding of a CSV file: utf-8 or gb18030 (gbk); detected when not given.")
    var encoding: String?

    @Option(help: "The sheet of an .xlsx workbook (default: the first).")
    var sheet: String?

    func run() throws {
        let language = options.language
        var importOptions = ImportOptions(grid: grid.map { GridCode($0) }, onDuplicate: onDuplicate, sheet: sheet)
        for text in map {
            switch ColumnMapping.parse(text) {
            case .success(let mapping): importOptions.mappings.append(mapping)
            case .failure(let error): throw failure(error.message(in: language))
            }
        }
        if let encoding {
            guard let chosen = CSVEncoding(name: encoding) else {
                throw failure(LocalizedText(zh: "--encoding 只能是 utf-8 或 gb18030（gbk）", en: "--encoding takes utf-8 or gb18030 (gbk)")(language))
            }
            importOptions.encoding = chosen
        }
        let table: ReadTable
        do { table = try LedgerImporter.read(file, options: importOptions) } catch { throw failure(error.message(in: language)) }

        let (store, _) = try options.openStoreLoggedIn()
        let importer = LedgerImporter(store: store, options: importOptions)
        var line = ProgressLine()
        let show: (ImportProgress) -> Void = { progress in
            switch progress {
            case .read(let rows):
                line.update(LocalizedText(zh: "已读取 \(rows) 行", en: "Read \(rows) rows")(language), fraction: 0)
            case .indexing(let done, let total):
                line.update(LocalizedText(zh: "正在更新搜索索引（查找已登记的人）：\(done)/\(total)",
                                          en: "Bringing the search index up to date (to find people on file): \(done)/\(total)")(language),
                            fraction: Double(done) / Double(max(1, total)))
            case .checked(let done, let total):
                line.update(LocalizedText(zh: "已检查 \(done)/\(total) 行", en: "Checked \(done)/\(total) rows")(language),
                            fraction: Double(done) / Double(max(1, total)))
            case .written(let done, let total):
                line.update(LocalizedText(zh: "已写入 \(done)/\(total) 个文件", en: "Wrote \(done)/\(total) files")(language),
                            fraction: Double(done) / Double(max(1, total)))
            }
        }
        let plan: ImportPlan
        do { plan = try importer.plan(table, progress: show) } catch {
            line.finish()
            throw failure(error.message(in: language))
        }
        line.finish()
        print(summary(plan, table: table, language: language))
        for problem in plan.problems { print(problem.line(file: file, in: language)) }
        guard plan.isClean else {
            throw failure(LocalizedText(zh: "发现 \(plan.problems.count) 个问题，未导入任何记录。",
                                        en: "\(plan.problems.count) problem\(plan.problems.count == 1 ? "" : "s") found; nothing was imported.")(language))
        }
        if dryRun {
            print(LocalizedText(zh: "试运行：没有写入任何数据。", en: "Dry run: nothing was written.")(language))
            return
        }
        guard plan.changesAnything else {
            print(LocalizedText(zh: "没有需要导入或更新的记录。", en: "Nothing to add or update.")(language))
            return
        }
        do { try importer.apply(plan, fileName: file, progress: show) } catch {
            line.finish()
            throw failure(LocalizedText(zh: "导入失败，数据未作任何改动：", en: "The import failed and changed nothing: ")(language) + error.message(in: language))
        }
        line.finish()
        print(LocalizedText(zh: "已导入：户 \(plan.newHouseholds.count + plan.changedHouseholds.count) 条，居民 \(plan.newResidents.count + plan.changedResidents.count) 条。",
                            en: "Imported: \(plan.newHouseholds.count + plan.changedHouseholds.count) households and \(plan.newResidents.count + plan.changedResidents.count) residents written.")(language))
    }

    /// What the import would do, in a few lines.
    private func summary(_ plan: ImportPlan, table: ReadTable, language: Language) -> String {
        let zh = language == .zh
        var source = table.encoding?.rawValue ?? table.sheet.map { zh ? "工作表“\($0)”" : "sheet \"\($0)\"" } ?? ""
        if !source.isEmpty { source = zh ? "（\(source)）" : " (\(source))" }
        let grids = plan.grids.map(\.rawValue).joined(separator: zh ? "、" : ", ")
        var lines = [zh ? "\(file)\(source)：\(plan.rows) 行\(grids.isEmpty ? "" : "，网格 " + grids)"
                        : "\(file)\(source): \(plan.rows) rows\(grids.isEmpty ? "" : ", grid\(plan.grids.count == 1 ? "" : "s") " + grids)"]
        lines.append(zh ? "  户：新增 \(plan.newHouseholds.count)，更新 \(plan.changedHouseholds.count)，不变 \(plan.unchangedHouseholds)"
                        : "  households: \(plan.newHouseholds.count) to add, \(plan.changedHouseholds.count) to update, \(plan.unchangedHouseholds) unchanged")
        lines.append(zh ? "  居民：新增 \(plan.newResidents.count)，更新 \(plan.changedResidents.count)，不变 \(plan.unchangedResidents)，跳过 \(plan.skippedRows)"
                        : "  residents: \(plan.newResidents.count) to add, \(plan.changedResidents.count) to update, \(plan.unchangedResidents) unchanged, \(plan.skippedRows) skipped")
        if !plan.unknownColumns.isEmpty {
            lines.append(zh ? "  未识别、不导入的列：\(plan.unknownColumns.joined(separator: "、"))（可用 --map '列名=字段' 指定）"
                            : "  columns not recognised and not imported: \(plan.unknownColumns.joined(separator: ", ")) (name them with --map 'column=field')")
        }
        if !plan.ignoredColumns.isEmpty {
            lines.append(zh ? "  按 --map 忽略的列：\(plan.ignoredColumns.joined(separator: "、"))" : "  columns ignored by --map: \(plan.ignoredColumns.joined(separator: ", "))")
        }
        return lines.joined(separator: "\n")
    }
}

extension DuplicatePolicy: ExpressibleByArgument {}
