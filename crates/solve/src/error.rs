//! What can stop a solve from running (input problems are `InputError`s, found before).

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
