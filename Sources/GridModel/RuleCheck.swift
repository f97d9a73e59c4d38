import Foundation

/// Collects violations while a record checks its fields, so each rule is one line at the call site.
struct RuleCheck {
    let context: ValidationContext
    private(set) var violations: [RuleViolation] = []

    init(_ context: ValidationContext) { self.context = context }

    mutating func add(_ field: FieldPath, _ problem: RuleViolation.Problem) {
        violations.append(RuleViolation(field, problem))
    }

    mutating func required(_ text: String, _ field: FieldPath, maxLength: Int = 100) {
        if Self.isBlank(text) {
            add(field, .required)
        } else if Self.isLonger(text, than: maxLength) {
            add(field, .tooLong(maximum: maxLength))
        }
    }

    mutating func optional(_ text: String?, _ field: FieldPath, maxLength: Int) {
        if let text, Self.isLonger(text, than: maxLength) { add(field, .tooLong(maximum: maxLength)) }
    }

    /// `text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty`, decided at the first
    /// character that is not white space (a printable ASCII one needs no lookup).
    static func isBlank(_ text: String) -> Bool {
        for scalar in text.unicodeScalars {
            if scalar.value > 0x20 && scalar.value < 0x7F { return false }
            if !CharacterSet.whitespacesAndNewlines.contains(scalar) { return false }
        }
        return true
    }

    /// `text.count > maximum`, without counting characters when the bytes are few enough
    /// (a character takes at least one byte).
    static func isLonger(_ text: String, than maximum: Int) -> Bool {
        text.utf8.count > maximum && text.count > maximum
    }

    /// A date no earlier than `earliest` and, when saving, not after today.
    mutating func plausible(_ day: Day?, _ field: FieldPath, earliest: Day = ValidationContext.earliestEvent) {
        guard let day else { return }
        if day < earliest { add(field, .tooEarly(earliest: earliest)) }
        if context.checksThePresent && day > context.today { add(field, .inFuture) }
    }

    mutating func plausible(_ instant: Date, _ field: FieldPath) {
        if instant < ValidationContext.earliestEvent.start(in: .gmt) {
            add(field, .tooEarly(earliest: ValidationContext.earliestEvent))
        }
        if context.checksThePresent && instant.timeIntervalSince(context.now) > ValidationContext.clockTolerance { add(field, .inFuture) }
    }

    mutating func mobile(_ phone: String?, _ field: FieldPath) {
        if let phone, !MobileNumber.isValid(phone) { add(field, .mobileNumberFormat) }
    }

    mutating func gridCode(_ code: GridCode, _ field: FieldPath) {
        if !code.isWellFormed { add(field, .gridCodeFormat) }
    }

    mutating func meta(_ meta: RecordMeta) {
        if meta.id.rawValue.isEmpty { add(FieldPath("meta").appending("id"), .required) }
        if !(0..<1_000_000_000).contains(meta.revision) { add(FieldPath("meta").appending("revision"), .outOfRange) }
        plausible(meta.createdAt, FieldPath("meta").appending("createdAt"))
        plausible(meta.updatedAt, FieldPath("meta").appending("updatedAt"))
    }
}
