//! Terminal tables that line up Chinese text.
//!
//! A terminal shows a Chinese character (消防救援大队) two columns wide and a Latin letter
//! one column wide, so padding by `str::len` (bytes) or by `chars().count()` misaligns
//! every column after a Chinese name. [`Table`] pads by *display width* (the
//! `unicode-width` crate: East Asian wide and full-width characters count 2, combining
//! marks 0).
//!
//! Every rendered line of a table has the same display width: cells are padded to their
//! column's width, the last column included, and columns are joined by two spaces. The
//! header is followed by a rule of `-`; [`Table::separator`] adds more rules between
//! body rows (before a total, between groups). Rules use ASCII `-` because box-drawing
//! characters are "ambiguous width" and show two columns wide in many Chinese terminals.
//!
//! ```
//! use onedoor::report::table::{Align, Table};
//!
//! let mut t = Table::new(["部门", "tasks"]).align(1, Align::Right);
//! t.row(["消防救援大队", "12"]);
//! t.row(["market", "3"]);
//! assert_eq!(
//!     t.render(),
//!     "部门          tasks\n\
//!      ------------  -----\n\
//!      消防救援大队     12\n\
//!      market            3\n"
//! );
//! ```

use unicode_width::UnicodeWidthStr;

/// How a column's cells sit in their width.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Align {
    /// Text starts at the left edge (names, ids, dates).
    #[default]
    Left,
    /// Text ends at the right edge (numbers, so digits of one place line up).
    Right,
}

/// One line of the table body.
#[derive(Clone, Debug)]
enum Line {
    Cells(Vec<String>),
    Rule,
}

/// A table of text cells, rendered with columns aligned by display width.
#[derive(Clone, Debug)]
pub struct Table {
    headers: Vec<String>,
    align: Vec<Align>,
    lines: Vec<Line>,
    indent: usize,
}

impl Table {
    /// A table with these column headers; every column left-aligned.
    pub fn new<I, S>(headers: I) -> Table
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        let headers: Vec<String> = headers.into_iter().map(|h| clean(h.into())).collect();
        Table {
            align: vec![Align::Left; headers.len()],
            headers,
            lines: Vec::new(),
            indent: 0,
        }
    }

    /// Sets the alignment of column `col` (counted from 0; a column beyond the headers
    /// is added with an empty header).
    pub fn align(mut self, col: usize, align: Align) -> Table {
        if col >= self.align.len() {
            self.align.resize(col + 1, Align::Left);
        }
        self.align[col] = align;
        self
    }

    /// Right-aligns the columns `cols` (the numeric ones).
    pub fn right(mut self, cols: impl IntoIterator<Item = usize>) -> Table {
        for c in cols {
            self = self.align(c, Align::Right);
        }
        self
    }

    /// Starts every rendered line with `spaces` spaces (to nest a table under a heading).
    pub fn indent(mut self, spaces: usize) -> Table {
        self.indent = spaces;
        self
    }

    /// Adds a body row. Missing trailing cells are empty; a row longer than the headers
    /// adds columns. Line breaks and other control characters in a cell become spaces.
    pub fn row<I, S>(&mut self, cells: I) -> &mut Table
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        let cells = cells.into_iter().map(|c| clean(c.into())).collect();
        self.lines.push(Line::Cells(cells));
        self
    }

    /// Adds a rule of `-` across all columns (between groups of rows, before a total).
    pub fn separator(&mut self) -> &mut Table {
        self.lines.push(Line::Rule);
        self
    }

    /// Number of body rows (rules not counted).
    pub fn len(&self) -> usize {
        self.lines
            .iter()
            .filter(|l| matches!(l, Line::Cells(_)))
            .count()
    }

    /// Whether the table has no body rows.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The table as text: header, rule, body; every line ends with `\n` and all lines
    /// have the same display width.
    pub fn render(&self) -> String {
        let ncols = self
            .lines
            .iter()
            .map(|l| match l {
                Line::Cells(c) => c.len(),
                Line::Rule => 0,
            })
            .chain([self.headers.len(), self.align.len()])
            .max()
            .unwrap_or(0);
        let mut widths = vec![0usize; ncols];
        let rows =
            std::iter::once(&self.headers).chain(self.lines.iter().filter_map(|l| match l {
                Line::Cells(c) => Some(c),
                Line::Rule => None,
            }));
        for cells in rows {
            for (w, c) in widths.iter_mut().zip(cells) {
                *w = (*w).max(width(c));
            }
        }
        let mut out = String::new();
        self.push_cells(&mut out, &self.headers, &widths);
        self.push_rule(&mut out, &widths);
        for line in &self.lines {
            match line {
                Line::Cells(c) => self.push_cells(&mut out, c, &widths),
                Line::Rule => self.push_rule(&mut out, &widths),
            }
        }
        out
    }

    fn push_cells(&self, out: &mut String, cells: &[String], widths: &[usize]) {
        out.push_str(&" ".repeat(self.indent));
        for (i, &w) in widths.iter().enumerate() {
            if i > 0 {
                out.push_str("  ");
            }
            let cell = cells.get(i).map_or("", String::as_str);
            let align = self.align.get(i).copied().unwrap_or_default();
            out.push_str(&pad(cell, w, align));
        }
        out.push('\n');
    }

    fn push_rule(&self, out: &mut String, widths: &[usize]) {
        out.push_str(&" ".repeat(self.indent));
        let parts: Vec<String> = widths.iter().map(|&w| "-".repeat(w)).collect();
        out.push_str(&parts.join("  "));
        out.push('\n');
    }
}

/// Replaces control characters (line breaks, tabs) by spaces so a cell stays one line.
fn clean(s: String) -> String {
    if s.chars().any(char::is_control) {
        s.chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect()
    } else {
        s
    }
}

/// Display width of `s` in terminal columns (Chinese characters count 2).
pub fn width(s: &str) -> usize {
    UnicodeWidthStr::width(s)
}

/// `s` padded with spaces to display width `w` (unchanged when already as wide).
pub fn pad(s: &str, w: usize, align: Align) -> String {
    let fill = " ".repeat(w.saturating_sub(width(s)));
    match align {
        Align::Left => format!("{s}{fill}"),
        Align::Right => format!("{fill}{s}"),
    }
}

/// `part / whole` as a percentage with one decimal, `"64.6 %"`; `"-"` when `whole` is 0.
pub fn percent(part: f64, whole: f64) -> String {
    if whole == 0.0 || !part.is_finite() || !whole.is_finite() {
        "-".to_string()
    } else {
        format!("{:.1} %", 100.0 * part / whole)
    }
}

/// A change with its sign and thousands separators: `+2`, `-1`, `0`, `+1,175`.
pub fn signed(n: i64) -> String {
    if n > 0 {
        format!("+{}", thousands(n))
    } else {
        thousands(n)
    }
}

/// An integer with thousands separators: `257`, `3,120`, `-1,500`.
pub fn thousands(n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    if n < 0 {
        out.push('-');
    }
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn widths(text: &str) -> Vec<usize> {
        text.lines().map(width).collect()
    }

    #[test]
    fn chinese_columns_line_up() {
        let mut t = Table::new(["部门", "日期", "任务", "minutes"]).right([2, 3]);
        t.row(["消防救援大队", "09-12 mon", "12", "480"]);
        t.row(["市场监督管理局", "09-12 mon", "3", "90"]);
        t.row(["fire", "09-13 tue", "1234", "5"]);
        t.separator();
        t.row(["合计", "", "1249", "575"]);
        let text = t.render();
        let w = widths(&text);
        assert_eq!(w.len(), 7);
        assert!(w.iter().all(|&x| x == w[0]), "{w:?}\n{text}");
        // The second column starts at the same display column on every row.
        for line in text.lines().skip(2).filter(|l| !l.starts_with('-')) {
            let name = line.split("  ").next().unwrap_or_default();
            assert!(width(name) <= width("市场监督管理局"), "{line}");
        }
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[2], "消防救援大队    09-12 mon    12      480");
        assert_eq!(lines[3], "市场监督管理局  09-12 mon     3       90");
        assert_eq!(lines[4], "fire            09-13 tue  1234        5");
        assert_eq!(lines[5], "--------------  ---------  ----  -------");
    }

    #[test]
    fn numbers_right_aligned_text_left() {
        let mut t = Table::new(["名称", "n"]).align(1, Align::Right);
        t.row(["海韵民宿", "7"]);
        t.row(["B5", "1,234"]);
        let text = t.render();
        assert_eq!(
            text,
            "名称          n\n--------  -----\n海韵民宿      7\nB5        1,234\n"
        );
    }

    #[test]
    fn ragged_rows_and_control_characters() {
        let mut t = Table::new(["a"]).indent(2);
        t.row(["x", "老渔夫\n饭店"]);
        t.row(Vec::<String>::new());
        let text = t.render();
        let w = widths(&text);
        assert!(w.iter().all(|&x| x == w[0]), "{w:?}\n{text}");
        assert!(text.contains("老渔夫 饭店"));
        assert!(text.lines().all(|l| l.starts_with("  ")));
        assert_eq!(t.len(), 2);
        assert!(!t.is_empty());
    }

    #[test]
    fn empty_table_has_header_and_rule() {
        let t = Table::new(["部门", "n"]);
        assert_eq!(t.render(), "部门  n\n----  -\n");
        assert!(t.is_empty());
    }

    #[test]
    fn helpers() {
        assert_eq!(percent(166.0, 257.0), "64.6 %");
        assert_eq!(percent(1.0, 0.0), "-");
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1000), "1,000");
        assert_eq!(thousands(3120), "3,120");
        assert_eq!(thousands(-1_234_567), "-1,234,567");
        assert_eq!(width("消防 ab"), 7);
        assert_eq!(pad("消防", 6, Align::Right), "  消防");
        assert_eq!(pad("消防", 1, Align::Left), "消防");
    }
}
