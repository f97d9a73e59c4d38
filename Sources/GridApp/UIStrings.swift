import GridIndex
import GridModel

/// Every sentence of the dashboard, one table per language. Field labels come from the model's
/// `FieldNames`, and the names of stages, levels and kinds from the model's `name(_:)`.
public struct UIStrings: Sendable {
    let screenNames: [ScreenID: String]
    let details: String
    let actions: String
    let describe: @Sendable (Command, ScreenID) -> String
    let groups: [KeyBinding.Group: String]
    let help: String
    /// The keys of every other mode (forms, filter, command line, lock, panels), by mode: what help
    /// lists after the keymap's own bindings.
    let helpModes: [(title: String, keys: [(key: String, does: String)])]
    /// Where help is scrolled to: first and last line shown, of how many, and the keys that scroll.
    let helpPosition: @Sendable (_ first: Int, _ last: Int, _ total: Int) -> String
    let hints: String
    let loading: String
    /// The list pane's title while `/` searches every grid of a district.
    let searchAllGrids: String
    /// What the list pane says before anything is typed after `/` in a district.
    let folderSearchHint: String
    let hitKinds: [SearchHit.Kind: String]
    let noRecords: String
    let noMatches: String
    let allGrids: String
    let tooSmall: @Sendable (_ needWidth: Int, _ needHeight: Int, _ width: Int, _ height: Int) -> String
    let unreadable: @Sendable (Int) -> String
    let unknownCommand: @Sendable (String) -> String
    let notFound: @Sendable (String) -> String
    let themeApplied: @Sendable (String) -> String
    let languageApplied: String
    /// `:export` under way, done, and what it needs.
    let exporting: @Sendable (_ path: String) -> String
    let exported: @Sendable (_ rows: Int, _ path: String, _ leftOut: Int) -> String
    let exportUsage: String
    let exportNothingHere: String
    let filterShown: @Sendable (_ shown: Int, _ total: Int) -> String
    let columns: [ScreenID: [String]]
    let overviewSections: [String]
    let overviewOpen: String
    let overviewOverdue: String
    let thisWeek: String
    let thisMonth: String
    /// "近 30 天" / "last 30 days", for patrol coverage.
    let lastDays: @Sendable (Int) -> String
    let visitsOverdue: @Sendable (_ overdue: Int, _ total: Int) -> String
    let settledIn: [String]
    let noneSettled: String
    let grid: String
    let worker: String
    let households: String
    let residents: String
    let microGridLine: @Sendable (_ number: Int, _ head: String, _ buildings: String) -> String
    let staffing: @Sendable (_ households: Int, _ heads: Int, _ standard: Int) -> String
    let staffingBroken: String
    /// Heads the outcome and agreement a reopened case had before.
    let outcomeBeforeReopening: String
    let ageYears: @Sendable (Int) -> String
    let daysAgo: @Sendable (Int) -> String
    let never: String
    let overdue: String
    let timeline: String
    let fromPatrolCase: String
    let openedCase: String
    let actionNames: [CaseAction: String]
    let formKeys: String
    let discardQuestion: String
    let badDate: @Sendable (String) -> String
    let savedCase: @Sendable (String) -> String
    /// What each kind of form is called, new and on file.
    let formTitles: @Sendable (_ purpose: RecordForm.Purpose) -> String
    let notesKeys: String
    let choiceKeys: String
    let flagsKeys: String
    let none: String
    let saved: String
    let alreadyOnFile: @Sendable (String) -> String
    let duplicateBeside: @Sendable (_ name: String, _ address: String) -> String
    let recordGone: String
    let changedSinceOpened: String
    /// Heads someone else's version shown beside the form: who saved it and when.
    let conflictTitle: @Sendable (_ who: String, _ when: String) -> String
    let conflictColumns: (theirs: String, mine: String)
    let conflictSame: String
    let conflictKeys: String
    let tookTheirs: String
    let undone: String
    let nothingToUndo: String
    /// An edit saved with nothing changed: nothing was written.
    let nothingChanged: String
    let cannotUndo: String
    /// The last change added a grid, which stays.
    let cannotUndoNewGrid: String
    /// "2 号小网格" / "micro-grid 2", in a form's title.
    let microGridNumber: @Sendable (Int) -> String
    let draftRestored: String
    let lockStart: String
    let lockIdle: String
    let lockSwitch: String
    let loginLabel: String
    let passphraseLabel: String
    let lockKeys: String
    /// The keys while the locked worker's login is filled in and the passphrase is asked.
    let lockKeysSwitch: String
    public let checking: String
    let workingAs: @Sendable (_ name: String, _ role: String) -> String
    let revealHint: String
    let revealNothing: String
    let revealed: @Sendable (String) -> String
    let historyTitle: @Sendable (String) -> String
    let historyEmpty: String
    /// `i` on a household: its record's, its residents', visits' and cases' story.
    let storyTitle: @Sendable (String) -> String
    let storyEmpty: String
    let storyHousehold: String
    let storyResident: @Sendable (String) -> String
    let storyVisit: String
    let storyCase: @Sendable (String) -> String
    /// The warning over a new resident's form when someone with the same name and birth date is on file.
    let namesakeTitle: String
    let namesakeIntro: String
    let namesakeKeys: String
    let keepUnchanged: @Sendable (String) -> String
    public let formNotKept: @Sendable (String) -> String
    let accountsTitle: String
    let accountCommands: String
    let accountActive: String
    let accountDisabled: String
    let accountLockedOut: String
    let newPassphrase: String
    let passphraseAgain: String
    let passphraseFor: @Sendable (String) -> String
    let passphrasesDiffer: String
    let passphraseTooShort: String
    public let accountDone: @Sendable (AccountChange) -> String
    let draftUnreadable: String
    let findingHasCase: @Sendable (String) -> String
    let noFindings: String
    /// Between a label and what follows: "：" / ": ".
    let separator: String
    /// Between the items of a list: "、" / ", ".
    let listSeparator: String
    /// "居民（3）" / "Residents (3)".
    let counted: @Sendable (_ label: String, _ count: Int) -> String
    /// "2026-11-20（2 天前）" / "2026-11-20 (2 days ago)".
    let aside: @Sendable (_ text: String, _ note: String) -> String

    public static func forLanguage(_ language: Language) -> UIStrings { language == .zh ? zh : en }

    /// What a command does, as help and the action pane say it.
    func description(of command: Command, on screen: ScreenID) -> String {
        if case .screen(let target) = command { return describe(command, screen) + (screenNames[target] ?? "") }
        if case .caseAction(let action) = command { return actionName(action) }
        return describe(command, screen)
    }

    func actionName(_ action: CaseAction) -> String { actionNames[action] ?? action.rawValue }

    func name(of screen: ScreenID) -> String { screenNames[screen] ?? "" }

    static let zh = UIStrings(
        screenNames: [.todo: "待办", .overview: "总览", .grids: "网格", .households: "住户", .patrols: "巡查", .cases: "案件"],
        details: "详情",
        actions: "操作",
        describe: { command, screen in
            switch command {
            case .moveDown: return "下移"
            case .moveUp: return "上移"
            case .pageDown: return "下一页"
            case .pageUp: return "上一页"
            case .first: return "第一项"
            case .last: return "最后一项"
            case .nextPane: return "下一个窗格"
            case .previousPane: return "上一个窗格"
            case .paneLeft: return "左边的窗格"
            case .paneRight: return "右边的窗格"
            case .screen: return "转到"
            case .open:
                switch screen {
                case .todo: return "打开该住户或案件"
                case .overview: return "打开该项的页面"
                case .grids: return "查看本网格的住户"
                case .households: return "查看居民"
                case .patrols: return "查看巡查详情"
                case .cases: return "查看办理记录"
                }
            case .back: return "返回上一级"
            case .filter: return "筛选（姓名、地址、事由）"
            case .commandLine: return "输入命令"
            case .help: return "帮助"
            case .quit: return "退出"
            case .newRecord:
                switch screen {
                case .grids: return "新建网格（管理员）"
                case .households: return "新建住户"
                case .patrols: return "新建巡查记录"
                default: return "新建案件"
                }
            case .edit:
                switch screen {
                case .grids: return "修改网格（详情窗格中：所选小网格）"
                case .households: return "修改住户（详情窗格中：修改所选居民）"
                default: return "修改"
                }
            case .addMicroGrid: return "新建小网格"
            case .addResident: return "登记居民"
            case .logVisit: return "记录走访"
            case .addFinding: return "添加发现问题"
            case .openCase: return screen == .patrols ? "由所选问题立案" : "为所选居民立案"
            case .undo: return "撤销上一次修改"
            case .reveal: return "显示所选居民的完整号码（记入审计）"
            case .history: return screen == .households ? "住户档案：修改、走访、案件（详情窗格中：所选居民的记录）" : "查看修改记录"
            case .moveRecord: return "迁移：住户到其他网格，居民到其他住户"
            case .lock: return "锁屏 / 换人登录"
            case .caseAction: return ""
            }
        },
        groups: [.move: "移动", .panes: "窗格", .screens: "页面", .item: "当前项", .tools: "工具"],
        help: "帮助",
        helpModes: [
            ("表单", [("Tab  Shift-Tab", "下一项、上一项（也可用 Down Up）"), ("Enter", "保存；在备注中换行"), ("Ctrl-S", "保存（在任何一项中）"),
                      ("Esc", "关闭；有输入时先询问（y 放弃）"), ("Left Right  Space", "选择项中切换；标签中移动、勾选"),
                      ("输入文字", "选择项中按名称、拼音首字母或门牌数字筛选"), ("Backspace  Delete", "删除一个字"), ("Home  End", "到行首、行尾"),
                      ("k  t", "他人已修改时：保留我的并覆盖、采用他人的"), ("y  Esc", "有同名同出生日期的居民时：仍然登记、返回修改")]),
            ("筛选（/）", [("输入文字", "筛选列表"), ("Enter", "保留筛选"), ("Esc", "取消筛选"), ("Down Up  PgDn PgUp", "在结果中移动")]),
            ("命令（:）", [("Enter", "执行"), ("Esc", "取消"), (":q", "退出"), (":theme 名称", "换主题"), (":lang zh|en", "换语言"),
                           (":goto 编码", "打开网格编码或案件编号"), (":export 文件", "导出当前列表（按筛选，号码打码；.xlsx 或 .csv）"),
                           (":export residents 文件", "住户页：导出所列住户的居民"), (":export! 文件", "覆盖已有文件"),
                           (":export --reveal 文件", "完整号码（管理员，记入审计）"), (":users", "列出账号（管理员）"), (":user add 登录名 工作人员ID", "新增账号"),
                           (":user passwd [登录名]", "改口令"), (":user disable|enable 登录名", "停用、启用账号")]),
            ("锁屏", [("Enter", "登录或继续"), ("Tab", "在登录名和口令间切换"), ("Esc", "清除口令；再按一次换人登录"), ("Ctrl-C", "退出")]),
            ("帮助、记录历史、账号列表", [("j k  Down Up", "滚动"), ("PgDn PgUp", "翻页"), ("g G", "到开头、结尾"), ("Esc  q  Enter", "关闭")]),
        ],
        helpPosition: { "第 \($0)–\($1) 行，共 \($2) 行  j k 滚动" },
        hints: "? 帮助  / 筛选  : 命令  q 退出",
        loading: "正在读取数据…",
        searchAllGrids: "搜索全部网格",
        folderSearchHint: "输入姓名、拼音、地址或编号",
        hitKinds: [.resident: "居民", .household: "户", .disputeCase: "纠纷"],
        noRecords: "没有记录",
        noMatches: "没有匹配的记录",
        allGrids: "全部网格",
        tooSmall: { "终端太小：至少需要 \($0)×\($1)，当前 \($2)×\($3)" },
        unreadable: { "有 \($0) 个文件无法读取，未计入；运行 gridwork check 查看" },
        unknownCommand: { "未知命令：\($0)（按 ? 查看帮助）" },
        notFound: { "找不到：\($0)" },
        themeApplied: { "已使用主题 \($0)" },
        languageApplied: "已切换为中文",
        exporting: { "正在导出到 \($0)…" },
        exported: { rows, path, leftOut in
            "已导出 \(rows) 行到 \(path)" + (leftOut > 0 ? "（另有 \(leftOut) 行属于其他网格，网格员只能导出自己负责的网格）" : "")
        },
        exportUsage: "用法：:export 文件名（.xlsx 为 Excel 工作簿，其他为 CSV）；:export! 覆盖已有文件；住户页 :export residents 文件名 导出居民",
        exportNothingHere: "此页没有可导出的列表：在住户、巡查、案件页（3、4、5）使用 :export",
        filterShown: { "\($0)/\($1)" },
        columns: [
            .todo: ["事项", "对象", "地址或事由", "超期"],
            .overview: ["项目", "数量"],
            .grids: ["网格编码", "名称", "网格员"],
            .households: ["地址", "户主", "人数"],
            .patrols: ["时间", "类型", "网格员", "发现"],
            .cases: ["编号", "阶段", "层级", "事由"],
        ],
        overviewSections: ["记录", "未结案件（按阶段）", "未结案件（按层级）", "网格巡查", "重点人群走访", "走访覆盖（30 天）", "案件在哪一级化解"],
        overviewOpen: "在办",
        overviewOverdue: "超期",
        thisWeek: "本周",
        thisMonth: "本月",
        lastDays: { "近 \($0) 天" },
        visitsOverdue: { "\($0) 人超期（共 \($1) 人需定期走访）" },
        settledIn: ["网格内", "社区内", "社区以上"],
        noneSettled: "尚无调解成功的案件",
        grid: "网格",
        worker: "网格员",
        households: "户数",
        residents: "居民",
        microGridLine: { "\($0) 号小网格  \($1)  \($2)" },
        staffing: { "\($0) 户，\($1) 名小网格长，标准为每人 \($2) 户" },
        staffingBroken: "小网格长不足，未达到配备标准",
        outcomeBeforeReopening: "重新打开前的结果",
        ageYears: { "\($0) 岁" },
        daysAgo: { "\($0) 天前" },
        never: "从未",
        overdue: "已超期",
        timeline: "办理记录",
        fromPatrolCase: "由巡查发现",
        openedCase: "已立案",
        actionNames: [.advance: "推进到下一阶段", .escalate: "上报上一级", .assign: "指派承办人", .deadline: "设定办结期限",
                      .outcome: "记录调解结果", .rating: "记录满意度和回访", .close: "结案", .reopen: "重新打开", .note: "添加备注"],
        formKeys: "Tab 下一项  ←/→ 选择  Enter 保存  Esc 取消",
        discardQuestion: "放弃已填写的内容？按 y 放弃，其他键继续填写",
        badDate: { "“\($0)”不是日期：可写 2026-11-22、11-22、今天 或 -3d" },
        savedCase: { "已保存 \($0)" },
        formTitles: { purpose in
            switch purpose {
            case .caseStep: return ""
            case .household(let id, _): return id == nil ? "新建住户" : "修改住户"
            case .resident(let id, _): return id == nil ? "登记居民" : "修改居民信息"
            case .patrol(let id, _): return id == nil ? "新建巡查记录" : "修改巡查记录"
            case .finding: return "添加发现问题"
            case .newCase: return "新建案件"
            case .caseDetails: return "修改案件信息"
            case .grid(let id): return id == nil ? "新建网格" : "修改网格"
            case .microGrid(let number, _): return number == nil ? "新建小网格" : "修改小网格"
            case .move(_, let isResident): return isResident ? "居民迁到其他住户" : "住户迁到其他网格"
            }
        },
        notesKeys: "Enter 换行  Tab 下一项  Ctrl-S 保存  Esc 取消",
        choiceKeys: "←/→ 选择  输入文字或拼音首字母筛选  Tab 下一项  Enter 保存",
        flagsKeys: "←/→ 移动  空格 选中/取消  Tab 下一项  Enter 保存",
        none: "（无）",
        saved: "已保存",
        alreadyOnFile: { "该身份证号已登记：\($0)，已为你打开该记录，未重复登记" },
        duplicateBeside: { "该身份证号已登记：\($0)（\($1)）；按 Enter 查看该记录" },
        recordGone: "该记录已不在，可能已被另一台终端删除",
        changedSinceOpened: "打开此表后该记录已被他人修改，为免覆盖未保存；按 Esc 关闭后重新打开查看新内容",
        conflictTitle: { "\($0) 于 \($1) 修改了此记录" },
        conflictColumns: (theirs: "他人的版本", mine: "你填写的"),
        conflictSame: "两个版本在本表各项上相同；保存将以你的为准。",
        conflictKeys: "k 保留我的并覆盖（记入审计）  t 采用他人的  Esc 返回编辑",
        tookTheirs: "已采用他人的版本；你填写的内容未保存",
        undone: "已撤销上一次修改",
        nothingToUndo: "本次没有可撤销的修改",
        nothingChanged: "没有改动，未保存",
        cannotUndo: "上一次修改是案件办理步骤或新立案件，办理记录不能撤销；如有误请添加备注或重新打开",
        cannotUndoNewGrid: "上一次修改是新建网格，网格建立后不能撤销；如有误请在网格页按 e 修改",
        microGridNumber: { "\($0) 号小网格" },
        draftRestored: "已恢复上次未保存的草稿：Enter 保存，Esc 放弃",
        lockStart: "请登录。",
        lockIdle: "长时间无操作，屏幕已锁定。请输入口令继续；未保存的表单仍在。",
        lockSwitch: "已锁定。本人输入口令继续，或换人登录。",
        loginLabel: "账号",
        passphraseLabel: "口令",
        lockKeys: "Tab 切换  Enter 登录  Ctrl-C 退出",
        lockKeysSwitch: "Enter 继续  Esc 换人登录  Ctrl-C 退出",
        checking: "正在核对口令……",
        workingAs: { "当前用户：\($0)（\($1)）" },
        revealHint: "在详情窗格中选中一位居民，再按 x 查看完整号码",
        revealNothing: "该居民没有登记身份证号或手机号",
        revealed: { "已显示 \($0) 的完整号码（已记入审计记录）" },
        historyTitle: { "修改记录：\($0)" },
        historyEmpty: "审计记录中没有这条记录的条目",
        storyTitle: { "住户档案：\($0)" },
        storyEmpty: "这户还没有任何记录",
        storyHousehold: "住户",
        storyResident: { "居民 \($0)" },
        storyVisit: "走访",
        storyCase: { "案件 \($0)" },
        namesakeTitle: "可能重复登记",
        namesakeIntro: "没有填身份证号，而以下居民的姓名和出生日期与之相同，可能是同一人：",
        namesakeKeys: "y 仍然登记为新居民    Esc 返回修改",
        keepUnchanged: { "留空不改（现为 \($0)）" },
        formNotKept: { "\($0) 的表单未能保存为草稿（磁盘已满？），为免丢失暂不换人；请 \($0) 登录后保存或放弃该表单" },
        accountsTitle: "账号",
        accountCommands: "命令：:user add 账号 工作人员编号  :user passwd [账号]  :user disable 账号  :user enable 账号",
        accountActive: "可用",
        accountDisabled: "已停用",
        accountLockedOut: "已锁定",
        newPassphrase: "新口令",
        passphraseAgain: "再输一次",
        passphraseFor: { "\($0) 的口令" },
        passphrasesDiffer: "两次输入的口令不一致，请再输一次",
        passphraseTooShort: "口令至少 8 个字符",
        accountDone: { change in
            switch change {
            case .add(let login, _, _): return "已新增账号 \(login)"
            case .passphrase(let login, _): return "\(login) 的口令已更改"
            case .disable(let login): return "账号 \(login) 已停用"
            case .enable(let login): return "账号 \(login) 已启用"
            }
        },
        draftUnreadable: "上次的草稿无法读取，已另存为 drafts/*.unreadable",
        findingHasCase: { "该问题已立案：\($0)" },
        noFindings: "这条巡查记录没有发现问题，先按 f 添加",
        separator: "：",
        listSeparator: "、",
        counted: { "\($0)（\($1)）" },
        aside: { "\($0)（\($1)）" }
    )

    static let en = UIStrings(
        screenNames: [.todo: "To do", .overview: "Overview", .grids: "Grids", .households: "Households", .patrols: "Patrols", .cases: "Cases"],
        details: "Details",
        actions: "Actions",
        describe: { command, screen in
            switch command {
            case .moveDown: return "down"
            case .moveUp: return "up"
            case .pageDown: return "page down"
            case .pageUp: return "page up"
            case .first: return "first item"
            case .last: return "last item"
            case .nextPane: return "next pane"
            case .previousPane: return "previous pane"
            case .paneLeft: return "pane to the left"
            case .paneRight: return "pane to the right"
            case .screen: return "go to "
            case .open:
                switch screen {
                case .todo: return "open the household or case"
                case .overview: return "open this item's screen"
                case .grids: return "show this grid's households"
                case .households: return "show the residents"
                case .patrols: return "show the patrol"
                case .cases: return "show the timeline"
                }
            case .back: return "back one level"
            case .filter: return "filter (names, addresses, titles)"
            case .commandLine: return "type a command"
            case .help: return "help"
            case .quit: return "quit"
            case .newRecord:
                switch screen {
                case .grids: return "new grid (admins)"
                case .households: return "new household"
                case .patrols: return "new patrol log"
                default: return "new case"
                }
            case .edit:
                switch screen {
                case .grids: return "edit grid (details: micro-grid)"
                case .households: return "edit household (in the detail pane: the selected resident)"
                default: return "edit"
                }
            case .addMicroGrid: return "add a micro-grid"
            case .addResident: return "register a resident"
            case .logVisit: return "log a visit"
            case .addFinding: return "add a finding"
            case .openCase: return screen == .patrols ? "open a case from the selected finding" : "open a case for the selected resident"
            case .undo: return "undo the last change"
            case .reveal: return "show the selected resident's full numbers (audited)"
            case .history: return screen == .households ? "the household's story: changes, visits, cases (details: the resident's history)" : "show the record's history"
            case .moveRecord: return "move: household to a grid, resident to a household"
            case .lock: return "lock / switch user"
            case .caseAction: return ""
            }
        },
        groups: [.move: "Move", .panes: "Panes", .screens: "Screens", .item: "Selected item", .tools: "Tools"],
        help: "Help",
        helpModes: [
            ("Forms", [("Tab  Shift-Tab", "next, previous field (Down Up too)"), ("Enter", "save; a new line in notes"), ("Ctrl-S", "save (from any field)"),
                       ("Esc", "close; asks first when something was typed (y drops it)"), ("Left Right  Space", "change a choice; move and tick among tags"),
                       ("typing", "narrows a choice by name, pinyin initials or address digits"), ("Backspace  Delete", "remove a character"),
                       ("Home  End", "start, end of the line"), ("k  t", "when someone else changed the record: keep mine over theirs, take theirs"),
                       ("y  Esc", "when someone has the same name and birth date: register anyway, go back")]),
            ("Filter (/)", [("typing", "filters the list"), ("Enter", "keep the filter"), ("Esc", "drop the filter"), ("Down Up  PgDn PgUp", "move among the matches")]),
            ("Command line (:)", [("Enter", "run"), ("Esc", "cancel"), (":q", "quit"), (":theme NAME", "change theme"), (":lang zh|en", "change language"),
                                  (":goto CODE", "open a grid code or case number"),
                                  (":export FILE", "export the list as filtered, numbers masked (.xlsx or .csv)"),
                                  (":export residents FILE", "screen 3: the people of the households listed"), (":export! FILE", "replace a file"),
                                  (":export --reveal FILE", "full numbers (admins, audited)"), (":users", "list accounts (admins)"),
                                  (":user add LOGIN WORKER-ID", "add an account"), (":user passwd [LOGIN]", "change a passphrase"),
                                  (":user disable|enable LOGIN", "disable, enable an account")]),
            ("Lock screen", [("Enter", "log in or go on"), ("Tab", "between login and passphrase"), ("Esc", "clear the passphrase; again: someone else logs in"),
                             ("Ctrl-C", "quit")]),
            ("Help, history, accounts", [("j k  Down Up", "scroll"), ("PgDn PgUp", "a page"), ("g G", "top, bottom"), ("Esc  q  Enter", "close")]),
        ],
        helpPosition: { "lines \($0)-\($1) of \($2)  j k scroll" },
        hints: "? help  / filter  : command  q quit",
        loading: "Reading data…",
        searchAllGrids: "Search all grids",
        folderSearchHint: "A name, pinyin, address or number",
        hitKinds: [.resident: "resident", .household: "household", .disputeCase: "case"],
        noRecords: "No records",
        noMatches: "Nothing matches",
        allGrids: "all grids",
        tooSmall: { "Terminal too small: needs at least \($0)×\($1), now \($2)×\($3)" },
        unreadable: { "\($0) files cannot be read and are left out; run gridwork check" },
        unknownCommand: { "Unknown command: \($0) (press ? for help)" },
        notFound: { "Not found: \($0)" },
        themeApplied: { "Theme \($0) in use" },
        languageApplied: "Language: English",
        exporting: { "Exporting to \($0)…" },
        exported: { rows, path, leftOut in
            "Exported \(rows) row\(rows == 1 ? "" : "s") to \(path)"
                + (leftOut > 0 ? " (\(leftOut) of other grids left out: a grid worker exports their own grids)" : "")
        },
        exportUsage: "Usage: :export FILE (.xlsx is an Excel workbook, anything else CSV); :export! replaces a file; on screen 3, :export residents FILE exports the people",
        exportNothingHere: "Nothing to export on this screen: use :export on households, patrols or cases (3, 4, 5)",
        filterShown: { "\($0)/\($1)" },
        columns: [
            .todo: ["Kind", "Who", "Address or title", "Late"],
            .overview: ["Item", "Count"],
            .grids: ["Grid code", "Name", "Worker"],
            .households: ["Address", "Head", "People"],
            .patrols: ["Time", "Kind", "Worker", "Found"],
            .cases: ["Number", "Stage", "Level", "Title"],
        ],
        overviewSections: ["Records", "Open cases by stage", "Open cases by level", "Patrols", "Visits due", "Households visited (30 days)", "Where cases were settled"],
        overviewOpen: "open",
        overviewOverdue: "overdue",
        thisWeek: "this week",
        thisMonth: "this month",
        lastDays: { "last \($0) days" },
        visitsOverdue: { "\($0) overdue (of \($1) who need regular visits)" },
        settledIn: ["in the grid", "in the community", "above the community"],
        noneSettled: "no case settled by agreement yet",
        grid: "Grid",
        worker: "Worker",
        households: "Households",
        residents: "Residents",
        microGridLine: { "micro-grid \($0)  \($1)  \($2)" },
        staffing: { "\($0) households, \($1) micro-grid heads, standard \($2) households each" },
        staffingBroken: "too few micro-grid heads for the staffing standard",
        outcomeBeforeReopening: "Before it was reopened",
        ageYears: { "\($0)" },
        daysAgo: { "\($0) days ago" },
        never: "never",
        overdue: "overdue",
        timeline: "Timeline",
        fromPatrolCase: "found on patrol",
        openedCase: "case opened",
        actionNames: [.advance: "advance to the next stage", .escalate: "escalate one level", .assign: "assign", .deadline: "set the deadline",
                      .outcome: "record the outcome", .rating: "record satisfaction and follow-up", .close: "close the case",
                      .reopen: "reopen", .note: "add a note"],
        formKeys: "Tab next field  ←/→ choose  Enter save  Esc cancel",
        discardQuestion: "Drop what you typed? y drops it, any other key goes back to the form",
        badDate: { "\"\($0)\" is not a date: write 2026-11-22, 11-22, today or -3d" },
        savedCase: { "Saved \($0)" },
        formTitles: { purpose in
            switch purpose {
            case .caseStep: return ""
            case .household(let id, _): return id == nil ? "New household" : "Edit household"
            case .resident(let id, _): return id == nil ? "Register a resident" : "Edit resident"
            case .patrol(let id, _): return id == nil ? "New patrol log" : "Edit patrol log"
            case .finding: return "Add a finding"
            case .newCase: return "New case"
            case .caseDetails: return "Edit case"
            case .grid(let id): return id == nil ? "New grid" : "Edit grid"
            case .microGrid(let number, _): return number == nil ? "New micro-grid" : "Edit micro-grid"
            case .move(_, let isResident): return isResident ? "Move a resident to another household" : "Move a household to another grid"
            }
        },
        notesKeys: "Enter new line  Tab next field  Ctrl-S save  Esc cancel",
        choiceKeys: "←/→ choose  type words or pinyin initials to narrow  Tab next  Enter save",
        flagsKeys: "←/→ move  Space tick/untick  Tab next field  Enter save",
        none: "(none)",
        saved: "Saved",
        alreadyOnFile: { "That ID number is already on file: \($0). Showing that record; nothing was registered twice" },
        duplicateBeside: { "That ID number is on file: \($0) (\($1)); Enter shows that record" },
        recordGone: "This record is no longer on file; another terminal may have removed it",
        changedSinceOpened: "Someone changed this record after the form opened; not saved, so as not to overwrite it. Esc, then open it again",
        conflictTitle: { "\($0) changed this record at \($1)" },
        conflictColumns: (theirs: "their version", mine: "what you typed"),
        conflictSame: "Both versions agree on every field of this form; saving keeps yours.",
        conflictKeys: "k keep mine, saving over theirs (audited)  t take theirs  Esc back to editing",
        tookTheirs: "Took their version; what you typed was not saved",
        undone: "The last change was undone",
        nothingToUndo: "Nothing to undo in this session",
        nothingChanged: "Nothing changed, nothing saved",
        cannotUndo: "The last change was a workflow step or a new case: timeline entries are never undone; add a note or reopen instead",
        cannotUndoNewGrid: "The last change added a grid, which is never undone; press e on the grids screen to change it instead",
        microGridNumber: { "micro-grid \($0)" },
        draftRestored: "Restored the form you had not saved: Enter saves, Esc drops it",
        lockStart: "Please log in.",
        lockIdle: "Locked after a while without a key. Type your passphrase to go on; an open form is kept.",
        lockSwitch: "Locked. Type your passphrase to go on, or log in as someone else.",
        loginLabel: "Login",
        passphraseLabel: "Passphrase",
        lockKeys: "Tab switch  Enter log in  Ctrl-C quit",
        lockKeysSwitch: "Enter go on  Esc someone else  Ctrl-C quit",
        checking: "Checking the passphrase…",
        workingAs: { "Working as \($0) (\($1))" },
        revealHint: "Pick a resident in the detail pane, then press x to show the full numbers",
        revealNothing: "This resident has no ID or phone number on file",
        revealed: { "Showing \($0)'s full numbers (written to the audit trail)" },
        historyTitle: { "History: \($0)" },
        historyEmpty: "The audit trail has no entries about this record",
        storyTitle: { "Household story: \($0)" },
        storyEmpty: "Nothing is recorded about this household yet",
        storyHousehold: "household",
        storyResident: { "resident \($0)" },
        storyVisit: "visit",
        storyCase: { "case \($0)" },
        namesakeTitle: "Possibly on file already",
        namesakeIntro: "No ID number was given, and these residents on file have the same name and birth date; it may be the same person:",
        namesakeKeys: "y register as a new resident anyway    Esc go back to the form",
        keepUnchanged: { "leave empty to keep (now \($0))" },
        formNotKept: { "\($0)'s open form could not be kept as a draft (is the disk full?), so the switch waits rather than lose it; \($0) should log in and save or drop it" },
        accountsTitle: "Accounts",
        accountCommands: "Commands: :user add LOGIN WORKER-ID  :user passwd [LOGIN]  :user disable LOGIN  :user enable LOGIN",
        accountActive: "active",
        accountDisabled: "disabled",
        accountLockedOut: "locked out",
        newPassphrase: "New passphrase",
        passphraseAgain: "Again",
        passphraseFor: { "Passphrase for \($0)" },
        passphrasesDiffer: "The two passphrases differ; type the second again",
        passphraseTooShort: "A passphrase has 8 characters or more",
        accountDone: { change in
            switch change {
            case .add(let login, _, _): return "Added account \(login)"
            case .passphrase(let login, _): return "Changed the passphrase of \(login)"
            case .disable(let login): return "Disabled account \(login)"
            case .enable(let login): return "Enabled account \(login)"
            }
        },
        draftUnreadable: "The last draft could not be read; it was kept as drafts/*.unreadable",
        findingHasCase: { "This finding already opened case \($0)" },
        noFindings: "This patrol log has no findings; press f to add one",
        separator: ": ",
        listSeparator: ", ",
        counted: { "\($0) (\($1))" },
        aside: { "\($0) (\($1))" }
    )
}
