import Foundation
import GridModel

/// Dates as people type them in a form: `2026-11-22`, `11-22` (this year), `today` or `今天`,
/// and days from today such as `-3d`, `+7d` (or `-3`, `+7`).
public enum DateInput {
    /// What a message may quote of the text typed: nothing that could be an ID or phone number.
    public static func quotable(_ text: String) -> String {
        text.filter(\.isNumber).count >= 7 || text.count > 20 ? "…" : text
    }

    public static func parse(_ text: String, today: Day) -> Day? {
        let input = text.trimmingCharacters(in: .whitespaces).lowercased()
        if input == "today" || input == "今天" { return today }
        if let sign = input.first, sign == "-" || sign == "+" {
            var digits = input.dropFirst()
            if digits.hasSuffix("d") || digits.hasSuffix("天") { digits = digits.dropLast() }
            guard let days = Int(digits), (0...36_500).contains(days) else { return nil }
            return today.adding(days: sign == "-" ? -days : days)
        }
        if let day = Day(iso: input) { return day }
        let parts = input.split(separator: "-")
        if parts.count == 2, let month = Int(parts[0]), let day = Int(parts[1]) {
            return Day(year: today.year, month: month, day: day)
        }
        return nil
    }
}
