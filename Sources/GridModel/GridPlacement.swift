/// The rules about a grid that need the rest of the folder: a new grid's code lies in the area
/// the folder is for and no other grid has it, and its worker is a grid worker on file. The store
/// checks them under the folder's lock; forms and commands check them first, to say so beside
/// the field or option.
public enum GridPlacement {
    /// What is wrong with `code` for a new grid in a folder for `areaCode` (a community's 12
    /// digits, or a district's 6), where `taken` are the codes of the grids on file.
    public static func violations(ofNewCode code: GridCode, areaCode: String, taken: Set<GridCode>) -> [RuleViolation] {
        guard code.isWellFormed else { return [RuleViolation("code", .gridCodeFormat)] }
        // A folder made without a proper code (tests, a hand-made manifest) limits nothing.
        let area = areaCode.allSatisfy { $0.isASCII && $0.isNumber } ? areaCode : ""
        if !code.rawValue.hasPrefix(area) { return [RuleViolation("code", .outsideArea(areaCode: area))] }
        if taken.contains(code) { return [RuleViolation("code", .gridCodeTaken)] }
        return []
    }

    /// What is wrong with giving a grid to `worker` (nil: to nobody), among `workers` on file.
    public static func violations(ofWorker worker: RecordID?, among workers: [Worker]) -> [RuleViolation] {
        guard let worker else { return [] }
        guard let found = workers.first(where: { $0.id == worker }) else { return [RuleViolation("workerID", .noSuchWorker(worker))] }
        if found.role != .gridWorker { return [RuleViolation("workerID", .notAGridWorker(role: found.role))] }
        if !found.active { return [RuleViolation("workerID", .workerInactive)] }
        return []
    }

    /// What is wrong with the grids a worker's list names: each must be a grid on file. Only
    /// `added` codes are checked, so a list saved before this rule does not stop other changes.
    public static func violations(ofGridCodes codes: [GridCode], added: Set<GridCode>, onFile: (GridCode) -> Bool) -> [RuleViolation] {
        codes.enumerated().compactMap { index, code in
            added.contains(code) && code.isWellFormed && !onFile(code)
                ? RuleViolation(FieldPath("gridCodes").appending(index: index), .noSuchGrid(code)) : nil
        }
    }

    /// The district, street and community names a new grid at `code` takes: those of the grid on
    /// file that shares most of its code (the same community, else the same street, else the same
    /// district), and for the community the folder's own name when the folder is that community.
    /// Empty where nothing tells.
    public static func names(for code: GridCode, grids: [Grid], areaName: String, areaCode: String)
        -> (district: String, street: String, community: String) {
        let district = grids.first { $0.code.districtCode == code.districtCode }
        let street = grids.first { $0.code.streetCode == code.streetCode }
        let community = grids.first { $0.code.communityCode == code.communityCode }
        let ownCommunity = areaCode == code.communityCode ? areaName : nil
        return (district?.districtName ?? "", street?.streetName ?? "", community?.communityName ?? ownCommunity ?? "")
    }
}
