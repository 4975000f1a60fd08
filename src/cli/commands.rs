//! One function per subcommand: load, call the library, print, write.

use super::output::{write_atomic, write_atomic_with};
use super::PlanArgs;
use crate::plan::Plan;
use crate::travel::TravelGraph;
use anyhow::Context;
use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

/// Loads a scenario or variant file (no shortcuts).
fn load(path: &Path) -> Result<crate::Scenario, crate::InputError> {
    crate::import::load(path, &crate::variant::Shortcuts::default()).map(|l| l.scenario)
}

pub fn check(scenario: &Path, plan: &Path, lang: onedoor_core::Lang) -> anyhow::Result<ExitCode> {
    let scn = load(scenario)?;
    let plan = Plan::load(plan)?;
    let report = crate::check::check(&scn, &plan);
    let mut out = std::io::stdout().lock();
    out.write_all(crate::report::check_report_in(&report, lang).as_bytes())?;
    Ok(if report.is_valid() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

pub fn stats(scenario: &Path, json: bool) -> anyhow::Result<ExitCode> {
    let scn = load(scenario)?;
    let travel = TravelGraph::build(&scn);
    let text = if json {
        let mut text = serde_json::to_string_pretty(&crate::report::stats_json(&scn, &travel))?;
        text.push('\n');
        text
    } else {
        crate::report::stats_report(&scn, &travel)
    };
    std::io::stdout().lock().write_all(text.as_bytes())?;
    Ok(ExitCode::SUCCESS)
}

pub fn generate(
    preset: crate::generate::Preset,
    seed: u64,
    certified: Option<f64>,
    parts: usize,
    output: &Path,
) -> anyhow::Result<ExitCode> {
    let text = crate::generate::generate_parts(preset, seed, certified, parts);
    write_atomic(output, text.as_bytes())
        .with_context(|| format!("cannot write {}", output.display()))?;
    eprintln!("wrote {}", output.display());
    Ok(ExitCode::SUCCESS)
}

/// A line of progress on stderr, only when it is a terminal.
fn tell(what: &str) {
    use std::io::IsTerminal;
    if std::io::stderr().is_terminal() {
        eprintln!("onedoor: {what}");
    }
}

/// Prints the top bottlenecks: on stdout, or on stderr when stdout carries JSON.
fn print_bottlenecks(
    out: &mut impl Write,
    json: bool,
    title: &str,
    list: &[crate::whatif::Bottleneck],
) -> std::io::Result<()> {
    let text = format!("\n{title}\n{}", crate::report::bottlenecks_text(list, 10));
    say(out, json, &text)
}

pub fn plan(args: &PlanArgs) -> anyhow::Result<ExitCode> {
    let loaded = crate::import::load(&args.scenario, &args.shortcuts.to_shortcuts())?;
    print_notes(&loaded.notes);
    let scn = loaded.scenario;
    let mut options = args.solve.options(!args.json);
    if let Some(path) = &args.from {
        let start = crate::solve::Start::from_plan(&Plan::load(path)?);
        let matching = start.matching(&scn);
        eprintln!(
            "note: re-planning from {}: {matching} of the scenario's {} tasks have a date there",
            onedoor_core::error::escape_controls(&path.display().to_string()),
            scn.tasks.len()
        );
        if matching == 0 && !scn.tasks.is_empty() {
            eprintln!(
                "warning: no task id of the scenario is in {}; is it a plan of this week? \
                 Planning from the greedy dates alone.",
                onedoor_core::error::escape_controls(&path.display().to_string())
            );
        }
        options.start = Some(std::sync::Arc::new(start));
    }
    let travel = TravelGraph::build(&scn);
    // First Ctrl-C: stop searching and write the best plan so far; a second one quits.
    let cancel = options.cancel.clone();
    let _ = ctrlc::set_handler(move || {
        static PRESSED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);
        if PRESSED.swap(true, std::sync::atomic::Ordering::SeqCst) {
            std::process::exit(130);
        }
        eprintln!(
            "onedoor: interrupted: finishing with the best plan so far (Ctrl-C again to quit)"
        );
        cancel.cancel();
    });
    let progress = crate::report::Progress::new(options.progress);
    options.progress = progress.shown();
    let outcome = crate::solve::plan_with(&scn, &travel, &options, &|e| progress.observe(e));
    progress.finish();
    let outcome = outcome?;
    if args.verbose {
        for fallback in &outcome.fallbacks {
            eprintln!("onedoor: greedy dates for {fallback}");
        }
    }
    if let Some(path) = &args.output {
        write_atomic_with(path, |w| outcome.plan.write_json(w))
            .with_context(|| format!("cannot write {}", path.display()))?;
    }
    let written = match &args.export.export {
        Some(dir) => {
            let previous = match &args.from {
                Some(path) => Some(Plan::load(path)?),
                None => None,
            };
            Some(export_to(
                &scn,
                &outcome.plan,
                dir,
                &args.export,
                previous.as_ref(),
            )?)
        }
        None => None,
    };
    let mut out = std::io::stdout().lock();
    if args.json {
        outcome.plan.write_json(std::io::BufWriter::new(&mut out))?;
    } else {
        let full_list = full_list(args.output.as_deref(), args.export.export.as_deref());
        let summary = crate::report::summary_in(&scn, &outcome, &full_list, args.export.lang);
        out.write_all(summary.as_bytes())?;
        if let Some(path) = &args.output {
            writeln!(out, "plan written to {}", path.display())?;
        }
    }
    if let (Some(dir), Some(written)) = (&args.export.export, &written) {
        say(&mut out, args.json, &written.summary(dir))?;
    }
    if args.bottlenecks {
        tell("bottlenecks: re-planning the week with one more officer per department and date…");
        // The same token: Ctrl-C stops these re-plans too.
        let again = crate::solve::Options {
            cancel: options.cancel.clone(),
            ..args.solve.options(false)
        };
        let list = crate::whatif::bottlenecks(&scn, &outcome.plan, &again)?;
        print_bottlenecks(
            &mut out,
            args.json,
            "bottlenecks: one more certified officer",
            &list,
        )?;
    }
    Ok(ExitCode::SUCCESS)
}

/// Where the full list of tasks left out is, for the plan summary.
fn full_list(plan_file: Option<&Path>, export: Option<&Path>) -> String {
    let shown =
        |p: &Path| onedoor_core::error::escape_controls(&p.display().to_string()).into_owned();
    match (export, plan_file) {
        (Some(dir), _) => format!(
            "{} (last sheet) and {}",
            shown(&dir.join("internal/plan.xlsx")),
            shown(&dir.join("internal/report.html"))
        ),
        (None, Some(file)) => format!("\"unscheduled\" in {}", shown(file)),
        (None, None) => {
            "write the plan with -o FILE (\"unscheduled\"), or --export DIR for a workbook"
                .to_owned()
        }
    }
}

/// Prints `text` for people: on stdout, or on stderr when stdout carries JSON.
fn say(out: &mut impl Write, json: bool, text: &str) -> std::io::Result<()> {
    if json {
        eprint!("{text}");
        Ok(())
    } else {
        out.write_all(text.as_bytes())
    }
}

/// Exports a plan into `dir` (see `onedoor export`); a plan the checker refuses is an
/// error (exit 1) after its violations are printed on stderr, as `onedoor check` prints
/// them (in the export's language).
fn export_to(
    scn: &crate::Scenario,
    plan: &Plan,
    dir: &Path,
    opts: &super::ExportOpts,
    previous: Option<&Plan>,
) -> anyhow::Result<crate::report::export::Written> {
    use crate::report::export::{export, ExportError, Options};
    let options = Options {
        lang: opts.lang,
        previous,
        issued: opts.issued,
    };
    match export(scn, plan, dir, options) {
        Ok(w) => Ok(w),
        Err(ExportError::Invalid(report)) => {
            eprint!("{}", crate::report::check_report_in(&report, opts.lang));
            Err(ExportError::Invalid(report).into())
        }
        Err(e) => Err(e.into()),
    }
}

pub fn export(args: &super::ExportArgs) -> anyhow::Result<ExitCode> {
    let scn = load(&args.scenario)?;
    let plan = Plan::load(&args.plan)?;
    let previous = match &args.previous {
        Some(path) => Some(Plan::load(path)?),
        None => None,
    };
    let opts = super::ExportOpts {
        export: Some(args.to.clone()),
        lang: args.lang,
        issued: args.issued,
    };
    let written = export_to(&scn, &plan, &args.to, &opts, previous.as_ref())?;
    std::io::stdout()
        .lock()
        .write_all(written.summary(&args.to).as_bytes())?;
    Ok(ExitCode::SUCCESS)
}

pub fn whatif(args: &super::WhatifArgs) -> anyhow::Result<ExitCode> {
    let (cases, files) = load_cases(args)?;
    let options = args.solve.options(false);
    tell(&if args.fresh || cases.len() == 1 {
        format!("planning {} cases in parallel…", cases.len())
    } else {
        format!(
            "planning the base, then re-planning {} variants from it…",
            cases.len() - 1
        )
    });
    let solved = crate::whatif::solve_all(&cases, &options, args.fresh)?;
    let comparison = crate::whatif::compare(&solved);
    let written = write_case_plans(args.output.as_deref(), &solved, &files)?;
    let mut exported = Vec::new();
    if let Some(dir) = &args.export.export {
        for ((s, case), stem) in solved
            .iter()
            .zip(&cases)
            .zip(super::plan_files::plan_stems(&files))
        {
            let to = dir.join(&stem);
            let written = export_to(&case.scenario, &s.plan, &to, &args.export, None)?;
            exported.push((to, written));
        }
    }
    let mut out = std::io::stdout().lock();
    if args.json {
        print_comparison_json(&mut out, &comparison, &written)?;
    } else {
        print_comparison(&mut out, &cases, &comparison, &written)?;
    }
    for (dir, written) in &exported {
        let text = written.summary(dir);
        if args.json {
            eprint!("{text}");
        } else {
            writeln!(out)?;
            out.write_all(text.as_bytes())?;
        }
    }
    if args.bottlenecks {
        tell("bottlenecks: re-planning the base with one more officer per department and date…");
        let list = crate::whatif::bottlenecks(&cases[0].scenario, &solved[0].plan, &options)?;
        print_bottlenecks(
            &mut out,
            args.json,
            "bottlenecks of the base: one more certified officer",
            &list,
        )?;
    }
    if let Some(n) = args.certify {
        tell(&format!(
            "certify {n}: re-planning the base with each uncertified officer certified…"
        ));
        let staffing =
            crate::solve::staffing::certify(&cases[0].scenario, &solved[0].plan, n, &options)?;
        let text = format!(
            "\n{}",
            crate::report::staffing_text(&cases[0].scenario, &staffing)
        );
        say(&mut out, args.json, &text)?;
    }
    Ok(ExitCode::SUCCESS)
}

/// The cases of `onedoor whatif`: the base, each variant file, and the base with the
/// shortcut options when there are any; with each case's file (`None` for the
/// shortcuts). Every file is loaded first, so that all input problems are reported
/// before any solving.
fn load_cases(
    args: &super::WhatifArgs,
) -> anyhow::Result<(Vec<crate::whatif::Case>, Vec<Option<&Path>>)> {
    use crate::whatif::Case;
    let none = crate::variant::Shortcuts::default();
    let mut cases = Vec::new();
    let mut problems: Vec<crate::InputError> = Vec::new();
    let mut files: Vec<Option<&Path>> = Vec::new();
    for (i, path) in std::iter::once(&args.base)
        .chain(&args.variants)
        .enumerate()
    {
        match crate::import::load(path, &none) {
            Ok(l) => {
                print_notes(&l.notes);
                let label = if i == 0 {
                    "base".to_owned()
                } else {
                    l.scenario.name.clone()
                };
                cases.push(Case {
                    label,
                    scenario: l.scenario,
                });
                files.push(Some(path.as_path()));
            }
            Err(e) => problems.push(e),
        }
    }
    let shortcuts = args.shortcuts.to_shortcuts();
    if !shortcuts.is_empty() {
        match crate::import::load(&args.base, &shortcuts) {
            Ok(l) => {
                print_notes(&l.notes);
                cases.push(Case {
                    label: "shortcuts".to_owned(),
                    scenario: l.scenario,
                });
                files.push(None);
            }
            Err(e) => problems.push(e),
        }
    }
    if let Some(first) = problems.first() {
        for e in &problems[1..] {
            eprintln!("onedoor: error: {e}");
        }
        return Err(first.clone().into());
    }
    Ok((cases, files))
}

/// A loaded file's notes, on stderr.
fn print_notes(notes: &[String]) {
    for note in notes {
        eprintln!("note: {}", onedoor_core::error::escape_controls(note));
    }
}

/// Writes every case's plan into `dir` (when given), each in its own file named for its
/// case (issue 12, D6, see `plan_files`); returns the files, in case order.
fn write_case_plans(
    dir: Option<&Path>,
    solved: &[crate::whatif::Solved],
    files: &[Option<&Path>],
) -> anyhow::Result<Vec<std::path::PathBuf>> {
    let Some(dir) = dir else {
        return Ok(Vec::new());
    };
    let written: Vec<std::path::PathBuf> = super::plan_files::plan_stems(files)
        .iter()
        .map(|stem| dir.join(format!("{stem}.plan.json")))
        .collect();
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    for (s, path) in solved.iter().zip(&written) {
        write_atomic_with(path, |w| s.plan.write_json(w))
            .with_context(|| format!("cannot write {}", path.display()))?;
    }
    Ok(written)
}

/// The comparison as JSON (`whatif --json`), with the plan files written, if any.
fn print_comparison_json(
    out: &mut impl Write,
    comparison: &crate::whatif::Comparison,
    written: &[std::path::PathBuf],
) -> anyhow::Result<()> {
    let mut json = serde_json::to_value(crate::report::comparison_json(comparison))?;
    if let (Some(fields), false) = (json.as_object_mut(), written.is_empty()) {
        let names = written
            .iter()
            .map(|p| serde_json::Value::String(p.display().to_string()))
            .collect();
        fields.insert("files".to_owned(), serde_json::Value::Array(names));
    }
    let mut text = serde_json::to_string_pretty(&json)?;
    text.push('\n');
    out.write_all(text.as_bytes())?;
    Ok(())
}

/// The cases, each with the plan file written for it, then the comparison table.
fn print_comparison(
    out: &mut impl Write,
    cases: &[crate::whatif::Case],
    comparison: &crate::whatif::Comparison,
    written: &[std::path::PathBuf],
) -> std::io::Result<()> {
    for (i, c) in cases.iter().enumerate() {
        let file = written
            .get(i)
            .map(|p| {
                let shown = p.display().to_string();
                format!("  → {}", onedoor_core::error::escape_controls(&shown))
            })
            .unwrap_or_default();
        writeln!(
            out,
            "{}: {}{file}",
            if i == 0 {
                "base".to_owned()
            } else {
                format!("case {i}")
            },
            onedoor_core::error::escape_controls(&c.scenario.name)
        )?;
    }
    writeln!(out)?;
    out.write_all(crate::report::comparison_text(comparison).as_bytes())
}

pub fn diff(scenario: &Path, a: &Path, b: &Path, json: bool) -> anyhow::Result<ExitCode> {
    let scn = load(scenario)?;
    let plan_a = Plan::load(a)?;
    let plan_b = Plan::load(b)?;
    let d = crate::diff::diff(&scn, &plan_a, &plan_b);
    let mut out = std::io::stdout().lock();
    if json {
        let mut text = serde_json::to_string_pretty(&crate::report::diff_json(&d))?;
        text.push('\n');
        out.write_all(text.as_bytes())?;
    } else {
        out.write_all(crate::report::diff_text(&d, &scn).as_bytes())?;
    }
    Ok(ExitCode::SUCCESS)
}

pub fn replan(args: &super::ReplanArgs) -> anyhow::Result<ExitCode> {
    let loaded = crate::import::load(&args.scenario, &args.shortcuts.to_shortcuts())?;
    print_notes(&loaded.notes);
    let scn = loaded.scenario;
    let announced = Plan::load(&args.plan)?;
    let shown = onedoor_core::error::escape_controls(&args.plan.display().to_string()).into_owned();
    let known = crate::solve::Start::from_plan(&announced).matching(&scn);
    if known == 0 && !announced.visits.is_empty() {
        eprintln!("warning: no task of {shown} is in the scenario; is it a plan of this week?");
    }
    let (start, end) = (scn.horizon.start, scn.horizon.end);
    if args.from > end {
        eprintln!(
            "note: --from {} is after the horizon ({end}): every visit is history",
            args.from
        );
    } else if args.from < start {
        eprintln!(
            "note: --from {} is before the horizon ({start}): nothing is history",
            args.from
        );
    }
    let travel = TravelGraph::build(&scn);
    let options = args.solve.options(false);
    let replanned = crate::solve::replan(&scn, &travel, &announced, args.from, &options)?;
    let plan = &replanned.outcome.plan;
    let changes = onedoor_core::changes::changes(&announced, plan, args.from);
    let before = crate::report::announced_stats(&scn, &travel, &announced);
    let changes_text = args
        .changes
        .as_ref()
        .map(|_| {
            let json = crate::report::changes_json(&before, &replanned, &changes);
            serde_json::to_string_pretty(&json).map(|mut s| {
                s.push('\n');
                s
            })
        })
        .transpose()?;
    if let Some(path) = &args.output {
        write_atomic_with(path, |w| plan.write_json(w))
            .with_context(|| format!("cannot write {}", path.display()))?;
    }
    if let (Some(path), Some(json)) = (&args.changes, &changes_text) {
        write_atomic(path, json.as_bytes())
            .with_context(|| format!("cannot write {}", path.display()))?;
    }
    let report = crate::check::check(&scn, plan);
    if !report.is_valid() {
        eprintln!(
            "warning: the re-plan keeps history the changed week rejects: {} violation(s); \
             `onedoor check` lists them",
            report.violations.len()
        );
    }
    // The announced plan is the previous one: calendars mark the visits it loses.
    let written = match &args.export.export {
        Some(dir) => Some(export_to(&scn, plan, dir, &args.export, Some(&announced))?),
        None => None,
    };
    let mut out = std::io::stdout().lock();
    if args.json {
        plan.write_json(std::io::BufWriter::new(&mut out))?;
    } else {
        out.write_all(crate::report::changes_text(&scn, &before, &replanned, &changes).as_bytes())?;
        if let Some(path) = &args.output {
            writeln!(out, "plan written to {}", path.display())?;
        }
        if let Some(path) = &args.changes {
            writeln!(out, "change list written to {}", path.display())?;
        }
    }
    if let (Some(dir), Some(written)) = (&args.export.export, &written) {
        say(&mut out, args.json, &written.summary(dir))?;
    }
    Ok(ExitCode::SUCCESS)
}

pub fn template(from: Option<&Path>, output: &Path, force: bool) -> anyhow::Result<ExitCode> {
    if !force && output.exists() {
        anyhow::bail!(
            "{} exists (a filled workbook?): it is kept; give another name, or --force to overwrite it",
            output.display()
        );
    }
    let loaded = match from {
        Some(path) => Some(crate::import::load(
            path,
            &crate::variant::Shortcuts::default(),
        )?),
        None => None,
    };
    let bytes = crate::import::template::workbook(loaded.as_ref().map(|l| &l.json))
        .with_context(|| format!("cannot write the workbook {}", output.display()))?;
    write_atomic(output, &bytes).with_context(|| format!("cannot write {}", output.display()))?;
    eprintln!("wrote {}", output.display());
    Ok(ExitCode::SUCCESS)
}

pub fn import(
    input: &Path,
    output: &Path,
    lang: Option<onedoor_core::Lang>,
) -> anyhow::Result<ExitCode> {
    if !input.exists() {
        return Err(crate::InputError::single(
            input.display().to_string(),
            onedoor_core::ProblemKind::Io,
            "no such file or folder",
        )
        .into());
    }
    if !crate::import::is_spreadsheet(input) {
        return Err(crate::InputError::single(
            input.display().to_string(),
            onedoor_core::ProblemKind::Io,
            "not a workbook (.xlsx, .xlsm, .xls, .xlsb, .ods), a CSV file or a folder of CSV files",
        )
        .into());
    }
    let options = crate::import::Options { lang };
    let imported = crate::import::import_with(input, &options)?;
    crate::import::print_warnings(&input.display().to_string(), &imported);
    let (tree, scenario) = (imported.tree, imported.scenario);
    let mut text = serde_json::to_string_pretty(&tree)?;
    text.push('\n');
    write_atomic(output, text.as_bytes())
        .with_context(|| format!("cannot write {}", output.display()))?;
    eprintln!(
        "wrote {}: {} tasks, {} businesses, {} inspectors, {} departments, {} places",
        output.display(),
        scenario.tasks.len(),
        scenario.businesses.len(),
        scenario.inspectors.len(),
        scenario.departments.len(),
        scenario.places.len()
    );
    Ok(ExitCode::SUCCESS)
}

pub fn serve(args: &super::ServeArgs) -> anyhow::Result<ExitCode> {
    let config = crate::serve::Config {
        data: args.data.clone(),
        listen: args.listen,
        users: args.users.clone(),
        workers: args.workers.map(usize::from),
    };
    let server = match crate::serve::start(&config) {
        Ok(s) => s,
        Err(e) if e.is_input() => {
            eprintln!("onedoor: error: {e}");
            return Ok(ExitCode::from(2));
        }
        Err(e) => return Err(e.into()),
    };
    println!(
        "onedoor desk: http://{} (data in {}; Ctrl-C stops)",
        server.addr,
        args.data.display()
    );
    let _ = std::io::stdout().flush();
    server.wait_for_signal();
    Ok(ExitCode::SUCCESS)
}

pub fn user_add(name: &str, bureau: Option<&str>, users: &Path) -> anyhow::Result<ExitCode> {
    let mut line = String::new();
    std::io::stdin()
        .read_line(&mut line)
        .context("cannot read the password from standard input")?;
    let password = line.trim_end_matches(['\r', '\n']);
    match crate::serve::auth::add_user(users, name, password, bureau) {
        Ok(()) => {
            eprintln!("onedoor: user {name} written to {}", users.display());
            Ok(ExitCode::SUCCESS)
        }
        Err(e) => {
            eprintln!("onedoor: error: {e}");
            Ok(ExitCode::from(2))
        }
    }
}
