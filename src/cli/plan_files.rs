//! File names for the plans `whatif -o DIR` writes: one per case, never two alike.
//!
//! A case read from a file is named after the file's stem (`week.json` → `week`), as
//! `onedoor plan` users expect. When an earlier case already took that name (`x/v.json`
//! and `y/v.json`, or `base.json` and `other/base.json`), the folders above the file are
//! prefixed one at a time (`y-v`, `other-base`) until the name is free; if the paths
//! run out (the same file given twice), a number is appended (`v-2`). Cases keep their
//! order, so the base always keeps its plain stem. Names are compared without regard to
//! case, so that no two plans share a file on a case-insensitive file system either.

use std::path::Path;

/// One case to name: its file, or `None` for the command-line shortcuts case (which
/// is named `shortcuts`, else `<base stem>-shortcuts`).
pub fn plan_stems(files: &[Option<&Path>]) -> Vec<String> {
    let base_parts = files.first().copied().flatten().map(parts);
    let mut taken: Vec<String> = Vec::new();
    for (i, file) in files.iter().enumerate() {
        let candidates: Vec<String> = match file {
            Some(path) => {
                let p = parts(path);
                (1..=p.len().max(1))
                    .map(|k| {
                        let mut name: Vec<&str> = p.iter().take(k).map(String::as_str).collect();
                        name.reverse();
                        name.join("-")
                    })
                    .collect()
            }
            None => {
                let mut c = vec!["shortcuts".to_owned()];
                if let Some(stem) = base_parts.as_ref().and_then(|p| p.first()) {
                    c.push(format!("{stem}-shortcuts"));
                }
                c
            }
        };
        let fallback = candidates
            .first()
            .cloned()
            .unwrap_or_else(|| format!("case-{i}"));
        let free =
            |name: &str, taken: &[String]| !taken.iter().any(|t| t.eq_ignore_ascii_case(name));
        let name = candidates
            .into_iter()
            .find(|c| !c.is_empty() && free(c, &taken))
            .unwrap_or_else(|| {
                (2..)
                    .map(|n| format!("{fallback}-{n}"))
                    .find(|c| free(c, &taken))
                    .unwrap_or_default()
            });
        taken.push(name);
    }
    taken
}

/// The file's stem, then the names of the folders above it, nearest first (from the
/// canonical path where the file exists). Control characters become `_`, so that every
/// name can be shown on one line.
fn parts(path: &Path) -> Vec<String> {
    let full = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    let mut out = Vec::new();
    if let Some(stem) = full.file_stem() {
        out.push(clean(&stem.to_string_lossy()));
    }
    if let Some(parent) = full.parent() {
        for c in parent.components().rev() {
            if let std::path::Component::Normal(name) = c {
                out.push(clean(&name.to_string_lossy()));
            }
        }
    }
    out.retain(|s| !s.is_empty());
    out
}

fn clean(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_control() { '_' } else { c })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_never_collide_and_the_base_keeps_its_stem() {
        let names = plan_stems(&[
            Some(Path::new("/nowhere/d/base.json")),
            Some(Path::new("/nowhere/x/v.json")),
            Some(Path::new("/nowhere/y/v.json")),
            Some(Path::new("/nowhere/d/base2/base.json")),
            Some(Path::new("/nowhere/x/v.json")),
            Some(Path::new("/nowhere/d/shortcuts.json")),
            None,
        ]);
        assert_eq!(
            names,
            [
                "base",
                "v",
                "y-v",
                "base2-base",
                "x-v",
                "shortcuts",
                "base-shortcuts"
            ]
        );
    }

    #[test]
    fn the_same_file_twice_gets_a_number() {
        let names = plan_stems(&[Some(Path::new("v.json")), Some(Path::new("v.json"))]);
        assert_eq!(names.len(), 2);
        assert_ne!(names[0].to_lowercase(), names[1].to_lowercase());
        assert_eq!(names[0], "v");
    }
}
