//! Who is asking: the users file, passwords, sessions and the CSRF token.
//!
//! The users file (`--users FILE`) holds one user a line, `name:hash` or
//! `name:hash:bureau`, where `hash` is an Argon2id hash in PHC form
//! (`$argon2id$v=19$m=19456,t=2,p=1$…`); `onedoor user add` writes it. Empty lines and
//! lines starting with `#` are skipped. API clients send HTTP Basic credentials with
//! every request; the page logs in once (`POST /login`) and then carries a session cookie
//! (`onedoor_session`: HttpOnly, SameSite=Strict) and sends the session's CSRF token in
//! the `X-CSRF-Token` header with every request that changes something.
//!
//! Sessions live in the server's memory (12 hours each): a restart logs everyone out.
//! Failed logins are slowed down: after the third failure for one name or one address in
//! a row, each further attempt waits a second more (at most 10), and every failure waits
//! at least half a second before its answer. An unknown name costs the same hash as a
//! known one, so timing does not tell which names exist. Tokens are compared in constant
//! time.

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use rand::Rng;
use std::collections::HashMap;
use std::path::Path;
use std::sync::{Mutex, PoisonError};
use std::time::{Duration, Instant};

/// One user of the users file.
#[derive(Clone, Debug)]
pub struct User {
    /// The login name.
    pub name: String,
    /// The Argon2id hash (PHC string).
    hash: String,
    /// The bureau whose weeks alone the user sees (None: every week).
    pub bureau: Option<String>,
}

/// The users file, read once at start.
#[derive(Clone, Debug, Default)]
pub struct Users {
    users: Vec<User>,
}

/// A hash of a password nobody has, verified for unknown names so that they cost the
/// same time as known ones.
static DUMMY: std::sync::OnceLock<String> = std::sync::OnceLock::new();

/// A name the users file accepts: not empty, no `:` nor control characters nor spaces at
/// either end.
pub fn valid_name(name: &str) -> bool {
    !name.is_empty()
        && !name.contains(':')
        && !name.chars().any(char::is_control)
        && name.trim() == name
}

impl Users {
    /// Reads the users file; every bad line is reported at once (`FILE:LINE: …`).
    pub fn load(path: &Path) -> Result<Users, String> {
        let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
        let mut users = Vec::new();
        let mut problems = Vec::new();
        for (i, line) in text.lines().enumerate() {
            let line = line.trim_end_matches('\r');
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let parts: Vec<&str> = line.splitn(3, ':').collect();
            let place = format!("{}:{}", path.display(), i + 1);
            match parts.as_slice() {
                [name, hash, rest @ ..] if valid_name(name) && PasswordHash::new(hash).is_ok() => {
                    users.push(User {
                        name: (*name).to_owned(),
                        hash: (*hash).to_owned(),
                        bureau: rest
                            .first()
                            .map(|b| b.trim().to_owned())
                            .filter(|b| !b.is_empty()),
                    })
                }
                _ => problems.push(format!(
                    "{place}: 不是 name:hash[:bureau] 行 / not a name:hash[:bureau] line \
                     (write it with `onedoor user add`)"
                )),
            }
        }
        if problems.is_empty() {
            Ok(Users { users })
        } else {
            Err(problems.join("\n"))
        }
    }

    /// The user `name` if `password` is theirs (always one hash verification, whether
    /// or not the name exists).
    pub fn verify(&self, name: &str, password: &str) -> Option<User> {
        let user = self.users.iter().find(|u| u.name == name);
        let hash = match user {
            Some(u) => u.hash.clone(),
            None => DUMMY
                .get_or_init(|| hash_password("not a password").unwrap_or_default())
                .clone(),
        };
        let ok = PasswordHash::new(&hash).is_ok_and(|h| {
            Argon2::default()
                .verify_password(password.as_bytes(), &h)
                .is_ok()
        });
        user.filter(|_| ok).cloned()
    }
}

/// An Argon2id hash of `password` with a fresh random salt, in PHC form.
pub fn hash_password(password: &str) -> Result<String, String> {
    let mut bytes = [0u8; 16];
    rand::rng().fill(&mut bytes);
    let salt = SaltString::encode_b64(&bytes).map_err(|e| e.to_string())?;
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| e.to_string())
}

/// Adds (or replaces) a user in the users file, written atomically; the other lines stay
/// as they were.
pub fn add_user(
    path: &Path,
    name: &str,
    password: &str,
    bureau: Option<&str>,
) -> Result<(), String> {
    if !valid_name(name) {
        return Err(format!(
            "用户名 \"{}\" 不可用：不能为空，不能含 ':' 或控制字符 / the name cannot be empty \
             nor hold ':' or control characters",
            onedoor_core::error::escape_controls(name)
        ));
    }
    if let Some(b) = bureau {
        if b.contains(':') || b.chars().any(char::is_control) || b.trim().is_empty() {
            return Err("局名不能为空，不能含 ':' 或控制字符 / the bureau cannot be empty nor hold ':' or control characters".to_owned());
        }
    }
    if password.is_empty() {
        return Err("密码为空 / the password is empty (give it on standard input)".to_owned());
    }
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => return Err(format!("{}: {e}", path.display())),
    };
    let hash = hash_password(password)?;
    let mut out = String::new();
    for line in text.lines() {
        if line.split(':').next() == Some(name) {
            continue;
        }
        out.push_str(line);
        out.push('\n');
    }
    out.push_str(name);
    out.push(':');
    out.push_str(&hash);
    if let Some(b) = bureau {
        out.push(':');
        out.push_str(b.trim());
    }
    out.push('\n');
    crate::cli::output::write_atomic(path, out.as_bytes())
        .map_err(|e| format!("{}: {e}", path.display()))
}

/// A fresh random token (32 hex digits, 128 bits from the OS-seeded generator).
pub fn token() -> String {
    let mut bytes = [0u8; 16];
    rand::rng().fill(&mut bytes);
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Whether two strings are equal, in time that depends only on their lengths.
pub fn same(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// Decodes standard base64 (with or without padding); None for anything else.
pub fn base64_decode(text: &str) -> Option<Vec<u8>> {
    let value = |c: u8| -> Option<u32> {
        Some(match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            _ => return None,
        } as u32)
    };
    let bytes = text.trim().trim_end_matches('=').as_bytes();
    let mut out = Vec::with_capacity(bytes.len() * 3 / 4);
    for chunk in bytes.chunks(4) {
        if chunk.len() == 1 {
            return None;
        }
        let mut n = 0u32;
        for (i, &c) in chunk.iter().enumerate() {
            n |= value(c)? << (18 - 6 * i);
        }
        out.push((n >> 16) as u8);
        if chunk.len() > 2 {
            out.push((n >> 8) as u8);
        }
        if chunk.len() > 3 {
            out.push(n as u8);
        }
    }
    Some(out)
}

/// A logged-in page.
#[derive(Clone, Debug)]
pub struct Session {
    /// Who.
    pub user: User,
    /// The token the page must send with every change.
    pub csrf: String,
    /// When it ends.
    pub ends: Instant,
}

/// How long a session lasts.
const SESSION: Duration = Duration::from_secs(12 * 3600);

/// The sessions of logged-in pages, and the count of failed logins.
#[derive(Default)]
pub struct Sessions {
    sessions: Mutex<HashMap<String, Session>>,
    failures: Mutex<HashMap<String, (u32, Instant)>>,
}

impl Sessions {
    /// Opens a session for `user`; returns its cookie token.
    pub fn open(&self, user: User) -> String {
        let id = token();
        let mut map = self.sessions.lock().unwrap_or_else(PoisonError::into_inner);
        let now = Instant::now();
        map.retain(|_, s| s.ends > now);
        map.insert(
            id.clone(),
            Session {
                user,
                csrf: token(),
                ends: now + SESSION,
            },
        );
        id
    }

    /// The session of a cookie token, if open.
    pub fn get(&self, id: &str) -> Option<Session> {
        let map = self.sessions.lock().unwrap_or_else(PoisonError::into_inner);
        // Looked up by comparing every key in constant time: the map's own lookup would
        // compare by hash, which does not leak the token but this keeps it simple to see.
        map.iter()
            .find(|(k, _)| same(k, id))
            .map(|(_, s)| s.clone())
            .filter(|s| s.ends > Instant::now())
    }

    /// Closes a session.
    pub fn close(&self, id: &str) {
        self.sessions
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .remove(id);
    }

    /// How long to wait before answering a login attempt for `keys` (the name and the
    /// address): a second more for each failure in a row beyond the third, at most 10.
    pub fn delay(&self, keys: &[String]) -> Duration {
        let map = self.failures.lock().unwrap_or_else(PoisonError::into_inner);
        let worst = keys
            .iter()
            .filter_map(|k| map.get(k))
            .filter(|(_, at)| at.elapsed() < Duration::from_secs(900))
            .map(|(n, _)| *n)
            .max()
            .unwrap_or(0);
        Duration::from_secs(u64::from(worst.saturating_sub(2)).min(10))
    }

    /// Counts a failed login for `keys`.
    pub fn failed(&self, keys: &[String]) {
        let mut map = self.failures.lock().unwrap_or_else(PoisonError::into_inner);
        if map.len() > 100_000 {
            map.clear();
        }
        for k in keys {
            let e = map.entry(k.clone()).or_insert((0, Instant::now()));
            e.0 += 1;
            e.1 = Instant::now();
        }
    }

    /// Forgets the failures of `keys` after a successful login.
    pub fn succeeded(&self, keys: &[String]) {
        let mut map = self.failures.lock().unwrap_or_else(PoisonError::into_inner);
        for k in keys {
            map.remove(k);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_round_trips_known_values() {
        assert_eq!(
            base64_decode("YWxpY2U6c2VjcmV0").as_deref(),
            Some(&b"alice:secret"[..])
        );
        assert_eq!(base64_decode("YQ==").as_deref(), Some(&b"a"[..]));
        assert_eq!(base64_decode("YWI=").as_deref(), Some(&b"ab"[..]));
        assert_eq!(base64_decode("not base64!"), None);
    }

    #[test]
    fn a_user_added_twice_is_replaced_and_verifies() {
        let dir = std::env::temp_dir().join(format!("onedoor-users-{}", std::process::id()));
        let _ = std::fs::create_dir_all(&dir);
        let file = dir.join("users");
        let _ = std::fs::remove_file(&file);
        add_user(&file, "li", "one", Some("定海")).expect("add");
        add_user(&file, "li", "two", None).expect("replace");
        add_user(&file, "wang", "three", Some("普陀")).expect("add");
        let users = Users::load(&file).expect("load");
        assert_eq!(users.users.len(), 2);
        assert!(users.verify("li", "one").is_none());
        let li = users.verify("li", "two").expect("li");
        assert_eq!(li.bureau, None);
        assert_eq!(
            users
                .verify("wang", "three")
                .expect("wang")
                .bureau
                .as_deref(),
            Some("普陀")
        );
        assert!(users.verify("nobody", "three").is_none());
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn tokens_compare_in_full() {
        assert!(same("abc", "abc"));
        assert!(!same("abc", "abd"));
        assert!(!same("abc", "ab"));
    }
}
