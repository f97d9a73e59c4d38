/// Where a household lives: compound (or village group), building, unit and room.
public struct Address: Codable, Hashable, Sendable {
    public var compound: String
    public var building: String
    public var unit: String
    public var room: String

    public init(compound: String, building: String, unit: String, room: String) {
        self.compound = compound
        self.building = building
        self.unit = unit
        self.room = room
    }

    /// "清潭花园 3栋 2单元 501" with empty parts left out.
    public var line: String {
        [compound, building, unit, room].filter { !$0.isEmpty }.joined(separator: " ")
    }
}
