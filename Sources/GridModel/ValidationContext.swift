import Foundation

/// What rules need to know about the world: the present moment, so that nothing is dated in the future.
public struct ValidationContext: Sendable {
    public let now: Date
    public let today: Day

    /// Clocks of laptops and the office terminal differ a little; a timestamp this far ahead still passes.
    public static let clockTolerance: TimeInterval = 10 * 60

    public init(now: Date = Date(), timeZone: TimeZone = .current) {
        self.now = now
        self.today = Day(now, in: timeZone)
    }
}
