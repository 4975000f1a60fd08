//! Clock times, weekdays and the calendar rules shared by loader, checker and solver.

use chrono::{Datelike, NaiveDate, Weekday};
use std::fmt;

/// Minutes since midnight (00:00 = 0, 23:59 = 1439).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Clock(pub u32);

impl Clock {
    /// Parses `HH:MM` (24 h). One-digit hours (`8:30`) are accepted; 00:00–23:59.
    pub fn parse(s: &str) -> Option<Clock> {
        let (h, m) = s.split_once(':')?;
        if h.is_empty() || h.len() > 2 || m.len() != 2 {
            return None;
        }
        if !h.bytes().chain(m.bytes()).all(|b| b.is_ascii_digit()) {
            return None;
        }
        let h: u32 = h.parse().ok()?;
        let m: u32 = m.parse().ok()?;
        (h < 24 && m < 60).then_some(Clock(h * 60 + m))
    }

    /// Minutes since midnight.
    pub fn minutes(self) -> u32 {
        self.0
    }
}

impl fmt::Display for Clock {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}:{:02}", self.0 / 60, self.0 % 60)
    }
}

/// A half-open span of the day, `start` to `end`, with `start < end`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Hours {
    /// First minute.
    pub start: Clock,
    /// End minute (exclusive bound for work: a visit may end exactly at `end`).
    pub end: Clock,
}

impl Hours {
    /// Whether `[from, to]` lies inside these hours.
    pub fn contains(&self, from: Clock, to: Clock) -> bool {
        self.start <= from && to <= self.end
    }
}

/// A set of weekdays, as a bit mask (bit 0 = Monday).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct WeekdaySet(pub u8);

impl WeekdaySet {
    /// Monday to Friday.
    pub const WORKWEEK: WeekdaySet = WeekdaySet(0b0001_1111);
    /// Every day.
    pub const ALL: WeekdaySet = WeekdaySet(0b0111_1111);

    /// Whether `day` is in the set.
    pub fn contains(self, day: Weekday) -> bool {
        self.0 & (1 << day.num_days_from_monday()) != 0
    }

    /// Adds `day`.
    pub fn insert(&mut self, day: Weekday) {
        self.0 |= 1 << day.num_days_from_monday();
    }

    /// The days in the set, Monday first.
    pub fn days(self) -> impl Iterator<Item = Weekday> {
        (0..7u8)
            .filter(move |i| self.0 & (1 << i) != 0)
            .map(|i| weekday_from_index(i as u32))
    }
}

fn weekday_from_index(i: u32) -> Weekday {
    match i {
        0 => Weekday::Mon,
        1 => Weekday::Tue,
        2 => Weekday::Wed,
        3 => Weekday::Thu,
        4 => Weekday::Fri,
        5 => Weekday::Sat,
        _ => Weekday::Sun,
    }
}

/// Parses a lowercase weekday name `mon` … `sun`.
pub fn parse_weekday(s: &str) -> Option<Weekday> {
    Some(match s {
        "mon" => Weekday::Mon,
        "tue" => Weekday::Tue,
        "wed" => Weekday::Wed,
        "thu" => Weekday::Thu,
        "fri" => Weekday::Fri,
        "sat" => Weekday::Sat,
        "sun" => Weekday::Sun,
        _ => return None,
    })
}

/// The lowercase short name of a weekday (`mon` … `sun`).
pub fn weekday_name(day: Weekday) -> &'static str {
    ["mon", "tue", "wed", "thu", "fri", "sat", "sun"][day.num_days_from_monday() as usize]
}

/// Parses a `YYYY-MM-DD` date: exactly four digits, a dash, two digits, a dash, two
/// digits (chrono's `%Y` alone would also take `+022`, ` 022` or `-001` as a year).
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    let b = s.as_bytes();
    let shape = b.len() == 10
        && b.iter().enumerate().all(|(i, c)| match i {
            4 | 7 => *c == b'-',
            _ => c.is_ascii_digit(),
        });
    if !shape {
        return None;
    }
    NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
}

/// Formats a date as `YYYY-MM-DD`.
pub fn fmt_date(d: NaiveDate) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clock_parses_and_prints() {
        assert_eq!(Clock::parse("08:30"), Some(Clock(510)));
        assert_eq!(Clock::parse("8:30"), Some(Clock(510)));
        assert_eq!(
            Clock::parse("23:59").map(|c| c.to_string()),
            Some("23:59".into())
        );
        for bad in ["24:00", "12:60", "1230", "12:3", "-1:00", "ab:cd", ""] {
            assert_eq!(Clock::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn dates_are_strict() {
        assert!(parse_date("2022-09-12").is_some());
        assert!(parse_date("2022-9-12").is_none());
        assert!(parse_date("2022-02-30").is_none());
        // Issue 12, D7: signed or space-padded years are not YYYY.
        for bad in [
            "+022-09-13",
            " 022-09-14",
            "-001-01-01",
            "2022-09-1\u{0}",
            "２022-09-13",
        ] {
            assert!(parse_date(bad).is_none(), "{bad}");
        }
    }
}
