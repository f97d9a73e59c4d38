import Foundation

extension TmuxSession {
    /// Writes the demo community (as of 2026-11-22) into `folder`, starts `gridwork` on it in
    /// Chinese at 120×40 and logs in as the demo's admin. Nil, with the reason in `problem`, when
    /// any of it fails.
    public static func demoDashboard(_ gridwork: String, in folder: String, problem: inout String) throws -> TmuxSession? {
        let demo = try CommandRun(gridwork, ["demo", "--data", folder, "--today", "2026-11-22"])
        guard demo.status == 0 else {
            problem = "demo: " + demo.errors
            return nil
        }
        let tmux = try TmuxSession("LANG=zh_CN.UTF-8 '\(gridwork)' --data '\(folder)'", width: 120, height: 40)
        guard try tmux.logIn(), tmux.wait(for: "1 总览") != nil else {
            problem = "not logged in: " + tmux.screen()
            return nil
        }
        return tmux
    }
}
