import GridModel

/// The to-do screen's words, in each language.
struct TodoStrings: Sendable {
    /// The kind column: 走访, 超期, 无期限, 待办理, 回访.
    let kinds: [TodoItem.Kind: String]
    /// What the kind stands for, at the head of the detail pane.
    let kindTitles: [TodoItem.Kind: String]
    /// The last column: days past due, due today, never visited, no deadline.
    let daysLate: @Sendable (Int) -> String
    /// A case assigned to the worker whose deadline is still ahead.
    let daysLeft: @Sendable (Int) -> String
    let dueToday: String
    let neverVisited: String
    let noDeadline: String
    let dueOn: String
    let interval: @Sendable (Int) -> String
    /// The list's title after the screen's name: the counts of each part.
    let counts: @Sendable (_ visits: Int, _ cases: Int, _ followUps: Int) -> String
    /// The detail's reminder of what the row's keys do.
    let visitKeys: String
    let caseKeys: String

    static func forLanguage(_ language: Language) -> TodoStrings { language == .zh ? zh : en }

    static let zh = TodoStrings(
        kinds: [.visit: "走访", .overdueCase: "超期", .caseWithoutDeadline: "无期限", .assignedCase: "待办理", .followUp: "回访"],
        kindTitles: [.visit: "应走访", .overdueCase: "案件已过办结期限", .caseWithoutDeadline: "案件未设办结期限",
                     .assignedCase: "案件待我办理", .followUp: "应回访"],
        daysLate: { "超\($0)天" },
        daysLeft: { "剩\($0)天" },
        dueToday: "今天",
        neverVisited: "未访",
        noDeadline: "无期限",
        dueOn: "应访日期",
        interval: { "每 \($0) 天" },
        counts: { "走访\($0) 案件\($1) 回访\($2)" },
        visitKeys: "p 记录走访  Enter 打开住户",
        caseKeys: "Enter 打开案件"
    )

    static let en = TodoStrings(
        kinds: [.visit: "visit", .overdueCase: "late", .caseWithoutDeadline: "no date", .assignedCase: "mine", .followUp: "follow"],
        kindTitles: [.visit: "Visit due", .overdueCase: "Case past its deadline", .caseWithoutDeadline: "Case without a deadline",
                     .assignedCase: "Case waiting on you", .followUp: "Follow-up visit due"],
        // Short: the column is headed "Late".
        daysLate: { "\($0)d" },
        daysLeft: { "in \($0)d" },
        dueToday: "today",
        neverVisited: "never",
        noDeadline: "none",
        dueOn: "Due",
        interval: { "every \($0) days" },
        counts: { "visits \($0) cases \($1) follow-ups \($2)" },
        visitKeys: "p log the visit  Enter open the household",
        caseKeys: "Enter open the case"
    )
}
