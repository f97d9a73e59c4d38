/// A mainland mobile number: 11 digits, starting with 1.
public enum MobileNumber {
    /// Digits only, with the spaces, dashes and +86 prefix that people type removed; nil if
    /// what remains is not a mobile number.
    public static func normalized(_ raw: String) -> String? {
        var digits = raw.filter { !" -".contains($0) }
        if digits.hasPrefix("+86") { digits.removeFirst(3) }
        return isValid(digits) ? digits : nil
    }

    public static func isValid(_ text: String) -> Bool {
        text.utf8.count == 11 && text.first == "1" && text.allSatisfy { $0.isASCII && $0.isNumber }
    }

    /// `138****5678`.
    public static func masked(_ text: String) -> String {
        guard text.count == 11 else { return String(repeating: "*", count: text.count) }
        return String(text.prefix(3)) + "****" + String(text.suffix(4))
    }
}
