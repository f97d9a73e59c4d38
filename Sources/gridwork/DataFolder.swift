import Foundation

/// Where data lives when no `--data` is given.
enum DataFolder {
    /// `$GRIDWORK_DATA`, else `$XDG_DATA_HOME/gridwork`, else `~/.local/share/gridwork`.
    static func defaultPath(_ environment: [String: String]) -> String {
        if let path = environment["GRIDWORK_DATA"], !path.isEmpty { return path }
        return dataHome(environment) + "/gridwork"
    }

    /// The demo community's own folder, never mixed with real data.
    static func demoPath(_ environment: [String: String]) -> String {
        dataHome(environment) + "/gridwork-demo"
    }

    private static func dataHome(_ environment: [String: String]) -> String {
        if let path = environment["XDG_DATA_HOME"], !path.isEmpty { return path }
        return (environment["HOME"] ?? NSHomeDirectory()) + "/.local/share"
    }
}
