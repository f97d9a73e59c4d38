/// Who may change what. The store asks this before every write, and the interface asks it
/// before offering a form, so a refusal reads the same wherever it comes from.
///
/// - a grid worker changes the households, residents, patrols and cases of their own grids and
///   reads the rest of the community;
/// - the community admin changes everything, including grids, workers and accounts;
/// - a supervisor reads everything and changes nothing.
public enum AccessPolicy {
    /// Nil when `worker` may save or remove `record`; else why not.
    public static func refusal(for worker: Worker?, changing record: any Record) -> AccessRefusal? {
        if let scoped = record as? any GridScoped { return refusal(for: worker, inGrid: scoped.gridCode) }
        guard let worker, worker.active else { return .notActive(worker: worker?.name ?? "?") }
        switch worker.role {
        case .admin: return nil
        case .supervisor: return .readOnly(worker: worker.name)
        case .gridWorker: return .adminOnly(worker: worker.name, what: type(of: record).kind == .grid
            ? LocalizedText(zh: "网格", en: "grids") : LocalizedText(zh: "工作人员名单", en: "the list of workers"))
        }
    }

    /// Nil when `worker` may change the records of `grid`.
    public static func refusal(for worker: Worker?, inGrid grid: GridCode) -> AccessRefusal? {
        guard let worker, worker.active else { return .notActive(worker: worker?.name ?? "?") }
        switch worker.role {
        case .admin: return nil
        case .supervisor: return .readOnly(worker: worker.name)
        case .gridWorker: return worker.gridCodes.contains(grid) ? nil : .outsideOwnGrids(worker: worker.name, grid: grid, own: worker.gridCodes)
        }
    }

    /// Nil when `worker` may add, disable or reset accounts.
    public static func refusalToManageAccounts(for worker: Worker?) -> AccessRefusal? {
        guard let worker, worker.active else { return .notActive(worker: worker?.name ?? "?") }
        return worker.role == .admin ? nil : .adminOnly(worker: worker.name, what: LocalizedText(zh: "账号", en: "accounts"))
    }
}
