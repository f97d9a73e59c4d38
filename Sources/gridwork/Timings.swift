/// Durations of one measure, summed up as the benchmark's table shows them.
struct Timings {
    let values: [Duration]

    init(_ values: [Duration]) { self.values = values.sorted() }

    var count: Int { values.count }

    /// The value `fraction` of the way up (0.5 the median), by nearest rank; nil with no runs.
    func percentile(_ fraction: Double) -> Duration? {
        guard !values.isEmpty else { return nil }
        return values[min(values.count - 1, Int((Double(values.count - 1) * fraction).rounded()))]
    }

    var median: Duration? { percentile(0.5) }

    /// How many times `floor`'s median this median is, as `2.3x`.
    func ratio(to floor: Timings) -> String {
        guard let mine = median, let least = floor.median, least > .zero else { return "-" }
        return String(format: "%.1fx", Double(mine.attoseconds) / Double(least.attoseconds))
    }
}

extension Duration {
    /// The whole duration in attoseconds, as a Double, for ratios.
    var attoseconds: Double { Double(components.seconds) * 1e18 + Double(components.attoseconds) }
}
