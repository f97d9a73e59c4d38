/// What each stored field is called in both languages, so rule messages name it plainly
/// and still give the JSON key (which is what a person editing a file by hand looks for).
public enum FieldNames {
    static let names: [String: LocalizedText] = [
        "id": LocalizedText(zh: "编号", en: "ID"),
        "meta": LocalizedText(zh: "记录信息", en: "record information"),
        "revision": LocalizedText(zh: "版本号", en: "revision"),
        "createdAt": LocalizedText(zh: "创建时间", en: "creation time"),
        "updatedAt": LocalizedText(zh: "修改时间", en: "change time"),
        "code": LocalizedText(zh: "网格编码", en: "grid code"),
        "gridCode": LocalizedText(zh: "网格编码", en: "grid code"),
        "kind": LocalizedText(zh: "类型", en: "kind"),
        "name": LocalizedText(zh: "姓名/名称", en: "name"),
        "districtName": LocalizedText(zh: "区名", en: "district name"),
        "streetName": LocalizedText(zh: "街道名", en: "street name"),
        "communityName": LocalizedText(zh: "社区/村名", en: "community or village name"),
        "headName": LocalizedText(zh: "格长", en: "grid head"),
        "headPhone": LocalizedText(zh: "格长电话", en: "head's phone"),
        "microGrids": LocalizedText(zh: "小网格", en: "micro-grids"),
        "microGrid": LocalizedText(zh: "小网格", en: "micro-grid"),
        "number": LocalizedText(zh: "编号", en: "number"),
        "buildings": LocalizedText(zh: "楼栋", en: "buildings"),
        "address": LocalizedText(zh: "地址", en: "address"),
        "compound": LocalizedText(zh: "小区/村组", en: "compound or village group"),
        "building": LocalizedText(zh: "楼栋", en: "building"),
        "unit": LocalizedText(zh: "单元", en: "unit"),
        "room": LocalizedText(zh: "房号", en: "room"),
        "residency": LocalizedText(zh: "居住类型", en: "residency"),
        "lastVisit": LocalizedText(zh: "最近走访日期", en: "last visit"),
        "householdID": LocalizedText(zh: "所属户", en: "household"),
        "gender": LocalizedText(zh: "性别", en: "gender"),
        "birthDate": LocalizedText(zh: "出生日期", en: "birth date"),
        "idNumber": LocalizedText(zh: "身份证号", en: "ID number"),
        "phone": LocalizedText(zh: "手机号", en: "mobile number"),
        "relation": LocalizedText(zh: "与户主关系", en: "relation to the head of household"),
        "status": LocalizedText(zh: "状态", en: "status"),
        "leftOn": LocalizedText(zh: "迁出或去世日期", en: "date moved out or died"),
        "tags": LocalizedText(zh: "标签", en: "tags"),
        "notes": LocalizedText(zh: "备注", en: "notes"),
        "workerID": LocalizedText(zh: "网格员", en: "grid worker"),
        "start": LocalizedText(zh: "开始时间", en: "start"),
        "end": LocalizedText(zh: "结束时间", en: "end"),
        "findings": LocalizedText(zh: "发现问题", en: "findings"),
        "text": LocalizedText(zh: "内容", en: "text"),
        "title": LocalizedText(zh: "事由", en: "title"),
        "category": LocalizedText(zh: "纠纷类别", en: "category"),
        "parties": LocalizedText(zh: "当事人", en: "parties"),
        "source": LocalizedText(zh: "来源", en: "source"),
        "stage": LocalizedText(zh: "办理阶段", en: "stage"),
        "level": LocalizedText(zh: "办理层级", en: "level"),
        "matterClass": LocalizedText(zh: "三事分类", en: "three-way class"),
        "assigneeID": LocalizedText(zh: "承办人", en: "assignee"),
        "deadline": LocalizedText(zh: "办结期限", en: "deadline"),
        "raisedOn": LocalizedText(zh: "提出日期", en: "date raised"),
        "timeline": LocalizedText(zh: "办理记录", en: "timeline"),
        "at": LocalizedText(zh: "时间", en: "time"),
        "outcome": LocalizedText(zh: "调解结果", en: "outcome"),
        "agreement": LocalizedText(zh: "协议内容", en: "agreement text"),
        "satisfaction": LocalizedText(zh: "满意度", en: "satisfaction"),
        "followUp": LocalizedText(zh: "回访日期", en: "follow-up date"),
        "role": LocalizedText(zh: "角色", en: "role"),
        "gridCodes": LocalizedText(zh: "负责网格", en: "grids"),
        "records": LocalizedText(zh: "记录", en: "records"),
        "schema": LocalizedText(zh: "格式版本", en: "schema version"),
        "pairedVolunteer": LocalizedText(zh: "结对党员", en: "paired volunteer"),
        "householdIDs": LocalizedText(zh: "走访住户", en: "households visited"),
        "residents": LocalizedText(zh: "居民", en: "residents"),
        "household": LocalizedText(zh: "住户", en: "household"),
        "day": LocalizedText(zh: "日期", en: "date"),
        "findingKind": LocalizedText(zh: "发现类型", en: "finding kind"),
        "findingText": LocalizedText(zh: "发现问题", en: "finding"),
        "patrolID": LocalizedText(zh: "来源巡查", en: "from patrol"),
        "age": LocalizedText(zh: "年龄", en: "age"),
        "note": LocalizedText(zh: "说明", en: "note"),
    ]

    /// What a field is called, for labels in the interface: "身份证号" / "ID number".
    public static func label(_ key: String, in language: Language) -> String {
        // A move's audit entry names its places as `from=…` and `to=…` (see `Store` moves).
        if key.hasPrefix("from=") { return (language == .zh ? "从 " : "from ") + key.dropFirst(5) }
        if key.hasPrefix("to=") { return (language == .zh ? "到 " : "to ") + key.dropFirst(3) }
        return names[key].map { $0(language) } ?? key
    }

    /// "身份证号（idNumber）" / "ID number (idNumber)"; the full path when the field is nested.
    public static func name(of field: FieldPath, in language: Language) -> String {
        let path = field.description
        guard let key = field.lastKey, let text = names[key] else { return path.isEmpty ? "-" : path }
        return language == .zh ? "\(text.zh)（\(path)）" : "\(text.en) (\(path))"
    }
}
