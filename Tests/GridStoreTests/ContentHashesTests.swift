import Foundation
import Testing
@testable import GridStore

/// A save's content hashes, worked out on the hashing thread, are the ones a read works out.
@Suite struct ContentHashesTests {
    @Test func hashesWorkedOutAheadAreThoseOfTheBytesLastAdded() {
        let first = Data("{\"a\" : 1}\n".utf8), second = Data("{\"b\" : 2}\n".utf8), third = Data("{\"c\" : 3}\n".utf8)
        let hashes = ContentHashes()
        hashes.add(first, of: "a.json")
        hashes.add(second, of: "b.json")
        hashes.start()
        // Added again while the first bytes may still be hashing: the new bytes count.
        hashes.add(third, of: "a.json")
        #expect(hashes.hash(of: "a.json") == ShardReader.contentHash(third))
        #expect(hashes.hash(of: "b.json") == ShardReader.contentHash(second))
        #expect(hashes.hash(of: "c.json") == nil, "a file never added has no hash")
        #expect(ShardReader.contentHash(first) != ShardReader.contentHash(third))
    }

    @Test func aHashAskedForBeforeTheStartIsWorkedOutAtOnce() {
        let bytes = Data("网格 [1, 2]".utf8)
        let hashes = ContentHashes()
        hashes.add(bytes, of: "x.json")
        #expect(hashes.hash(of: "x.json") == ShardReader.contentHash(bytes))
        hashes.start()
        #expect(hashes.hash(of: "x.json") == ShardReader.contentHash(bytes))
    }
}
