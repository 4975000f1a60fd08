//! The language people read onedoor's files and messages in: Chinese by default, or
//! English.

/// The language of what people read: the exported files (notices, report, workbook and
/// CSV headers) and the import's messages.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Lang {
    /// Chinese (the default).
    #[default]
    Zh,
    /// English.
    En,
}

impl Lang {
    /// The Chinese or the English one.
    pub fn pick<T>(self, zh: T, en: T) -> T {
        match self {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }

    /// A date for people: `2022-09-16（星期五）` or `2022-09-16 fri`.
    pub(crate) fn date(self, d: chrono::NaiveDate) -> String {
        use chrono::Datelike;
        match self {
            Lang::Zh => {
                let day = ["一", "二", "三", "四", "五", "六", "日"];
                format!(
                    "{}（星期{}）",
                    d.format("%Y-%m-%d"),
                    day[d.weekday().num_days_from_monday() as usize]
                )
            }
            Lang::En => crate::report::date_label(d),
        }
    }
}
