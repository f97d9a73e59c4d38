/// How much demo data to make.
public enum DemoScale: String, CaseIterable, Sendable {
    /// One community like those in the seeds: 8 grids, ~3,000 households, ~10,000 residents.
    case community
    /// A whole district, for the benchmarks: 330 grids, 150,000 households, 420,000 residents.
    case district

    var grids: Int { self == .community ? 8 : 330 }
    var households: Int { self == .community ? 3_000 : 150_000 }
    var patrols: Int { self == .community ? 4_400 : 600_000 }
    var cases: Int { self == .community ? 320 : 20_000 }
    /// Weights for households of 1…6 people: a community of 3,021 households holds 10,310 people
    /// (七里社区); the district averages 2.8.
    var householdSizeWeights: [Int] { self == .community ? [8, 15, 27, 25, 15, 10] : [15, 25, 30, 18, 8, 4] }
}
