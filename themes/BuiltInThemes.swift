import Foundation

/// The theme files in this folder, shipped inside the program so it finds them wherever it runs.
public enum BuiltInThemes {
    public static let names = ["default", "high-contrast", "mono", "ascii"]

    /// The JSON of a built-in theme, nil for a name that is not built in.
    public static func data(named name: String) -> Data? {
        guard names.contains(name), let url = Bundle.module.url(forResource: name, withExtension: "json") else { return nil }
        return try? Data(contentsOf: url)
    }
}
