import Foundation
import GridStore

/// A fresh folder under the system's temp folder, removed by `remove()`.
public struct TemporaryFolder: Sendable {
    public let path: String

    public init(_ label: String = "gridwork-test") {
        let base = NSTemporaryDirectory()
        path = (base.hasSuffix("/") ? base : base + "/") + label + "-" + UUID().uuidString
    }

    public func remove() {
        // An old file version a save left to unlink would race the removal.
        Store.finishBackgroundWork()
        try? FileManager.default.removeItem(atPath: path)
    }

    /// Every file below the folder, relative to it, once what this process's saves left to do
    /// in the background (removing old versions) is done.
    public func allFiles() -> [String] {
        Store.finishBackgroundWork()
        guard let enumerator = FileManager.default.enumerator(atPath: path) else { return [] }
        var found: [String] = []
        while let name = enumerator.nextObject() as? String {
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: path + "/" + name, isDirectory: &isFolder), !isFolder.boolValue {
                found.append(name)
            }
        }
        return found.sorted()
    }
}
