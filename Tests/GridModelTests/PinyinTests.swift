import Testing
@testable import GridModel

@Suite struct PinyinTests {
    @Test func namesSpellInFullAndByInitials() {
        #expect(Pinyin.spellings(of: "王小明", isName: true) == "wangxiaoming wxm")
        #expect(Pinyin.searchText("王小明", isName: true) == "王小明 wangxiaoming wxm")
        #expect(Pinyin.spellings(of: "吕绿", isName: false) == "lvlv ll", "ü is typed v")
    }

    @Test func aSurnameIsReadAsASurname() {
        #expect(Pinyin.spellings(of: "曾国藩", isName: true).hasPrefix("zengguofan"))
        #expect(Pinyin.spellings(of: "单雄信", isName: true).hasPrefix("shanxiongxin"))
        #expect(Pinyin.reading(of: "曾") == "ceng", "elsewhere the common reading")
    }

    @Test func otherCharactersStayAndTextWithoutChineseAddsNothing() {
        #expect(Pinyin.spellings(of: "清潭花园 3栋") == "qingtanhuayuan 3dong qthy 3d")
        #expect(Pinyin.spellings(of: "Li Ming").isEmpty && Pinyin.searchText("Li Ming") == "li ming")
    }

    @Test func theTableCoversTheCommonBlock() {
        let missing = (0x4E00...0x9FA5).compactMap(Unicode.Scalar.init).filter { Pinyin.reading(of: Character($0)) == nil }
        #expect(missing.count < 100, "Unihan has a reading for nearly every common character; missing \(missing.count)")
    }
}
