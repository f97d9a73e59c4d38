import GridModel

extension MonthlyReport {
    /// The figures a column each: all the grids together, then each grid; a single grid's report
    /// has its one column, as the whole and the grid are then the same.
    public var columns: [MonthlyFigures] { grids.count == 1 ? [total] : [total] + grids.map(\.figures) }

    /// The report's lines in `language`, a value per column (`columns`).
    /// A breakdown lists only what occurred somewhere in the report (a tag no one carries, a
    /// category with no case), except patrol kinds, finding kinds and levels, which are always shown.
    public func lines(_ language: Language) -> [ReportLine] {
        let areas = columns
        let zh = language == .zh
        var lines: [ReportLine] = []
        func heading(_ zhText: String, _ enText: String) { lines.append(ReportLine(label: zh ? zhText : enText, depth: 0, values: [])) }
        func line(_ label: String, depth: Int = 1, _ value: (MonthlyFigures) -> ReportValue) {
            lines.append(ReportLine(label: label, depth: depth, values: areas.map(value)))
        }
        func count(_ label: String, depth: Int = 1, _ value: (MonthlyFigures) -> Int) { line(label, depth: depth) { .count(value($0)) } }

        heading("住户走访", "Households visited")
        count(zh ? "户数" : "households on file") { $0.households }
        count(zh ? "本月走访户数" : "visited this month") { $0.householdsVisited }
        line(zh ? "走访覆盖率" : "share visited") { .share($0.householdsVisited, of: $0.households) }

        heading("重点人群走访", "Tagged residents' visits")
        count(zh ? "应走访" : "due a visit") { $0.visits.due }
        count(zh ? "已走访" : "visited") { $0.visits.visited }
        count(zh ? "超期未访" : "overdue") { $0.visits.overdue }
        for tag in PopulationTag.allCases where total.visitsByTag[tag] != nil {
            let name = tag.name(language)
            count(name + (zh ? "：应走访" : ": due"), depth: 2) { $0.visitsByTag[tag]?.due ?? 0 }
            count(name + (zh ? "：已走访" : ": visited"), depth: 2) { $0.visitsByTag[tag]?.visited ?? 0 }
            count(name + (zh ? "：超期未访" : ": overdue"), depth: 2) { $0.visitsByTag[tag]?.overdue ?? 0 }
        }

        heading("网格巡查", "Patrols")
        count(zh ? "巡查次数" : "patrols") { $0.patrols }
        for kind in PatrolKind.allCases { count(kind.name(language), depth: 2) { $0.patrolsByKind[kind] ?? 0 } }

        heading("巡查发现", "Findings")
        count(zh ? "发现问题" : "findings") { $0.findings }
        for kind in FindingKind.allCases { count(kind.name(language), depth: 2) { $0.findingsByKind[kind] ?? 0 } }
        count(zh ? "转为案件" : "opened a case") { $0.findingsOpeningCases }

        heading("矛盾纠纷", "Dispute cases")
        count(zh ? "本月受理" : "raised") { $0.cases.raised }
        count(zh ? "本月办结" : "closed") { $0.cases.closed }
        count(zh ? "超期未结" : "overdue") { $0.cases.overdue }
        for category in CaseCategory.allCases where total.casesByCategory[category].map({ $0 != CaseCounts() }) ?? false {
            let name = category.name(language)
            count(name + (zh ? "：受理" : ": raised"), depth: 2) { $0.casesByCategory[category]?.raised ?? 0 }
            count(name + (zh ? "：办结" : ": closed"), depth: 2) { $0.casesByCategory[category]?.closed ?? 0 }
            count(name + (zh ? "：超期" : ": overdue"), depth: 2) { $0.casesByCategory[category]?.overdue ?? 0 }
        }

        heading("化解层级", "Where cases were settled")
        for level in CaseLevel.allCases {
            count(level.name(language) + (zh ? "办结" : ": closed"), depth: 2) { $0.closedByLevel[level] ?? 0 }
        }
        for level in CaseLevel.allCases {
            count(level.name(language) + (zh ? "调解成功" : ": settled by agreement"), depth: 2) { $0.settledByLevel[level] ?? 0 }
        }
        line(zh ? "小事不出网格（网格化解占比）" : "settled in the grid (小事不出网格)") { .share($0.settledByLevel[.grid] ?? 0, of: $0.settled) }

        heading("群众满意度", "Satisfaction")
        count(zh ? "评价件数" : "ratings") { $0.rated }
        for rating in Satisfaction.allCases { count(rating.name(language), depth: 2) { $0.satisfaction[rating] ?? 0 } }
        line(zh ? "满意率（满意与基本满意）" : "satisfied or mostly") { .share($0.satisfiedOrMostly, of: $0.rated) }

        heading("回访", "Follow-up visits")
        count(zh ? "应回访" : "due") { $0.followUpsDue }
        count(zh ? "已回访" : "done") { $0.followUpsDone }
        return lines
    }

    /// The closing line naming the audit trail's head, in `language`.
    public func auditLine(_ language: Language) -> String {
        guard let auditHead else { return language == .zh ? "审计记录：无" : "audit trail: none" }
        return language == .zh ? "审计记录：第 \(auditHead.count) 条，摘要 \(auditHead.hash)"
            : "audit trail: \(auditHead.count) entries, head \(auditHead.hash)"
    }

    /// The title: area, month and the day the figures stand at.
    public func title(_ language: Language) -> String {
        let partial = asOf < month.lastDay
        if language == .zh {
            return "\(areaName) \(month.year)年\(month.month)月 网格工作月报" + (partial ? "（截至 \(asOf.iso)）" : "")
        }
        return "\(areaName) monthly report, \(month.text)" + (partial ? " (to \(asOf.iso))" : "")
    }

    /// Column titles: the whole, then each grid by name; a single grid's name alone.
    public func areaNames(_ language: Language) -> [String] {
        if grids.count == 1 { return grids.map(\.grid.name) }
        return [language == .zh ? "合计" : "all grids"] + grids.map(\.grid.name)
    }
}
