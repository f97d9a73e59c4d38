import GridModel

/// Why the search index could not be used. It is a cache: the cure is always to rebuild it.
public struct IndexError: Error, Hashable, Sendable {
    public let path: String
    public let reason: String

    public func message(in language: Language) -> String {
        LocalizedText(zh: "\(path)：搜索索引不可用（\(reason)）。它可以删除，下次会重建。",
                      en: "\(path): the search index cannot be used (\(reason)); it is safe to delete and is rebuilt next time.")(language)
    }
}
