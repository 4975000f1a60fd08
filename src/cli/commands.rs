//! One function per subcommand: load, call the library, print, write.

use super::output::write_atomic;
use super::PlanArgs;
use crate::plan::Plan;
use crate::travel::TravelGraph;
use anyhow::Context;
use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

pub fn check(scenario: &Path, plan: &Path) -> anyhow::Result<ExitCode> {
    let scn = crate::load_scenario(scenario)?;
    let plan = Plan::load(plan)?;
    let travel = TravelGraph::build(&scn);
    let report = crate::check::check(&scn, &travel, &plan);
    let mut out = std::io::stdout().lock();
    out.write_all(report.render(&scn).as_bytes())?;
    Ok(if report.is_valid() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

pub fn stats(scenario: &Path) -> anyhow::Result<ExitCode> {
    let scn = crate::load_scenario(scenario)?;
    let travel = TravelGraph::build(&scn);
    let text = crate::stats::report(&scn, &travel);
    std::io::stdout().lock().write_all(text.as_bytes())?;
    Ok(ExitCode::SUCCESS)
}

pub fn generate(
    preset: crate::generate::Preset,
    seed: u64,
    output: &Path,
) -> anyhow::Result<ExitCode> {
    let text = crate::generate::generate(preset, seed);
    write_atomic(output, text.as_bytes())
        .with_context(|| format!("cannot write {}", output.display()))?;
    eprintln!("wrote {}", output.display());
    Ok(ExitCode::SUCCESS)
}

pub fn plan(args: &PlanArgs) -> anyhow::Result<ExitCode> {
    let scn = crate::load_scenario(&args.scenario)?;
    let travel = TravelGraph::build(&scn);
    let options = crate::solve::Options {
        time_limit: std::time::Duration::from_secs_f64(args.time_limit.max(0.0)),
        threads: args.threads,
        seed: args.seed,
        progress: !args.json,
        strategy: crate::solve::Strategy::Optimize,
    };
    // First Ctrl-C: stop searching and write the best plan so far; a second one quits.
    let _ = ctrlc::set_handler(|| {
        static PRESSED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);
        if PRESSED.swap(true, std::sync::atomic::Ordering::SeqCst) {
            std::process::exit(130);
        }
        eprintln!(
            "onedoor: interrupted: finishing with the best plan so far (Ctrl-C again to quit)"
        );
        crate::solve::interrupt();
    });
    let outcome = crate::solve::plan(&scn, &travel, &options)?;
    let text = outcome.plan.to_json_string();
    if let Some(path) = &args.output {
        write_atomic(path, text.as_bytes())
            .with_context(|| format!("cannot write {}", path.display()))?;
    }
    let mut out = std::io::stdout().lock();
    if args.json {
        out.write_all(text.as_bytes())?;
    } else {
        out.write_all(crate::solve::summary(&scn, &outcome).as_bytes())?;
        if let Some(path) = &args.output {
            writeln!(out, "plan written to {}", path.display())?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
