//! What the examples share: the exit code of a run that checks its plans.

use std::process::ExitCode;

/// 0 when every plan was valid, 1 when one was not, 2 (with the error on stderr) when the
/// run failed.
pub fn exit_code(run: anyhow::Result<bool>) -> ExitCode {
    match run {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::from(2)
        }
    }
}
