/// Who may change what. The store asks this before every write, and the interface asks it
/// before offering a form, so a refusal reads the same wherever it comes from.
///
/// - a grid worker changes the households, residents, patrols and cases of their own grids and
///   reads the rest of the community;
/// - the community admin changes everything, including grids, workers and accounts;
/// - a supervisor reads everything and changes nothing.
///
/// Exports (`gridwork export`, `:export`) are reads that leave the program as a file, so they are
/// held tighter than reading on screen: a grid worker exports only their own grids (the records
/// they answer for; under PIPL a bulk copy takes what the task needs, not the community), an
/// admin or a supervisor every grid; and only an admin exports numbers unmasked, audited.
public enum AccessPolicy {
    /// Nil when `worker` may save or remove `record`; else why not.
    public static func refusal(for worker: Worker?, changing record: any Record) -> AccessRefusal? {
        if let scoped = record as? any GridScoped { return refusal(for: worker, inGrid: scoped.gridCode) }
        guard let worker, worker.active else { return .notActive(worker: worker?.name ?? "?") }
        switch worker.role {
        case .admin: return nil
        case .supervisor: return .readOnly(worker: worker.name)
        case .gridWorker: return .adminOnly(worker: worker.name, what: type(of: record).kind == .grid
            ? Self.grids : LocalizedText(zh: "工作人员名单", en: "the list of workers"))
        }
    }

    /// Nil when `worker` may add grids and change them (their names, workers and micro-grids).
    public static func refusalToChangeGrids(for worker: Worker?) -> AccessRefusal? {
        guard let worker, worker.active else { return .notActive(worker: worker?.name ?? "?") }
        switch worker.role {
        case .admin: return nil
        case .supervisor: return .readOnly(worker: worker.name)
        case .gridWorker: return .adminOnly(worker: worker.name, what: Self.grids)
        }
    }

    private static let grids = LocalizedText(zh: "网格", en: "grids")

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

    /// The grids whose records `worker` may export: nil for every grid (an admin, a supervisor),
    /// else a grid worker's own; a refusal for a worker who has left or is not on file.
    public static func exportableGrids(for worker: Worker?) -> Result<Set<GridCode>?, AccessRefusal> {
        guard let worker, worker.active else { return .failure(.notActive(worker: worker?.name ?? "?")) }
        return .success(worker.role == .gridWorker ? Set(worker.gridCodes) : nil)
    }

    /// Nil when `worker` may export the records of `grid`.
    public static func refusal(for worker: Worker?, exportingGrid grid: GridCode) -> AccessRefusal? {
        switch exportableGrids(for: worker) {
        case .failure(let refusal): return refusal
        case .success(nil): return nil
        case .success(let own?):
            guard let worker, !own.contains(grid) else { return nil }
            return .exportOutsideOwnGrids(worker: worker.name, grid: grid, own: worker.gridCodes)
        }
    }

    /// Nil when `worker` may export ID and phone numbers in full (`--reveal`): an admin alone.
    public static func refusalToRevealInExport(for worker: Worker?) -> AccessRefusal? {
        guard let worker, worker.active else { return .notActive(worker: worker?.name ?? "?") }
        return worker.role == .admin ? nil : .revealAdminOnly(worker: worker.name)
    }
}
