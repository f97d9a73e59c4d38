import Foundation
import GridModel

/// Forms being filled in, kept on disk while the worker types so that a crash or a power cut
/// loses nothing: one file per worker under `drafts/`, written durably, removed once the form is
/// saved or dropped. The store never reads these as data. A draft may hold an ID or phone number
/// being typed, so with the community key it is sealed whole (AES-GCM), like those numbers.
public struct DraftFolder: Sendable {
    public let path: String
    let key: PersonalDataKey?

    public init(dataFolder: String, key: PersonalDataKey? = nil) {
        path = dataFolder + "/" + StoreLayout.draftsFolder
        self.key = key
    }

    /// The draft file of `worker`; the id is reduced to characters safe in a file name.
    func file(for worker: RecordID) -> String {
        let safe = worker.rawValue.unicodeScalars.map { CharacterSet.alphanumerics.contains($0) || $0 == "-" || $0 == "_" ? String($0) : "_" }
        return path + "/" + safe.joined() + ".json"
    }

    public func write(_ draft: Data, for worker: RecordID) throws(StoreError) {
        try DurableFile.makeFolder(path)
        // Sealed, a draft is `enc1:` and base64, which no plain JSON draft can start with.
        let sealed = try key.map { key throws(StoreError) in Data(PersonalDataKey.prefix.utf8) + (try key.seal(draft)).base64EncodedData() }
        try DurableFile.write(sealed ?? draft, to: file(for: worker))
    }

    /// The draft `worker` left, nil when there is none. One sealed under another key (or damaged)
    /// comes back as it is, and does not parse.
    public func read(for worker: RecordID) -> Data? {
        guard let data = FileManager.default.contents(atPath: file(for: worker)) else { return nil }
        let prefix = Data(PersonalDataKey.prefix.utf8)
        guard let key, data.starts(with: prefix), let sealed = Data(base64Encoded: data.dropFirst(prefix.count)) else { return data }
        return key.open(sealed) ?? data
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
