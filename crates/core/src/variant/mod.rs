//! What-if scenario variants and command-line shortcuts.
//!
//! A **variant file** names a base scenario (`extends`, relative to the variant file)
//! and the changes a planner wants to try:
//!
//! ```json
//! {
//!   "extends": "week.json",
//!   "name": "Week without F2, Thursday off",
//!   "remove": {"inspectors": ["F2"]},
//!   "upsert": {"tasks": [{"id": "T14", "department": "fire", "business": "B1", "minutes": 30}]},
//!   "set": {"horizon": {"holidays": ["2022-09-15"]}, "rules": {"min_certified_per_visit": 3}}
//! }
//! ```
//!
//! [`load`] resolves it in this order:
//!
//! 1. the base is loaded: a plain scenario through the normal loader (so its errors are
//!    exactly those of [`crate::load_scenario`]), or a variant, recursively (a cycle of
//!    `extends` is an error);
//! 2. `remove` deletes ids and cascades to whatever refers to them;
//! 3. `upsert` replaces whole objects by id or appends them;
//! 4. no inspector may still be based at a removed place or business;
//! 5. `set` merge-patches `horizon`, `rules` and `travel` (RFC 7386);
//! 6. `name` becomes the variant's `name`, else the base's name + ` (variant)`;
//! 7. the resulting tree goes through the normal scenario loader.
//!
//! Then the [`Shortcuts`] are applied to the tree and the result is
//! loaded once more. Every cascade, upsert, patched value and shortcut leaves a note in
//! [`Loaded::notes`], so the planner can see exactly what changed.

mod file;
mod patch;
mod remove;
mod shortcuts;
mod tree;

use crate::error::{InputError, Problem, ProblemKind};
use crate::json::Json;
use crate::scenario::{parse_scenario, Scenario};
use std::path::{Path, PathBuf};

/// Command-line shortcuts, applied after any variant.
#[derive(Clone, Debug, Default)]
pub struct Shortcuts {
    /// Inspectors to remove (`--drop-inspector F01`).
    pub drop_inspector: Vec<String>,
    /// Days off to add, each `ID:DATE` (`--unavailable F01:2022-09-14`).
    pub unavailable: Vec<String>,
    /// Dates to add to `horizon.holidays` (`--holiday 2022-09-15`).
    pub holiday: Vec<String>,
    /// Rules to set, each `KEY=VALUE` with VALUE in JSON (`--rule min_certified_per_visit=3`).
    pub rule: Vec<String>,
    /// Dates a business is closed, each `BUSINESS:DATE` (`--close B007:2022-09-15`).
    pub close: Vec<String>,
}

impl Shortcuts {
    /// Whether no shortcut is given.
    pub fn is_empty(&self) -> bool {
        self.drop_inspector.is_empty()
            && self.unavailable.is_empty()
            && self.holiday.is_empty()
            && self.rule.is_empty()
            && self.close.is_empty()
    }
}

/// A loaded scenario (plain file or variant) with the notes of every cascade and shortcut applied.
#[derive(Clone, Debug)]
pub struct Loaded {
    /// The validated scenario.
    pub scenario: Scenario,
    /// What the variant chain and the shortcuts did, one line each, in the order applied.
    pub notes: Vec<String>,
    /// The resolved scenario as a JSON tree (a complete scenario file).
    pub json: Json,
}

/// Loads a scenario or variant file and applies the shortcuts.
pub fn load(path: &Path, shortcuts: &Shortcuts) -> Result<Loaded, InputError> {
    let mut notes = Vec::new();
    let (json, scenario) = resolve(path, &mut Vec::new(), &mut notes)?;
    with_shortcuts(
        json,
        scenario,
        notes,
        &path.display().to_string(),
        shortcuts,
    )
}

/// Loads a scenario already read into a tree by other means (the binary's spreadsheet
/// import) and applies the shortcuts; `file` names the source in errors.
pub fn load_tree(tree: Json, file: &str, shortcuts: &Shortcuts) -> Result<Loaded, InputError> {
    let scenario = validate(&tree, file)?;
    with_shortcuts(tree, scenario, Vec::new(), file, shortcuts)
}

/// Applies the shortcuts to a loaded tree (`file` names the source in errors).
fn with_shortcuts(
    mut json: Json,
    scenario: Scenario,
    mut notes: Vec<String>,
    file: &str,
    shortcuts: &Shortcuts,
) -> Result<Loaded, InputError> {
    if shortcuts.is_empty() {
        return Ok(Loaded {
            scenario,
            notes,
            json,
        });
    }
    shortcuts::apply(&mut json, shortcuts, &mut notes)?;
    let file = format!("{file} with the command-line shortcuts");
    let scenario = validate(&json, &file).map_err(|mut e| {
        shortcuts::blame_rules(&mut e.problems, shortcuts);
        e
    })?;
    Ok(Loaded {
        scenario,
        notes,
        json,
    })
}

/// The most variant files one chain may hold above its scenario (each `extends` is one
/// level, resolved recursively: the limit keeps the stack bounded).
pub const MAX_CHAIN: usize = 64;

/// One file of the `extends` chain: its canonical path and its name as shown.
type Link = (PathBuf, String);

/// Loads `path` (plain scenario or variant) into a validated tree. `chain` holds the
/// variants being resolved above this one, for cycle detection.
fn resolve(
    path: &Path,
    chain: &mut Vec<Link>,
    notes: &mut Vec<String>,
) -> Result<(Json, Scenario), InputError> {
    let crate::error::InputFile { name: file, text } = crate::error::InputFile::read(path)?;
    let root = match Json::parse(&text) {
        Ok(root) if file::is_variant(&root) => root,
        parsed => {
            // A plain scenario: exactly the normal loader's result and errors.
            let scenario = parse_scenario(&text, &file)?;
            let root = parsed.map_err(|e| {
                InputError::single(&file, ProblemKind::Syntax, format!("not valid JSON: {e}"))
            })?;
            return Ok((root, scenario));
        }
    };
    let variant = file::read(&root, &file)?;
    let fail = |problems: Vec<Problem>| InputError {
        file: file.clone(),
        problems,
    };

    // The base, resolved recursively.
    let canonical = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    let base_path = path
        .parent()
        .unwrap_or_else(|| Path::new(""))
        .join(&variant.extends);
    let base_canonical = std::fs::canonicalize(&base_path).map_err(|e| {
        let (kind, message) = if e.kind() == std::io::ErrorKind::NotFound {
            (
                ProblemKind::Dangling,
                format!(
                    "the base file \"{}\" does not exist (looked for {}); the path is \
                     relative to this variant file",
                    variant.extends,
                    base_path.display()
                ),
            )
        } else {
            (
                ProblemKind::Io,
                format!("cannot open the base file {}: {e}", base_path.display()),
            )
        };
        fail(vec![problem("extends", kind, message)])
    })?;
    if chain.len() >= MAX_CHAIN {
        let first = chain.first().map_or(file.as_str(), |(_, n)| n.as_str());
        let message = format!(
            "the chain of variant files is deeper than {MAX_CHAIN} (from {first} down to this \
             file): extend a scenario or a shorter chain"
        );
        return Err(fail(vec![problem(
            "extends",
            ProblemKind::Invalid,
            message,
        )]));
    }
    chain.push((canonical, file.clone()));
    if let Some(at) = chain.iter().position(|(p, _)| *p == base_canonical) {
        let mut names: Vec<&str> = chain[at..].iter().map(|(_, n)| n.as_str()).collect();
        names.push(&chain[at].1);
        let message = format!(
            "\"{}\" leads back to a file already being extended, a cycle: {}",
            variant.extends,
            names.join(" → ")
        );
        return Err(fail(vec![problem(
            "extends",
            ProblemKind::Invalid,
            message,
        )]));
    }
    let (mut tree, _) = resolve(&base_path, chain, notes)?;
    chain.pop();

    // The changes, in order: remove, upsert, bases, set, name. An unknown id to remove
    // is a no-op, so the base check still runs and every problem is reported at once.
    let mut problems = Vec::new();
    remove::check_names(&tree, &variant, &mut problems);
    patch::check_upsert(&variant, &mut problems);
    let removed = remove::apply(&mut tree, &variant, &file, notes);
    let origins = patch::upsert(&mut tree, &variant, &file, notes);
    remove::check_bases(&tree, &removed, &mut problems);
    if !problems.is_empty() {
        return Err(fail(problems));
    }
    patch::set(&mut tree, &variant, &file, notes);
    let name = match &variant.name {
        Some(name) => name.clone(),
        None => variant_name(&tree, path),
    };
    tree::set_name(&mut tree, &name);

    let resolved = format!("{file} (the scenario it gives)");
    let scenario = validate(&tree, &resolved).map_err(|mut e| {
        patch::blame_upserts(&mut e.problems, &origins);
        e
    })?;
    Ok((tree, scenario))
}

/// The default name of a variant: the base's name + ` (variant)`, or the file's stem
/// when the base has no name.
fn variant_name(base: &Json, path: &Path) -> String {
    match base.get("name") {
        Some(Json::Str(name)) if !name.is_empty() => format!("{name} (variant)"),
        _ => path.file_stem().map_or_else(
            || "variant".to_owned(),
            |s| s.to_string_lossy().into_owned(),
        ),
    }
}

fn problem(place: &str, kind: ProblemKind, message: String) -> Problem {
    Problem {
        place: place.to_owned(),
        kind,
        message,
    }
}

/// Runs a scenario tree through the normal loader.
fn validate(tree: &Json, file: &str) -> Result<Scenario, InputError> {
    let text = serde_json::to_string(tree).map_err(|e| {
        InputError::single(
            file,
            ProblemKind::Invalid,
            format!("cannot write the scenario: {e}"),
        )
    })?;
    parse_scenario(&text, file)
}
