//! What the generator knows about local inspection: the departments, what each one checks
//! and for how long, the business types, when they open, and which departments inspect
//! them (a homestay is visited by police, fire, health, market and culture-tourism; a
//! construction site by housing, environment, urban management and emergency management).

use chrono::Weekday;

/// A department's function. One department entity per function is written to the file;
/// each district has its own office of it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Dept {
    Fire,
    Market,
    Environment,
    Health,
    Emergency,
    Urban,
    Police,
    Culture,
    Housing,
    Education,
    Tax,
    Agriculture,
}

impl Dept {
    /// The ten departments every full-size scenario has.
    pub const CORE: [Dept; 10] = [
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
    ];

    /// The departments of the tiny preset.
    pub const TINY: [Dept; 6] = [
        Dept::Fire,
        Dept::Market,
        Dept::Environment,
        Dept::Health,
        Dept::Urban,
        Dept::Police,
    ];

    /// The id in the file.
    pub fn id(self) -> &'static str {
        match self {
            Dept::Fire => "fire",
            Dept::Market => "market",
            Dept::Environment => "environment",
            Dept::Health => "health",
            Dept::Emergency => "emergency",
            Dept::Urban => "urban",
            Dept::Police => "police",
            Dept::Culture => "culture",
            Dept::Housing => "housing",
            Dept::Education => "education",
            Dept::Tax => "tax",
            Dept::Agriculture => "agriculture",
        }
    }

    /// Pinyin initials, the prefix of its inspectors' ids (消防 → XF).
    pub fn code(self) -> &'static str {
        match self {
            Dept::Fire => "XF",
            Dept::Market => "SJ",
            Dept::Environment => "HB",
            Dept::Health => "WJ",
            Dept::Emergency => "YJ",
            Dept::Urban => "ZF",
            Dept::Police => "GA",
            Dept::Culture => "WL",
            Dept::Housing => "ZJ",
            Dept::Education => "JY",
            Dept::Tax => "SW",
            Dept::Agriculture => "NY",
        }
    }

    /// The office's name after a district's name (定海区 + 消防救援大队).
    pub fn office(self) -> &'static str {
        match self {
            Dept::Fire => "消防救援大队",
            Dept::Market => "市场监督管理局",
            Dept::Environment => "生态环境分局",
            Dept::Health => "卫生健康局",
            Dept::Emergency => "应急管理局",
            Dept::Urban => "综合行政执法局",
            Dept::Police => "公安分局",
            Dept::Culture => "文化和旅游局",
            Dept::Housing => "住房和城乡建设局",
            Dept::Education => "教育局",
            Dept::Tax => "税务局",
            Dept::Agriculture => "农业农村局",
        }
    }

    /// Shortest and longest minutes of one of its inspections (multiples of 5).
    pub fn minutes(self) -> (u32, u32) {
        match self {
            Dept::Fire => (30, 60),
            Dept::Market => (20, 45),
            Dept::Environment => (30, 60),
            Dept::Health => (20, 45),
            Dept::Emergency => (40, 90),
            Dept::Urban => (20, 35),
            Dept::Police => (20, 40),
            Dept::Culture => (20, 40),
            Dept::Housing => (45, 90),
            Dept::Education => (30, 60),
            Dept::Tax => (30, 60),
            Dept::Agriculture => (30, 50),
        }
    }

    /// Checklist item codes of routine inspections.
    pub fn items(self) -> &'static [&'static str] {
        match self {
            Dept::Fire => &[
                "fire.exits",
                "fire.extinguishers",
                "fire.alarm",
                "fire.wiring",
                "fire.storage",
            ],
            Dept::Market => &[
                "market.license",
                "market.food_safety",
                "market.prices",
                "market.labels",
                "market.special_equipment",
            ],
            Dept::Environment => &[
                "env.wastewater",
                "env.fumes",
                "env.noise",
                "env.solid_waste",
                "env.permit",
            ],
            Dept::Health => &[
                "health.permit",
                "health.staff_certificates",
                "health.disinfection",
                "health.water",
            ],
            Dept::Emergency => &[
                "safety.hazmat",
                "safety.training",
                "safety.ledger",
                "safety.gas",
            ],
            Dept::Urban => &[
                "urban.signage",
                "urban.frontage",
                "urban.waste_sorting",
                "urban.muck_transport",
            ],
            Dept::Police => &[
                "police.guest_registration",
                "police.security",
                "police.cctv",
            ],
            Dept::Culture => &[
                "culture.license",
                "culture.tourist_safety",
                "culture.events",
            ],
            Dept::Housing => &[
                "housing.scaffolding",
                "housing.quality",
                "housing.permits",
                "housing.wage_accounts",
            ],
            Dept::Education => &["edu.license", "edu.teachers", "edu.fees", "edu.premises"],
            Dept::Tax => &["tax.invoices", "tax.registration"],
            Dept::Agriculture => &["agri.aquatic_products", "agri.drug_residue"],
        }
    }

    /// The item code of a complaint-driven (non-joinable) check.
    pub fn complaint(self) -> &'static str {
        match self {
            Dept::Fire => "fire.complaint",
            Dept::Market => "market.complaint",
            Dept::Environment => "env.complaint",
            Dept::Health => "health.complaint",
            Dept::Emergency => "safety.complaint",
            Dept::Urban => "urban.complaint",
            Dept::Police => "police.complaint",
            Dept::Culture => "culture.complaint",
            Dept::Housing => "housing.complaint",
            Dept::Education => "edu.complaint",
            Dept::Tax => "tax.complaint",
            Dept::Agriculture => "agri.complaint",
        }
    }
}

/// A business type.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    Homestay,
    Restaurant,
    Construction,
    GasStation,
    Tutoring,
    Hotel,
    Factory,
    Retail,
}

const MON_SUN: &[Weekday] = &[
    Weekday::Mon,
    Weekday::Tue,
    Weekday::Wed,
    Weekday::Thu,
    Weekday::Fri,
    Weekday::Sat,
    Weekday::Sun,
];
const TUE_SUN: &[Weekday] = &[
    Weekday::Tue,
    Weekday::Wed,
    Weekday::Thu,
    Weekday::Fri,
    Weekday::Sat,
    Weekday::Sun,
];
const MON_SAT: &[Weekday] = &[
    Weekday::Mon,
    Weekday::Tue,
    Weekday::Wed,
    Weekday::Thu,
    Weekday::Fri,
    Weekday::Sat,
];
const MON_FRI: &[Weekday] = &[
    Weekday::Mon,
    Weekday::Tue,
    Weekday::Wed,
    Weekday::Thu,
    Weekday::Fri,
];

/// One opening pattern: weight, days, opening minute, closing minute.
pub(crate) type Opening = (f64, &'static [Weekday], u32, u32);

const fn hm(h: u32, m: u32) -> u32 {
    h * 60 + m
}

impl Kind {
    /// Every type, in the order of [`TownKind::kind_weights`].
    pub const ALL: [Kind; 8] = [
        Kind::Homestay,
        Kind::Restaurant,
        Kind::Construction,
        Kind::GasStation,
        Kind::Tutoring,
        Kind::Hotel,
        Kind::Factory,
        Kind::Retail,
    ];

    /// The tag written to the file.
    pub fn tag(self) -> &'static str {
        match self {
            Kind::Homestay => "homestay",
            Kind::Restaurant => "restaurant",
            Kind::Construction => "construction_site",
            Kind::GasStation => "gas_station",
            Kind::Tutoring => "tutoring",
            Kind::Hotel => "hotel",
            Kind::Factory => "factory",
            Kind::Retail => "retail",
        }
    }

    /// The departments that inspect this type, each with the chance it has planned an
    /// inspection there this week. The first entry is the type's lead department.
    pub fn inspected_by(self) -> &'static [(Dept, f64)] {
        use Dept::*;
        match self {
            Kind::Homestay => &[
                (Police, 0.75),
                (Fire, 0.75),
                (Health, 0.45),
                (Market, 0.45),
                (Culture, 0.4),
            ],
            Kind::Restaurant => &[
                (Market, 0.85),
                (Fire, 0.6),
                (Environment, 0.5),
                (Urban, 0.45),
            ],
            Kind::Construction => &[
                (Housing, 0.85),
                (Environment, 0.6),
                (Urban, 0.55),
                (Emergency, 0.55),
            ],
            Kind::GasStation => &[
                (Emergency, 0.8),
                (Fire, 0.75),
                (Market, 0.5),
                (Environment, 0.45),
            ],
            Kind::Tutoring => &[
                (Education, 0.85),
                (Fire, 0.65),
                (Market, 0.45),
                (Health, 0.4),
            ],
            Kind::Hotel => &[
                (Police, 0.7),
                (Fire, 0.75),
                (Health, 0.55),
                (Market, 0.45),
                (Culture, 0.3),
                (Tax, 0.3),
            ],
            Kind::Factory => &[
                (Emergency, 0.75),
                (Environment, 0.65),
                (Fire, 0.6),
                (Market, 0.3),
                (Tax, 0.3),
                (Agriculture, 0.3),
            ],
            Kind::Retail => &[
                (Market, 0.85),
                (Fire, 0.55),
                (Urban, 0.45),
                (Tax, 0.25),
                (Health, 0.15),
            ],
        }
    }

    /// The opening patterns of this type.
    pub fn openings(self) -> &'static [Opening] {
        match self {
            Kind::Homestay => {
                const O: &[Opening] = &[
                    (3.0, MON_SUN, hm(8, 0), hm(20, 0)),
                    (1.0, MON_SUN, hm(9, 0), hm(18, 0)),
                ];
                O
            }
            Kind::Restaurant => {
                const O: &[Opening] = &[
                    (4.0, MON_SUN, hm(10, 0), hm(21, 0)),
                    (2.0, TUE_SUN, hm(10, 0), hm(21, 0)),
                    (2.0, MON_SUN, hm(9, 30), hm(20, 30)),
                    (1.0, MON_SUN, hm(10, 30), hm(14, 0)),
                ];
                O
            }
            Kind::Construction => {
                const O: &[Opening] = &[
                    (3.0, MON_SAT, hm(7, 0), hm(18, 0)),
                    (1.0, MON_SAT, hm(8, 0), hm(17, 0)),
                ];
                O
            }
            Kind::GasStation => {
                const O: &[Opening] = &[
                    (2.0, MON_SUN, hm(6, 0), hm(22, 0)),
                    (1.0, MON_SUN, hm(0, 0), hm(23, 59)),
                ];
                O
            }
            Kind::Tutoring => {
                const O: &[Opening] = &[
                    (2.0, TUE_SUN, hm(13, 0), hm(21, 0)),
                    (2.0, MON_SUN, hm(9, 0), hm(20, 0)),
                    (1.0, MON_FRI, hm(14, 0), hm(20, 30)),
                ];
                O
            }
            Kind::Hotel => {
                const O: &[Opening] = &[(1.0, MON_SUN, hm(0, 0), hm(23, 59))];
                O
            }
            Kind::Factory => {
                const O: &[Opening] = &[
                    (3.0, MON_FRI, hm(8, 0), hm(17, 0)),
                    (2.0, MON_SAT, hm(8, 0), hm(17, 0)),
                    (1.0, MON_SAT, hm(8, 30), hm(17, 30)),
                ];
                O
            }
            Kind::Retail => {
                const O: &[Opening] = &[
                    (3.0, MON_SAT, hm(9, 0), hm(18, 0)),
                    (2.0, MON_SAT, hm(8, 0), hm(17, 0)),
                    (2.0, MON_SUN, hm(8, 0), hm(21, 0)),
                ];
                O
            }
        }
    }
}

/// What a town is like, which decides how many businesses it has and of what types.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum TownKind {
    /// A city street (街道) in the district's centre.
    Urban,
    /// Edge of town: industry, building sites.
    Suburban,
    /// A rural town (镇): factories, homestays.
    Rural,
    /// A town on an island reached by bridge or ferry.
    Island,
}

impl TownKind {
    /// Relative number of businesses.
    pub fn business_weight(self) -> f64 {
        match self {
            TownKind::Urban => 1.4,
            TownKind::Suburban => 1.0,
            TownKind::Rural => 0.75,
            TownKind::Island => 1.6,
        }
    }

    /// Relative frequency of each type of [`Kind::ALL`].
    pub fn kind_weights(self) -> [f64; 8] {
        match self {
            TownKind::Urban => [4.0, 28.0, 9.0, 4.0, 13.0, 9.0, 3.0, 22.0],
            TownKind::Suburban => [9.0, 18.0, 13.0, 7.0, 6.0, 5.0, 18.0, 15.0],
            TownKind::Rural => [20.0, 15.0, 9.0, 6.0, 3.0, 3.0, 20.0, 12.0],
            TownKind::Island => [24.0, 16.0, 7.0, 5.0, 3.0, 4.0, 18.0, 12.0],
        }
    }
}

/// The file's lowercase weekday name.
pub(crate) fn weekday_name(d: Weekday) -> &'static str {
    match d {
        Weekday::Mon => "mon",
        Weekday::Tue => "tue",
        Weekday::Wed => "wed",
        Weekday::Thu => "thu",
        Weekday::Fri => "fri",
        Weekday::Sat => "sat",
        Weekday::Sun => "sun",
    }
}
