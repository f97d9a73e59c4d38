import GridModel

/// What a column of a household ledger (人口台账) holds: one row per person, the household's
/// columns repeated on each of its people's rows. Each field is recognised by its header in
/// Chinese or English, with the variants ledgers commonly use.
public enum LedgerField: String, CaseIterable, Sendable {
    case grid, compound, building, unit, room, residency, headName, relation
    case name, gender, birthDate, idNumber, phone, tags, status, leftOn, notes
    /// A column deliberately left out (`--map '序号=ignore'`): named in the summary as ignored.
    case ignore

    /// The header this field is shown under in messages when the file has no column for it.
    public func header(_ language: Language) -> String {
        let names: LocalizedText
        switch self {
        case .grid: names = LocalizedText(zh: "网格", en: "grid")
        case .compound: names = LocalizedText(zh: "小区", en: "compound")
        case .building: names = LocalizedText(zh: "楼栋", en: "building")
        case .unit: names = LocalizedText(zh: "单元", en: "unit")
        case .room: names = LocalizedText(zh: "房号", en: "room")
        case .residency: names = LocalizedText(zh: "居住类型", en: "residency")
        case .headName: names = LocalizedText(zh: "户主姓名", en: "head of household")
        case .relation: names = LocalizedText(zh: "与户主关系", en: "relation")
        case .name: names = LocalizedText(zh: "姓名", en: "name")
        case .gender: names = LocalizedText(zh: "性别", en: "gender")
        case .birthDate: names = LocalizedText(zh: "出生日期", en: "birth date")
        case .idNumber: names = LocalizedText(zh: "身份证号", en: "ID number")
        case .phone: names = LocalizedText(zh: "联系电话", en: "phone")
        case .tags: names = LocalizedText(zh: "人员类别", en: "tags")
        case .status: names = LocalizedText(zh: "状态", en: "status")
        case .leftOn: names = LocalizedText(zh: "迁出或去世日期", en: "date moved out or died")
        case .notes: names = LocalizedText(zh: "备注", en: "notes")
        case .ignore: names = LocalizedText(zh: "忽略", en: "ignore")
        }
        return names(language)
    }

    /// Headers recognised for this field, as `normalized` leaves them.
    var aliases: [String] {
        switch self {
        case .grid: return ["网格", "网格编码", "网格编号", "网格代码", "网格名称", "所属网格", "网格号", "grid", "gridcode", "gridname"]
        case .compound: return ["小区", "小区名称", "小区名", "所属小区", "小区/村组", "村组", "村民小组", "院落", "compound", "estate", "residentialcompound"]
        case .building: return ["楼栋", "楼号", "楼栋号", "楼幢", "栋", "幢", "栋号", "幢号", "楼栋名称", "building", "block", "buildingnumber"]
        case .unit: return ["单元", "单元号", "unit", "unitnumber", "entrance"]
        case .room: return ["房号", "门牌号", "房间号", "房屋号", "户号", "室", "门牌", "room", "roomnumber", "roomno", "door", "doornumber", "doorno", "housenumber", "houseno"]
        case .residency: return ["居住类型", "房屋性质", "居住性质", "房屋类型", "房屋状态", "住房性质", "residency", "occupancy", "tenure"]
        case .headName: return ["户主姓名", "户主", "户主名", "head", "headname", "headofhousehold", "householdhead", "householder"]
        case .relation: return ["与户主关系", "与户主的关系", "关系", "家庭关系", "relation", "relationship", "relationtohead"]
        case .name: return ["姓名", "名字", "居民姓名", "人员姓名", "name", "fullname", "residentname"]
        case .gender: return ["性别", "gender", "sex"]
        case .birthDate: return ["出生日期", "出生年月", "出生年月日", "生日", "birthdate", "dateofbirth", "dob", "birthday", "born"]
        case .idNumber: return ["身份证号", "身份证号码", "公民身份号码", "身份证", "证件号码", "身份号码", "idnumber", "id", "idno", "idcard", "idcardnumber", "residentid", "citizenid"]
        case .phone: return ["联系电话", "手机号", "手机号码", "电话", "电话号码", "联系方式", "手机", "phone", "mobile", "mobilenumber", "phonenumber", "telephone", "tel"]
        case .tags: return ["人员类别", "标签", "人员类型", "人员标签", "特殊人群", "重点人群", "人群类别", "人群分类", "tags", "tag", "category", "categories"]
        case .status: return ["状态", "人员状态", "居住状态", "在住状态", "status"]
        case .leftOn: return ["迁出或去世日期", "迁出日期", "去世日期", "死亡日期", "注销日期", "离开日期", "leftOn", "dateleft", "moveoutdate", "dateofdeath"]
        case .notes: return ["备注", "说明", "notes", "note", "remarks", "remark", "comments"]
        case .ignore: return ["ignore", "忽略"]
        }
    }

    /// The field a header (or a `--map` field name) names: by its aliases, its own name
    /// (`birthDate`) or its headers in either language.
    static func named(_ text: String) -> LedgerField? {
        let key = normalized(text)
        if key.isEmpty { return nil }
        return byAlias[key]
    }

    private static let byAlias: [String: LedgerField] = {
        var table: [String: LedgerField] = [:]
        for field in allCases {
            for alias in field.aliases + [field.rawValue, field.header(.zh), field.header(.en)] {
                let key = normalized(alias)
                if table[key] == nil { table[key] = field }
            }
        }
        return table
    }()

    /// A header as compared: what is in brackets (`身份证号（18位）`, `Phone (mobile)`), spaces,
    /// underscores, dashes, dots, colons and required-marks (`*姓名`) left out, lower case.
    static func normalized(_ text: String) -> String {
        var result = ""
        var depth = 0
        for character in text {
            switch character {
            case "(", "（", "[", "【": depth += 1
            case ")", "）", "]", "】": depth = max(0, depth - 1)
            case _ where depth > 0: continue
            case " ", "\u{3000}", "\t", "\n", "\r", "_", "-", ".", ":", "：", "*", "＊", "\u{FEFF}": continue
            default: result.append(character)
            }
        }
        return result.lowercased()
    }
}
