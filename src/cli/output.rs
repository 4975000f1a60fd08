//! Writing files safely: write a temporary file beside the target, then rename it over.

use std::io::Write;
use std::path::Path;

/// Writes `contents` to `path` atomically: a reader sees the old file or the new one,
/// never half of it, and a failure leaves the old file untouched.
///
/// A path that is a device or a pipe (`-o /dev/null`, `-o /dev/stdout`) is written in
/// place: renaming a file over it would replace the device itself with a regular file.
pub fn write_atomic(path: &Path, contents: &[u8]) -> std::io::Result<()> {
    write_atomic_with(path, |w| w.write_all(contents))
}

/// [`write_atomic`] for contents written piece by piece by `write` (into a buffered
/// writer), so that a large file is never held whole in memory.
pub fn write_atomic_with(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> std::io::Result<()> {
    if std::fs::metadata(path).is_ok_and(|m| !m.is_file() && !m.is_dir()) {
        let device = std::fs::OpenOptions::new().write(true).open(path)?;
        let mut w = std::io::BufWriter::new(device);
        write(&mut w)?;
        return w.flush();
    }
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => std::path::PathBuf::from("."),
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "output".into());
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| {
        let mut w = std::io::BufWriter::new(std::fs::File::create(&tmp)?);
        write(&mut w)?;
        let f = w
            .into_inner()
            .map_err(std::io::IntoInnerError::into_error)?;
        f.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

#[cfg(all(test, unix))]
mod tests {
    use super::write_atomic;
    use std::io::Read;

    /// A pipe given as the output path stays a pipe, and what is written comes out of it.
    #[test]
    fn a_pipe_is_written_in_place_not_replaced() {
        let dir = tempfile::tempdir().expect("temp dir");
        let fifo = dir.path().join("out.fifo");
        let made = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .expect("mkfifo runs");
        assert!(made.success(), "mkfifo");
        let reader = {
            let fifo = fifo.clone();
            std::thread::spawn(move || {
                let mut text = String::new();
                std::fs::File::open(&fifo)
                    .expect("open the pipe")
                    .read_to_string(&mut text)
                    .expect("read the pipe");
                text
            })
        };
        write_atomic(&fifo, b"plan").expect("write");
        // Checked before joining: had the pipe been replaced, the reader would wait on it
        // for ever.
        let kind = std::fs::symlink_metadata(&fifo)
            .expect("still there")
            .file_type();
        assert!(!kind.is_file(), "the pipe was replaced by a regular file");
        assert_eq!(reader.join().expect("reader"), "plan");
        assert_eq!(
            std::fs::read_dir(dir.path()).expect("list").count(),
            1,
            "no temp file left"
        );
    }

    /// A regular file is replaced whole, with no temporary file left beside it.
    #[test]
    fn a_file_is_replaced_whole() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("plan.json");
        std::fs::write(&path, "old, and longer than the new text").expect("seed");
        write_atomic(&path, b"new").expect("write");
        assert_eq!(std::fs::read_to_string(&path).expect("read"), "new");
        assert_eq!(std::fs::read_dir(dir.path()).expect("list").count(), 1);
    }
}
