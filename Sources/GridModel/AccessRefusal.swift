/// Why a worker may not make a change, in words that say what to do instead.
public enum AccessRefusal: Error, Hashable, Sendable {
    /// A supervisor reads everything and changes nothing.
    case readOnly(worker: String)
    /// A grid worker changes only the grids they look after.
    case outsideOwnGrids(worker: String, grid: GridCode, own: [GridCode])
    /// Grids, workers and accounts are the community admin's to change.
    case adminOnly(worker: String, what: LocalizedText)
    /// The worker has left (marked inactive) or is not on file at all.
    case notActive(worker: String)
    /// The account this session logged in with was disabled (or removed) since.
    case accountDisabled(login: String)
    /// A grid worker exports only the grids they look after.
    case exportOutsideOwnGrids(worker: String, grid: GridCode, own: [GridCode])
    /// Exporting ID and phone numbers in full is the community admin's alone.
    case revealAdminOnly(worker: String)

    /// The worker at the keyboard may no longer work at all (their account disabled, or they were
    /// marked as having left): an open dashboard locks rather than only refusing this change.
    public var endsSession: Bool {
        switch self {
        case .accountDisabled, .notActive: return true
        case .readOnly, .outsideOwnGrids, .adminOnly, .exportOutsideOwnGrids, .revealAdminOnly: return false
        }
    }

    public func message(in language: Language) -> String {
        let zh = language == .zh
        switch self {
        case .readOnly(let worker):
            return zh ? "\(worker) 是督导（只读）：可以查看，不能修改。"
                      : "\(worker) is a supervisor (read-only): they can look but not change anything."
        case .outsideOwnGrids(let worker, let grid, let own):
            let list = own.map(\.rawValue).joined(separator: zh ? "、" : ", ")
            return zh ? "\(worker) 负责的网格是 \(list.isEmpty ? "（无）" : list)，不能修改网格 \(grid.rawValue) 的记录；请由该网格的网格员或社区管理员修改。"
                      : "\(worker) looks after grid\(own.count == 1 ? "" : "s") \(list.isEmpty ? "(none)" : list) and cannot change records of grid \(grid.rawValue); ask that grid's worker or the community admin."
        case .adminOnly(let worker, let what):
            return zh ? "只有社区管理员可以修改\(what.zh)；\(worker) 不是管理员。"
                      : "only the community admin can change \(what.en); \(worker) is not an admin."
        case .accountDisabled(let login):
            return zh ? "账号“\(login)”已被停用，此次修改没有保存。屏幕已锁定，请换人登录。"
                      : "account \"\(login)\" has been disabled: this change was not saved. The screen is locked; someone else may log in."
        case .notActive(let worker):
            return zh ? "\(worker) 已停用或不在工作人员名单中，不能修改数据。"
                      : "\(worker) is inactive or not on the list of workers and cannot change data."
        case .exportOutsideOwnGrids(let worker, let grid, let own):
            let list = own.map(\.rawValue).joined(separator: zh ? "、" : ", ")
            return zh ? "\(worker) 负责的网格是 \(list.isEmpty ? "（无）" : list)，不能导出网格 \(grid.rawValue) 的记录；网格员只能导出自己负责的网格。"
                      : "\(worker) looks after grid\(own.count == 1 ? "" : "s") \(list.isEmpty ? "(none)" : list) and cannot export records of grid \(grid.rawValue); a grid worker exports their own grids only."
        case .revealAdminOnly(let worker):
            return zh ? "只有社区管理员可以导出完整的身份证号和手机号（--reveal）；\(worker) 不是管理员。导出时号码已打码。"
                      : "only the community admin can export full ID and phone numbers (--reveal); \(worker) is not an admin. Exports show them masked."
        }
    }
}
