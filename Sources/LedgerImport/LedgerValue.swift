import GridModel
import Spreadsheet

/// How the cells of a ledger are read: dates in the ways people write them, and the words
/// ledgers use for gender, relation, residency, status and population categories.
enum LedgerValue {
    /// A cell's text without the surrounding blanks, and without the apostrophe Excel users type
    /// before a long number to keep it as text.
    static func clean(_ text: String) -> String {
        var trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines.union(["\u{3000}", "\u{FEFF}"]))
        if trimmed.hasPrefix("'") { trimmed.removeFirst() }
        return trimmed
    }

    enum DateCell: Equatable {
        case day(Day)
        /// `出生年月` columns often hold only a year and month (`1990.05`).
        case yearMonth(year: Int, month: Int)
        case invalid
    }

    /// `2026-11-22`, `2026/11/22`, `2026.11.22`, `2026年11月22日`, `20261122`, an Excel date
    /// serial (`46348`), each optionally followed by a time of day (which is dropped); or a year
    /// and month alone.
    static func date(_ raw: String) -> DateCell {
        var text = clean(raw)
        if let cut = text.firstIndex(where: { $0 == " " || $0 == "T" }) { text = String(text[..<cut]) }
        if text.hasSuffix("日") || text.hasSuffix("号") { text.removeLast() }
        let digitsOnly = !text.isEmpty && text.allSatisfy { $0.isASCII && $0.isNumber }
        if digitsOnly && text.count == 8, let value = Int(text) {
            return Day(year: value / 10_000, month: value / 100 % 100, day: value % 100).map(DateCell.day) ?? .invalid
        }
        // An Excel serial: five to seven digits (1927-05-18 onwards), maybe with a time fraction;
        // four digits and a dot are a year and month (`1990.05`), never a serial.
        let whole = text.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        if (5...7).contains(whole[0].count), whole.count <= 2, text.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }),
           let serial = Double(text), serial <= ExcelSerialDate.largest {
            guard let (year, month, day) = ExcelSerialDate.date(serial), let parsed = Day(year: year, month: month, day: day) else { return .invalid }
            return .day(parsed)
        }
        let parts = text.split(whereSeparator: { "-/.年月".contains($0) }).map(String.init)
        guard parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }), let year = parts.first.flatMap({ Int($0) }),
              parts.first?.count == 4 else { return .invalid }
        if parts.count == 3, let month = Int(parts[1]), let day = Int(parts[2]) {
            return Day(year: year, month: month, day: day).map(DateCell.day) ?? .invalid
        }
        if parts.count == 2, let month = Int(parts[1]), (1...12).contains(month) { return .yearMonth(year: year, month: month) }
        return .invalid
    }

    static func gender(_ text: String) -> Gender? { lookup(text, genders) }
    static func relation(_ text: String) -> Relation? { lookup(text, relations) }
    static func residency(_ text: String) -> Residency? { lookup(text, residencies) }
    static func status(_ text: String) -> ResidentStatus? { lookup(text, statuses) }

    /// The words of a tags cell, split at `、` `,` `，` `;` `；` `/` and blanks.
    static func words(_ text: String) -> [String] {
        clean(text).split(whereSeparator: { "、,，;；/|".contains($0) || $0.isWhitespace }).map(String.init).filter { !$0.isEmpty }
    }

    /// A word of a tags cell: a population tag of the resident, or a tag of their household.
    enum Tag: Equatable {
        case person(PopulationTag)
        case household(String)
    }

    static func tag(_ word: String) -> Tag? {
        if let tag = lookup(word, populationTags) { return .person(tag) }
        if let tag = lookup(word, householdTags) { return .household(tag.rawValue) }
        return nil
    }

    /// What may be written, for a message: each value's Chinese or English name.
    static func choices<T: NamedChoice>(_ type: T.Type, _ language: Language) -> String {
        T.allCases.map { $0.name(language) }.joined(separator: language == .zh ? "、" : ", ")
    }

    private static func lookup<T>(_ text: String, _ table: [String: T]) -> T? {
        let key = LedgerField.normalized(clean(text))
        return key.isEmpty ? nil : table[key]
    }

    /// Every value by its names in both languages, its raw value and the extra words given.
    private static func table<T: NamedChoice>(_ type: T.Type, _ extra: [T: [String]]) -> [String: T] {
        var table: [String: T] = [:]
        for value in T.allCases {
            for word in [value.rawValue, value.name(.zh), value.name(.en)] + (extra[value] ?? []) {
                let key = LedgerField.normalized(word)
                if table[key] == nil { table[key] = value }
            }
        }
        return table
    }

    private static let genders = table(Gender.self, [.male: ["男性", "m", "男士"], .female: ["女性", "f", "女士"]])

    private static let relations = table(Relation.self, [
        .head: ["本人", "户主本人", "self"],
        .spouse: ["妻", "妻子", "夫", "丈夫", "之妻", "之夫", "爱人", "老伴", "wife", "husband"],
        .child: ["子", "女", "儿子", "女儿", "长子", "次子", "三子", "长女", "次女", "三女", "独生子", "独生女", "养子", "养女",
                 "继子", "继女", "son", "daughter"],
        .parent: ["父亲", "母亲", "父", "母", "公公", "婆婆", "岳父", "岳母", "father", "mother"],
        .grandchild: ["孙子", "孙女", "外孙", "外孙子", "外孙女", "grandson", "granddaughter"],
        .sibling: ["兄", "弟", "姐", "妹", "哥哥", "弟弟", "姐姐", "妹妹", "兄弟", "姐妹", "brother", "sister"],
        .tenant: ["租户", "租客", "承租人", "房客", "lodger"],
        .other: ["其它", "儿媳", "女婿", "保姆", "亲属", "其他亲属"],
    ])

    private static let residencies = table(Residency.self, [
        .ownerOccupied: ["自有", "自购", "自建", "自住房", "自有住房", "owner", "own"],
        .rented: ["租住", "租赁", "出租房", "租房", "出租房屋", "rent", "rental", "tenanted"],
        .vacant: ["空房", "空置房", "闲置", "无人居住", "empty"],
    ])

    private static let statuses = table(ResidentStatus.self, [
        .livingHere: ["常住", "居住", "现住", "正常", "在家", "户在人在", "resident", "present"],
        .away: ["外出务工", "外出打工", "暂离", "不在家", "人户分离", "户在人不在"],
        .movedOut: ["已迁出", "搬离", "已搬走", "已搬离"],
        .deceased: ["死亡", "去世", "已去世", "亡故", "dead"],
    ])

    private static let populationTags = table(PopulationTag.self, [
        .elderlyAlone: ["独居"],
        .emptyNestElderly: ["空巢"],
        .disabled: ["残疾", "残障", "残障人士"],
        .subsistenceAllowance: ["低保对象", "低保人员", "低保户成员"],
        .veteran: ["退伍军人", "复员军人"],
        .partyMember: ["中共党员", "共产党员"],
        .migrant: ["外来人口", "流动人员", "外来人员"],
        .communityCorrection: ["社区矫正人员", "社区矫正对象"],
        .severeMentalDisorder: ["严重精神障碍患者", "精神障碍", "精神障碍患者"],
    ])

    private static let householdTags = table(HouseholdTag.self, [:])
}
