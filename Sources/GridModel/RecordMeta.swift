import Foundation

/// What every record carries besides its content: identity, revision and authorship.
public struct RecordMeta: Codable, Hashable, Sendable {
    public let id: RecordID
    /// 0 for a record that was never saved; each save adds one. A save that starts from an
    /// older revision than the one on disk is refused instead of overwriting newer data.
    public var revision: Int
    public var createdBy: RecordID
    public var createdAt: Date
    public var updatedBy: RecordID
    public var updatedAt: Date

    public init(id: RecordID, revision: Int = 0, createdBy: RecordID, createdAt: Date,
                updatedBy: RecordID? = nil, updatedAt: Date? = nil) {
        self.id = id
        self.revision = revision
        self.createdBy = createdBy
        self.createdAt = createdAt
        self.updatedBy = updatedBy ?? createdBy
        self.updatedAt = updatedAt ?? createdAt
    }

    /// A new record's metadata, with a fresh random id.
    public static func new(by worker: RecordID, at instant: Date, prefix: String) -> RecordMeta {
        RecordMeta(id: RecordID(prefix + "-" + UUID().uuidString.lowercased()), createdBy: worker, createdAt: instant)
    }
}
