//! onedoor on the public home-health-care benchmark of Mankowska, Meisel & Bierwirth
//! (2014), against the published BRKGA routes of Kummer, Buriol & de Araújo (GECCO 2020).
//!
//! ```text
//! git clone https://github.com/afkummer/gecco2020-brkga /data/gecco2020-brkga
//! ONEDOOR_MANKOWSKA=/data/gecco2020-brkga cargo run --release --example mankowska -- \
//!     [--instances A1,B3,F,...|all] [--time-limit SECS] [--ordered wait|together] \
//!     [--out TABLE.md] [--save DIR]
//! ```
//!
//! The data folder (`ONEDOOR_MANKOWSKA`, or `--data DIR`) is a copy of that repository:
//! `instances-HHCRSP/` (the instances), `solutions/routes/` (the BRKGA runs, optional) and
//! `tools/bks.csv` (best known objective values, optional). Instances are named as in
//! the papers: a family letter by size (A 10 patients, B 25, C 50, D 75, E 100, F 200, G
//! 300) and a number 1–10; a letter alone means its ten instances, `all` all seventy.
//! Default: A1–A10, B1–B5, C1, F1, G1.
//!
//! Each instance is converted to a scenario (`instance.rs`; benches/README.md says what
//! the conversion keeps and what it changes), planned by onedoor's library at default
//! settings (seed 0, all cores, the time limit given, default 30 s), and the plan checked
//! by `onedoor_check`. The table (stdout, and `--out`) gives per instance the services
//! left out, the services served late (0 by construction when a patient's services are
//! all served), the distance travelled computed from the instance's own matrix, the
//! published BRKGA distance (the run of lowest cost among its seeds), their ratio, the
//! original objective of our plan beside BRKGA's and the best known, and the wall time.
//! `--save DIR` writes each scenario and plan there. `--ordered together` maps the pairs
//! of services given in order as simultaneous ones (a relaxation: the delay is ignored,
//! and counted as broken); the default, `wait`, keeps every plan one of the original
//! problem.
//!
//! Exits with status 1, saying so loudly, when any plan is invalid; 2 on an input error.

mod instance;

use anyhow::{anyhow, bail, Context as _};
use instance::{Instance, Ordered};
use onedoor_core::travel::TravelGraph;
use onedoor_solve::{plan, Options};
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

/// The families: letter and number of patients.
const FAMILIES: [(char, usize); 7] = [
    ('A', 10),
    ('B', 25),
    ('C', 50),
    ('D', 75),
    ('E', 100),
    ('F', 200),
    ('G', 300),
];

/// The instances run when none are named.
const DEFAULT: &str = "A,B1,B2,B3,B4,B5,C1,F1,G1";

/// The environment variable naming the data folder.
const DATA_VAR: &str = "ONEDOOR_MANKOWSKA";

/// The command line.
struct Args {
    data: PathBuf,
    instances: Vec<(char, usize, usize)>,
    time_limit: Duration,
    /// The solve's `effort` (work limits multiplied).
    effort: u32,
    /// The solve's `search_for` (keep improving until then).
    search_for: Option<Duration>,
    /// The solve's seed.
    seed: u64,
    out: Option<PathBuf>,
    save: Option<PathBuf>,
    ordered: Ordered,
}

/// Reads the command line.
fn args() -> anyhow::Result<Args> {
    let mut data = std::env::var_os(DATA_VAR).map(PathBuf::from);
    let mut names = DEFAULT.to_owned();
    let mut time_limit = Duration::from_secs(30);
    let mut effort = 1;
    let mut search_for = None;
    let mut seed = 0;
    let (mut out, mut save) = (None, None);
    let mut ordered = Ordered::Wait;
    let mut it = std::env::args().skip(1);
    while let Some(a) = it.next() {
        let mut value = || it.next().ok_or_else(|| anyhow!("{a} needs a value"));
        match a.as_str() {
            "--data" => data = Some(PathBuf::from(value()?)),
            "--instances" => names = value()?,
            "--time-limit" => time_limit = seconds(&a, &value()?)?,
            "--effort" => {
                let v = value()?;
                effort = v
                    .parse()
                    .ok()
                    .filter(|&e: &u32| e >= 1)
                    .ok_or_else(|| anyhow!("--effort {v:?}: a whole number, 1 or more"))?;
            }
            "--search-for" => search_for = Some(seconds(&a, &value()?)?),
            "--seed" => {
                let v = value()?;
                seed = v
                    .parse()
                    .map_err(|_| anyhow!("--seed {v:?}: a whole number"))?;
            }
            "--out" => out = Some(PathBuf::from(value()?)),
            "--save" => save = Some(PathBuf::from(value()?)),
            "--ordered" => {
                ordered = match value()?.as_str() {
                    "wait" => Ordered::Wait,
                    "together" => Ordered::Together,
                    other => bail!("--ordered {other:?}: wait or together"),
                }
            }
            "-h" | "--help" => {
                println!(
                    "usage: {DATA_VAR}=DIR cargo run --release --example mankowska -- \
                     [--data DIR] [--instances A1,B3,F,...|all] [--time-limit SECS] [--effort N] [--search-for SECS] [--seed N] \
                     [--ordered wait|together] [--out TABLE.md] [--save DIR]"
                );
                std::process::exit(0);
            }
            other => bail!("unknown argument {other:?} (try --help)"),
        }
    }
    let data = data.ok_or_else(|| {
        anyhow!(
            "no data folder: set {DATA_VAR} (or --data) to a copy of \
             https://github.com/afkummer/gecco2020-brkga (benches/README.md, \"Mankowska\")"
        )
    })?;
    Ok(Args {
        data,
        instances: instance_names(&names)?,
        time_limit,
        effort,
        search_for,
        seed,
        out,
        save,
        ordered,
    })
}

/// The seconds given to `flag`, read as `onedoor plan` reads them.
fn seconds(flag: &str, value: &str) -> anyhow::Result<Duration> {
    onedoor::cli::parse_seconds(value)
        .map(Duration::from_secs_f64)
        .map_err(|e| anyhow!("{flag}: {e}"))
}

/// `A1,B3,F,all` as (family, patients, number) triples, in the order given.
fn instance_names(list: &str) -> anyhow::Result<Vec<(char, usize, usize)>> {
    let mut out = Vec::new();
    for name in list.split(',').map(str::trim).filter(|s| !s.is_empty()) {
        if name.eq_ignore_ascii_case("all") {
            for (f, n) in FAMILIES {
                out.extend((1..=10).map(|i| (f, n, i)));
            }
            continue;
        }
        let mut chars = name.chars();
        let letter = chars.next().map(|c| c.to_ascii_uppercase());
        let Some(&(f, n)) = FAMILIES.iter().find(|(f, _)| Some(*f) == letter) else {
            bail!("instance {name:?}: the family letter must be one of A–G");
        };
        let rest = chars.as_str();
        if rest.is_empty() {
            out.extend((1..=10).map(|i| (f, n, i)));
        } else {
            match rest.parse::<usize>() {
                Ok(i) if (1..=10).contains(&i) => out.push((f, n, i)),
                _ => bail!("instance {name:?}: the number must be 1–10"),
            }
        }
    }
    Ok(out)
}

/// The instance file of `patients` and number `i`: `…_HCSRP_<patients>_<i>.txt`.
fn instance_file(data: &Path, patients: usize, i: usize) -> anyhow::Result<PathBuf> {
    let dir = data.join("instances-HHCRSP");
    let suffix = format!("_HCSRP_{patients}_{i}.txt");
    let mut found: Vec<PathBuf> = std::fs::read_dir(&dir)
        .with_context(|| format!("reading {}", dir.display()))?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.ends_with(&suffix))
        })
        .collect();
    found.sort();
    match found.len() {
        1 => Ok(found.remove(0)),
        0 => bail!("no file *{suffix} in {}", dir.display()),
        _ => bail!("several files *{suffix} in {}", dir.display()),
    }
}

/// One published BRKGA run: the header of `solutions/routes/solution-N-I-SEED.txt`.
#[derive(Clone, Copy, Debug)]
struct Published {
    cost: f64,
    distance: f64,
    tardiness: f64,
    seed: u32,
}

/// The BRKGA run of lowest cost (then lowest seed) among the published ones of an
/// instance, and how many there are; None when the folder has none.
fn brkga(data: &Path, patients: usize, i: usize) -> anyhow::Result<Option<(Published, usize)>> {
    let dir = data.join("solutions").join("routes");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return Ok(None);
    };
    let prefix = format!("solution-{patients}-{i}-");
    let mut runs = Vec::new();
    for e in entries.filter_map(Result::ok) {
        let path = e.path();
        let Some(seed) = path
            .file_name()
            .and_then(|n| n.to_str())
            .and_then(|n| n.strip_prefix(&prefix))
            .and_then(|n| n.strip_suffix(".txt"))
            .and_then(|s| s.parse::<u32>().ok())
        else {
            continue;
        };
        let text = std::fs::read_to_string(&path)
            .with_context(|| format!("reading {}", path.display()))?;
        let header = text
            .lines()
            .find(|l| l.starts_with("# Cost"))
            .ok_or_else(|| anyhow!("{}: no \"# Cost = …\" line", path.display()))?;
        let field = |key: &str| -> anyhow::Result<f64> {
            let mut words = header.split_whitespace();
            while let Some(w) = words.next() {
                if w == key {
                    words.next(); // "="
                    if let Some(v) = words.next().and_then(|v| v.parse().ok()) {
                        return Ok(v);
                    }
                }
            }
            bail!("{}: no number after {key} in {header:?}", path.display())
        };
        runs.push(Published {
            cost: field("Cost")?,
            distance: field("Dist")?,
            tardiness: field("Tard")?,
            seed,
        });
    }
    let n = runs.len();
    Ok(runs
        .into_iter()
        .min_by(|a, b| a.cost.total_cmp(&b.cost).then(a.seed.cmp(&b.seed)))
        .map(|best| (best, n)))
}

/// `tools/bks.csv`: instance name → best known objective (empty when absent).
fn best_known(data: &Path) -> anyhow::Result<BTreeMap<String, f64>> {
    let path = data.join("tools").join("bks.csv");
    let Ok(text) = std::fs::read_to_string(&path) else {
        return Ok(BTreeMap::new());
    };
    let mut out = BTreeMap::new();
    for (n, line) in text.lines().enumerate().skip(1) {
        let cols: Vec<&str> = line.split(',').map(str::trim).collect();
        if cols.len() < 3 {
            continue;
        }
        let bks: f64 = cols[2].parse().map_err(|_| {
            anyhow!(
                "{} line {}: bks {:?} is not a number",
                path.display(),
                n + 1,
                cols[2]
            )
        })?;
        out.insert(cols[0].to_owned(), bks);
    }
    Ok(out)
}

/// One instance's result.
struct Row {
    name: String,
    patients: usize,
    services: usize,
    left_out: usize,
    measured: instance::Measured,
    brkga: Option<(Published, usize)>,
    best_known: Option<f64>,
    seconds: f64,
    valid: bool,
}

/// Writes `text` to `path` through a temporary file beside it.
fn write_atomic(path: &Path, text: &str) -> anyhow::Result<()> {
    let tmp = path.with_extension("tmp");
    std::fs::write(&tmp, text).with_context(|| format!("writing {}", tmp.display()))?;
    std::fs::rename(&tmp, path).with_context(|| format!("writing {}", path.display()))
}

/// Converts, plans, checks and measures one instance.
fn run_one(
    args: &Args,
    bks: &BTreeMap<String, f64>,
    (family, patients, i): (char, usize, usize),
) -> anyhow::Result<Row> {
    let name = format!("{family}{i}");
    let file = instance_file(&args.data, patients, i)?;
    let text =
        std::fs::read_to_string(&file).with_context(|| format!("reading {}", file.display()))?;
    let mut inst: Instance =
        instance::parse(&text).with_context(|| format!("reading {}", file.display()))?;
    inst.ordered = args.ordered;
    let title = format!(
        "Mankowska {name} ({})",
        file.file_name().and_then(|n| n.to_str()).unwrap_or("")
    );
    let json = inst.scenario_json(&title)?;
    let scenario_text = serde_json::to_string_pretty(&json)? + "\n";
    let scn = onedoor_core::parse_scenario(&scenario_text, &name)
        .map_err(|e| anyhow!("the converted scenario of {name} does not load:\n{e}"))?;
    let travel = TravelGraph::build(&scn);
    let options = Options {
        time_limit: args.time_limit,
        effort: args.effort,
        search_for: args.search_for,
        seed: args.seed,
        ..Options::default()
    };
    let clock = Instant::now();
    let outcome = plan(&scn, &travel, &options)?;
    let seconds = clock.elapsed().as_secs_f64();
    let report = onedoor_check::check(&scn, &outcome.plan);
    if !report.is_valid() {
        eprintln!(
            "!!! {name}: THE PLAN IS INVALID ({} violations):",
            report.violations.len()
        );
        for v in &report.violations {
            eprintln!("!!!   {v}");
        }
    }
    if let Some(dir) = &args.save {
        std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
        write_atomic(&dir.join(format!("{name}.json")), &scenario_text)?;
        write_atomic(
            &dir.join(format!("{name}.plan.json")),
            &outcome.plan.to_json_string(),
        )?;
    }
    let measured = inst.measure(&outcome.plan)?;
    if measured.early > 0 {
        bail!(
            "{name}: {} services start before their window (a bug of the mapping)",
            measured.early
        );
    }
    eprintln!(
        "{name}: {} patients ({}), {} services, {} left out, distance {:.1}, {seconds:.2} s, {}",
        inst.patients.len(),
        instance::describe(&inst),
        inst.services(),
        outcome.plan.unscheduled.len(),
        measured.distance,
        outcome.status.code(),
    );
    Ok(Row {
        name: name.clone(),
        patients: inst.patients.len(),
        services: inst.services(),
        left_out: outcome.plan.unscheduled.len(),
        measured,
        brkga: brkga(&args.data, patients, i)?,
        best_known: bks.get(&name).copied(),
        seconds,
        valid: report.is_valid(),
    })
}

/// The markdown table of the rows, with a line of totals.
fn table(rows: &[Row]) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "| instance | patients | services | left out | late | delay broken | travel \
         | BRKGA travel | ratio | cost | BRKGA cost | best known cost | seconds | valid |"
    );
    let _ = writeln!(
        s,
        "|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|---|"
    );
    let dash = || "—".to_owned();
    for r in rows {
        let m = &r.measured;
        let (b_dist, ratio, b_cost) = match r.brkga {
            Some((b, _)) => (
                format!("{:.1}", b.distance),
                format!("{:.3}", m.distance / b.distance),
                if b.tardiness > 0.0 {
                    format!("{:.1} (tardiness {:.1})", b.cost, b.tardiness)
                } else {
                    format!("{:.1}", b.cost)
                },
            ),
            None => (dash(), dash(), dash()),
        };
        let cost = if r.left_out == 0 && m.delay_broken == 0 {
            format!("{:.1}", m.cost())
        } else {
            dash()
        };
        let _ = writeln!(
            s,
            "| {} | {} | {} | {} | {} | {} | {:.1} | {} | {} | {} | {} | {} | {:.2} | {} |",
            r.name,
            r.patients,
            r.services,
            r.left_out,
            m.late,
            m.delay_broken,
            m.distance,
            b_dist,
            ratio,
            cost,
            b_cost,
            r.best_known.map_or_else(dash, |v| format!("{v:.1}")),
            r.seconds,
            if r.valid { "yes" } else { "**NO**" },
        );
    }
    let sum = |f: &dyn Fn(&Row) -> f64| rows.iter().map(f).sum::<f64>();
    let with_brkga: Vec<&Row> = rows.iter().filter(|r| r.brkga.is_some()).collect();
    let ours: f64 = with_brkga.iter().map(|r| r.measured.distance).sum();
    let theirs: f64 = with_brkga
        .iter()
        .filter_map(|r| r.brkga.map(|(b, _)| b.distance))
        .sum();
    let _ = writeln!(
        s,
        "| **total** | {} | {} | {} | {} | {} | {:.1} | {:.1} | {} | | | | {:.2} | {}/{} |",
        sum(&|r| r.patients as f64),
        sum(&|r| r.services as f64),
        sum(&|r| r.left_out as f64),
        sum(&|r| r.measured.late as f64),
        sum(&|r| r.measured.delay_broken as f64),
        sum(&|r| r.measured.distance),
        theirs,
        if theirs > 0.0 {
            format!("{:.3}", ours / theirs)
        } else {
            "—".to_owned()
        },
        sum(&|r| r.seconds),
        rows.iter().filter(|r| r.valid).count(),
        rows.len(),
    );
    s
}

/// Runs every instance asked for; returns whether every plan was valid.
fn run() -> anyhow::Result<bool> {
    let args = args()?;
    let bks = best_known(&args.data)?;
    let mut rows = Vec::new();
    for &which in &args.instances {
        rows.push(run_one(&args, &bks, which)?);
    }
    let text = table(&rows);
    print!("{text}");
    if let Some(out) = &args.out {
        write_atomic(out, &text)?;
    }
    let invalid: Vec<&str> = rows
        .iter()
        .filter(|r| !r.valid)
        .map(|r| r.name.as_str())
        .collect();
    if !invalid.is_empty() {
        eprintln!();
        eprintln!(
            "!!! INVALID PLANS: {} (violations above). The figures of these rows mean nothing.",
            invalid.join(", ")
        );
    }
    Ok(invalid.is_empty())
}

fn main() -> ExitCode {
    match run() {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::from(2)
        }
    }
}
