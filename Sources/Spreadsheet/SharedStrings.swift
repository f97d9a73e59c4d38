/// The shared strings part of a workbook being written: each distinct text once, cells refer
/// to it by index.
struct SharedStrings {
    private var indices: [String: Int] = [:]
    private var texts: [String] = []
    /// How many string cells refer to the table (Excel writes it; readers may check it).
    private var references = 0

    /// The index of `text`, added at the end when new.
    mutating func index(of text: String) -> Int {
        references += 1
        if let index = indices[text] { return index }
        indices[text] = texts.count
        texts.append(text)
        return texts.count - 1
    }

    /// `xl/sharedStrings.xml`. Text with spaces at either end is marked to keep them.
    var part: String {
        var text = XLSXWriter.header + "<sst xmlns=\"\(XLSXWriter.mainNamespace)\" count=\"\(references)\" uniqueCount=\"\(texts.count)\">"
        for string in texts {
            let preserve = string.first?.isWhitespace == true || string.last?.isWhitespace == true
            text += preserve ? "<si><t xml:space=\"preserve\">" : "<si><t>"
            text += XMLText.escaped(string) + "</t></si>"
        }
        return text + "</sst>"
    }
}
