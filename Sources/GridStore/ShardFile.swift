import GridModel

/// One data file: a schema version, the kind of record, and the records themselves.
struct ShardFile<R: Codable>: Codable {
    var schema: Int
    var kind: RecordKind
    var records: [R]
}

/// Read first when a file fails to decode, to tell "written by a newer gridwork" from damage.
struct ShardHeader: Codable {
    var schema: Int
    var kind: RecordKind?
}
