//! The desk's storage: one SQLite database, `desk.sqlite`, in the data folder.
//!
//! Three tables: `weeks` (a scenario as uploaded, its name, bureau and sizes), `plans`
//! (every version of a week's plan: made by the solver, re-planned, or edited by hand,
//! with its state, its checker verdict, its pins and, for a re-plan, the week's changed
//! facts and the change list) and `jobs` (what-if comparisons). A plan row is also the
//! job that makes it: `queued`, `running`, then `done` or `failed`.
//!
//! The database runs in WAL mode with `synchronous=FULL`: a write the server has
//! acknowledged is on disk before the answer goes out, and a `kill -9` at any moment
//! leaves the last committed state. Every write is one transaction. The schema version is
//! SQLite's `PRAGMA user_version`; `MIGRATIONS` lists the steps from 0 (an empty file)
//! on, each applied in its own transaction together with the version bump.
//!
//! No path is ever built from what a request says: the database file and the temporary
//! folder have fixed names inside the data folder.

use rusqlite::{params, Connection, OptionalExtension};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, PoisonError};

/// The schema, one step per version: step `i` takes the database from version `i` to
/// `i + 1`.
const MIGRATIONS: &[&str] = &[
    // 1: weeks, plans and jobs.
    "CREATE TABLE weeks (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        name TEXT NOT NULL,
        bureau TEXT,
        created TEXT NOT NULL,
        scenario TEXT NOT NULL,
        tasks INTEGER NOT NULL,
        inspectors INTEGER NOT NULL,
        businesses INTEGER NOT NULL,
        first_date TEXT NOT NULL,
        last_date TEXT NOT NULL,
        warnings TEXT NOT NULL DEFAULT '[]'
    );
    CREATE TABLE plans (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        week INTEGER NOT NULL REFERENCES weeks(id),
        kind TEXT NOT NULL,
        parent INTEGER REFERENCES plans(id),
        state TEXT NOT NULL,
        created TEXT NOT NULL,
        request TEXT NOT NULL DEFAULT '{}',
        scenario TEXT,
        plan TEXT,
        violations TEXT,
        valid INTEGER,
        figures TEXT,
        changes TEXT,
        pins TEXT NOT NULL DEFAULT '[]',
        draft INTEGER NOT NULL DEFAULT 0,
        error TEXT
    );
    CREATE INDEX plans_week ON plans(week);
    CREATE TABLE jobs (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        week INTEGER NOT NULL REFERENCES weeks(id),
        kind TEXT NOT NULL,
        state TEXT NOT NULL,
        created TEXT NOT NULL,
        request TEXT NOT NULL,
        result TEXT,
        error TEXT
    );",
    // 2: why each task was left out, in words, kept with the plan (task id -> {zh, en}),
    // so that reading a plan does not re-read its week. Rows stored before have NULL:
    // their words are made when read.
    "ALTER TABLE plans ADD COLUMN reasons TEXT;",
];

/// The schema version this program writes.
pub const SCHEMA_VERSION: usize = MIGRATIONS.len();

/// What went wrong in the store (always the server's fault, never the request's).
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// SQLite refused.
    #[error("database: {0}")]
    Sql(#[from] rusqlite::Error),
    /// The data folder cannot be made or read.
    #[error("data folder {path}: {message}")]
    Folder {
        /// The folder.
        path: PathBuf,
        /// Why.
        message: String,
    },
    /// A database written by a newer onedoor.
    #[error("the database has schema version {found}, newer than this program's {SCHEMA_VERSION}: use a newer onedoor")]
    Newer {
        /// The version found.
        found: usize,
    },
}

/// A week as listed.
#[derive(Clone, Debug)]
pub struct WeekRow {
    /// Its number (the id is `W` + it).
    pub id: i64,
    /// Display name.
    pub name: String,
    /// The bureau it belongs to (None: no bureau).
    pub bureau: Option<String>,
    /// When it was stored (RFC 3339, UTC).
    pub created: String,
    /// Tasks, inspectors, businesses.
    pub sizes: (i64, i64, i64),
    /// First and last date of the horizon.
    pub dates: (String, String),
    /// How many plan versions it has.
    pub plans: i64,
    /// The import's warnings.
    pub warnings: Value,
}

/// A new week to store.
pub struct NewWeek<'a> {
    /// Display name.
    pub name: &'a str,
    /// Bureau of the uploader.
    pub bureau: Option<&'a str>,
    /// The scenario (JSON text).
    pub scenario: &'a str,
    /// Tasks, inspectors, businesses.
    pub sizes: (usize, usize, usize),
    /// First and last horizon date.
    pub dates: (String, String),
    /// Import warnings.
    pub warnings: &'a Value,
}

/// A plan version as stored.
#[derive(Clone, Debug)]
pub struct PlanRow {
    /// Its number (the id is `P` + it).
    pub id: i64,
    /// Its week's number.
    pub week: i64,
    /// `plan`, `replan` or `edit`.
    pub kind: String,
    /// The plan it was made from.
    pub parent: Option<i64>,
    /// `queued`, `running`, `done` or `failed`.
    pub state: String,
    /// When it was asked for.
    pub created: String,
    /// The request that made it (time limit, re-plan facts).
    pub request: Value,
    /// The week's facts as they were for this plan (a re-plan's changed week); None: the
    /// week's own scenario.
    pub scenario: Option<String>,
    /// The plan (JSON text), once done.
    pub plan: Option<String>,
    /// The checker's violations, once done.
    pub violations: Option<Value>,
    /// Whether the checker found none.
    pub valid: Option<bool>,
    /// The plan's figures.
    pub figures: Option<Value>,
    /// A re-plan's change list.
    pub changes: Option<Value>,
    /// Visit ids re-plans from it keep.
    pub pins: Vec<String>,
    /// An invalid hand edit kept on purpose.
    pub draft: bool,
    /// Why it failed.
    pub error: Option<Value>,
    /// Why each task was left out, in words (task id -> `{"zh", "en"}`); None for plans
    /// stored by a version before this column (and in `plans_of`).
    pub reasons: Option<Value>,
}

/// A new plan version (a queued job, or a finished hand edit).
pub struct NewPlan<'a> {
    /// Its week.
    pub week: i64,
    /// `plan`, `replan` or `edit`.
    pub kind: &'a str,
    /// The plan it starts from.
    pub parent: Option<i64>,
    /// `queued` or `done`.
    pub state: &'a str,
    /// The request.
    pub request: &'a Value,
    /// The changed week, if any.
    pub scenario: Option<&'a str>,
    /// For a hand edit: the plan, its violations, validity, figures and draft flag.
    pub done: Option<Finished<'a>>,
}

/// What a finished plan stores.
pub struct Finished<'a> {
    /// The plan (JSON text).
    pub plan: &'a str,
    /// The checker's violations.
    pub violations: &'a Value,
    /// Its figures.
    pub figures: &'a Value,
    /// A re-plan's change list.
    pub changes: Option<&'a Value>,
    /// Kept although invalid.
    pub draft: bool,
    /// Why each task was left out, in words (task id -> `{"zh", "en"}`).
    pub reasons: &'a Value,
}

/// A what-if job as stored.
#[derive(Clone, Debug)]
pub struct JobRow {
    /// Its number (the id is `J` + it).
    pub id: i64,
    /// Its week's number.
    pub week: i64,
    /// `whatif`.
    pub kind: String,
    /// `queued`, `running`, `done` or `failed`.
    pub state: String,
    /// When it was asked for.
    pub created: String,
    /// The request.
    pub request: Value,
    /// The result, once done.
    pub result: Option<Value>,
    /// Why it failed.
    pub error: Option<Value>,
}

/// The database, one connection behind a lock (every statement is short; solves run
/// outside it).
pub struct Store {
    conn: Mutex<Connection>,
    tmp: PathBuf,
}

fn now() -> String {
    chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

fn json(text: Option<String>) -> Option<Value> {
    text.and_then(|t| serde_json::from_str(&t).ok())
}

impl Store {
    /// Opens (or creates) the database in `dir`, brings its schema up to date, and
    /// empties the temporary folder `dir/tmp`.
    pub fn open(dir: &Path) -> Result<Store, StoreError> {
        let folder = |e: std::io::Error| StoreError::Folder {
            path: dir.to_path_buf(),
            message: e.to_string(),
        };
        std::fs::create_dir_all(dir).map_err(folder)?;
        let tmp = dir.join("tmp");
        if tmp.exists() {
            std::fs::remove_dir_all(&tmp).map_err(folder)?;
        }
        std::fs::create_dir_all(&tmp).map_err(folder)?;
        let mut conn = Connection::open(dir.join("desk.sqlite"))?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "FULL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        conn.busy_timeout(std::time::Duration::from_secs(10))?;
        migrate(&mut conn)?;
        Ok(Store {
            conn: Mutex::new(conn),
            tmp,
        })
    }

    /// The folder for temporary files (uploads being read, exports being zipped).
    pub fn tmp(&self) -> &Path {
        &self.tmp
    }

    fn with<T>(
        &self,
        f: impl FnOnce(&mut Connection) -> rusqlite::Result<T>,
    ) -> Result<T, StoreError> {
        let mut conn = self.conn.lock().unwrap_or_else(PoisonError::into_inner);
        Ok(f(&mut conn)?)
    }

    /// Marks every job a previous server left queued or running as failed
    /// (`interrupted`); returns how many.
    pub fn interrupt_leftovers(&self) -> Result<usize, StoreError> {
        let error = serde_json::json!({
            "code": "interrupted",
            "message": "服务器在任务完成前停止 / the server stopped before the job finished"
        })
        .to_string();
        self.with(|c| {
            let tx = c.transaction()?;
            let n = tx.execute(
                "UPDATE plans SET state = 'failed', error = ?1 WHERE state IN ('queued', 'running')",
                params![error],
            )? + tx.execute(
                "UPDATE jobs SET state = 'failed', error = ?1 WHERE state IN ('queued', 'running')",
                params![error],
            )?;
            tx.commit()?;
            Ok(n)
        })
    }

    /// Stores a week; returns its number.
    pub fn add_week(&self, w: &NewWeek) -> Result<i64, StoreError> {
        self.with(|c| {
            let tx = c.transaction()?;
            tx.execute(
                "INSERT INTO weeks (name, bureau, created, scenario, tasks, inspectors, businesses,
                 first_date, last_date, warnings) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                params![
                    w.name,
                    w.bureau,
                    now(),
                    w.scenario,
                    w.sizes.0 as i64,
                    w.sizes.1 as i64,
                    w.sizes.2 as i64,
                    w.dates.0,
                    w.dates.1,
                    w.warnings.to_string()
                ],
            )?;
            let id = tx.last_insert_rowid();
            tx.commit()?;
            Ok(id)
        })
    }

    fn week_row(r: &rusqlite::Row) -> rusqlite::Result<WeekRow> {
        Ok(WeekRow {
            id: r.get(0)?,
            name: r.get(1)?,
            bureau: r.get(2)?,
            created: r.get(3)?,
            sizes: (r.get(4)?, r.get(5)?, r.get(6)?),
            dates: (r.get(7)?, r.get(8)?),
            plans: r.get(9)?,
            warnings: json(r.get(10)?).unwrap_or(Value::Array(Vec::new())),
        })
    }

    const WEEK_COLUMNS: &'static str = "w.id, w.name, w.bureau, w.created, w.tasks, w.inspectors,
        w.businesses, w.first_date, w.last_date,
        (SELECT COUNT(*) FROM plans p WHERE p.week = w.id), w.warnings";

    /// The weeks, oldest first.
    pub fn weeks(&self) -> Result<Vec<WeekRow>, StoreError> {
        self.with(|c| {
            let mut s = c.prepare(&format!(
                "SELECT {} FROM weeks w ORDER BY w.id",
                Self::WEEK_COLUMNS
            ))?;
            let rows = s.query_map([], Self::week_row)?;
            rows.collect()
        })
    }

    /// One week and its scenario text.
    pub fn week(&self, id: i64) -> Result<Option<(WeekRow, String)>, StoreError> {
        self.with(|c| {
            c.query_row(
                &format!(
                    "SELECT {}, w.scenario FROM weeks w WHERE w.id = ?1",
                    Self::WEEK_COLUMNS
                ),
                params![id],
                |r| Ok((Self::week_row(r)?, r.get(11)?)),
            )
            .optional()
        })
    }

    /// Stores a new plan version; returns its number.
    pub fn add_plan(&self, p: &NewPlan) -> Result<i64, StoreError> {
        self.with(|c| {
            let tx = c.transaction()?;
            tx.execute(
                "INSERT INTO plans (week, kind, parent, state, created, request, scenario)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![
                    p.week,
                    p.kind,
                    p.parent,
                    p.state,
                    now(),
                    p.request.to_string(),
                    p.scenario
                ],
            )?;
            let id = tx.last_insert_rowid();
            if let Some(f) = &p.done {
                finish(&tx, id, f)?;
            }
            tx.commit()?;
            Ok(id)
        })
    }

    fn plan_row(r: &rusqlite::Row) -> rusqlite::Result<PlanRow> {
        let pins: String = r.get(13)?;
        Ok(PlanRow {
            id: r.get(0)?,
            week: r.get(1)?,
            kind: r.get(2)?,
            parent: r.get(3)?,
            state: r.get(4)?,
            created: r.get(5)?,
            request: json(r.get(6)?).unwrap_or(Value::Null),
            scenario: r.get(7)?,
            plan: r.get(8)?,
            violations: json(r.get(9)?),
            valid: r.get::<_, Option<i64>>(10)?.map(|v| v != 0),
            figures: json(r.get(11)?),
            changes: json(r.get(12)?),
            pins: serde_json::from_str(&pins).unwrap_or_default(),
            draft: r.get::<_, i64>(14)? != 0,
            error: json(r.get(15)?),
            reasons: json(r.get(16)?),
        })
    }

    const PLAN_COLUMNS: &'static str = "id, week, kind, parent, state, created, request, scenario,
        plan, violations, valid, figures, changes, pins, draft, error, reasons";

    /// One plan version.
    pub fn plan(&self, id: i64) -> Result<Option<PlanRow>, StoreError> {
        self.with(|c| {
            c.query_row(
                &format!("SELECT {} FROM plans WHERE id = ?1", Self::PLAN_COLUMNS),
                params![id],
                Self::plan_row,
            )
            .optional()
        })
    }

    /// A week's plan versions, oldest first, without their plan texts and scenarios.
    pub fn plans_of(&self, week: i64) -> Result<Vec<PlanRow>, StoreError> {
        self.with(|c| {
            let mut s = c.prepare(
                "SELECT id, week, kind, parent, state, created, request, NULL, NULL, NULL,
                 valid, figures, NULL, pins, draft, error, NULL FROM plans WHERE week = ?1
                 ORDER BY id",
            )?;
            let rows = s.query_map(params![week], Self::plan_row)?;
            rows.collect()
        })
    }

    /// Marks a queued plan or job running (false: it is no longer queued, e.g. cancelled).
    pub fn start(&self, table: Table, id: i64) -> Result<bool, StoreError> {
        self.with(|c| {
            let n = c.execute(
                &format!(
                    "UPDATE {} SET state = 'running' WHERE id = ?1 AND state = 'queued'",
                    table.name()
                ),
                params![id],
            )?;
            Ok(n == 1)
        })
    }

    /// Stores a finished plan, unless it was cancelled meanwhile (false then).
    pub fn finish_plan(&self, id: i64, f: &Finished) -> Result<bool, StoreError> {
        self.with(|c| {
            let tx = c.transaction()?;
            let state: Option<String> = tx
                .query_row("SELECT state FROM plans WHERE id = ?1", params![id], |r| {
                    r.get(0)
                })
                .optional()?;
            if state.as_deref() != Some("running") {
                return Ok(false);
            }
            finish(&tx, id, f)?;
            tx.commit()?;
            Ok(true)
        })
    }

    /// Marks a queued or running plan or job failed with `error` (false: it had already
    /// ended).
    pub fn fail(&self, table: Table, id: i64, error: &Value) -> Result<bool, StoreError> {
        self.with(|c| {
            let n = c.execute(
                &format!(
                    "UPDATE {} SET state = 'failed', error = ?2
                     WHERE id = ?1 AND state IN ('queued', 'running')",
                    table.name()
                ),
                params![id, error.to_string()],
            )?;
            Ok(n == 1)
        })
    }

    /// Sets a finished plan's pins.
    pub fn set_pins(&self, id: i64, pins: &[String]) -> Result<(), StoreError> {
        let text = serde_json::to_string(pins).unwrap_or_else(|_| "[]".to_owned());
        self.with(|c| {
            c.execute(
                "UPDATE plans SET pins = ?2 WHERE id = ?1",
                params![id, text],
            )?;
            Ok(())
        })
    }

    /// Stores a queued what-if job; returns its number.
    pub fn add_job(&self, week: i64, kind: &str, request: &Value) -> Result<i64, StoreError> {
        self.with(|c| {
            let tx = c.transaction()?;
            tx.execute(
                "INSERT INTO jobs (week, kind, state, created, request) VALUES (?1, ?2, 'queued', ?3, ?4)",
                params![week, kind, now(), request.to_string()],
            )?;
            let id = tx.last_insert_rowid();
            tx.commit()?;
            Ok(id)
        })
    }

    /// One job.
    pub fn job(&self, id: i64) -> Result<Option<JobRow>, StoreError> {
        self.with(|c| {
            c.query_row(
                "SELECT id, week, kind, state, created, request, result, error FROM jobs WHERE id = ?1",
                params![id],
                |r| {
                    Ok(JobRow {
                        id: r.get(0)?,
                        week: r.get(1)?,
                        kind: r.get(2)?,
                        state: r.get(3)?,
                        created: r.get(4)?,
                        request: json(r.get(5)?).unwrap_or(Value::Null),
                        result: json(r.get(6)?),
                        error: json(r.get(7)?),
                    })
                },
            )
            .optional()
        })
    }

    /// Stores a finished job's result, unless it was cancelled meanwhile.
    pub fn finish_job(&self, id: i64, result: &Value) -> Result<bool, StoreError> {
        self.with(|c| {
            let n = c.execute(
                "UPDATE jobs SET state = 'done', result = ?2 WHERE id = ?1 AND state = 'running'",
                params![id, result.to_string()],
            )?;
            Ok(n == 1)
        })
    }
}

/// Which table a job lives in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Table {
    /// A plan version being made.
    Plans,
    /// A what-if comparison.
    Jobs,
}

impl Table {
    fn name(self) -> &'static str {
        match self {
            Table::Plans => "plans",
            Table::Jobs => "jobs",
        }
    }
}

/// Writes a finished plan into its row (inside the caller's transaction).
fn finish(tx: &rusqlite::Transaction, id: i64, f: &Finished) -> rusqlite::Result<()> {
    let valid = f.violations.as_array().is_none_or(|v| v.is_empty());
    tx.execute(
        "UPDATE plans SET state = 'done', plan = ?2, violations = ?3, valid = ?4, figures = ?5,
         changes = ?6, draft = ?7, reasons = ?8 WHERE id = ?1",
        params![
            id,
            f.plan,
            f.violations.to_string(),
            valid as i64,
            f.figures.to_string(),
            f.changes.map(Value::to_string),
            f.draft as i64,
            f.reasons.to_string()
        ],
    )?;
    Ok(())
}

/// Brings the schema up to [`SCHEMA_VERSION`], one transaction per step.
fn migrate(conn: &mut Connection) -> Result<(), StoreError> {
    let found: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    let found = usize::try_from(found).unwrap_or(0);
    if found > SCHEMA_VERSION {
        return Err(StoreError::Newer { found });
    }
    for (i, step) in MIGRATIONS.iter().enumerate().skip(found) {
        let tx = conn.transaction()?;
        tx.execute_batch(step)?;
        tx.pragma_update(None, "user_version", (i + 1) as i64)?;
        tx.commit()?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A plan of week `week`, queued and then started.
    fn running_plan(store: &Store, week: i64) -> i64 {
        let req = serde_json::json!({});
        let p = store
            .add_plan(&NewPlan {
                week,
                kind: "plan",
                parent: None,
                state: "queued",
                request: &req,
                scenario: None,
                done: None,
            })
            .expect("plan");
        assert!(store.start(Table::Plans, p).expect("start"));
        p
    }

    #[test]
    fn migrations_run_once_and_jobs_left_running_are_interrupted() {
        let dir = std::env::temp_dir().join(format!("onedoor-store-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let store = Store::open(&dir).expect("open");
        let warnings = serde_json::json!([]);
        let w = store
            .add_week(&NewWeek {
                name: "w",
                bureau: None,
                scenario: "{}",
                sizes: (1, 2, 3),
                dates: ("2022-09-12".into(), "2022-09-16".into()),
                warnings: &warnings,
            })
            .expect("week");
        let p = running_plan(&store, w);
        drop(store);
        let store = Store::open(&dir).expect("reopen");
        assert_eq!(store.interrupt_leftovers().expect("interrupt"), 1);
        let row = store.plan(p).expect("read").expect("there");
        assert_eq!(row.state, "failed");
        assert_eq!(row.error.expect("error")["code"], "interrupted");
        assert_eq!(store.weeks().expect("weeks").len(), 1);
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_version_1_database_gains_the_reasons_column_and_keeps_its_plans() {
        let dir = std::env::temp_dir().join(format!("onedoor-store-v1-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("dir");
        {
            let conn = Connection::open(dir.join("desk.sqlite")).expect("v1 file");
            conn.execute_batch(MIGRATIONS[0]).expect("v1 schema");
            conn.pragma_update(None, "user_version", 1).expect("v1");
            conn.execute_batch(
                "INSERT INTO weeks (name, created, scenario, tasks, inspectors, businesses,
                     first_date, last_date) VALUES ('w', 'now', '{}', 1, 2, 3, 'a', 'b');
                 INSERT INTO plans (week, kind, state, created, plan, violations, valid)
                     VALUES (1, 'plan', 'done', 'now', '{}', '[]', 1);",
            )
            .expect("a v1 plan");
        }
        let store = Store::open(&dir).expect("migrates");
        let old = store.plan(1).expect("read").expect("kept");
        assert_eq!((old.state.as_str(), old.reasons), ("done", None));
        let p = running_plan(&store, 1);
        let reasons = serde_json::json!({"T1": {"zh": "没有合适的日期", "en": "no valid day"}});
        let done = Finished {
            plan: "{}",
            violations: &serde_json::json!([]),
            figures: &serde_json::json!({}),
            changes: None,
            draft: false,
            reasons: &reasons,
        };
        assert!(store.finish_plan(p, &done).expect("finish"));
        assert_eq!(
            store.plan(p).expect("read").expect("there").reasons,
            Some(reasons)
        );
        let _ = std::fs::remove_dir_all(&dir);
    }
}
