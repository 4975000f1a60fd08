//! Chinese names: people, towns, districts, cities and businesses.
//!
//! Names are built from small tables (common surnames and given-name characters, place
//! syllables, shop brands and type suffixes). A [`Namer`] remembers what it has handed
//! out and redraws on a clash, so names are unique where people would expect them to be.

use super::catalog::Kind;
use super::draw::{chance, pick, Rand};
use rand::Rng;
use std::collections::BTreeSet;

/// Common surnames, most frequent first (with a few typical of Zhoushan: 应, 虞, 乐, 邬, 翁).
const SURNAMES: &[&str] = &[
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭",
    "何", "林", "罗", "高", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹", "彭", "曾",
    "肖", "田", "董", "袁", "潘", "于", "蒋", "蔡", "余", "杜", "叶", "程", "苏", "魏", "吕", "丁",
    "任", "沈", "姚", "卢", "姜", "崔", "钟", "谭", "陆", "汪", "范", "金", "石", "廖", "贾", "夏",
    "方", "应", "虞", "乐", "邬", "翁", "贺", "竺", "毛", "俞", "孔",
];

/// Characters of given names.
const GIVEN: &[&str] = &[
    "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明",
    "超", "秀", "霞", "平", "刚", "英", "华", "玲", "飞", "鹏", "辉", "建", "国", "海", "波", "宁",
    "斌", "峰", "浩", "晨", "宇", "欣", "怡", "婷", "雪", "琳", "佳", "倩", "颖", "俊", "凯", "鑫",
    "帆", "瑶", "慧", "晓", "志", "文", "东", "亮", "春", "红", "丹", "萍", "燕", "锋", "航", "舟",
    "卫", "忠", "琪", "思", "嘉", "梦", "逸", "诚", "立", "永",
];

/// First syllables of place names.
const PLACE_A: &[&str] = &[
    "东", "西", "南", "北", "新", "大", "小", "白", "青", "金", "银", "石", "沙", "长", "高", "清",
    "双", "桃", "柳", "桂", "梅", "兰", "莲", "龙", "凤", "马", "鹤", "平", "安", "永", "兴", "盛",
    "和", "富", "临", "岱", "蓬", "嵊", "朱", "六", "桐", "枫", "松", "樟", "虾",
];

/// Second syllables of place names.
const PLACE_B: &[&str] = &[
    "港", "湾", "山", "河", "桥", "浦", "岙", "门", "塘", "岭", "溪", "泉", "林", "城", "洋", "坑",
    "头", "江", "峰", "礁", "屿", "滩", "埠", "澳", "田", "家", "塍", "墩", "沿", "洲",
];

/// Shop brands.
const BRANDS: &[&str] = &[
    "海韵",
    "渔港",
    "金帆",
    "星辰",
    "阳光",
    "东方",
    "鑫源",
    "宏达",
    "福满",
    "隆兴",
    "顺发",
    "聚鲜",
    "蓝湾",
    "碧海",
    "云栖",
    "听涛",
    "望海",
    "渔家",
    "港湾",
    "新海",
    "晨曦",
    "海天",
    "鸿运",
    "恒丰",
    "永昌",
    "华盛",
    "天和",
    "瑞丰",
    "嘉禾",
    "康顺",
    "美家",
    "好客",
    "老街",
    "码头",
    "沙滩",
    "潮音",
    "海风",
    "海螺",
    "蓬莱",
    "东极",
    "金沙",
    "银滩",
    "湾畔",
    "山海",
    "观澜",
    "逸居",
    "拾光",
    "半山",
    "栖云",
    "渔火",
    "浪花",
    "兴旺",
    "百味",
    "鲜之味",
    "明珠",
    "远航",
    "海星",
    "贝壳",
    "青禾",
    "锦绣",
    "融信",
    "万通",
    "协力",
    "同心",
    "惠民",
    "丰泽",
];

/// Type suffixes of business names.
fn suffixes(kind: Kind) -> &'static [&'static str] {
    match kind {
        Kind::Homestay => &["民宿", "客栈", "渔家乐", "海景民宿", "小院"],
        Kind::Restaurant => &[
            "饭店",
            "酒家",
            "海鲜大排档",
            "面馆",
            "小吃店",
            "餐厅",
            "海鲜楼",
            "快餐店",
        ],
        Kind::Construction => &[
            "花园二期项目工地",
            "安置小区项目工地",
            "商业中心项目工地",
            "产业园厂房工地",
            "学校新建工程工地",
            "滨海大道改造工程",
        ],
        Kind::GasStation => &["加油站"],
        Kind::Tutoring => &[
            "培训学校",
            "教育培训中心",
            "艺术培训中心",
            "书画培训学校",
            "学堂",
            "托管中心",
        ],
        Kind::Hotel => &["大酒店", "宾馆", "商务酒店", "度假酒店", "快捷酒店"],
        Kind::Factory => &[
            "水产加工厂",
            "船舶修造有限公司",
            "机械制造有限公司",
            "食品有限公司",
            "冷冻厂",
            "塑料制品厂",
            "渔具厂",
            "海洋生物科技有限公司",
        ],
        Kind::Retail => &[
            "超市",
            "便利店",
            "五金店",
            "副食品店",
            "建材商行",
            "服装店",
            "水果店",
        ],
    }
}

/// Oil companies, for gas station names.
const OIL: &[&str] = &["中国石化", "中国石油", "中化石油", "中海油"];

/// Hands out unique names.
#[derive(Default)]
pub(crate) struct Namer {
    people: BTreeSet<String>,
    places: BTreeSet<String>,
    businesses: BTreeSet<String>,
}

impl Namer {
    /// A person's name, unique in the scenario while the name space lasts.
    pub fn person(&mut self, rng: &mut Rand) -> String {
        let mut name = String::new();
        for _ in 0..40 {
            // Squaring the uniform draw favours the common surnames at the table's head.
            let u: f64 = rng.random();
            let surname = SURNAMES[((u * u) * SURNAMES.len() as f64) as usize];
            name = surname.to_owned();
            name.push_str(pick::<&str>(rng, GIVEN));
            if chance(rng, 0.6) {
                name.push_str(pick::<&str>(rng, GIVEN));
            }
            if self.people.insert(name.clone()) {
                return name;
            }
        }
        name
    }

    /// A new place name of two syllables and `suffix` (街道, 镇, 区, 市, 省).
    pub fn place(&mut self, rng: &mut Rand, suffix: &str) -> String {
        let mut name = String::new();
        for attempt in 0..200 {
            name = format!("{}{}", pick(rng, PLACE_A), pick(rng, PLACE_B));
            if attempt >= 100 {
                name.push_str(pick::<&str>(rng, PLACE_B));
            }
            name.push_str(suffix);
            if self.places.insert(name.clone()) {
                break;
            }
        }
        name
    }

    /// A business name of type `kind` in the town called `town_short` (name without 街道/镇).
    pub fn business(&mut self, rng: &mut Rand, kind: Kind, town_short: &str) -> String {
        for _ in 0..20 {
            let brand = pick(rng, BRANDS);
            let name = match kind {
                Kind::GasStation => {
                    let place = if chance(rng, 0.5) { town_short } else { brand };
                    format!("{}{}加油站", pick(rng, OIL), place)
                }
                _ => format!("{brand}{}", pick(rng, suffixes(kind))),
            };
            if self.businesses.insert(name.clone()) {
                return name;
            }
        }
        let base = format!("{}{}", pick(rng, BRANDS), pick(rng, suffixes(kind)));
        let mut name = format!("{base}（{town_short}店）");
        let mut n = 2;
        while !self.businesses.insert(name.clone()) {
            name = format!("{base}（{town_short}{n}号店）");
            n += 1;
        }
        name
    }
}

/// A town's name without its 街道/镇/乡 suffix.
pub(crate) fn short(town: &str) -> &str {
    ["街道", "镇", "乡", "区", "市", "县"]
        .iter()
        .find_map(|s| town.strip_suffix(s))
        .unwrap_or(town)
}
