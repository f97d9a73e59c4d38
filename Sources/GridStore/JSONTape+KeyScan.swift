/// The keys a file holds that gridwork does not know, in document order, and the first thing strict
/// JSON refuses that a parse let through: what `JSONLocator.unknownKeysAndLaxity` reports.
typealias KeyScan = (keys: [(key: String, offset: Int)], laxity: (offset: Int, message: String)?)

extension JSONTape {
    /// `JSONLocator.unknownKeysAndLaxity` from the values the parse already found, not from the
    /// bytes again: a cold open spent a sixth of its time on that second pass over every file.
    ///
    /// The parse refused a trailing comma and any other break of the grammar, so what is left to
    /// find is a member name repeated in its object (the same text once escapes are decoded,
    /// compared as Swift strings: what a decoder takes for one key) and a number out of a
    /// double's range. Offsets are those of a key's opening quote and of a number's first byte.
    func unknownKeysAndLaxity(notIn known: KeySet) -> KeyScan {
        var keys: [(key: String, offset: Int)] = []
        var laxity: (offset: Int, message: String)?
        func refuse(_ offset: Int, _ message: @autoclosure () -> String) {
            if laxity.map({ offset < $0.offset }) ?? true { laxity = (offset, message()) }
        }
        // The last object each known key was met in: a repeat is one lookup, not a comparison
        // with every name before it.
        var lastObjectOf = [Int](repeating: -1, count: known.count)
        for index in entries.indices {
            let entry = entries[index]
            switch entry.kind {
            case .number, .integer:
                let literal = slice(index)
                // Only an exponent or a great many digits can leave a double's range.
                guard literal.count > 300 || (entry.kind == .number && literal.contains(where: { $0 | 0x20 == UInt8(ascii: "e") })) else { continue }
                if let value = Double(String(decoding: literal, as: UTF8.self)), !value.isFinite {
                    refuse(Int(entry.start), "number out of range")
                }
            case .object:
                // Names no key of the set equals: rare, so the set is only filled when one is met.
                var otherNames: Set<String> = []
                var member = index + 1
                while member < Int(entry.next) {
                    let key = member
                    member = after(key + 1)
                    let quote = Int(entries[key].start) - 1
                    let content = slice(key)
                    // A known key as written: by its bytes, no string made.
                    if entries[key].kind == .string, let number = known.number(ofBytes: content) {
                        if lastObjectOf[number] == index { refuse(quote, "duplicate key \"\(String(decoding: content, as: UTF8.self))\"") }
                        lastObjectOf[number] = index
                        continue
                    }
                    // Otherwise as a decoder compares keys: unescaped, as Swift strings.
                    let name = entries[key].kind == .escapedString ? JSONLocator.unescape(content) : String(decoding: content, as: UTF8.self)
                    if let number = known.number(of: name) {
                        if lastObjectOf[number] == index { refuse(quote, "duplicate key \"\(name)\"") }
                        lastObjectOf[number] = index
                        continue
                    }
                    if !otherNames.insert(name).inserted { refuse(quote, "duplicate key \"\(name)\"") }
                    keys.append((name, quote))
                }
            default:
                continue
            }
        }
        // Each object's names were listed when the object was met, before those of objects
        // inside its earlier members: put back in document order.
        keys.sort { $0.offset < $1.offset }
        return (keys, laxity)
    }
}
