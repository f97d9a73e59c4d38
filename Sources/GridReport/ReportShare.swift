/// A share printed as a percentage with one decimal, rounded half up ("45.5%"), or a dash when
/// there is nothing to share out (0 of 0), so that no figure reads 0% for "none happened".
public enum ReportShare {
    public static func percent(_ part: Int, of whole: Int) -> String {
        guard whole > 0 else { return "—" }
        // Integer arithmetic, so that 1 of 8 (12.5%) does not become 12.4% through a binary fraction.
        let tenths = (part * 2000 + whole) / (2 * whole)
        return String(tenths / 10) + "." + String(tenths % 10) + "%"
    }
}
