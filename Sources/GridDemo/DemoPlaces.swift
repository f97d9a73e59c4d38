/// The made-up places of the demo: one district code that is real (Zhangwan, 420303) so codes
/// look right, and streets, communities and villages that are invented or generic.
enum DemoPlaces {
    static let districtCode = "420303"
    static let districtName = "张湾区"
    static let streets = ["汉江路街道", "红卫街道", "花果街道", "车城路街道", "工业新区街道", "西城街道", "柏林镇", "黄龙镇"]
    static let communityStems = [
        "幸福里", "清泉", "柳林", "桃园", "兴华", "和平", "东岭", "西坪", "南山", "北湾", "向阳", "长青", "翠竹", "金岭",
        "银杏", "红星", "建设", "光明", "春晖", "秀水", "新华", "朝阳", "东风", "滨江", "公园", "花园", "锦绣", "安康",
        "盛世", "东方", "友谊", "胜利", "团结", "前进", "丰收", "晨光", "绿荫", "紫薇", "玉泉", "石桥",
    ]
    static let villageStems = [
        "杨家沟", "枣树坪", "柳树湾", "黄土岭", "石门", "龙潭", "白果树", "桃花坪", "杏子沟", "李家湾", "梨树垭", "青龙山",
        "大坪", "小河口", "马家河", "竹林湾", "槐树岭", "茶园", "松树坡", "核桃园",
    ]
}
