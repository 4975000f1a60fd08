//! The real map of Dinghai district (定海区, Zhoushan) for `scenarios/dinghai-week.json`.
//!
//! Planar kilometres, east and north of the old town (解放街道) near (0, 0): the city
//! streets around it, the new town (临城, 千岛) 8–11 km east towards Putuo, the rural
//! streets and towns west and north on Zhoushan island, and Jintang island (金塘) about
//! 24 km west as the zone "jintang". Dinghai reaches Jintang over the Zhoushan
//! cross-sea bridges (舟山跨海大桥: 岑港, 响礁门, 桃夭门 and 西堠门 bridges), one
//! 25-minute link from the Cengang bridge head to the Jintang bridge head; the 金塘大桥
//! proper continues from Jintang to Ningbo. Offices carry the district bureaus' real
//! names; Jintang has its own town enforcement team and police station, and Baiquan a
//! town team. Businesses, tasks and inspectors are then generated as for any preset, with
//! a fixed seed (chosen among the first 300 for about 100 businesses and 3 % non-joinable
//! tasks), 257 tasks (the reform's reference week) and no holiday (Mid-Autumn
//! 2022 fell on Saturday 09-10).

use super::catalog::{Dept, TownKind};
use super::layout::{District, Layout, Team, Town, Week};
use super::wire;
use chrono::NaiveDate;

/// The seed of the checked-in file.
pub(crate) const SEED: u64 = 137;

/// Towns and streets: name, kind, x, y, radius.
const TOWNS: [(&str, TownKind, f64, f64, f64); 14] = [
    ("解放街道", TownKind::Urban, 0.0, 0.6, 0.9),
    ("昌国街道", TownKind::Urban, -1.4, 1.3, 1.0),
    ("环南街道", TownKind::Urban, 0.6, -0.9, 1.0),
    ("城东街道", TownKind::Urban, 2.8, 0.4, 1.2),
    ("盐仓街道", TownKind::Suburban, -4.8, 0.6, 1.8),
    ("临城街道", TownKind::Urban, 8.0, -0.6, 2.0),
    ("千岛街道", TownKind::Urban, 10.5, -1.6, 1.6),
    ("马岙街道", TownKind::Rural, -2.8, 8.5, 2.0),
    ("双桥街道", TownKind::Suburban, -8.5, 3.2, 2.0),
    ("岑港街道", TownKind::Rural, -13.5, 2.8, 2.2),
    ("小沙街道", TownKind::Rural, -7.8, 8.0, 2.0),
    ("白泉镇", TownKind::Suburban, 6.2, 6.0, 2.2),
    ("干览镇", TownKind::Rural, 11.5, 8.8, 2.4),
    ("金塘镇", TownKind::Island, -24.0, 3.0, 3.0),
];

/// District bureaus: department, name, x, y.
const OFFICES: [(Dept, &str, f64, f64); 11] = [
    (Dept::Fire, "舟山市定海区消防救援大队", 1.2, 1.6),
    (Dept::Market, "定海区市场监督管理局", -0.8, 1.8),
    (Dept::Environment, "舟山市生态环境局定海分局", -1.9, 0.9),
    (Dept::Health, "定海区卫生健康局", -0.5, 1.0),
    (Dept::Emergency, "定海区应急管理局", -0.3, 1.4),
    (Dept::Urban, "定海区综合行政执法局", 0.9, 0.2),
    (Dept::Police, "舟山市公安局定海区分局", 0.2, 1.1),
    (Dept::Culture, "定海区文化和广电旅游体育局", -0.2, 0.3),
    (Dept::Housing, "定海区住房和城乡建设局", -0.6, 1.5),
    (Dept::Education, "定海区教育局", -1.1, 0.7),
    (Dept::Tax, "国家税务总局舟山市定海区税务局", 7.6, -0.2),
];

/// The map of Dinghai.
pub(crate) fn layout() -> Layout {
    let start = NaiveDate::from_ymd_opt(2022, 9, 12).expect("a valid date");
    let mut layout = Layout {
        name: "定海区，2022-09-12 当周综合查一次（Dinghai district, week 2022-09-12）".to_owned(),
        week: Week {
            start,
            holidays: Vec::new(),
        },
        depts: OFFICES
            .iter()
            .map(|(d, name, _, _)| (*d, (*name).to_owned()))
            .collect(),
        places: Vec::new(),
        links: Vec::new(),
        towns: Vec::new(),
        districts: Vec::new(),
        widths: (3, 3),
        islands: 1,
        busyness: 1.0,
    };
    for (name, kind, x, y, radius) in TOWNS {
        layout.towns.push(Town {
            name: name.to_owned(),
            zone: if kind == TownKind::Island {
                "jintang"
            } else {
                "main"
            }
            .to_owned(),
            x,
            y,
            radius,
            kind,
            district: 0,
        });
    }
    let mut offices = Vec::new();
    for (dept, name, x, y) in OFFICES {
        let id = format!("office-{}", dept.id());
        offices.push((dept, layout.place(id, name.to_owned(), "main", x, y)));
    }
    let town = |name: &str| TOWNS.iter().position(|t| t.0 == name).unwrap_or(0);
    let jintang_hall = layout.place(
        "jintang-hall".to_owned(),
        "金塘镇综合行政执法队".to_owned(),
        "jintang",
        -23.6,
        3.4,
    );
    let jintang_police = layout.place(
        "jintang-police".to_owned(),
        "舟山市公安局定海区分局金塘派出所".to_owned(),
        "jintang",
        -24.4,
        3.7,
    );
    let baiquan_hall = layout.place(
        "baiquan-hall".to_owned(),
        "白泉镇综合行政执法队".to_owned(),
        "main",
        6.0,
        6.2,
    );
    let cengang = layout.place(
        "cengang-bridgehead".to_owned(),
        "舟山跨海大桥岑港桥头".to_owned(),
        "main",
        -15.6,
        2.2,
    );
    let jintang = layout.place(
        "jintang-bridgehead".to_owned(),
        "舟山跨海大桥金塘桥头（西堠门大桥）".to_owned(),
        "jintang",
        -20.6,
        3.6,
    );
    layout.links.push(wire::Link {
        from: cengang,
        to: jintang,
        minutes: 25,
    });
    let teams = vec![
        Team {
            code: "JTZF".to_owned(),
            place: jintang_hall,
            dept: Dept::Urban,
            acts_for: vec![Dept::Fire, Dept::Market, Dept::Environment, Dept::Culture],
            towns: vec![town("金塘镇")],
            share: 0.55,
        },
        Team {
            code: "JTPS".to_owned(),
            place: jintang_police,
            dept: Dept::Police,
            acts_for: Vec::new(),
            towns: vec![town("金塘镇")],
            share: 0.7,
        },
        Team {
            code: "BQZF".to_owned(),
            place: baiquan_hall,
            dept: Dept::Urban,
            acts_for: vec![Dept::Fire, Dept::Market],
            towns: vec![town("白泉镇")],
            share: 0.4,
        },
    ];
    layout.districts.push(District {
        prefix: String::new(),
        main_zone: "main".to_owned(),
        tasks: 257,
        offices,
        teams,
    });
    layout
}
