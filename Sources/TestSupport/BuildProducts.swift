import Foundation

/// Finds executables built beside the test bundle (`swift build` puts them in the same folder).
public enum BuildProducts {
    public static func executable(_ name: String) -> String {
        let candidates = [
            URL(fileURLWithPath: CommandLine.arguments.first ?? "").deletingLastPathComponent().path,
            Bundle.main.bundleURL.path,
            Bundle.main.bundleURL.deletingLastPathComponent().path,
        ]
        for folder in candidates where FileManager.default.isExecutableFile(atPath: folder + "/" + name) {
            return folder + "/" + name
        }
        return (candidates.first ?? ".") + "/" + name
    }
}
