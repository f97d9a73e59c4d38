import GridModel
import Spreadsheet

extension ExportSheets {
    static let caseHeader = [
        LocalizedText(zh: "编号", en: "Number"), LocalizedText(zh: "事由", en: "Title"),
        LocalizedText(zh: "纠纷类别", en: "Category"), LocalizedText(zh: "网格编码", en: "Grid code"),
        LocalizedText(zh: "网格", en: "Grid"), LocalizedText(zh: "来源", en: "Source"),
        LocalizedText(zh: "三事分类", en: "Three-way class"), LocalizedText(zh: "办理阶段", en: "Stage"),
        LocalizedText(zh: "办理层级", en: "Level"), LocalizedText(zh: "提出日期", en: "Raised on"),
        LocalizedText(zh: "办结期限", en: "Deadline"), LocalizedText(zh: "承办人", en: "Assignee"),
        LocalizedText(zh: "当事人", en: "Parties"), LocalizedText(zh: "调解结果", en: "Outcome"),
        LocalizedText(zh: "协议内容", en: "Agreement"), LocalizedText(zh: "满意度", en: "Satisfaction"),
        LocalizedText(zh: "回访日期", en: "Follow-up"), LocalizedText(zh: "备注", en: "Notes"),
    ]

    static func caseRow(_ disputeCase: DisputeCase, _ lookup: inout Lookup) -> [SheetCell] {
        let language = lookup.language
        return [
            .text(disputeCase.number), .text(disputeCase.title),
            .text(disputeCase.category.name(language)), .text(disputeCase.gridCode.rawValue),
            lookup.gridName(disputeCase.gridCode), .text(disputeCase.source.name(language)),
            .text(disputeCase.matterClass.name(language)), .text(disputeCase.stage.name(language)),
            .text(disputeCase.level.name(language)), .day(disputeCase.raisedOn),
            .day(disputeCase.deadline), .text(lookup.workerName(disputeCase.assigneeID)),
            .text(disputeCase.parties.map { party(of: $0, &lookup) }.joined(separator: lookup.itemSeparator)),
            .text(disputeCase.outcome?.name(language)), .text(disputeCase.agreement),
            .text(disputeCase.satisfaction?.name(language)), .day(disputeCase.followUp),
            .text(disputeCase.notes),
        ]
    }

    /// `王某（申请人，138****5678）`: the name, then the role and, for a resident on file, their
    /// phone (masked unless revealing).
    static func party(of party: Party, _ lookup: inout Lookup) -> String {
        let resident = party.residentID.flatMap { lookup.residents[$0] }
        let details = [party.role, resident.flatMap { lookup.phone(of: $0) } ?? ""].filter { !$0.isEmpty }
        guard !details.isEmpty else { return party.name }
        return lookup.language == .zh ? party.name + "（" + details.joined(separator: "，") + "）"
            : party.name + " (" + details.joined(separator: ", ") + ")"
    }
}
