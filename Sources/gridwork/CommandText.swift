import GridIndex
import GridModel

/// Every sentence the commands print, one table per language. Record and stage names come
/// from the model's own `name(_:)`.
struct CommandText: Sendable {
    let overviewTitle: @Sendable (_ area: String, _ day: String) -> String
    let records: String
    let openCasesByStage: String
    let openCasesByLevel: String
    let open: String
    let overdue: String
    let patrols: String
    let thisWeek: String
    let thisMonth: String
    let taggedOverdue: @Sendable (_ overdue: Int, _ tagged: Int) -> String
    let overviewGrids: @Sendable (_ codes: String) -> String
    let coverage: String
    let lastDays: @Sendable (_ days: Int) -> String
    let settled: String
    let settledInGrid: String
    let settledInCommunity: String
    let settledAbove: String
    let noneSettled: String
    let unreadableFiles: @Sendable (_ count: Int) -> String
    let noData: @Sendable (_ folder: String) -> String
    let makingDemo: @Sendable (_ folder: String) -> String
    let demoProgress: @Sendable (_ done: Int, _ total: Int, _ records: Int) -> String
    let demoDone: @Sendable (_ records: Int, _ seconds: Double, _ folder: String) -> String
    let checkClean: @Sendable (_ files: Int, _ records: Int) -> String
    let checkFound: @Sendable (_ problems: Int) -> String
    let benchNotDemo: @Sendable (_ folder: String) -> String
    let badDate: @Sendable (_ text: String) -> String
    let needsTerminal: String
    let indexing: @Sendable (_ done: Int, _ total: Int) -> String
    let readingFiles: @Sendable (_ done: Int, _ total: Int, _ megabytesDone: Int, _ megabytesTotal: Int) -> String
    let nothingFound: String
    let unknownGrid: @Sendable (_ code: String) -> String
    let hitKinds: [SearchHit.Kind: String]

    static func forLanguage(_ language: Language) -> CommandText { language == .zh ? zh : en }

    static let zh = CommandText(
        overviewTitle: { "\($0) — \($1)" },
        records: "记录",
        openCasesByStage: "未结案件（按阶段）",
        openCasesByLevel: "未结案件（按层级）",
        open: "在办",
        overdue: "超期",
        patrols: "网格巡查",
        thisWeek: "本周",
        thisMonth: "本月",
        taggedOverdue: { "重点人群走访超期：\($0) 人（共 \($1) 人需定期走访）" },
        overviewGrids: { "网格：\($0)" },
        coverage: "走访覆盖（走访过的户数 / 在册户数）",
        lastDays: { "近 \($0) 天" },
        settled: "调解成功的案件在哪一级化解",
        settledInGrid: "网格内",
        settledInCommunity: "社区内",
        settledAbove: "社区以上",
        noneSettled: "尚无调解成功的案件",
        unreadableFiles: { "有 \($0) 个文件无法读取或不符合规则，其中的记录未计入。运行 gridwork check 查看详情。" },
        noData: { "\($0) 中还没有数据。试用演示社区：gridwork --demo；或生成演示数据：gridwork demo --data \($0)" },
        makingDemo: { "正在生成演示社区：\($0)" },
        demoProgress: { "生成中：\($0)/\($1) 个网格，\($2) 条记录" },
        demoDone: { "已生成 \($0) 条记录，用时 \(String(format: "%.1f", $1)) 秒：\($2)" },
        checkClean: { "检查了 \($0) 个文件、\($1) 条记录，没有发现问题。" },
        checkFound: { "发现 \($0) 个问题。" },
        benchNotDemo: { "\($0) 不是由 gridwork demo 生成的数据。基准测试会写入数据，只能在演示数据上运行。" },
        badDate: { "“\($0)”不是 YYYY-MM-DD 格式的日期" },
        needsTerminal: "仪表盘需要在终端中运行。要输出文字，请用 gridwork overview、stats 或 check。",
        indexing: { "正在更新搜索索引：\($0)/\($1)" },
        readingFiles: { "正在读取数据文件：\($0)/\($1)（\($2)/\($3) MB）" },
        nothingFound: "没有找到匹配的记录",
        unknownGrid: { "没有网格 \($0)" },
        hitKinds: [.resident: "居民", .household: "户", .disputeCase: "纠纷"]
    )

    static let en = CommandText(
        overviewTitle: { "\($0) — \($1)" },
        records: "Records",
        openCasesByStage: "Open cases by stage",
        openCasesByLevel: "Open cases by level",
        open: "open",
        overdue: "overdue",
        patrols: "Patrols",
        thisWeek: "this week",
        thisMonth: "this month",
        taggedOverdue: { "Tagged residents overdue for a visit: \($0) (of \($1) who need regular visits)" },
        overviewGrids: { "Grids: \($0)" },
        coverage: "Visit coverage (households visited / households on file)",
        lastDays: { "last \($0) days" },
        settled: "Where cases settled by agreement were resolved",
        settledInGrid: "in the grid",
        settledInCommunity: "in the community",
        settledAbove: "above the community",
        noneSettled: "no case has been settled by agreement yet",
        unreadableFiles: { "\($0) files cannot be read or break the rules; their records are not counted. Run gridwork check for details." },
        noData: { "There is no data in \($0) yet. Try the demo community with gridwork --demo, or create demo data with gridwork demo --data \($0)." },
        makingDemo: { "Creating the demo community in \($0)" },
        demoProgress: { "Generating: \($0)/\($1) grids, \($2) records" },
        demoDone: { "Wrote \($0) records in \(String(format: "%.1f", $1)) s to \($2)" },
        checkClean: { "Checked \($0) files and \($1) records: no problems." },
        checkFound: { "\($0) problems found." },
        benchNotDemo: { "\($0) was not made by gridwork demo. The benchmark writes to its data, so it runs on demo data only." },
        badDate: { "\"\($0)\" is not a date of the form YYYY-MM-DD" },
        needsTerminal: "The dashboard needs a terminal. For text output use gridwork overview, stats or check.",
        indexing: { "Bringing the search index up to date: \($0)/\($1)" },
        readingFiles: { "Reading data files: \($0)/\($1) (\($2)/\($3) MB)" },
        nothingFound: "Nothing matches",
        unknownGrid: { "There is no grid \($0)" },
        hitKinds: [.resident: "resident", .household: "household", .disputeCase: "case"]
    )
}
