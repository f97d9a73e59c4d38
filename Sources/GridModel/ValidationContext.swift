import Foundation

/// What rules need to know about the world: the present moment, so that nothing is dated in the future.
public struct ValidationContext: Sendable {
    public let now: Date
    public let today: Day

    /// Clocks of laptops and the office terminal differ a little; a timestamp this far ahead still passes.
    public static let clockTolerance: TimeInterval = 10 * 60

    /// False when reading what is already stored: "not in the future" is a rule for saving. Checked
    /// again on reading, a laptop with a fast clock, or a machine in another time zone, would make
    /// another's files unreadable.
    public let checksThePresent: Bool

    /// `timeZone` is the community's, in which "today" is reckoned whatever the machine's zone.
    public init(now: Date = Date(), timeZone: TimeZone) {
        self.now = now
        self.today = Day(now, in: timeZone)
        checksThePresent = true
    }

    private init(reading: Void) {
        now = .distantFuture
        today = Day(dayNumber: 0)
        checksThePresent = false
    }

    /// For checking stored records: every rule but those about the present moment.
    public static let reading = ValidationContext(reading: ())

    /// The earliest plausible date of an event recorded here (patrols, cases, visits).
    public static let earliestEvent = Day(year: 2000, month: 1, day: 1) ?? Day(dayNumber: 10_957)
    /// The earliest plausible birth date.
    public static let earliestBirth = Day(year: 1880, month: 1, day: 1) ?? Day(dayNumber: -32_872)
}
