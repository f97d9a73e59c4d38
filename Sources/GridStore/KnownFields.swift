import GridModel

/// Every key a data file may hold, by the kind of record in it. A key gridwork does not know
/// would be dropped the next time the file is saved, so such a file is reported and left alone.
/// `KnownFieldsTests` checks these lists against what the encoder writes.
enum KnownFields {
    static let envelope: Set<String> = ["schema", "kind", "records"]
    static let meta: Set<String> = ["meta", "id", "revision", "createdBy", "createdAt", "updatedBy", "updatedAt"]

    static let byKind: [RecordKind: Set<String>] = [
        .grid: ["code", "name", "kind", "districtName", "streetName", "communityName", "workerID", "headName", "microGrids",
                "number", "headPhone", "buildings"],
        .worker: ["name", "role", "gridCodes", "phone", "active"],
        .household: ["gridCode", "microGrid", "address", "compound", "building", "unit", "room", "residency", "tags", "lastVisit",
                     "pairedVolunteer", "notes"],
        .resident: ["householdID", "gridCode", "name", "gender", "birthDate", "idNumber", "phone", "relation", "status", "leftOn", "tags", "notes"],
        .patrolLog: ["gridCode", "workerID", "kind", "start", "end", "householdIDs", "findings", "text", "householdID", "caseID", "notes"],
        .disputeCase: ["number", "title", "category", "parties", "name", "residentID", "role", "gridCode", "source", "matterClass",
                       "raisedOn", "patrolID", "notes", "stage", "level", "assigneeID", "deadline", "outcome", "agreement",
                       "satisfaction", "followUp", "timeline", "at", "by", "kind", "note"],
    ]

    static func allowed(in kind: RecordKind) -> Set<String> {
        envelope.union(meta).union(byKind[kind] ?? [])
    }

    /// `allowed(in:)` of every kind, made once, for reading files.
    static let keySets: [RecordKind: KeySet] = Dictionary(uniqueKeysWithValues: RecordKind.allCases.map { ($0, KeySet(allowed(in: $0))) })
}
