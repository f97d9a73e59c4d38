/// Why a spreadsheet could not be made or written. The caller words the message in the user's
/// language (this module speaks none); every case says where.
public enum SpreadsheetError: Error, Hashable, Sendable {
    public enum Operation: String, Sendable {
        case create, write, sync, rename
    }

    /// A system call failed with `code` (errno): ENOSPC is a full disk, ENOENT a missing folder.
    case io(Operation, path: String, code: Int32)
    /// The target file exists and replacing it was not asked for.
    case exists(path: String)
    /// The target names a folder, not a file.
    case isFolder(path: String)
    /// The zip archive of a workbook could not be built (ZIPFoundation's description).
    case archive(String)
}
