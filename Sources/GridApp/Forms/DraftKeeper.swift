import Foundation
import GridModel
import GridStore

/// Keeps the open form on disk as a draft while the worker types, so a crash or a power cut
/// loses nothing, and offers it back at the next start. Writes are durable, so they are spaced:
/// a change within `pause` of the last write waits until typing stops.
public struct DraftKeeper {
    /// Milliseconds without a key before a waiting draft is written.
    public static let pause: Int32 = 300

    let folder: DraftFolder
    let worker: RecordID
    private var written: RecordForm?
    private var lastWrite = Date.distantPast
    /// A change not yet on disk.
    public private(set) var isPending = false

    public init(folder: DraftFolder, worker: RecordID) {
        self.folder = folder
        self.worker = worker
    }

    /// Writes `form` as the draft (or removes the draft once there is no form), unless the last
    /// write was too recent; `force` writes anyway. True when the disk holds the form as it is.
    @discardableResult
    public mutating func keep(_ form: RecordForm?, now: Date, force: Bool = false) -> Bool {
        guard form != written else {
            isPending = false
            return true
        }
        guard let form, form.isDirty else {
            folder.remove(for: worker)
            written = form
            isPending = false
            return true
        }
        if !force && now.timeIntervalSince(lastWrite) < Double(Self.pause) / 1000 {
            isPending = true
            return false
        }
        // A draft that cannot be written (a full disk) is tried again at the next change.
        guard let data = try? JSONEncoder().encode(form), (try? folder.write(data, for: worker)) != nil else { return false }
        written = form
        lastWrite = now
        isPending = false
        return true
    }

    /// The draft left by the last run, if any: the form, or why it could not be read (it is then set aside).
    public mutating func restore(language: Language) -> Result<RecordForm, DraftError>? {
        guard let data = folder.read(for: worker) else { return nil }
        do {
            var form = try JSONDecoder().decode(RecordForm.self, from: data).sanitized()
            form.confirmingDiscard = false
            guard !form.fields.isEmpty else { throw DraftError(message: "no fields") }
            written = form
            return .success(form)
        } catch {
            folder.setAside(for: worker)
            return .failure(DraftError(message: UIStrings.forLanguage(language).draftUnreadable))
        }
    }
}

/// Why a draft could not be offered back.
public struct DraftError: Error, Hashable, Sendable {
    public let message: String
}
