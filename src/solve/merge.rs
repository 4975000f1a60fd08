//! Stage 1: the date of every task (stub for the ILP: greedy for now).

use super::assign::{self, Draft};
use super::context::Context;
use super::Options;
use std::time::Instant;

/// Chooses dates for every schedulable task; returns the drafts and a status word.
pub fn dates(ctx: &Context, _options: &Options, _deadline: Instant) -> (Vec<Draft>, String) {
    (assign::greedy(ctx), "greedy".to_owned())
}
