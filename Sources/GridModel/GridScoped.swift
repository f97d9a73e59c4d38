/// A record that belongs to one grid: who may change it depends on that grid.
public protocol GridScoped {
    var gridCode: GridCode { get }
}

extension Household: GridScoped {}
extension Resident: GridScoped {}
extension PatrolLog: GridScoped {}
extension DisputeCase: GridScoped {}
