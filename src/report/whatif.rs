//! The what-if comparison (`onedoor whatif`) as a table and as JSON, and the bottlenecks
//! (`--bottlenecks`) as a table.

use super::date_label;
use super::table::Table;
use crate::whatif::{Bottleneck, Comparison, Row, MAX_CANDIDATES};
use serde::{Serialize, Serializer};

/// A figure for people: whole numbers plain, others with one decimal.
fn fmt_num(v: f64, decimal: bool) -> String {
    if decimal {
        format!("{v:.1}")
    } else {
        format!("{v:.0}")
    }
}

/// A comparison row's name: the figure's label, `reduction %`, or `officer-hours` and
/// the department's id.
fn row_name(row: &Row) -> String {
    match row {
        Row::Figure(figure) => figure.label().to_owned(),
        Row::ReductionPercent => "reduction %".to_owned(),
        Row::OfficerHours(dept) => format!("officer-hours {dept}"),
    }
}

/// The comparison for people: one row per figure, one column per case; variants show
/// their change against the base.
pub fn comparison_text(c: &Comparison) -> String {
    let mut t = Table::new(std::iter::once("figure".to_string()).chain(c.columns.iter().cloned()))
        .right(1..=c.columns.len());
    for (row, values) in &c.rows {
        let base = values.first().copied().flatten();
        let decimal = matches!(row, Row::ReductionPercent | Row::OfficerHours(_));
        let fmt_num = |v: f64| fmt_num(v, decimal);
        let mut cells = vec![row_name(row)];
        for (i, v) in values.iter().enumerate() {
            cells.push(match (v, base) {
                (None, _) => "-".to_owned(),
                (Some(v), Some(b)) if i > 0 && (v - b).abs() > 1e-9 => {
                    format!(
                        "{} ({}{})",
                        fmt_num(*v),
                        if v > &b { "+" } else { "" },
                        fmt_num(v - b)
                    )
                }
                (Some(v), _) => fmt_num(*v),
            });
        }
        t.row(cells);
    }
    t.render()
}

/// A number in the JSON: an integer when it is whole, else a float.
#[derive(Clone, Copy, Debug)]
pub struct Number(f64);

impl Serialize for Number {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let v = self.0;
        if v.fract() == 0.0 && v.abs() < 9e15 {
            s.serialize_i64(v as i64)
        } else {
            s.serialize_f64(v)
        }
    }
}

/// The comparison for tools (`whatif --json`).
#[derive(Debug, Serialize)]
pub struct ComparisonJson<'c> {
    /// Column labels, base first.
    pub columns: &'c [String],
    /// One entry per figure.
    pub rows: Vec<RowJson>,
}

/// One row of [`ComparisonJson`]: the values per column and their change against the
/// base (rounded to one decimal), `null` where not applicable.
#[derive(Debug, Serialize)]
pub struct RowJson {
    /// The figure's label.
    pub figure: String,
    /// One value per column.
    pub values: Vec<Option<Number>>,
    /// Value − the base's value, per column.
    pub deltas: Vec<Option<Number>>,
}

/// The comparison for tools: columns, and per row the values and the deltas to the base.
pub fn comparison_json(c: &Comparison) -> ComparisonJson<'_> {
    let rows = c
        .rows
        .iter()
        .map(|(row, values)| {
            let base = values.first().copied().flatten();
            RowJson {
                figure: row_name(row),
                values: values.iter().map(|v| v.map(Number)).collect(),
                deltas: values
                    .iter()
                    .map(|v| match (v, base) {
                        (Some(v), Some(b)) => Some(Number(((v - b) * 10.0).round() / 10.0)),
                        _ => None,
                    })
                    .collect(),
            }
        })
        .collect();
    ComparisonJson {
        columns: &c.columns,
        rows,
    }
}

/// The top bottlenecks as a table for people, with how they were computed.
pub fn bottlenecks_text(list: &[Bottleneck], top: usize) -> String {
    let mut t = Table::new([
        "rank",
        "department",
        "date",
        "priority saved",
        "visits saved",
        "tasks gained",
    ])
    .right([0, 3, 4, 5]);
    for (i, b) in list.iter().take(top).enumerate() {
        t.row([
            (i + 1).to_string(),
            b.name.clone(),
            date_label(b.date),
            if b.gains() {
                b.priority_saved.to_string()
            } else {
                "no gain".to_owned()
            },
            b.visits_saved.to_string(),
            b.tasks_gained.to_string(),
        ]);
    }
    let mut out = t.render();
    out.push_str(&format!(
        "How: for each department and date (up to {MAX_CANDIDATES} pairs; those with tasks left out\n\
         for capacity first), one certified officer of the department, based at its main\n\
         office and available that day only, was added and the week re-planned from the\n\
         base plan (in parallel). Savings are against the base plan; {} pairs were evaluated.\n",
        list.len()
    ));

    out
}
