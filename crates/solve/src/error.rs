//! What can stop a solve from running (input problems are `InputError`s, found before),
//! and what can go wrong inside HiGHS (a [`HighsError`]: the solve goes on with greedy
//! dates, and says so in the plan's `solver` block).

/// A solve that could not run (input problems are [`onedoor_core::InputError`]s, found
/// before).
#[derive(Debug, thiserror::Error)]
pub enum SolveError {
    /// The worker threads could not be started.
    #[error("cannot start worker threads: {0}")]
    Threads(#[from] rayon::ThreadPoolBuildError),
    /// A plan came out without its figures (an internal fault, never expected).
    #[error("the plan for {0} has incomplete figures")]
    Figures(String),
}

/// Why HiGHS gave no dates for one part of the date ILP. Never fatal: the part keeps its
/// greedy dates, and the plan's `solver` block records the cause (`fallback`).
///
/// Each variant is one step of the call into HiGHS, with what HiGHS answered.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum HighsError {
    /// HiGHS refused the model (its matrix, bounds or costs).
    #[error("HiGHS refused the model: {0}")]
    Model(String),
    /// HiGHS refused an option.
    #[error("HiGHS refused the option {name}: {cause}")]
    Option {
        /// The option's name.
        name: &'static str,
        /// What HiGHS answered.
        cause: String,
    },
    /// HiGHS refused the warm start (the greedy dates as its first solution).
    #[error("HiGHS refused the warm start: {0}")]
    WarmStart(String),
    /// HiGHS stopped with an error while solving.
    #[error("HiGHS failed while solving: {0}")]
    Run(String),
    /// HiGHS finished with a status that gives no dates (infeasible, unbounded, or an
    /// error status).
    #[error("HiGHS ended with status {0}")]
    Status(String),
    /// HiGHS finished without a feasible solution to read.
    #[error("HiGHS found no feasible solution")]
    NoSolution,
    /// The HiGHS bindings panicked (an assertion of the `highs` crate); the panic was
    /// contained.
    #[error("the HiGHS bindings panicked: {0}")]
    Panic(String),
}

/// A part of the date ILP that kept its greedy dates because HiGHS failed (the plan's
/// `solver.fallback`; with `--verbose`, also on stderr).
#[derive(Clone, Debug, PartialEq)]
pub struct DateFallback {
    /// The part (businesses and inspectors sharing no inspector with the rest).
    pub part: u32,
    /// The capacity margin the date ILP ran with.
    pub margin: f64,
    /// What HiGHS did.
    pub error: HighsError,
}

impl std::fmt::Display for DateFallback {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "part {} at capacity margin {}: {}",
            self.part, self.margin, self.error
        )
    }
}

/// A HiGHS failure the tests force ([`crate::budget::Run::fault`]), one per failure path
/// of the date ILP's `solve_model`. Where HiGHS itself can be made to fail, the fault makes it fail
/// (an unknown option, a warm start of the wrong length, an infeasible row); the others
/// (a refused model, an error while solving, no solution, a panic) stand in for what
/// HiGHS reports on inputs no test builds reliably.
#[cfg(test)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Fault {
    /// HiGHS refuses the model.
    Model,
    /// An option HiGHS does not know.
    Option,
    /// A warm start with one value too many.
    WarmStart,
    /// An error while solving.
    Run,
    /// A row no solution meets: HiGHS ends `Infeasible`.
    Status,
    /// A solve that ends without a feasible solution.
    NoSolution,
    /// A panic inside the HiGHS bindings.
    Panic,
}
