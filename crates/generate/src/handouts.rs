//! What people are told (docs/format.md, "What people are told"): the `notice` block, the
//! `items` catalogue, inspectors' certificate numbers and businesses' addresses, contacts
//! and phones.
//!
//! These fields change no rule, so they are drawn last, after every other draw, from a
//! generator of their own seeded by one draw of the main one: adding them leaves the
//! businesses, tasks, inspectors and so the plans of every generated week as they were.

use super::draw::{between, pick, Rand};
use super::wire;
use rand::{Rng, SeedableRng};

/// Chinese name and what to prepare of every checklist item code the generator uses.
const ITEMS: &[(&str, &str, &str)] = &[
    (
        "fire.exits",
        "疏散通道、安全出口是否畅通",
        "疏散通道检查记录",
    ),
    (
        "fire.extinguishers",
        "灭火器材配置及有效期",
        "消防器材维护保养记录",
    ),
    ("fire.alarm", "火灾自动报警系统运行情况", "消防设施检测报告"),
    ("fire.wiring", "电气线路敷设及用电安全", "电气线路检测记录"),
    ("fire.storage", "易燃可燃物品存放", "物品存放台账"),
    ("fire.complaint", "消防安全投诉核查", ""),
    (
        "market.license",
        "营业执照及许可证照公示",
        "营业执照、许可证原件",
    ),
    (
        "market.food_safety",
        "食品安全管理制度落实",
        "食品进货查验记录、从业人员健康证明",
    ),
    ("market.prices", "明码标价执行情况", "价目表"),
    ("market.labels", "商品标签标识", "商品进货凭证"),
    (
        "market.special_equipment",
        "特种设备使用登记及定期检验",
        "特种设备使用登记证、检验报告",
    ),
    ("market.complaint", "市场监管投诉核查", ""),
    (
        "env.wastewater",
        "废水排放及处理设施运行",
        "污水处理设施运行台账",
    ),
    ("env.fumes", "油烟净化设施运行", "油烟净化设施清洗记录"),
    ("env.noise", "噪声污染防治", "噪声检测报告"),
    (
        "env.solid_waste",
        "固体废物及危险废物管理",
        "危险废物转移联单",
    ),
    ("env.permit", "排污许可执行情况", "排污许可证"),
    ("env.complaint", "生态环境投诉核查", ""),
    ("health.permit", "卫生许可证", "卫生许可证原件"),
    (
        "health.staff_certificates",
        "从业人员健康合格证明",
        "从业人员健康证明",
    ),
    ("health.disinfection", "公共用品用具清洗消毒", "消毒记录"),
    ("health.water", "生活饮用水卫生", "水质检测报告"),
    ("health.complaint", "卫生健康投诉核查", ""),
    ("safety.hazmat", "危险化学品储存使用", "危险化学品台账"),
    ("safety.training", "安全生产教育培训", "安全培训记录"),
    ("safety.ledger", "安全生产隐患排查台账", "隐患排查治理台账"),
    ("safety.gas", "燃气使用安全", "燃气设施检查记录"),
    ("safety.complaint", "安全生产投诉核查", ""),
    ("urban.signage", "户外招牌设置", "户外招牌设置审批材料"),
    ("urban.frontage", "门前三包责任落实", ""),
    ("urban.waste_sorting", "生活垃圾分类", "垃圾清运协议"),
    ("urban.muck_transport", "渣土运输管理", "渣土运输核准文件"),
    ("urban.complaint", "城市管理投诉核查", ""),
    ("police.guest_registration", "旅客住宿登记", "住宿登记记录"),
    ("police.security", "治安防范措施落实", "治安保卫制度"),
    ("police.cctv", "视频监控设施运行", "监控录像保存记录"),
    ("police.complaint", "治安投诉核查", ""),
    ("culture.license", "文化经营许可", "文化经营许可证"),
    ("culture.tourist_safety", "游客安全保障", "安全应急预案"),
    ("culture.events", "演出及活动报备", "活动报备材料"),
    ("culture.complaint", "文化旅游投诉核查", ""),
    (
        "housing.scaffolding",
        "脚手架及高处作业安全",
        "脚手架验收记录",
    ),
    ("housing.quality", "工程质量管理", "质量验收资料"),
    ("housing.permits", "施工许可", "建筑工程施工许可证"),
    (
        "housing.wage_accounts",
        "农民工工资专用账户",
        "工资发放台账",
    ),
    ("housing.complaint", "住房建设投诉核查", ""),
    ("edu.license", "办学许可", "办学许可证"),
    ("edu.teachers", "教师资格", "教师资格证书"),
    ("edu.fees", "收费公示及管理", "收费公示材料、收费台账"),
    ("edu.premises", "场所安全", "场所安全检查记录"),
    ("edu.complaint", "教育培训投诉核查", ""),
    ("tax.invoices", "发票使用管理", "发票领用存记录"),
    ("tax.registration", "税务登记", "税务登记材料"),
    ("tax.complaint", "税务投诉核查", ""),
    (
        "agri.aquatic_products",
        "水产品质量安全",
        "水产品进货及检测记录",
    ),
    ("agri.drug_residue", "兽药残留管理", "用药记录"),
    ("agri.complaint", "农业农村投诉核查", ""),
];

/// Road name syllables of addresses.
const ROADS: &[&str] = &[
    "人民", "解放", "环城", "海滨", "文化", "建设", "新华", "和平", "东海", "昌国", "舟山", "青岭",
    "兴舟", "长春", "金山", "港湾",
];

/// Surnames of contacts.
const SURNAMES: &[&str] = &[
    "王", "李", "张", "刘", "陈", "杨", "黄", "周", "徐", "林", "应", "虞", "乐", "邬", "翁",
];

/// Titles after a contact's surname.
const TITLES: &[&str] = &["经理", "女士", "先生", "店长", "主任"];

/// Adds the notice block, the items catalogue of every item code the tasks use,
/// certificate numbers for certified inspectors and an address, contact and phone for
/// every business. `rng` is drawn from once; nothing may draw from it afterwards that
/// should stay as it was.
pub(crate) fn add(scenario: &mut wire::Scenario, rng: &mut Rand) {
    let mut own = Rand::seed_from_u64(rng.random());
    let place = scenario
        .name
        .split('，')
        .next()
        .unwrap_or_default()
        .to_owned();
    let year = scenario.horizon.start.get(..4).unwrap_or("2022").to_owned();
    let first: String = place.chars().next().map(String::from).unwrap_or_default();
    scenario.notice = Some(wire::Notice {
        issuer: format!("{place}综合行政执法局"),
        contact: format!("{}科长", pick(&mut own, SURNAMES)),
        phone: format!("0580-20{:05}", between(&mut own, 0, 99_999)),
        legal_basis: "《浙江省综合行政执法条例》第十九条".to_owned(),
        number_prefix: format!("{first}综执检告〔{year}〕"),
    });
    let used: std::collections::BTreeSet<&str> = scenario
        .tasks
        .iter()
        .flat_map(|t| t.items.iter().copied())
        .collect();
    scenario.items = ITEMS
        .iter()
        .filter(|(id, _, _)| used.contains(id))
        .map(|&(id, name, prepare)| wire::Item {
            id,
            name,
            prepare: (!prepare.is_empty()).then_some(prepare),
        })
        .collect();
    certificates(&mut scenario.inspectors);
    for b in &mut scenario.businesses {
        b.address = Some(format!(
            "{}{}路{}号",
            b.town,
            pick(&mut own, ROADS),
            between(&mut own, 1, 399)
        ));
        b.contact = Some(format!(
            "{}{}",
            pick(&mut own, SURNAMES),
            pick(&mut own, TITLES)
        ));
        b.phone = Some(format!("13{:09}", between(&mut own, 0, 999_999_999)));
    }
}

/// Gives every certified inspector an enforcement certificate number (执法证号) made
/// from its position in the list, and takes it from the others; call it again after
/// certificates are handed out anew.
pub(crate) fn certificates(staff: &mut [wire::Inspector]) {
    for (n, insp) in staff.iter_mut().enumerate() {
        insp.certificate = insp.certified.then(|| format!("33090{:06}", n + 1));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::Dept;

    /// Every item code of every department.
    fn all_codes() -> Vec<&'static str> {
        let all = [
            Dept::Fire,
            Dept::Market,
            Dept::Environment,
            Dept::Health,
            Dept::Emergency,
            Dept::Urban,
            Dept::Police,
            Dept::Culture,
            Dept::Housing,
            Dept::Education,
            Dept::Tax,
            Dept::Agriculture,
        ];
        all.iter()
            .flat_map(|d| d.items().iter().copied().chain([d.complaint()]))
            .collect()
    }

    #[test]
    fn every_item_code_has_a_chinese_name() {
        for code in all_codes() {
            assert!(
                ITEMS.iter().any(|(id, _, _)| *id == code),
                "{code} has no catalogue entry"
            );
        }
    }
}
