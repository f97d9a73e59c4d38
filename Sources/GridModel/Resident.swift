/// A resident (人) of a household.
public struct Resident: Record, Hashable {
    public static let kind = RecordKind.resident

    public var meta: RecordMeta
    public var householdID: RecordID
    /// The household's grid, kept here too so residents are stored with their grid.
    public var gridCode: GridCode
    public var name: String
    public var gender: Gender
    public var birthDate: Day
    /// 18 characters under GB 11643; nil when not yet known (a newborn, a migrant not yet registered).
    public var idNumber: String?
    public var phone: String?
    public var relation: Relation
    public var status: ResidentStatus
    /// The day the resident moved out or died: required when the status becomes movedOut or
    /// deceased, absent otherwise. Residents recorded as gone before gridwork kept this day have
    /// none; they still load and may still be edited (see `violations(replacing:)`).
    public var leftOn: Day?
    public var tags: [PopulationTag]
    public var notes: String

    /// The personal numbers this resident has on file, by field name: what showing them in full reveals.
    public var personalFieldsOnFile: [String] {
        [idNumber.map { _ in "idNumber" }, phone.map { _ in "phone" }].compactMap { $0 }
    }

    public init(meta: RecordMeta, householdID: RecordID, gridCode: GridCode, name: String, gender: Gender,
                birthDate: Day, idNumber: String?, phone: String?, relation: Relation,
                status: ResidentStatus = .livingHere, leftOn: Day? = nil, tags: [PopulationTag] = [], notes: String = "") {
        self.meta = meta
        self.householdID = householdID
        self.gridCode = gridCode
        self.name = name
        self.gender = gender
        self.birthDate = birthDate
        self.idNumber = idNumber
        self.phone = phone
        self.relation = relation
        self.status = status
        self.leftOn = leftOn
        self.tags = tags
        self.notes = notes
    }

    public func violations(in context: ValidationContext) -> [RuleViolation] {
        var check = RuleCheck(context)
        check.meta(meta)
        if householdID.rawValue.isEmpty { check.add("householdID", .required) }
        check.gridCode(gridCode, "gridCode")
        check.required(name, "name", maxLength: 40)
        check.plausible(birthDate, "birthDate", earliest: ValidationContext.earliestBirth)
        if let idNumber {
            do {
                let parsed = try ResidentIDNumber.parse(idNumber)
                // Stored upper-case, as parsing normalises it.
                if parsed.text != idNumber { check.add("idNumber", .idNumberFormat) }
                if parsed.birthDate != birthDate { check.add("idNumber", .idNumberBirthDateMismatch) }
                if parsed.gender != gender { check.add("idNumber", .idNumberGenderMismatch) }
            } catch {
                check.add("idNumber", error.problem)
            }
        }
        check.mobile(phone, "phone")
        checkLeftOn(&check)
        if Set(tags).count != tags.count { check.add("tags", .duplicate) }
        check.optional(notes, "notes", maxLength: 2000)
        return check.violations
    }

    /// True for a resident who moved out or died: still on file and findable, but no longer one
    /// of the household's people, and their tags no longer make them due a visit.
    public var hasLeft: Bool { status.hasLeft }

    /// How many people a household has: those on file who have not moved out or died.
    public static func householdSize(_ people: [Resident]) -> Int {
        people.reduce(0) { $0 + ($1.hasLeft ? 0 : 1) }
    }

    /// The day of leaving goes with a left status only, and lies between birth and today. A new
    /// resident recorded as gone needs it; one on file needs it when the status changes (see
    /// `violations(replacing:)`), so old data without it still loads and can be edited.
    private func checkLeftOn(_ check: inout RuleCheck) {
        guard let leftOn else {
            if hasLeft && check.context.checksThePresent && meta.revision == 0 { check.add("leftOn", .required) }
            return
        }
        if !hasLeft { check.add("leftOn", .onlyWhenLeft) }
        if leftOn < birthDate { check.add("leftOn", .beforeBirth) }
        check.plausible(leftOn, "leftOn", earliest: ValidationContext.earliestBirth)
    }

    public func violations(replacing previous: Resident) -> [RuleViolation] {
        hasLeft && leftOn == nil && (previous.status != status || previous.leftOn != nil) ? [RuleViolation("leftOn", .required)] : []
    }

    /// Age in whole years on `day`.
    public func age(on day: Day) -> Int {
        let years = day.year - birthDate.year
        return (day.month, day.day) < (birthDate.month, birthDate.day) ? years - 1 : years
    }
}
