//! Reading what people type into cells: full-width characters, dates and times as
//! spreadsheets show them (`22年9月12日`, `上午9:00`, `9点半`, `PT09H00M00S`), yes/no in
//! its many forms, weekdays and weekday ranges, and showing a value with its invisible
//! characters spelled out.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime, Timelike};

/// Full-width ASCII (`１２`, `Ｂ`, `：`, the ideographic space) as ASCII; other text as is.
pub fn fold(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\u{3000}' => ' ',
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            c => c,
        })
        .collect()
}

/// Whether a character is invisible or easily mistaken (zero-width, control,
/// bidirectional, non-breaking or full-width space).
fn invisible(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{00A0}'
                | '\u{00AD}'
                | '\u{200B}'..='\u{200F}'
                | '\u{202A}'..='\u{202E}'
                | '\u{2060}'..='\u{2064}'
                | '\u{2066}'..='\u{2069}'
                | '\u{3000}'
                | '\u{FEFF}'
        )
}

/// A value as typed, in quotes, its invisible characters shown as `<U+200B>`.
pub fn show(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        if invisible(c) {
            out.push_str(&format!("<U+{:04X}>", c as u32));
        } else {
            out.push(c);
        }
    }
    out.push('"');
    out
}

/// 是/否 and its other forms: yes/no, true/false, y/n, 1/0, 有/无, √/×, 对/错.
pub fn yes_no(text: &str) -> Option<bool> {
    match fold(text).trim().to_lowercase().as_str() {
        "是" | "yes" | "y" | "true" | "1" | "√" | "对" | "有" | "可" | "可以" | "✓" => {
            Some(true)
        }
        "否" | "no" | "n" | "false" | "0" | "×" | "不" | "无" | "错" | "不可" | "不可以" | "✗" => {
            Some(false)
        }
        _ => None,
    }
}

/// What a date cell typed as text says.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum DateText {
    /// A date.
    Date(NaiveDate),
    /// A date with a time of day (minutes after midnight).
    DateTime(NaiveDate, u32),
    /// A time of day alone.
    Time(u32),
    /// A bare whole number (a day of the month? an Excel serial number?).
    Bare(i64),
    /// Not a date.
    Other,
}

/// Reads a date typed as text: `2022-09-12`, `2022/9/12`, `2022.9.12`, `2022年9月12日`,
/// two-digit years (`22年9月12日`, `22-9-12`), an ISO date-time (`2022-09-13T10:00:00`,
/// how .ods files store dates) or a date followed by a time (`2022/9/13 10:00`).
pub fn date_text(text: &str) -> DateText {
    let t = fold(text);
    let t = t.trim();
    if t.is_empty() {
        return DateText::Other;
    }
    if let Ok(i) = t.parse::<i64>() {
        return DateText::Bare(i);
    }
    if let Some(m) = time_text(t) {
        return DateText::Time(m);
    }
    let (day, time) = match t.split_once(['T', ' ']) {
        Some((d, rest)) => (d.trim(), Some(rest.trim())),
        None => (t, None),
    };
    let Some(date) = day_text(day) else {
        return DateText::Other;
    };
    match time {
        None => DateText::Date(date),
        Some(rest) => match time_text(rest) {
            Some(0) => DateText::Date(date),
            Some(m) => DateText::DateTime(date, m),
            None => DateText::Other,
        },
    }
}

/// A date alone: `YYYY-MM-DD`, `YYYY/M/D`, `YYYY.M.D`, `YYYY年M月D日`, two-digit years.
fn day_text(text: &str) -> Option<NaiveDate> {
    let parts: Vec<&str> = text
        .trim_end_matches('日')
        .trim_end_matches('号')
        .split(['-', '/', '.', '年', '月'])
        .map(str::trim)
        .collect();
    let [y, m, d] = parts.as_slice() else {
        return None;
    };
    let digits = |s: &str, n: std::ops::RangeInclusive<usize>| {
        n.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())
    };
    if !(digits(y, 2..=2) || digits(y, 4..=4)) || !digits(m, 1..=2) || !digits(d, 1..=2) {
        return None;
    }
    let mut year: i32 = y.parse().ok()?;
    if y.len() == 2 {
        year += 2000;
    }
    NaiveDate::from_ymd_opt(year, m.parse().ok()?, d.parse().ok()?)
}

/// A time of day typed as text, in minutes after midnight: `9:00`, `09:00:00`, `上午9:00`,
/// `下午2:30`, `9点`, `9点半`, `14时30分`, `2:30 PM`, `PT09H00M00S` (.ods). Seconds are
/// dropped only when they are zero.
pub fn time_text(text: &str) -> Option<u32> {
    let t = fold(text);
    let t = t.trim();
    if let Some(iso) = t.strip_prefix("PT") {
        return iso_duration(iso);
    }
    let lower = t.to_lowercase();
    let (pm, rest) = if let Some(r) = t
        .strip_prefix("下午")
        .or_else(|| t.strip_prefix("晚上"))
        .or_else(|| t.strip_prefix("中午"))
    {
        (Some(true), r.trim())
    } else if let Some(r) = t.strip_prefix("上午").or_else(|| t.strip_prefix("早上")) {
        (Some(false), r.trim())
    } else if lower.ends_with("pm") {
        (Some(true), t[..t.len() - 2].trim())
    } else if lower.ends_with("am") {
        (Some(false), t[..t.len() - 2].trim())
    } else {
        (None, t)
    };
    let (h, m, s) = if let Some((h, rest)) = rest.split_once(['点', '时']) {
        let m = match rest.trim().trim_end_matches('分').trim() {
            "" | "整" => "0",
            "半" => "30",
            "一刻" => "15",
            other => other,
        };
        (h.trim(), m, "0")
    } else {
        let parts: Vec<&str> = rest.split(':').collect();
        match parts.as_slice() {
            [h, m] => (*h, *m, "0"),
            [h, m, s] => (*h, *m, *s),
            _ => return None,
        }
    };
    let num = |s: &str, max: usize| {
        (!s.is_empty() && s.len() <= max && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse::<u32>().ok())
            .flatten()
    };
    let (mut h, m) = (num(h, 2)?, num(m, 2)?);
    let s = num(s, 2)?;
    if m > 59 || s != 0 {
        return None;
    }
    match pm {
        Some(true) if (1..12).contains(&h) => h += 12,
        Some(false) if h == 12 => h = 0,
        Some(_) if h > 12 => return None,
        _ => {}
    }
    (h < 24).then_some(h * 60 + m)
}

/// `09H00M00S` (what follows `PT`) in minutes, when it is a time of day.
fn iso_duration(text: &str) -> Option<u32> {
    let mut minutes = 0.0;
    let mut number = String::new();
    for c in text.chars() {
        match c {
            '0'..='9' | '.' => number.push(c),
            'H' | 'M' | 'S' => {
                let x: f64 = number.parse().ok()?;
                number.clear();
                minutes += match c {
                    'H' => x * 60.0,
                    'M' => x,
                    _ => x / 60.0,
                };
            }
            _ => return None,
        }
    }
    let m = minutes.round();
    ((m - minutes).abs() < 1e-6 && (0.0..1440.0).contains(&m)).then_some(m as u32)
}

/// An ISO date or date-time as an .ods file stores it (`2022-09-12`,
/// `2022-09-13T10:00:00`).
pub fn iso_datetime(text: &str) -> Option<NaiveDateTime> {
    if let Ok(d) = NaiveDate::parse_from_str(text, "%Y-%m-%d") {
        return d.and_hms_opt(0, 0, 0);
    }
    for f in [
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y-%m-%dT%H:%M:%S",
        "%Y-%m-%dT%H:%M",
    ] {
        if let Ok(dt) = NaiveDateTime::parse_from_str(text, f) {
            return Some(dt);
        }
    }
    NaiveTime::parse_from_str(text, "%H:%M:%S")
        .ok()
        .and_then(|t| NaiveDate::from_ymd_opt(1899, 12, 30).map(|d| d.and_time(t)))
        .map(|dt| dt.with_nanosecond(0).unwrap_or(dt))
}

/// The weekday codes a weekday text names: `周一`, `星期一`, `礼拜一`, `一`, `Monday`, `mon`,
/// and ranges `周一至周五` (`到`, `-`, `~`, `–`), `工作日`, `每天`, `周末`. `None` when the
/// text is none of them.
pub fn weekdays(text: &str) -> Option<Vec<&'static str>> {
    const DAYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
    let t = fold(text);
    let t = t.trim();
    match t {
        "工作日" | "周一至周五" => return Some(DAYS[..5].to_vec()),
        "每天" | "每日" | "全周" | "全天" | "全年无休" | "周一至周日" | "天天" => {
            return Some(DAYS.to_vec())
        }
        "周末" | "双休日" => return Some(DAYS[5..].to_vec()),
        _ => {}
    }
    for sep in ["至", "到", "~", "～", "–", "—", "-"] {
        if let Some((a, b)) = t.split_once(sep) {
            let (a, b) = (weekday(a)?, weekday(b)?);
            let (i, j) = (
                DAYS.iter().position(|d| *d == a)?,
                DAYS.iter().position(|d| *d == b)?,
            );
            return Some(if i <= j {
                DAYS[i..=j].to_vec()
            } else {
                DAYS[i..].iter().chain(&DAYS[..=j]).copied().collect()
            });
        }
    }
    weekday(t).map(|d| vec![d])
}

/// One weekday's code.
fn weekday(text: &str) -> Option<&'static str> {
    let t = text.trim();
    let t = t
        .strip_prefix("星期")
        .or_else(|| t.strip_prefix("礼拜"))
        .or_else(|| t.strip_prefix("周"))
        .unwrap_or(t);
    Some(match t {
        "一" | "1" => "mon",
        "二" | "2" => "tue",
        "三" | "3" => "wed",
        "四" | "4" => "thu",
        "五" | "5" => "fri",
        "六" | "6" => "sat",
        "日" | "天" | "七" | "7" => "sun",
        other => {
            let l = other.to_lowercase();
            let days = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
            let full = [
                "monday",
                "tuesday",
                "wednesday",
                "thursday",
                "friday",
                "saturday",
                "sunday",
            ];
            let i = days
                .iter()
                .position(|d| *d == l)
                .or_else(|| full.iter().position(|d| *d == l))
                .or_else(|| {
                    (l.len() >= 3).then(|| days.iter().position(|d| l.starts_with(d)))?
                })?;
            days[i]
        }
    })
}

/// How alike two names are, 0–1: the longest common subsequence of their characters over
/// the longer length.
pub fn likeness(a: &str, b: &str) -> f64 {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let mut prev = vec![0usize; b.len() + 1];
    for x in &a {
        let mut cur = vec![0usize; b.len() + 1];
        for (j, y) in b.iter().enumerate() {
            cur[j + 1] = if x == y {
                prev[j] + 1
            } else {
                cur[j].max(prev[j + 1])
            };
        }
        prev = cur;
    }
    prev[b.len()] as f64 / a.len().max(b.len()) as f64
}

/// The one candidate most like `text` (likeness at least 0.6), for "did you mean".
pub fn closest<'a>(text: &str, candidates: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    let mut best: Option<(&str, f64)> = None;
    let mut tie = false;
    for c in candidates {
        let l = likeness(text, c);
        if l < 0.6 {
            continue;
        }
        match best {
            Some((_, b)) if (l - b).abs() < 1e-9 => tie = true,
            Some((_, b)) if l < b => {}
            _ => {
                best = Some((c, l));
                tie = false;
            }
        }
    }
    if tie {
        None
    } else {
        best.map(|(c, _)| c)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap_or_default()
    }

    #[test]
    fn dates_times_and_weekdays_as_people_type_them() {
        assert_eq!(date_text("22年9月12日"), DateText::Date(d(2022, 9, 12)));
        assert_eq!(
            date_text("２０２２／９／１２"),
            DateText::Date(d(2022, 9, 12))
        );
        assert_eq!(
            date_text("2022/9/13 10:00"),
            DateText::DateTime(d(2022, 9, 13), 600)
        );
        assert_eq!(
            date_text("2022-09-13T10:00:00"),
            DateText::DateTime(d(2022, 9, 13), 600)
        );
        assert_eq!(
            date_text("2022-09-13 00:00:00"),
            DateText::Date(d(2022, 9, 13))
        );
        assert_eq!(date_text("14"), DateText::Bare(14));
        assert_eq!(date_text("10:00"), DateText::Time(600));
        assert_eq!(date_text("下周一"), DateText::Other);
        for (t, m) in [
            ("09:00:00", 540),
            ("上午9:00", 540),
            ("下午2:30", 870),
            ("9点", 540),
            ("9点半", 570),
            ("14时30分", 870),
            ("2:30 PM", 870),
            ("PT09H00M00S", 540),
            ("PT14H30M", 870),
            ("０９：３０", 570),
            ("12:00 AM", 0),
        ] {
            assert_eq!(time_text(t), Some(m), "{t}");
        }
        assert_eq!(time_text("09:00:30"), None);
        assert_eq!(time_text("25:00"), None);
        assert_eq!(weekdays("周一至周五").map(|v| v.len()), Some(5));
        assert_eq!(weekdays("工作日").map(|v| v.len()), Some(5));
        assert_eq!(weekdays("周二到周日").map(|v| v.len()), Some(6));
        assert_eq!(weekdays("周六-周一"), Some(vec!["sat", "sun", "mon"]));
        assert_eq!(weekdays("Friday"), Some(vec!["fri"]));
        assert_eq!(weekdays("星期八"), None);
        assert_eq!(yes_no("有"), Some(true));
        assert_eq!(yes_no("无"), Some(false));
        assert_eq!(show("B001\u{200B}"), "\"B001<U+200B>\"");
        assert_eq!(
            closest("市场监管局", ["消防救援大队", "市场监督管理局"].into_iter()),
            Some("市场监督管理局")
        );
    }
}
