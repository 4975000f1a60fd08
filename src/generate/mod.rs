//! Synthetic scenarios. (Stub: being written.)

/// Size and shape of a generated scenario.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Preset {
    /// About 15 tasks.
    Tiny,
    /// About 260 tasks at 100 businesses.
    District,
    /// About 3,000 tasks.
    City,
    /// About 50,000 tasks.
    Province,
}

/// The scenario JSON text for a preset and seed.
pub fn generate(_preset: Preset, _seed: u64) -> String {
    String::new()
}
