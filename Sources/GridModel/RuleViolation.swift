/// A rule that a record breaks, or a workflow step that its state does not allow.
/// It names the field and says what is wrong in Chinese and in English, without ever
/// repeating an ID or phone number (those are personal data).
public struct RuleViolation: Error, Hashable, Sendable {
    public let field: FieldPath
    public let problem: Problem

    public init(_ field: FieldPath, _ problem: Problem) {
        self.field = field
        self.problem = problem
    }

    public enum Problem: Hashable, Sendable {
        case required
        case tooLong(maximum: Int)
        case idNumberFormat
        case idNumberArea
        case idNumberBirthDate
        case idNumberCheckCharacter
        case idNumberBirthDateMismatch
        case idNumberGenderMismatch
        case mobileNumberFormat
        case gridCodeFormat
        case gridKindMismatch(expected: GridKind)
        case inFuture
        case tooEarly(earliest: Day)
        case outOfRange
        case disagreesWithTimeline
        case endsBeforeStart
        case duplicate
        case stageTransitionNotAllowed(from: CaseStage, to: CaseStage)
        case escalationNotAllowed(from: CaseLevel, to: CaseLevel)
        case alreadyAtTopLevel
        case caseClosed
        case caseNotClosed
        case closeWithoutOutcome
        case agreementTextRequired
        case timelineMustStartRaised
        case timelineOutOfOrder
        case timelineRewritten
        case stageDisagreesWithTimeline(timeline: CaseStage)
        case levelDisagreesWithTimeline(timeline: CaseLevel)
        case belongsElsewhere(expected: String)
        case changeNotAllowed
        /// A step recorded in the name of someone other than the worker saving it.
        case notTheSavingWorker
        case stillReferenced
        case timeFormat
        /// A name that a list holds once only (a micro-grid's buildings) appears again.
        case listedTwice(String)
        /// A new grid's code outside the community (or district) the folder is for.
        case outsideArea(areaCode: String)
        /// Another grid has this code already.
        case gridCodeTaken
        /// A grid's code names its folder and never changes.
        case gridCodeFixed
        /// Households name their micro-grid by its number, so it never changes.
        case microGridNumberFixed
        /// A worker's list of grids names a grid that is not on file.
        case noSuchGrid(GridCode)
        /// The worker named is not on the list of workers.
        case noSuchWorker(RecordID)
        /// Only a grid worker (网格员) looks after a grid.
        case notAGridWorker(role: WorkerRole)
        /// The worker named has left (marked inactive).
        case workerInactive
        /// A date of leaving on a resident who has not moved out or died.
        case onlyWhenLeft
        /// A date before the resident's birth.
        case beforeBirth
        /// A record moved to a place that is not on file (a grid, a micro-grid, a household).
        case noSuchPlace
    }

    public func message(in language: Language) -> String {
        let name = FieldNames.name(of: field, in: language)
        let reason = problem.text(language)
        return language == .zh ? "\(name)：\(reason)" : "\(name): \(reason)"
    }
}

extension RuleViolation: CustomStringConvertible {
    public var description: String { message(in: .en) }
}

extension RuleViolation.Problem {
    func text(_ language: Language) -> String {
        let text: LocalizedText
        switch self {
        case .required:
            text = LocalizedText(zh: "必须填写", en: "is required")
        case .tooLong(let maximum):
            text = LocalizedText(zh: "不能超过 \(maximum) 个字", en: "must be at most \(maximum) characters")
        case .idNumberFormat:
            text = LocalizedText(zh: "应为 18 位：17 位数字加 1 位校验码（数字或 X）",
                                 en: "must be 18 characters: 17 digits and a check character (digit or X)")
        case .idNumberArea:
            text = LocalizedText(zh: "前 6 位地区码无效", en: "the 6-digit area code is not valid")
        case .idNumberBirthDate:
            text = LocalizedText(zh: "第 7–14 位不是有效的出生日期", en: "digits 7–14 are not a valid birth date")
        case .idNumberCheckCharacter:
            text = LocalizedText(zh: "校验码与前 17 位不符（GB 11643），请核对是否输错",
                                 en: "the check character does not match the first 17 digits (GB 11643); check for a typing error")
        case .idNumberBirthDateMismatch:
            text = LocalizedText(zh: "其中的出生日期与登记的出生日期不一致",
                                 en: "the birth date in the number differs from the recorded birth date")
        case .idNumberGenderMismatch:
            text = LocalizedText(zh: "第 17 位（奇数为男，偶数为女）与登记的性别不一致",
                                 en: "digit 17 (odd for male, even for female) disagrees with the recorded gender")
        case .mobileNumberFormat:
            text = LocalizedText(zh: "手机号应为以 1 开头的 11 位数字", en: "a mobile number has 11 digits and starts with 1")
        case .gridCodeFormat:
            text = LocalizedText(zh: "网格编码应为 15 位数字（区 6 位、街道 3 位、社区或村 3 位、网格 3 位）",
                                 en: "a grid code has 15 digits (district 6, street 3, community or village 3, grid 3)")
        case .gridKindMismatch(let expected):
            text = LocalizedText(zh: "与编码不符：该编码属于\(expected.name(.zh))（社区从 001 起，村从 200 起）",
                                 en: "disagrees with the code, which belongs to a \(expected.name(.en)) (communities from 001, villages from 200)")
        case .inFuture:
            text = LocalizedText(zh: "不能晚于今天", en: "cannot be in the future")
        case .tooEarly(let earliest):
            text = LocalizedText(zh: "不能早于 \(earliest.iso)，请检查年份", en: "cannot be before \(earliest.iso); check the year")
        case .outOfRange:
            text = LocalizedText(zh: "数值超出合理范围", en: "is out of range")
        case .disagreesWithTimeline:
            text = LocalizedText(zh: "与办理记录不符（只能通过办理记录修改）", en: "disagrees with the timeline (it changes only through timeline entries)")
        case .endsBeforeStart:
            text = LocalizedText(zh: "结束时间早于开始时间", en: "ends before it starts")
        case .duplicate:
            text = LocalizedText(zh: "重复", en: "appears more than once")
        case .stageTransitionNotAllowed(let from, let to):
            let allowed = from.nextStages
            let zhNext = allowed.isEmpty ? "已结案的案件只能重新打开" : "只能转到：" + allowed.map { $0.name(.zh) }.joined(separator: "、")
            let enNext = allowed.isEmpty ? "a closed case can only be reopened" : "it can go to: " + allowed.map { $0.name(.en) }.joined(separator: ", ")
            text = LocalizedText(zh: "不能从“\(from.name(.zh))”转到“\(to.name(.zh))”；\(zhNext)",
                                 en: "cannot move from \(from.name(.en)) to \(to.name(.en)); \(enNext)")
        case .escalationNotAllowed(let from, let to):
            text = LocalizedText(zh: "只能逐级上报：“\(from.name(.zh))”的下一级不是“\(to.name(.zh))”",
                                 en: "escalates one level at a time: \(to.name(.en)) is not the level above \(from.name(.en))")
        case .alreadyAtTopLevel:
            text = LocalizedText(zh: "已在区级，无法再上报", en: "is already at district level and cannot escalate further")
        case .caseClosed:
            text = LocalizedText(zh: "案件已结案，请先重新打开", en: "the case is closed; reopen it first")
        case .caseNotClosed:
            text = LocalizedText(zh: "案件尚未结案，无需重新打开", en: "the case is not closed, so it cannot be reopened")
        case .closeWithoutOutcome:
            text = LocalizedText(zh: "结案前必须记录调解结果", en: "a case cannot close without an outcome")
        case .agreementTextRequired:
            text = LocalizedText(zh: "达成协议时必须填写协议内容", en: "an agreement needs its text")
        case .timelineMustStartRaised:
            text = LocalizedText(zh: "办理记录必须以“居民提事”开始", en: "the timeline must start with the case being raised")
        case .timelineOutOfOrder:
            text = LocalizedText(zh: "办理记录的时间顺序颠倒", en: "the timeline entries are out of time order")
        case .timelineRewritten:
            text = LocalizedText(zh: "办理记录只能追加，不能修改或删除已有记录",
                                 en: "the timeline can only be appended to; existing entries cannot be edited or removed")
        case .stageDisagreesWithTimeline(let stage):
            text = LocalizedText(zh: "与办理记录不符，记录显示为“\(stage.name(.zh))”",
                                 en: "disagrees with the timeline, which ends at \(stage.name(.en))")
        case .levelDisagreesWithTimeline(let level):
            text = LocalizedText(zh: "与办理记录不符，记录显示为“\(level.name(.zh))”",
                                 en: "disagrees with the timeline, which puts it at \(level.name(.en))")
        case .belongsElsewhere(let expected):
            text = LocalizedText(zh: "与所在文件不符，应保存在 \(expected)", en: "does not match its file; it belongs in \(expected)")
        case .changeNotAllowed:
            text = LocalizedText(zh: "保存后不能再更改", en: "cannot change once saved")
        case .notTheSavingWorker:
            text = LocalizedText(zh: "只能记为保存者本人所做", en: "can only be recorded as done by the worker saving it")
        case .stillReferenced:
            text = LocalizedText(zh: "仍有记录引用，不能删除", en: "other records still refer to it, so it cannot be removed")
        case .timeFormat:
            text = LocalizedText(zh: "时间应写作 9:30 或 0930", en: "write the time as 9:30 or 0930")
        case .listedTwice(let name):
            text = LocalizedText(zh: "“\(name)”重复列出，每个名称只写一次", en: "\"\(name)\" is listed twice; name each once")
        case .outsideArea(let areaCode):
            text = LocalizedText(zh: "不在本数据所属的地区内：编码应以 \(areaCode) 开头",
                                 en: "is outside the area this data is for: the code must start with \(areaCode)")
        case .gridCodeTaken:
            text = LocalizedText(zh: "已有网格使用此编码", en: "another grid already has this code")
        case .gridCodeFixed:
            text = LocalizedText(zh: "保存后不能更改：编码决定网格的文件夹（grids/编码），其住户、巡查和案件都在其中；编码有误时请新建网格",
                                 en: "cannot change once saved: the code names the grid's folder (grids/CODE), which holds its households, patrols and cases; if the code is wrong, add a new grid")
        case .microGridNumberFixed:
            text = LocalizedText(zh: "保存后不能更改：住户按编号归属小网格；要换编号，请新建小网格", en: "cannot change once saved: households name their micro-grid by its number; add a new micro-grid instead")
        case .noSuchGrid(let code):
            text = LocalizedText(zh: "没有编码为 \(code.rawValue) 的网格，请先新建该网格", en: "there is no grid \(code.rawValue); add the grid first")
        case .noSuchWorker(let id):
            text = LocalizedText(zh: "工作人员名单中没有 \(id.rawValue)", en: "\(id.rawValue) is not on the list of workers")
        case .notAGridWorker(let role):
            text = LocalizedText(zh: "只能由网格员负责，此人是\(role.name(.zh))", en: "must be a grid worker, not a \(role.name(.en))")
        case .workerInactive:
            text = LocalizedText(zh: "此人已停用", en: "has left (marked inactive)")
        case .onlyWhenLeft:
            text = LocalizedText(zh: "只在状态为迁出或已故时填写", en: "is given only when the status is moved out or deceased")
        case .beforeBirth:
            text = LocalizedText(zh: "不能早于出生日期", en: "cannot be before the birth date")
        case .noSuchPlace:
            text = LocalizedText(zh: "目标不存在（请检查网格、小网格或住户）", en: "the target is not on file (check the grid, micro-grid or household)")
        }
        return text(language)
    }
}
