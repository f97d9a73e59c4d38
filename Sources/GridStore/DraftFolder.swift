import Foundation
import GridModel

/// Forms being filled in, kept on disk while the worker types so that a crash or a power cut
/// loses nothing: one file per worker under `drafts/`, written durably, removed once the form is
/// saved or dropped. The store never reads these as data.
public struct DraftFolder: Sendable {
    public let path: String

    public init(dataFolder: String) { path = dataFolder + "/" + StoreLayout.draftsFolder }

    /// The draft file of `worker`; the id is reduced to characters safe in a file name.
    func file(for worker: RecordID) -> String {
        let safe = worker.rawValue.unicodeScalars.map { CharacterSet.alphanumerics.contains($0) || $0 == "-" || $0 == "_" ? String($0) : "_" }
        return path + "/" + safe.joined() + ".json"
    }

    public func write(_ draft: Data, for worker: RecordID) throws(StoreError) {
        try DurableFile.makeFolder(path)
        try DurableFile.write(draft, to: file(for: worker))
    }

    /// The draft `worker` left, nil when there is none.
    public func read(for worker: RecordID) -> Data? {
        FileManager.default.contents(atPath: file(for: worker))
    }

    public func remove(for worker: RecordID) {
        unlink(file(for: worker))
    }

    /// Keeps a draft that cannot be read beside it (`.unreadable`), for a person to look at.
    public func setAside(for worker: RecordID) {
        let name = file(for: worker)
        rename(name, name + ".unreadable")
    }
}
