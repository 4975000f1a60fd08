//! The language of what people read: Chinese (the default, for coordinators and clerks)
//! or English. One enum for the whole workspace, so the checker's violations
//! (`onedoor-check`), the reasons a task was left out and the export files of the
//! `onedoor` binary are all asked for in the same words (`--lang zh|en`).

use chrono::{Datelike, NaiveDate};
use std::fmt;
use std::str::FromStr;

/// The language of a text for people.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    /// Chinese (the default).
    #[default]
    Zh,
    /// English.
    En,
}

impl Lang {
    /// Both languages, Chinese first.
    pub const ALL: [Lang; 2] = [Lang::Zh, Lang::En];

    /// The code on the command line and in JSON: `"zh"` or `"en"`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Zh => "zh",
            Lang::En => "en",
        }
    }

    /// The Chinese or the English one.
    pub fn pick<T>(self, zh: T, en: T) -> T {
        match self {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }

    /// A date for people: `2022-09-16（星期五）` or `2022-09-16 fri`.
    pub fn date(self, d: NaiveDate) -> String {
        use crate::scenario::time::{fmt_date, weekday_name};
        match self {
            Lang::Zh => {
                let day = ["一", "二", "三", "四", "五", "六", "日"];
                format!(
                    "{}（星期{}）",
                    fmt_date(d),
                    day[d.weekday().num_days_from_monday() as usize]
                )
            }
            Lang::En => format!("{} {}", fmt_date(d), weekday_name(d.weekday())),
        }
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl FromStr for Lang {
    type Err = String;

    /// `zh` or `en` (any case, surrounding spaces ignored).
    fn from_str(s: &str) -> Result<Lang, String> {
        match s.trim().to_ascii_lowercase().as_str() {
            "zh" => Ok(Lang::Zh),
            "en" => Ok(Lang::En),
            _ => Err(format!(
                "{:?} is not a language: write zh (Chinese) or en (English)",
                crate::error::escape_controls(s)
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_read_back() {
        for lang in Lang::ALL {
            assert_eq!(lang.code().parse::<Lang>(), Ok(lang));
        }
        assert!("fr".parse::<Lang>().is_err());
    }

    #[test]
    fn dates_in_both_languages() {
        let d = NaiveDate::from_ymd_opt(2022, 9, 16).expect("a date");
        assert_eq!(Lang::Zh.date(d), "2022-09-16（星期五）");
        assert_eq!(Lang::En.date(d), "2022-09-16 fri");
    }
}
