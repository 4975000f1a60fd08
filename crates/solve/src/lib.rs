//! The optimizer behind `onedoor plan`, and the only crate that builds HiGHS (good_lp).
//!
//! In onedoor's data flow — input → scenario → travel graph (`onedoor-core`) → **dates →
//! visits → crews → repair → search → plan** (this crate) → check (`onedoor-check`) and
//! report (the `onedoor` binary) — this crate turns a loaded scenario and its travel graph
//! into a plan ([`plan()`]); [`whatif`] runs it over variants side by side, [`replan()`]
//! re-plans an announced week from a date, and [`staffing`] answers whom to certify.
//!
//! `lib.rs` holds only these docs and the public names; each type lives with its stage.
//!
//! # The pipeline, one module per stage
//!
//! The objective is lexicographic (unscheduled priority, visits, crew entries, travel),
//! and the stages follow it. In the order a solve runs them:
//!
//! | module | stage |
//! |---|---|
//! | `pipeline.rs` | the front door: [`plan()`], [`plan_with`]; `options.rs` ([`Options`], [`Strategy`], [`Start`]), `outcome.rs` ([`Outcome`], [`Status`], [`DateMethod`]), `progress.rs` ([`Stage`], [`Event`]) |
//! | `parts.rs` | a week in **independent parts** (sharing no inspector) planned part by part, each as if alone, largest first; the plans joined |
//! | `budget.rs` | the run budget of one solve: deadline, [`CancelToken`] (Ctrl-C), work count; [`thread_pool`] |
//! | `context.rs` | what every stage needs, computed once: working dates, valid dates, parts |
//! | `portfolio.rs` | the **portfolio**: several date choices, each finished into a plan (`finish.rs`); the best wins |
//! | `dates/` | the **date choosers**: `greedy.rs` (interval stabbing, and a re-plan's start dates), `ilp.rs` (the date ILP on HiGHS, per part), `baseline.rs` (the two baselines) |
//! | `split.rs` | **visit splitting**: a business's tasks on one date split into visits where a rule demands it |
//! | `crews.rs` | **crews and times** for one date, every date in parallel |
//! | `repair.rs` | **repair**: tasks left over placed again, visits at one business merged, ejection |
//! | `keep.rs` | a re-plan's start plan as a candidate: its still-valid visits kept, the rest repaired (`convert.rs` turns a plan's visits back into placed visits) |
//! | `search/` | the **search**: `dates.rs` (polish, and the large-neighbourhood date search), `crews.rs` (ruin and recreate inside dates) |
//! | `finish.rs` | one date choice **finished**: crews for every date, then repair and assembly (for the portfolio and the searches alike) |
//! | `assemble.rs` | **assembly**: the plan file, the reason for every task left out, the figures, the solver block |
//!
//! Beside the pipeline: `replan.rs` ([`replan()`], an announced week re-planned from a
//! date). It runs the pipeline's own repair moves inside a `repair::Scope` (a first date
//! and a set of locked visits) and the pipeline's own assembly (`assemble::build_in`, with
//! the history first): history kept, announced visits kept or re-crewed at their time and
//! locked, the rest placed around them, with the pipeline's own re-plan of the dates left
//! as more candidates. It keeps only the order of its stages, the visit ids and the change
//! list. Also beside it: [`whatif`] (variants side by side, bottlenecks) and [`staffing`] (whom to certify).
//!
//! A week whose businesses and inspectors fall into **independent parts** (nobody based
//! in one can reach a business of another and be back within the day: cities of a
//! province, islands with their own teams, several weeks in one file) is planned part by
//! part (`parts.rs`): each part is a scenario of its own with its own work budgets, so its
//! plan is the one it would get alone, whatever else the file holds and whatever the
//! thread count; the parts run largest first, every part's construction before any
//! part's improvement. A week that is one part is planned whole.
//!
//! A solve chooses dates ([`Stage::IlpDates`] with capacity margins 0.8, 0.7, 0.9 and 1.0,
//! then [`Stage::GreedyDates`]), and finishes each choice into a plan: visit splitting and
//! crews ([`Stage::Crews`]), repair ([`Stage::Repair`]), assembly. The first choice
//! finished is the **construction**: no deadline cuts it (only Ctrl-C), so every solve has
//! a complete plan; everything after it is **improvement**, which a deadline cuts (a choice
//! or search round it cut is thrown away). The best plan by the
//! objective wins. The portfolio stops early when a plan is provably optimal on the first
//! two levels (everything left out is ruled out by a fact, and the visits equal the lower
//! bound), when half the time limit is spent, or on Ctrl-C. The winner is then polished
//! ([`Stage::Polish`]: finished again from its own dates while that improves it, at most
//! three rounds), searched over dates ([`Stage::DateSearch`]: a large-neighbourhood search
//! releases the dates of some of the plan's tasks and finishes it again, keeping
//! improvements), over crews ([`Stage::CrewSearch`]: ruin and recreate inside dates)
//! and over routes ([`Stage::RouteSearch`]: each date as its inspectors' routes, whose
//! times follow from one forward pass, so a visit of two moves in time with both crews;
//! ruin and recreate, 2-opt and re-insertion; not on a re-plan). Searches end on work limits fixed by the instance's size, so the plan does not depend
//! on the machine.
//!
//! **Scarce certificates.** Where fewer than half the inspectors hold a certificate
//! (`Context::certified_scarce`), the date ILP also counts the visits certified officers
//! can make per date, visits are placed most valuable first — by priority per *seat
//! cost*, the capped certified officers' days a visit spends at best, so that a visit an
//! uncapped officer can join goes before an equally valuable one only two capped officers
//! can crew — and a crew spends no more certified members than the visit needs (among
//! crews of equal size), nor the day's last visit of more certified officers than it must
//! (`crews.rs`). The crew search also takes sideways rounds there (`search/crews.rs`).
//!
//! A **re-plan** ([`Options::start`], `onedoor plan --from`) replaces the ILP choices by
//! the earlier plan itself — its visits still valid by the checker's rules kept exactly,
//! the rest repaired around them (`keep.rs`, [`Stage::KeepStart`]), so a re-plan is never
//! worse than a start that is still valid — then the earlier plan's dates where still
//! valid ([`Start`], [`Stage::StartDates`]) and the greedy dates; the polish follows as
//! usual, and there is no search, so that only what the change forces moves.
//!
//! **Status.** [`Status::Optimal`] only when the first two levels are proven (everything
//! left out is ruled out by a fact, visits equal the lower bound); otherwise
//! [`Status::Feasible`], or [`Status::TimeLimit`] when stopped early. By default there is
//! no time limit (the command line sets none; [`Options::time_limit`]): a solve stops on
//! its work limits. A time limit bounds the improvement: every improving stage asks the
//! run budget before each step that can take long, and a stopped solve returns the best
//! complete plan it has; a task is left out for `time_limit` only when Ctrl-C stopped the
//! construction.
//!
//! **HiGHS failures** never end a solve: a part of the date ILP whose HiGHS call fails
//! keeps its greedy dates, and the solve says why ([`Outcome::fallbacks`], the plan's
//! `solver.fallback`). **State** belongs to one solve: its [`CancelToken`]
//! ([`Options::cancel`]) and its work count; only the thread pools ([`thread_pool`]) are
//! the process's.
//!
//! # Words
//!
//! One word per concept, in identifiers, docs and comments alike: a **date** is a working
//! date of the horizon (`DatePos`, its position in `Context::dates`; `DatePlan`, the
//! visits of one date); a **day** is only an inspector's working day (the horizon's hours
//! and the visits they crew in it); a **part** is a piece of the instance that shares no
//! inspector with the rest; **merge** is only merging visits at one business (the date
//! choice by integer program is the **date ILP**); **search** is only the date and crew
//! searches that end a solve (the **polish** re-plans from the plan's own dates; one
//! visit's crew is chosen by the **crew DFS** of `crews.rs`, and placing a visit is an
//! **insertion**); **stats** are only the plan's figures (`plan::Stats`).
//!
//! # Rules and where they are kept
//!
//! Every plan is valid by construction; the checker (`onedoor-check`) enforces the same
//! rules independently. Rule by rule (docs/format.md, "Validity rules C1–C13"):
//!
//! | rule | kept by |
//! |---|---|
//! | C1 coverage | `assemble::build`: every task in exactly one visit or in `unscheduled`; visit ids numbered once |
//! | C2 one business | `dates::Draft` and `crews::DatePlan::insert`: a visit is made for one business from its own tasks |
//! | C3 date | `Context::task_dates` (valid dates): every date chooser, `repair` and the searches place a task only on one of them |
//! | C4 hours | `crews::DatePlan::gaps` (inside the business's window and the horizon hours), `split::fits` (pinned start) |
//! | C5 duration | `Context::duration` (overhead + the largest department's minutes), `split::fits` (`max_visit_minutes`) |
//! | C6 crew | `crews::choose_crew` (every role filled by able inspectors, no repeats, enough certified) |
//! | C7 availability | `crews::DatePlan::find` (available on the date, not recused) |
//! | C8 inspector day | `crews::DatePlan::gaps` (travel from the previous stop and to the next, back to base), `DatePlan::find` (`max_visits_per_day`) |
//! | C9 business limit | `repair::enforce_limits`, `repair::at_limit`; the date ILP's business rows |
//! | C10 alone | `split::fits` and `split::into_visits` (a non-joinable task is a visit of its own) |
//! | C11 compatible | `split::fits` (compatible departments, `max_departments_per_visit`) |
//! | C12 honest reasons | `assemble.rs` (the reason of each task left out): the facts first (`Context::facts`), otherwise `capacity` or `time_limit` |
//! | C13 stats | `assemble::build`: the figures computed by `onedoor_core::figures::plan_stats` |
//!
//! Everything is deterministic: parallel work is per date or per part and collected in
//! order; HiGHS runs on one thread with a node limit; ties break on indices.
#![deny(missing_docs)]

mod assemble;
mod budget;
mod context;
mod convert;
mod crews;
mod dates;
mod finish;
mod keep;
mod options;
mod outcome;
mod parts;
mod pipeline;
mod portfolio;
mod progress;
mod repair;
mod replan;
mod search;
mod split;
#[cfg(test)]
mod tests;

pub mod error;
pub mod staffing;
pub mod whatif;
pub use budget::{thread_pool, CancelToken};
pub use error::{DateFallback, HighsError, SolveError};
pub use options::{Options, Start, Strategy, NO_TIME_LIMIT};
pub use outcome::{DateMethod, Outcome, Status};
pub use pipeline::{plan, plan_with};
pub use progress::{Event, Stage};
pub use replan::{replan, replan_pinned, Replanned};

// The domain modules, under the names the stages use (`crate::plan`, `crate::ids`, ...).
use onedoor_core::{facts, figures, ids, json, plan, scenario, travel};
