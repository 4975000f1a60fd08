//! The command line: subcommands, their help, and exit codes.
//!
//! Exit codes: 0 success; 1 a failure other than bad input (for `check`: violations);
//! 2 bad input (unreadable or invalid files, bad arguments). Nothing is written when
//! the input is bad.

use clap::{Parser, Subcommand};
use onedoor_core::Lang;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

mod commands;
pub mod output;
pub mod plan_files;

const AFTER_HELP: &str = "\
Examples:
  onedoor plan scenarios/dinghai-week.json -o plan.json
  onedoor check scenarios/dinghai-week.json plan.json
  onedoor whatif scenarios/dinghai-week.json --holiday 2022-09-15
  onedoor diff scenarios/dinghai-week.json plan.json other.plan.json
  onedoor replan scenarios/dinghai-week.json plan.json --from 2022-09-14 --unavailable XF01:2022-09-14
  onedoor stats scenarios/dinghai-week.json
  onedoor export scenarios/dinghai-week.json plan.json --to week/
  onedoor generate --preset district --seed 7 -o district-7.json
  onedoor template -o week.xlsx
  onedoor import week.xlsx -o week.json
  onedoor serve                        (then open http://127.0.0.1:8080)

Exit codes: 0 success, 1 failure (check: violations found), 2 bad input.";

/// onedoor plans joint inspections: it merges departments' planned tasks onto shared
/// visits (综合查一次, enter once, check many things), so each business is entered as few
/// times as the law, the calendar and the inspectors' days allow.
#[derive(Parser, Debug)]
#[command(name = "onedoor", version, about, long_about = None, after_help = AFTER_HELP)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Subcommand, Debug)]
pub enum Command {
    /// Plan the week: merge tasks onto visits, assign crews and times, write the plan.
    #[command(after_help = "\
Examples:
  onedoor plan scenarios/dinghai-week.json
  onedoor plan scenarios/dinghai-week.json -o plan.json --time-limit 60
  onedoor plan scenarios/tiny.json --json > plan.json
  onedoor plan scenarios/dinghai-week.json --holiday 2022-09-15 --bottlenecks
  onedoor plan scenarios/dinghai-week.json --holiday 2022-09-15 --from plan.json
  onedoor plan scenarios/dinghai-week.json -o plan.json --export week/

Every task of the scenario is in the plan: in a visit, or unscheduled with a reason
(no_valid_day, no_officer, unreachable, capacity, time_limit). Same scenario and --seed
give the same plan, whatever --threads.

When to stop: by default on work, not seconds. Each independent part of the week (a
piece sharing no inspector with the rest: a city, an island with its own team, each
week of a file holding several) is planned as if alone, with work limits set by its
own size (branch-and-bound nodes, search rounds, crew-search work); parts run largest
first over the threads. Every part first gets a complete plan (its construction), then
improvement. --time-limit only cuts the improvement: the plan is then complete, with
status time_limit; `time_limit` as a task's reason means Ctrl-C stopped the construction.")]
    Plan(PlanArgs),
    /// Check a plan against a scenario: every rule (C1–C13), then the objective.
    #[command(after_help = "\
Examples:
  onedoor check scenarios/tiny.json plan.json
  onedoor check scenarios/tiny.json plan.json --lang en

The report is in Chinese unless --lang en: each violation on a line of its own, its rule
code first (C1–C13), naming the visit, task, inspector or business involved:
  C6  V0047：市场监管局的检查事项需要 1 名执法人员，检查组中没有可代表该部门的人员
  C6  V0047: 0 crew member(s) act for market, its tasks need 1       (--lang en)
then the objective, the figures, the optimal claim and the verdict.

Exit codes: 0 the plan is valid, 1 violations were found, 2 a file cannot be read.")]
    Check {
        /// The scenario file (JSON), or a variant file.
        scenario: PathBuf,
        /// The plan file (JSON) to check.
        plan: PathBuf,
        /// Language of the report: zh (Chinese) or en (English).
        #[arg(long, value_parser = lang_parser(), default_value_t = Lang::Zh)]
        lang: Lang,
    },
    /// Show a scenario's sizes, bounds and demand against officers per department and day.
    #[command(after_help = "\
Examples:
  onedoor stats scenarios/dinghai-week.json
  onedoor stats scenarios/dinghai-week.json --json   (the same figures for tools)")]
    Stats {
        /// The scenario file (JSON), or a variant file.
        scenario: PathBuf,
        /// Print the figures as JSON (as the desk's GET /api/weeks/{W} gives them).
        #[arg(long)]
        json: bool,
    },
    /// Solve a base scenario and its variants side by side and compare the outcomes.
    #[command(after_help = "\
Examples:
  onedoor whatif scenarios/dinghai-week.json fewer-fire.json health-joins.json -o out/
  onedoor whatif scenarios/dinghai-week.json --holiday 2022-09-15
  onedoor whatif scenarios/dinghai-week.json --rule min_certified_per_visit=3 --json
  onedoor whatif scenarios/dinghai-scarce.json --certify 5

A variant file extends a base (\"extends\": \"base.json\") and removes, upserts or sets
parts of it; see docs/whatif.md. Shortcut options (--holiday, --unavailable,
--drop-inspector, --rule) make one more column: the base with those changes. Each plan
is written to DIR when -o is given.

The base is planned from scratch; each variant is then re-planned from the base's plan
(tasks keep their date where still valid), which takes milliseconds and shows the effect
of the change rather than of a new search. Its numbers are those of
`onedoor plan VARIANT --from DIR/BASE.plan.json`. With --fresh every variant is planned
from scratch instead, exactly as `onedoor plan VARIANT`.")]
    Whatif(WhatifArgs),
    /// Re-plan an announced week from a date: earlier visits stay, the rest moves as
    /// little as possible, and the change list says what moved.
    #[command(after_help = "\
Examples:
  onedoor plan scenarios/dinghai-week.json -o week.plan.json
  onedoor replan scenarios/dinghai-week.json week.plan.json --from 2022-09-14 \\
      --unavailable XF01:2022-09-14 --unavailable XF01:2022-09-15 -o new.plan.json
  onedoor replan urgent-check.json week.plan.json --from 2022-09-15 --changes changes.json
  onedoor replan scenarios/dinghai-week.json week.plan.json --from 2022-09-14 \\
      --close B007:2022-09-14 --holiday 2022-09-16 --export week/

SCENARIO is the week as it is now: the original scenario with shortcut options, or a
variant file (docs/whatif.md) that adds urgent tasks, a department that joins, changed
availability. Visits before --from happened: they are kept exactly (and reported if the
changed week would reject them). Announced visits from --from on stay as they are where
still valid; a visit that lost a crew member is re-crewed at the same time; only then is
anything moved. The plan minimises, in this order: unscheduled priority, disrupted tasks
(date, start time or visit-mates changed, or left out), visits, officer visits, travel.
Visits keep their ids, so calendars update in place.")]
    Replan(ReplanArgs),
    /// Write a valid plan as files people use: workbook, CSV, calendars, notices, report.
    #[command(after_help = "\
Examples:
  onedoor plan scenarios/dinghai-week.json -o week.plan.json
  onedoor export scenarios/dinghai-week.json week.plan.json --to week/
  onedoor export scenarios/dinghai-geo.json geo.plan.json --to geo/ --lang en
  onedoor export scenarios/dinghai-week.json new.plan.json --to week/ --previous week.plan.json

DIR afterwards holds this export and nothing else, in two folders. for-businesses/:
what may be sent to businesses, naming announced inspections only: notices/<business>.html
(one per business with announced visits, one A4 page; with --previous a change or
cancellation notice where the announced visits changed), all-notices.html (every notice,
one per printed page) and index.html (what to send to whom). internal/: plan.xlsx,
visits.csv, itineraries.csv, calendars/<inspector>.ics, report.html and, for lat/lon
scenarios, plan.geojson. See docs/export.md.

The plan is checked first: a plan with violations is refused, the violations are listed
as `onedoor check` prints them, and nothing is written.

Exit codes: 0 written, 1 the plan is not valid for the scenario or a file cannot be
written, 2 a file cannot be read.")]
    Export(ExportArgs),
    /// Show what changed between two plans of one scenario.
    #[command(after_help = "\
Examples:
  onedoor diff scenarios/tiny.json before.plan.json after.plan.json")]
    Diff {
        /// The scenario file (JSON) both plans are for.
        scenario: PathBuf,
        /// The first plan.
        plan_a: PathBuf,
        /// The second plan.
        plan_b: PathBuf,
        /// Print the differences as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Write a synthetic scenario (same preset and seed, same bytes).
    #[command(after_help = "\
Examples:
  onedoor generate --preset tiny --seed 1 -o tiny-1.json
  onedoor generate --preset district --seed 7 -o district-7.json
  onedoor generate --preset city --seed 3 -o city-3.json
  onedoor generate --preset district --seed 1 --certified 0.15 -o scarce-1.json
  onedoor generate --preset province --seed 1 --parts 3 -o three-provinces.json

Presets: tiny (~15 tasks), district (~260 tasks, ~100 businesses), city (~3,000 tasks),
province (~50,000 tasks).")]
    Generate {
        /// Size and shape: tiny, district, city or province.
        #[arg(long, value_enum)]
        preset: crate::generate::Preset,
        /// Random seed.
        #[arg(long, default_value_t = 0)]
        seed: u64,
        /// Share of inspectors holding an enforcement certificate, 0–1 (default: the
        /// preset's, about 0.9). 0.15 staffs the week like a bureau where certificates
        /// are scarce: most in the town squads, a few in every department.
        #[arg(long, value_name = "SHARE", value_parser = parse_share)]
        certified: Option<f64>,
        /// Independent weeks in one file (default 1): part k is the week of seed
        /// SEED+k-1, its ids prefixed `Pk-`, sharing no officer, business, place or road
        /// with the others. For measuring the planner at scale: 16 provinces are a
        /// national week of about 0.8 M tasks.
        #[arg(long, default_value_t = 1, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=64))]
        parts: u32,
        /// Where to write the scenario.
        #[arg(short, long)]
        output: PathBuf,
    },
    /// Write a workbook to fill in (任务, 企业, 人员, 部门, 地点, 连接, 互斥部门, 设置 and an
    /// explanation sheet 说明), empty or holding a scenario's data.
    #[command(after_help = "\
Examples:
  onedoor template -o week.xlsx
  onedoor template --from scenarios/dinghai-week.json -o dinghai-week.xlsx

Row 1 of each sheet holds the Chinese headers, row 2 the English field names; data
starts in row 3. `onedoor import` reads the workbook back, and every command that takes
a scenario takes the workbook directly. The sheet 说明 explains every column.

An existing file is not overwritten unless --force is given.

Exit codes: 0 written, 1 cannot write (or the file exists), 2 the scenario given with
--from cannot be read.")]
    Template {
        /// Fill the workbook with this scenario (JSON, variant or workbook).
        #[arg(long, value_name = "SCENARIO")]
        from: Option<PathBuf>,
        /// Where to write the workbook (.xlsx). An existing file is kept unless --force.
        #[arg(short, long)]
        output: PathBuf,
        /// Overwrite the output file if it exists.
        #[arg(long)]
        force: bool,
    },
    /// Build a scenario from a workbook, or from a folder of CSV files (one per sheet).
    #[command(after_help = "\
Examples:
  onedoor import week.xlsx -o week.json
  onedoor import week-csv/ -o week.json
  onedoor plan week.xlsx              (the same, without writing the JSON)

The header row is found by its names (a title row above it is fine); blank rows are
skipped; hidden sheets are not read. References take ids, names or a department's 别名;
dates are Excel dates or 2022-09-12, 2022/9/12, 2022年9月12日, 22年9月12日; times 09:00,
09:00:00, 上午9:00, 9点半; yes/no is 是/否, 有/无, yes/no or 1/0; lists are separated by ; 、
or ，. A CSV folder holds 任务.csv (or tasks.csv, or book-任务.csv), 企业.csv, 人员.csv,
部门.csv, 检查事项.csv, 地点.csv, 连接.csv, 互斥部门.csv and 设置.csv, in UTF-8, UTF-16 or
GB18030, separated by , or ;. A single CSV file is read as the task sheet. Every problem
is reported at once, located in the spreadsheet and in Chinese (English with --lang en):
任务!C17 (企业): 未知的企业 \"B9999\" [unknown-id]. Warnings (hidden sheets, unknown
columns, dates outside the week) go to stderr. See docs/format.md, section 13.

Exit codes: 0 written, 1 cannot write, 2 input errors (nothing is written).")]
    Import {
        /// The workbook (.xlsx, .xls, .ods), a CSV file or a folder of CSV files.
        input: PathBuf,
        /// Where to write the scenario (JSON).
        #[arg(short, long)]
        output: PathBuf,
        /// Language of the messages (default: Chinese, or English for a workbook whose
        /// task sheet is named `tasks`).
        #[arg(long, value_parser = lang_parser())]
        lang: Option<Lang>,
    },
    /// Serve the coordinator's desk: a web page and HTTP API over stored weeks and plans.
    #[command(after_help = "\
Examples:
  onedoor serve                                   (then open http://127.0.0.1:8080)
  onedoor serve --data /srv/onedoor --listen 127.0.0.1:9000
  onedoor user add li --bureau 定海 --users /srv/onedoor/users < password.txt
  onedoor serve --listen 0.0.0.0:8080 --users /srv/onedoor/users --data /srv/onedoor
  onedoor serve --listen 127.0.0.1:0              (a free port; the URL is printed)

Weeks, plans and jobs are kept in DIR/desk.sqlite (SQLite, WAL); back up DIR while the
server is stopped, or with `sqlite3 DIR/desk.sqlite \".backup copy.sqlite\"` while it
runs. Without --users only a loopback address is allowed (exit 2 otherwise). Plans are
made by a pool of --workers background solves; jobs a killed server left queued or
running are marked failed (interrupted) at the next start. See docs/serve.md.")]
    Serve(ServeArgs),
    /// Manage the users file of `onedoor serve --users FILE`.
    #[command(
        subcommand,
        after_help = "\
Examples:
  onedoor user add li --bureau 定海 --users users.txt   (type the password, then Enter)"
    )]
    User(UserCommand),
}

/// Options of `onedoor serve`.
#[derive(clap::Args, Debug, Clone)]
pub struct ServeArgs {
    /// The data folder (created if missing): the database desk.sqlite and temporary files.
    #[arg(long, value_name = "DIR", default_value = "onedoor-data")]
    pub data: PathBuf,
    /// The address and port to listen on (port 0: a free one).
    #[arg(long, value_name = "ADDR:PORT", default_value = "127.0.0.1:8080")]
    pub listen: std::net::SocketAddr,
    /// The users file (lines `name:hash[:bureau]`, written by `onedoor user add`); every
    /// request then needs a login. Required for any address other than loopback.
    #[arg(long, value_name = "FILE")]
    pub users: Option<PathBuf>,
    /// Plans solved at once (default: half the cores, at least one); more wait in a queue.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..=256))]
    pub workers: Option<u16>,
}

/// `onedoor user …`.
#[derive(Subcommand, Debug, Clone)]
pub enum UserCommand {
    /// Add a user to the users file, or replace their password and bureau; the password
    /// is read from standard input (its first line).
    #[command(after_help = "\
Examples:
  onedoor user add li --users users.txt                 (type the password, then Enter)
  echo 'a long secret' | onedoor user add wang --bureau 定海 --users users.txt

The file holds one line per user, name:hash or name:hash:bureau (an Argon2id hash); it
is written atomically. A user with a bureau sees only that bureau's weeks.")]
    Add {
        /// The login name (no ':').
        name: String,
        /// The bureau whose weeks alone this user sees and changes.
        #[arg(long, value_name = "B")]
        bureau: Option<String>,
        /// The users file (created if missing).
        #[arg(long, value_name = "FILE")]
        users: PathBuf,
    },
}

/// Options of `onedoor plan`.
#[derive(clap::Args, Debug, Clone)]
pub struct PlanArgs {
    /// The scenario file (JSON), or a variant file (see docs/whatif.md).
    pub scenario: PathBuf,
    /// Where to write the plan (JSON).
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    /// Print the plan JSON on stdout instead of the summary.
    #[arg(long)]
    pub json: bool,
    /// Time limit, threads and seed.
    #[command(flatten)]
    pub solve: SolveArgs,
    /// Also rank departments × dates by what one more certified officer would save
    /// (re-plans the week from this plan once per candidate, in parallel).
    #[arg(long)]
    pub bottlenecks: bool,
    /// Re-plan from an earlier plan of this week (e.g. the plan made before a what-if
    /// change): tasks keep their date where it is still valid, the rest are re-dated; it
    /// takes milliseconds and changes little. Without it the week is planned from scratch.
    #[arg(long, value_name = "PLAN")]
    pub from: Option<PathBuf>,
    /// What-if changes applied to the scenario before planning.
    #[command(flatten)]
    pub shortcuts: ShortcutArgs,
    /// Export files for people.
    #[command(flatten)]
    pub export: ExportOpts,
    /// Also say on stderr where the solver fell back (greedy dates where HiGHS failed,
    /// with HiGHS's answer; the plan's `solver.fallback` holds the same).
    #[arg(long)]
    pub verbose: bool,
}

/// Options of `onedoor export`.
#[derive(clap::Args, Debug, Clone)]
pub struct ExportArgs {
    /// The scenario file (JSON), or a variant file.
    pub scenario: PathBuf,
    /// The plan file (JSON) to export; it must be valid for the scenario.
    pub plan: PathBuf,
    /// The folder to write into: created if missing; an earlier export in it is replaced
    /// whole; a file, or a folder holding other files, is refused.
    #[arg(long, value_name = "DIR")]
    pub to: PathBuf,
    /// Language of notices, report, workbook and CSV headers.
    #[arg(long, value_parser = lang_parser(), default_value_t = Lang::Zh)]
    pub lang: Lang,
    /// An earlier plan of the same week (before a re-plan): change and cancellation
    /// notices go to the businesses whose announced visits changed, and the calendars
    /// update or cancel the inspectors' events.
    #[arg(long, value_name = "PLAN")]
    pub previous: Option<PathBuf>,
    /// Issue date of the notices (YYYY-MM-DD); default: the scenario's `notice.issued`,
    /// or the last workday before the week.
    #[arg(long, value_name = "DATE", value_parser = parse_date_arg)]
    pub issued: Option<chrono::NaiveDate>,
}

/// `--export DIR` on `plan` and `whatif`: also write the export files.
#[derive(clap::Args, Debug, Clone, Default)]
pub struct ExportOpts {
    /// Also write the plan's files for people to DIR, as `onedoor export` does (whatif:
    /// one folder per case, named like its plan file).
    #[arg(long, value_name = "DIR")]
    pub export: Option<PathBuf>,
    /// Language of the exported files; for `plan`, also of why each task was left out
    /// in the summary (Chinese, or with `en` the plan's own English detail).
    #[arg(long, value_parser = lang_parser(), default_value_t = Lang::Zh)]
    pub lang: Lang,
    /// Issue date of the exported notices (YYYY-MM-DD); default: the scenario's
    /// `notice.issued`, or the last workday before the week.
    #[arg(long, value_name = "DATE", value_parser = parse_date_arg)]
    pub issued: Option<chrono::NaiveDate>,
}

/// Options of `onedoor replan`.
#[derive(clap::Args, Debug, Clone)]
pub struct ReplanArgs {
    /// The week as it is now: the scenario file (JSON) or a variant file.
    pub scenario: PathBuf,
    /// The announced plan (JSON) of that week.
    pub plan: PathBuf,
    /// The first date to re-plan (YYYY-MM-DD); visits before it happened and stay.
    #[arg(long, value_name = "DATE", value_parser = parse_date_arg)]
    pub from: chrono::NaiveDate,
    /// Where to write the new plan (JSON).
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    /// Where to write the change list (JSON).
    #[arg(long, value_name = "FILE")]
    pub changes: Option<PathBuf>,
    /// Print the new plan JSON on stdout instead of the change list.
    #[arg(long)]
    pub json: bool,
    /// Time limit, threads and seed.
    #[command(flatten)]
    pub solve: SolveArgs,
    /// Changes to the week applied before re-planning.
    #[command(flatten)]
    pub shortcuts: ShortcutArgs,
    /// Export files for people (calendars mark the visits the re-plan cancels).
    #[command(flatten)]
    pub export: ExportOpts,
}

/// Parses a `YYYY-MM-DD` date argument.
fn parse_date_arg(text: &str) -> Result<chrono::NaiveDate, String> {
    onedoor_core::scenario::time::parse_date(text.trim()).ok_or_else(|| {
        format!(
            "\"{}\" is not a date: write YYYY-MM-DD",
            onedoor_core::error::escape_controls(text)
        )
    })
}

/// How a solve runs: shared by `plan` and `whatif`.
#[derive(clap::Args, Debug, Clone)]
pub struct SolveArgs {
    /// A safety net: stop improving the plan after this many seconds and return the best
    /// found (a finite, non-negative number; more than a year is taken as a year). The
    /// construction — a complete plan of every part of the week — always finishes first;
    /// only Ctrl-C stops it. Without it (the default) a solve stops on work limits set by
    /// the size of each part of the week, so the plan does not depend on the machine.
    #[arg(long, value_name = "SECS", value_parser = parse_seconds)]
    pub time_limit: Option<f64>,
    /// Worker threads (default: all cores). The plan does not depend on it.
    #[arg(long, value_name = "N")]
    pub threads: Option<usize>,
    /// Seed for tie-breaking; the same seed gives the same plan.
    #[arg(long, default_value_t = 0, value_name = "N")]
    pub seed: u64,
    /// Search effort, a whole number from 1 (the default): every improvement search runs
    /// N times the rounds set by the size of the week. Deterministic, unlike
    /// --time-limit: the same scenario, seed and effort give the same plan on any machine
    /// and thread count. This is the way to buy more search reproducibly.
    #[arg(long, default_value_t = 1, value_name = "N",
          value_parser = clap::value_parser!(u32).range(1..))]
    pub effort: u32,
    /// Keep improving the plan until SECS seconds after the start: once the searches set
    /// by the size of the week are done, the route search runs again from fresh seeds
    /// (shorter routes, and on hard weeks more tasks served). Unlike --effort the plan
    /// then depends on the machine's speed; the plan's solver block and the summary's
    /// solver line record the seconds.
    /// --time-limit still ends the solve.
    #[arg(long, value_name = "SECS", value_parser = parse_seconds)]
    pub search_for: Option<f64>,
}

impl SolveArgs {
    /// The solver's options (`progress`: show a spinner on a terminal).
    pub fn options(&self, progress: bool) -> crate::solve::Options {
        crate::solve::Options {
            time_limit: std::time::Duration::from_secs_f64(
                self.time_limit
                    .unwrap_or(MAX_TIME_LIMIT_SECS)
                    .clamp(0.0, MAX_TIME_LIMIT_SECS),
            ),
            threads: self.threads,
            seed: self.seed,
            progress,
            strategy: crate::solve::Strategy::Optimize,
            start: None,
            search_rounds: None,
            crew_rounds: None,
            route_work: None,
            effort: self.effort,
            search_for: self
                .search_for
                .map(|s| std::time::Duration::from_secs_f64(s.clamp(0.0, MAX_TIME_LIMIT_SECS))),
            cancel: crate::solve::CancelToken::new(),
        }
    }
}

/// The longest time limit, in seconds (a year): larger values are capped to it, so that
/// no deadline computed from it can overflow.
pub const MAX_TIME_LIMIT_SECS: f64 = 365.0 * 24.0 * 3600.0;

/// Parses `--time-limit`: a finite, non-negative number of seconds (`inf`, `NaN` and
/// negative values are refused; values above [`MAX_TIME_LIMIT_SECS`] are capped to it).
pub fn parse_seconds(s: &str) -> Result<f64, String> {
    let shown = onedoor_core::error::escape_controls(s);
    let v: f64 = s
        .trim()
        .parse()
        .map_err(|_| format!("\"{shown}\" is not a number of seconds"))?;
    if !v.is_finite() || v < 0.0 {
        return Err(format!(
            "\"{shown}\" is not a finite, non-negative number of seconds (e.g. 30 or 2.5)"
        ));
    }
    Ok(v.min(MAX_TIME_LIMIT_SECS))
}

/// Quick what-if changes without a variant file (each option may be repeated).
#[derive(clap::Args, Debug, Clone, Default)]
pub struct ShortcutArgs {
    /// Leave an inspector out, e.g. --drop-inspector F01.
    #[arg(long, value_name = "ID")]
    pub drop_inspector: Vec<String>,
    /// Make an inspector unavailable on a date, e.g. --unavailable F01:2022-09-14.
    #[arg(long, value_name = "ID:DATE")]
    pub unavailable: Vec<String>,
    /// Make a date a holiday, e.g. --holiday 2022-09-15.
    #[arg(long, value_name = "DATE")]
    pub holiday: Vec<String>,
    /// Change a rule, e.g. --rule min_certified_per_visit=3 or --rule max_visit_minutes=null.
    #[arg(long, value_name = "KEY=VALUE")]
    pub rule: Vec<String>,
    /// Close a business on a date, e.g. --close B007:2022-09-15.
    #[arg(long, value_name = "BUSINESS:DATE")]
    pub close: Vec<String>,
}

impl ShortcutArgs {
    /// The shortcuts for the variant loader.
    pub fn to_shortcuts(&self) -> crate::variant::Shortcuts {
        crate::variant::Shortcuts {
            drop_inspector: self.drop_inspector.clone(),
            unavailable: self.unavailable.clone(),
            holiday: self.holiday.clone(),
            rule: self.rule.clone(),
            close: self.close.clone(),
        }
    }
}

/// Options of `onedoor whatif`.
#[derive(clap::Args, Debug, Clone)]
pub struct WhatifArgs {
    /// The base scenario (or variant) file.
    pub base: PathBuf,
    /// Variant files to compare with the base.
    pub variants: Vec<PathBuf>,
    /// Folder to write each plan to (created if missing).
    #[arg(short, long, value_name = "DIR")]
    pub output: Option<PathBuf>,
    /// Print the comparison as JSON.
    #[arg(long)]
    pub json: bool,
    /// Time limit (of each solve), threads and seed.
    #[command(flatten)]
    pub solve: SolveArgs,
    /// Also rank the base's bottlenecks (one more officer per department and date).
    #[arg(long)]
    pub bottlenecks: bool,
    /// Also answer "whom should we certify?": the N uncertified officers who, once
    /// certified, save the most (greedily, re-planning the base in parallel), and the
    /// curve of priority left out and visits against the number of certified officers.
    #[arg(long, value_name = "N")]
    pub certify: Option<usize>,
    /// Plan every variant from scratch, as `onedoor plan VARIANT` does, instead of
    /// re-planning it from the base's plan (`onedoor plan VARIANT --from BASE_PLAN`).
    #[arg(long)]
    pub fresh: bool,
    /// Shortcut changes: together they make one more case, the base with them applied.
    #[command(flatten)]
    pub shortcuts: ShortcutArgs,
    /// Export files for people, one folder per case.
    #[command(flatten)]
    pub export: ExportOpts,
}

/// Runs the command line and returns the process exit code.
pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    let result = match cli.command {
        Command::Plan(args) => commands::plan(&args),
        Command::Check {
            scenario,
            plan,
            lang,
        } => commands::check(&scenario, &plan, lang),
        Command::Stats { scenario, json } => commands::stats(&scenario, json),
        Command::Whatif(args) => commands::whatif(&args),
        Command::Replan(args) => commands::replan(&args),
        Command::Export(args) => commands::export(&args),
        Command::Diff {
            scenario,
            plan_a,
            plan_b,
            json,
        } => commands::diff(&scenario, &plan_a, &plan_b, json),
        Command::Generate {
            preset,
            seed,
            certified,
            parts,
            output,
        } => commands::generate(preset, seed, certified, parts as usize, &output),
        Command::Template {
            from,
            output,
            force,
        } => commands::template(from.as_deref(), &output, force),
        Command::Import {
            input,
            output,
            lang,
        } => commands::import(&input, &output, lang),
        Command::Serve(args) => commands::serve(&args),
        Command::User(UserCommand::Add {
            name,
            bureau,
            users,
        }) => commands::user_add(&name, bureau.as_deref(), &users),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            if is_broken_pipe(&e) {
                return ExitCode::SUCCESS;
            }
            let input = e.downcast_ref::<crate::InputError>().is_some();
            let code = if input { 2 } else { 1 };
            // An input error escapes control characters problem by problem (its lines are
            // its own); any other message is escaped whole, so it stays one line.
            let text = if input {
                e.to_string()
            } else {
                onedoor_core::error::escape_controls(&e.to_string()).into_owned()
            };
            let mut err = std::io::stderr().lock();
            let _ = writeln!(err, "onedoor: error: {text}");
            for cause in e.chain().skip(1) {
                let cause = onedoor_core::error::escape_controls(&cause.to_string()).into_owned();
                let _ = writeln!(err, "  caused by: {cause}");
            }
            ExitCode::from(code)
        }
    }
}

/// Reads `--lang`: `zh` or `en`, listed as the possible values in `--help`.
fn lang_parser() -> impl clap::builder::TypedValueParser<Value = Lang> {
    use clap::builder::TypedValueParser;
    clap::builder::PossibleValuesParser::new(["zh", "en"]).map(|s| match s.as_str() {
        "en" => Lang::En,
        _ => Lang::Zh,
    })
}

/// A share from 0 to 1 (`--certified`).
fn parse_share(text: &str) -> Result<f64, String> {
    match text.trim().parse::<f64>() {
        Ok(x) if (0.0..=1.0).contains(&x) => Ok(x),
        _ => Err(format!(
            "{text:?} is not a share from 0 to 1 (for example 0.15)"
        )),
    }
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
