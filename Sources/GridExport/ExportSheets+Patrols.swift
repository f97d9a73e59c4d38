import GridModel
import Spreadsheet

extension ExportSheets {
    static let patrolHeader = [
        LocalizedText(zh: "开始时间", en: "Start"), LocalizedText(zh: "结束时间", en: "End"),
        LocalizedText(zh: "网格编码", en: "Grid code"), LocalizedText(zh: "网格", en: "Grid"),
        LocalizedText(zh: "网格员", en: "Worker"), LocalizedText(zh: "巡查类型", en: "Kind"),
        LocalizedText(zh: "走访住户", en: "Households visited"), LocalizedText(zh: "住户数", en: "Households"),
        LocalizedText(zh: "发现问题", en: "Findings"), LocalizedText(zh: "问题数", en: "Finding count"),
        LocalizedText(zh: "备注", en: "Notes"),
    ]

    static func patrolRow(_ patrol: PatrolLog, _ lookup: inout Lookup) -> [SheetCell] {
        let language = lookup.language
        let visited = patrol.householdIDs.map { lookup.households[$0]?.address.line ?? $0.rawValue }
        // "[安全隐患] 楼道堆放杂物 → JF2026-00012": the kind, the text, the case it opened.
        let findings = patrol.findings.map { finding in
            "[\(finding.kind.name(language))] \(finding.text)"
                + (finding.caseID.map { " → " + (lookup.caseNumbers[$0] ?? $0.rawValue) } ?? "")
        }
        return [
            .minute(patrol.start, in: lookup.timeZone), .minute(patrol.end, in: lookup.timeZone),
            .text(patrol.gridCode.rawValue), lookup.gridName(patrol.gridCode),
            .text(lookup.workerName(patrol.workerID)), .text(patrol.kind.name(language)),
            .text(visited.joined(separator: lookup.itemSeparator)), .integer(patrol.householdIDs.count),
            .text(findings.joined(separator: "\n")), .integer(patrol.findings.count),
            .text(patrol.notes),
        ]
    }
}
