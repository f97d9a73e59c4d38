import Foundation

/// Times of day as people type them in a form: `9:30`, `09:30`, `0930` or `930`.
public enum TimeInput {
    /// Minutes since midnight, nil when the text is not a time of day.
    public static func minutes(_ text: String) -> Int? {
        let input = text.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "：", with: ":")
        let parts = input.split(separator: ":", omittingEmptySubsequences: false)
        let hour: Int?, minute: Int?
        if parts.count == 2 {
            (hour, minute) = (Int(parts[0]), Int(parts[1]))
        } else if input.count == 3 || input.count == 4, input.allSatisfy(\.isASCII), let number = Int(input) {
            (hour, minute) = (number / 100, number % 100)
        } else {
            return nil
        }
        guard let hour, let minute, (0..<24).contains(hour), (0..<60).contains(minute) else { return nil }
        return hour * 60 + minute
    }

    /// `09:30`.
    public static func text(minutes: Int) -> String {
        let hours = minutes / 60, rest = minutes % 60
        return (hours < 10 ? "0" : "") + String(hours) + ":" + (rest < 10 ? "0" : "") + String(rest)
    }
}
