import Foundation

/// Someone who uses gridwork: a grid worker, a community admin or a supervisor.
public struct Worker: Record, Hashable {
    public static let kind = RecordKind.worker

    public var meta: RecordMeta
    public var name: String
    public var role: WorkerRole
    public var gridCodes: [GridCode]
    public var phone: String?
    public var active: Bool

    public init(meta: RecordMeta, name: String, role: WorkerRole, gridCodes: [GridCode], phone: String?, active: Bool = true) {
        self.meta = meta
        self.name = name
        self.role = role
        self.gridCodes = gridCodes
        self.phone = phone
        self.active = active
    }

    public func violations(in context: ValidationContext) -> [RuleViolation] {
        var check = RuleCheck(context)
        check.meta(meta)
        check.required(name, "name", maxLength: 40)
        check.mobile(phone, "phone")
        for (index, code) in gridCodes.enumerated() {
            check.gridCode(code, FieldPath("gridCodes").appending(index: index))
        }
        return check.violations
    }
}

extension Worker {
    /// The admin a new community is set up with, when the list of workers has none yet.
    public static func firstAdmin(named name: String, at instant: Date) -> Worker {
        let id = RecordID("W-admin")
        return Worker(meta: RecordMeta(id: id, createdBy: id, createdAt: instant), name: name, role: .admin, gridCodes: [], phone: nil)
    }
}
