//! What the desk computes, in the same library calls the command line makes: the change
//! list of a re-plan (as `onedoor replan --changes`), the what-if table and staffing curve
//! (as `onedoor whatif --json --certify`), the checker's verdict in words, a plan's
//! figures, and the export as a zip (as `onedoor export`).

use crate::plan::{Plan, Stats};
use crate::travel::TravelGraph;
use serde_json::{json, Map, Value};
use std::io::Write;
use std::path::Path;

/// The change list of a re-plan, as `onedoor replan --changes FILE` writes it.
pub fn change_list(
    scn: &crate::Scenario,
    travel: &TravelGraph,
    announced: &Plan,
    replanned: &onedoor_solve::Replanned,
    from: chrono::NaiveDate,
) -> Value {
    let plan = &replanned.outcome.plan;
    let changes = onedoor_core::changes::changes(announced, plan, from);
    let before = crate::report::announced_stats(scn, travel, announced);
    serde_json::to_value(crate::report::changes_json(&before, replanned, &changes))
        .unwrap_or(Value::Null)
}

/// Solves the cases (the base first) as `onedoor whatif` does and returns the comparison
/// table and, with `certify`, the staffing curve of the base.
pub fn whatif(
    cases: &[onedoor_solve::whatif::Case],
    certify: Option<usize>,
    options: &onedoor_solve::Options,
) -> Result<Value, String> {
    let solved =
        onedoor_solve::whatif::solve_all(cases, options, false).map_err(|e| e.to_string())?;
    let comparison = onedoor_solve::whatif::compare(&solved);
    let mut out = json!({
        "comparison": crate::report::comparison_json(&comparison),
    });
    if let (Some(n), Some(base), Some(case)) = (certify, solved.first(), cases.first()) {
        let staffing = onedoor_solve::staffing::certify(&case.scenario, &base.plan, n, options)
            .map_err(|e| e.to_string())?;
        let steps: Vec<Value> = staffing
            .steps
            .iter()
            .map(|s| {
                json!({
                    "certified": s.certified,
                    "inspector": s.inspector,
                    "figures": stats_json(&s.stats),
                })
            })
            .collect();
        out["staffing"] = json!({
            "asked": staffing.asked,
            "chosen": staffing.chosen(),
            "steps": steps,
        });
    }
    Ok(out)
}

/// The checker's violations as stored: `[{"code": "C6", "message": "…"}]`.
pub fn violations_json(report: &onedoor_check::Report) -> Value {
    Value::Array(
        report
            .violations
            .iter()
            .map(|v| {
                json!({
                    "code": v.rule.code(),
                    "message": v.message,
                    "zh": v.text(onedoor_core::Lang::Zh),
                    "en": v.text(onedoor_core::Lang::En),
                })
            })
            .collect(),
    )
}

/// Why each task was left out, in both languages: `{task id: {"zh": …, "en": …}}`.
/// Stored with the plan; the page shows the reader's one.
pub fn reasons_json(scn: &crate::Scenario, plan: &crate::plan::Plan) -> Value {
    Value::Object(
        plan.unscheduled
            .iter()
            .map(|u| {
                let words = |lang| crate::report::unscheduled_text(scn, plan, u, lang);
                let both = json!({
                    "zh": words(onedoor_core::Lang::Zh),
                    "en": words(onedoor_core::Lang::En),
                });
                (u.task.clone(), both)
            })
            .collect(),
    )
}

/// The stored reasons (see [`reasons_json`]) in the reader's language: task id -> words.
pub fn reasons_shown(stored: &Value, english: bool) -> serde_json::Map<String, Value> {
    let key = if english { "en" } else { "zh" };
    stored
        .as_object()
        .map(|o| {
            o.iter()
                .map(|(task, both)| (task.clone(), both[key].clone()))
                .collect()
        })
        .unwrap_or_default()
}

/// The rule's name for people, in Chinese or English (docs/format.md, "Validity rules").
pub fn rule_title(code: &str, english: bool) -> &'static str {
    let (zh, en) = match code {
        "C1" => ("覆盖：每项任务恰好一次", "coverage"),
        "C2" => ("同一企业", "one business"),
        "C3" => ("日期", "date"),
        "C4" => ("时间", "hours"),
        "C5" => ("时长", "duration"),
        "C6" => ("检查人员配置", "crew"),
        "C7" => ("人员可用", "availability"),
        "C8" => ("人员一天的行程", "inspector day"),
        "C9" => ("企业检查次数上限", "business limit"),
        "C10" => ("单独检查", "alone"),
        "C11" => ("部门可联合", "compatible departments"),
        "C12" => ("未安排的理由", "honest reasons"),
        "C13" => ("统计数字", "figures"),
        _ => ("", ""),
    };
    if english {
        en
    } else {
        zh
    }
}

/// Stored violations with each rule's name in the reader's language.
pub fn violations_shown(stored: &Value, english: bool) -> Value {
    let list = stored.as_array().cloned().unwrap_or_default();
    Value::Array(
        list.into_iter()
            .map(|mut v| {
                let code = v["code"].as_str().unwrap_or("").to_owned();
                v["rule"] = json!(rule_title(&code, english));
                // The message in the reader's language (violations stored before both
                // were kept have the English one only).
                let words = v.as_object_mut().and_then(|o| {
                    let zh = o.remove("zh");
                    let en = o.remove("en");
                    if english {
                        en
                    } else {
                        zh
                    }
                });
                if let Some(words) = words {
                    v["message"] = words;
                }
                v
            })
            .collect(),
    )
}

/// A plan's figures as a JSON object (the plan file's `stats`).
pub fn figures_json(plan: &Plan) -> Value {
    let mut map = Map::new();
    for (k, v) in &plan.stats {
        map.insert(k.clone(), serde_json::to_value(v).unwrap_or(Value::Null));
    }
    Value::Object(map)
}

/// Figures as a JSON object.
pub fn stats_json(stats: &Stats) -> Value {
    let mut map = Map::new();
    for (k, v) in stats.to_fields() {
        map.insert(k, serde_json::to_value(&v).unwrap_or(Value::Null));
    }
    Value::Object(map)
}

/// Why an export could not be made.
pub enum ExportFailed {
    /// The plan breaks rules: the checker's report.
    Invalid(Box<onedoor_check::Report>),
    /// A file could not be written or read (the server's fault).
    Io(String),
}

/// Exports a plan as `onedoor export` does into a fresh folder under `tmp` (named by the
/// server, never by the request) and returns what `pick` takes from it; the folder is
/// removed afterwards.
pub fn with_export<T>(
    tmp: &Path,
    scn: &crate::Scenario,
    plan: &Plan,
    previous: Option<&Plan>,
    english: bool,
    pick: impl FnOnce(&Path, &[std::path::PathBuf]) -> std::io::Result<T>,
) -> Result<T, ExportFailed> {
    use crate::report::export::{export, ExportError, Lang, Options};
    let dir = tmp.join(format!("export-{}", super::auth::token()));
    let options = Options {
        lang: if english { Lang::En } else { Lang::Zh },
        previous,
        issued: None,
    };
    let result = match export(scn, plan, &dir, options) {
        Ok(written) => pick(&dir, &written.files).map_err(|e| ExportFailed::Io(e.to_string())),
        Err(ExportError::Invalid(report)) => Err(ExportFailed::Invalid(report)),
        Err(e) => Err(ExportFailed::Io(e.to_string())),
    };
    let _ = std::fs::remove_dir_all(&dir);
    result
}

/// The export's files as a zip, paths relative to the export folder.
pub fn zip_folder(dir: &Path, files: &[std::path::PathBuf]) -> std::io::Result<Vec<u8>> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for file in files {
        let Ok(rel) = file.strip_prefix(dir) else {
            continue;
        };
        let name: Vec<String> = rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        zip.start_file(name.join("/"), options)
            .map_err(std::io::Error::other)?;
        zip.write_all(&std::fs::read(file)?)?;
    }
    let cursor = zip.finish().map_err(std::io::Error::other)?;
    Ok(cursor.into_inner())
}
