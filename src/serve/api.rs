//! The desk's routes (docs/serve.md; the OpenAPI description is `openapi.json` beside
//! this file, served at `/api/openapi.json`).
//!
//! Every handler reads its body with a size limit (32 MiB for uploads, 4 MiB otherwise:
//! 413 beyond), checks what it was given before storing anything (400 for a malformed
//! request, 422 for a bad scenario or plan, each problem with its place), and stores in
//! one transaction. Work that takes more than a few milliseconds (stats, checks, diffs,
//! exports) runs on tokio's blocking threads; solves run in the worker pool (`jobs.rs`).
//! Messages are Chinese unless the request says `Accept-Language: en…` or `?lang=en`.

use super::auth::{Sessions, User, Users};
use super::jobs::{Cancelled, Jobs, Work};
use super::ops;
use super::store::{Finished, NewPlan, NewWeek, PlanRow, Store, Table, WeekRow};
use axum::body::Body;
use axum::extract::{ConnectInfo, Path, Request, State as AxState};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode, Uri};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post, put};
use axum::{Extension, Router};
use onedoor_core::json::Json;
use serde_json::{json, Value};
use std::net::SocketAddr;
use std::sync::Arc;

/// The largest upload (a scenario or a workbook).
pub const MAX_UPLOAD: usize = 32 * 1024 * 1024;
/// The largest other request body.
pub const MAX_BODY: usize = 4 * 1024 * 1024;
/// The longest time limit a plan request may ask for, in seconds.
pub const MAX_TIME_LIMIT: f64 = 3600.0;
/// The time limit of a plan request that gives none, in seconds (as `onedoor plan`).
pub const DEFAULT_TIME_LIMIT: f64 = 30.0;

/// The page, embedded in the binary.
const INDEX_HTML: &str = include_str!("page/index.html");
const APP_JS: &str = include_str!("page/app.js");
const STYLE_CSS: &str = include_str!("page/style.css");
const LOGIN_HTML: &str = include_str!("page/login.html");
/// The OpenAPI 3 description of every route.
pub const OPENAPI: &str = include_str!("openapi.json");

/// Everything the handlers share.
pub struct State {
    store: Arc<Store>,
    jobs: Jobs,
    users: Option<Users>,
    sessions: Sessions,
    /// The CSRF token of a desk without logins (the page sends it all the same).
    open_csrf: String,
    /// Password checks at once (each Argon2id verification takes 19 MiB and tens of
    /// milliseconds): more wait.
    hashing: tokio::sync::Semaphore,
}

impl State {
    /// The shared state of a desk.
    pub fn new(store: Arc<Store>, jobs: Jobs, users: Option<Users>) -> State {
        State {
            store,
            jobs,
            users,
            sessions: Sessions::default(),
            open_csrf: super::auth::token(),
            hashing: tokio::sync::Semaphore::new(2),
        }
    }
}

type Shared = Arc<State>;

/// Who asks, once the guard let the request through.
#[derive(Clone, Debug, Default)]
pub struct Who {
    /// The user (None: a desk without logins).
    user: Option<User>,
    /// The CSRF token of the session (or of the open desk).
    csrf: String,
}

impl Who {
    fn bureau(&self) -> Option<&str> {
        self.user.as_ref().and_then(|u| u.bureau.as_deref())
    }

    fn sees(&self, week: &WeekRow) -> bool {
        match self.bureau() {
            None => true,
            Some(b) => week.bureau.as_deref() == Some(b),
        }
    }
}

/// An error answer: a status and the problems, each with its place.
#[derive(Debug)]
pub struct ApiError {
    status: StatusCode,
    body: Value,
}

fn problem(place: &str, message: &str, code: &str) -> Value {
    json!({"place": place, "message": message, "code": code})
}

impl ApiError {
    fn new(status: StatusCode, problems: Vec<Value>) -> ApiError {
        ApiError {
            status,
            body: json!({ "problems": problems }),
        }
    }

    fn one(status: StatusCode, place: &str, message: &str, code: &str) -> ApiError {
        ApiError::new(status, vec![problem(place, message, code)])
    }

    fn not_found(lang: Lang) -> ApiError {
        ApiError::one(
            StatusCode::NOT_FOUND,
            "",
            lang.pick("没有这个对象", "no such thing"),
            "not-found",
        )
    }

    fn bad(place: &str, message: String) -> ApiError {
        ApiError::one(StatusCode::BAD_REQUEST, place, &message, "bad-request")
    }

    fn conflict(message: &str) -> ApiError {
        ApiError::one(StatusCode::CONFLICT, "", message, "conflict")
    }

    fn internal(e: impl std::fmt::Display) -> ApiError {
        eprintln!("onedoor: internal error: {e}");
        ApiError::one(
            StatusCode::INTERNAL_SERVER_ERROR,
            "",
            "服务器内部错误 / internal server error",
            "internal",
        )
    }

    fn input(e: &onedoor_core::InputError, lang: Lang, prefix: &str) -> ApiError {
        let problems = e
            .problems
            .iter()
            .map(|p| {
                let message = match lang {
                    Lang::Zh => crate::import::zh_message(&p.message, None),
                    Lang::En => p.message.clone(),
                };
                problem(&prefixed(prefix, &p.place), &message, p.kind.code())
            })
            .collect();
        ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, problems)
    }
}

fn prefixed(prefix: &str, place: &str) -> String {
    match (prefix.is_empty(), place.is_empty()) {
        (true, _) => place.to_owned(),
        (false, true) => prefix.to_owned(),
        (false, false) => format!("{prefix}.{place}"),
    }
}

impl From<super::store::StoreError> for ApiError {
    fn from(e: super::store::StoreError) -> ApiError {
        ApiError::internal(e)
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        (self.status, axum::Json(self.body)).into_response()
    }
}

type Answer = Result<Response, ApiError>;

/// The language of messages.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lang {
    /// Chinese (the default).
    Zh,
    /// English.
    En,
}

/// The reader's language as a handler's argument: `?lang=` of the request, else its
/// `Accept-Language` (see [`Lang::of`]).
impl<S: Send + Sync> axum::extract::FromRequestParts<S> for Lang {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut axum::http::request::Parts,
        _state: &S,
    ) -> Result<Lang, Self::Rejection> {
        Ok(Lang::of(&parts.headers, &parts.uri))
    }
}

impl Lang {
    /// `lang=en` or `lang=zh` in the query, else English when `Accept-Language` starts
    /// with `en`, else Chinese.
    fn of(headers: &HeaderMap, uri: &Uri) -> Lang {
        let query = uri.query().unwrap_or("");
        if query.split('&').any(|kv| kv == "lang=en") {
            return Lang::En;
        }
        if query.split('&').any(|kv| kv == "lang=zh") {
            return Lang::Zh;
        }
        let accept = headers
            .get(header::ACCEPT_LANGUAGE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("");
        if accept.trim_start().to_ascii_lowercase().starts_with("en") {
            Lang::En
        } else {
            Lang::Zh
        }
    }

    fn pick<'a>(self, zh: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }

    fn english(self) -> bool {
        self == Lang::En
    }
}

/// A query parameter's value (percent-decoded).
fn query(uri: &Uri, key: &str) -> Option<String> {
    uri.query()?.split('&').find_map(|kv| {
        let (k, v) = kv.split_once('=')?;
        (k == key).then(|| percent_decode(v))
    })
}

fn percent_decode(text: &str) -> String {
    let hex = |b: u8| (b as char).to_digit(16).map(|d| d as u8);
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < bytes.len() => match (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                (Some(h), Some(l)) => {
                    out.push(h * 16 + l);
                    i += 2;
                }
                _ => out.push(b'%'),
            },
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The routes.
pub fn router(state: Shared) -> Router {
    Router::new()
        .route("/", get(index))
        .route("/static/{file}", get(asset))
        .route("/login", get(login_page).post(login))
        .route("/logout", post(logout))
        .route("/api/openapi.json", get(openapi))
        .route("/api/me", get(me))
        .route("/api/weeks", get(list_weeks).post(add_week))
        .route("/api/weeks/{w}", get(get_week))
        .route("/api/weeks/{w}/plans", get(list_plans).post(add_plan))
        .route("/api/weeks/{w}/plans/edited", post(add_edited))
        .route("/api/weeks/{w}/check", post(check_plan))
        .route("/api/weeks/{w}/whatif", post(add_whatif))
        .route("/api/jobs/{j}", get(get_job))
        .route("/api/jobs/{j}/cancel", post(cancel_job))
        .route("/api/plans/{p}", get(get_plan))
        .route("/api/plans/{p}/cancel", post(cancel_plan))
        .route("/api/plans/{p}/replan", post(replan))
        .route("/api/plans/{p}/pins", put(set_pins))
        .route("/api/plans/{p}/diff/{q}", get(diff))
        .route("/api/plans/{p}/export.zip", get(export_zip))
        .route("/api/plans/{p}/report.html", get(report_html))
        .route("/api/plans/{p}/notices.html", get(notices_html))
        .fallback(not_found)
        .layer(axum::middleware::from_fn_with_state(
            Arc::clone(&state),
            guard,
        ))
        .with_state(state)
}

/// Every route the router serves, as `METHOD path` (the OpenAPI test compares them).
pub const ROUTES: &[(&str, &str)] = &[
    ("get", "/"),
    ("get", "/static/{file}"),
    ("get", "/login"),
    ("post", "/login"),
    ("post", "/logout"),
    ("get", "/api/openapi.json"),
    ("get", "/api/me"),
    ("get", "/api/weeks"),
    ("post", "/api/weeks"),
    ("get", "/api/weeks/{w}"),
    ("get", "/api/weeks/{w}/plans"),
    ("post", "/api/weeks/{w}/plans"),
    ("post", "/api/weeks/{w}/plans/edited"),
    ("post", "/api/weeks/{w}/check"),
    ("post", "/api/weeks/{w}/whatif"),
    ("get", "/api/jobs/{j}"),
    ("post", "/api/jobs/{j}/cancel"),
    ("get", "/api/plans/{p}"),
    ("post", "/api/plans/{p}/cancel"),
    ("post", "/api/plans/{p}/replan"),
    ("put", "/api/plans/{p}/pins"),
    ("get", "/api/plans/{p}/diff/{q}"),
    ("get", "/api/plans/{p}/export.zip"),
    ("get", "/api/plans/{p}/report.html"),
    ("get", "/api/plans/{p}/notices.html"),
];

async fn not_found(headers: HeaderMap, uri: Uri) -> ApiError {
    ApiError::not_found(Lang::of(&headers, &uri))
}

/// Paths anyone may fetch: the login page, the page's assets, the API description.
fn public(path: &str) -> bool {
    path == "/login" || path.starts_with("/static/") || path == "/api/openapi.json"
}

fn cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .find_map(|kv| {
            let (k, v) = kv.trim().split_once('=')?;
            (k == name).then(|| v.to_owned())
        })
}

/// Whether a browser request comes from another site: its `Origin` names a host other
/// than the one it was sent to.
fn cross_site(headers: &HeaderMap) -> bool {
    let Some(origin) = headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()) else {
        return false;
    };
    let host = headers
        .get(header::HOST)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let origin_host = origin.split_once("://").map_or(origin, |(_, rest)| rest);
    origin == "null" || !origin_host.eq_ignore_ascii_case(host)
}

/// Whether the `Host` header names this machine's loopback (any port), or is absent.
fn loopback_host(headers: &HeaderMap) -> bool {
    let Some(host) = headers.get(header::HOST).and_then(|v| v.to_str().ok()) else {
        return true;
    };
    let name = match host.strip_prefix('[') {
        Some(rest) => rest.split(']').next().unwrap_or(""),
        None => host.rsplit_once(':').map_or(host, |(n, _)| n),
    };
    name.eq_ignore_ascii_case("localhost")
        || name
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

/// The address a login attempt comes from, for slowing down failures.
fn peer(req: &Request) -> String {
    req.extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map_or_else(String::new, |c| c.0.ip().to_string())
}

/// Who asks: lets public paths through, demands credentials when the desk has users
/// (HTTP Basic, or the session cookie plus the CSRF header on changes), refuses
/// cross-site changes.
async fn guard(AxState(state): AxState<Shared>, mut req: Request, next: Next) -> Response {
    let lang = Lang::of(req.headers(), req.uri());
    let changes = !matches!(*req.method(), Method::GET | Method::HEAD);
    if changes && cross_site(req.headers()) {
        return ApiError::one(
            StatusCode::FORBIDDEN,
            "Origin",
            lang.pick(
                "拒绝来自其他网站的请求",
                "refused: the request comes from another site",
            ),
            "csrf",
        )
        .into_response();
    }
    let path = req.uri().path().to_owned();
    if state.users.is_none() && !loopback_host(req.headers()) {
        // An open desk answers only to loopback names: a page of another site whose
        // name was made to point at 127.0.0.1 (DNS rebinding) gets nothing.
        return ApiError::one(
            StatusCode::FORBIDDEN,
            "Host",
            lang.pick(
                "无登录的服务只接受本机地址（localhost、127.0.0.1、[::1]）",
                "a desk without logins answers only to loopback names (localhost, 127.0.0.1, [::1])",
            ),
            "host",
        )
        .into_response();
    }
    let Some(users) = &state.users else {
        req.extensions_mut().insert(Who {
            user: None,
            csrf: state.open_csrf.clone(),
        });
        return next.run(req).await;
    };
    if public(&path) {
        req.extensions_mut().insert(Who::default());
        return next.run(req).await;
    }
    let basic = req
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Basic "))
        .map(str::to_owned);
    let unauthorized = |basic_asked: bool| {
        let mut r = ApiError::one(
            StatusCode::UNAUTHORIZED,
            "",
            lang.pick("需要登录", "credentials needed"),
            "unauthorized",
        )
        .into_response();
        if basic_asked {
            r.headers_mut().insert(
                header::WWW_AUTHENTICATE,
                HeaderValue::from_static("Basic realm=\"onedoor\", charset=\"UTF-8\""),
            );
        }
        r
    };
    if let Some(b64) = basic {
        let Some((name, password)) = super::auth::base64_decode(&b64)
            .and_then(|raw| String::from_utf8(raw).ok())
            .and_then(|t| t.split_once(':').map(|(n, p)| (n.to_owned(), p.to_owned())))
        else {
            return unauthorized(true);
        };
        let keys = [format!("name:{name}"), format!("addr:{}", peer(&req))];
        tokio::time::sleep(state.sessions.delay(&keys)).await;
        let users = users.clone();
        let permit = state.hashing.acquire().await;
        let verified = tokio::task::spawn_blocking(move || users.verify(&name, &password))
            .await
            .ok()
            .flatten();
        drop(permit);
        return match verified {
            Some(user) => {
                state.sessions.succeeded(&keys);
                req.extensions_mut().insert(Who {
                    user: Some(user),
                    csrf: String::new(),
                });
                next.run(req).await
            }
            None => {
                state.sessions.failed(&keys);
                tokio::time::sleep(std::time::Duration::from_millis(500)).await;
                unauthorized(true)
            }
        };
    }
    let session = cookie(req.headers(), "onedoor_session").and_then(|id| state.sessions.get(&id));
    match session {
        Some(s) => {
            if changes {
                let sent = req
                    .headers()
                    .get("x-csrf-token")
                    .and_then(|v| v.to_str().ok())
                    .unwrap_or("");
                if !super::auth::same(sent, &s.csrf) && path != "/logout" {
                    return ApiError::one(
                        StatusCode::FORBIDDEN,
                        "X-CSRF-Token",
                        lang.pick(
                            "缺少或错误的 X-CSRF-Token（从 /api/me 取得）",
                            "missing or wrong X-CSRF-Token (get it from /api/me)",
                        ),
                        "csrf",
                    )
                    .into_response();
                }
            }
            req.extensions_mut().insert(Who {
                user: Some(s.user),
                csrf: s.csrf,
            });
            next.run(req).await
        }
        None if path == "/" => Redirect::to("/login").into_response(),
        None => {
            // A page whose session ended (it still sends the cookie) is told 401 without
            // the Basic challenge, so that the browser shows no password box and the
            // page can go to /login.
            unauthorized(cookie(req.headers(), "onedoor_session").is_none())
        }
    }
}

fn page(content_type: &'static str, text: &'static str) -> Response {
    (
        [
            (header::CONTENT_TYPE, content_type),
            (header::CACHE_CONTROL, "no-cache"),
            (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        ],
        text,
    )
        .into_response()
}

async fn index() -> Response {
    page("text/html; charset=utf-8", INDEX_HTML)
}

async fn asset(Path(file): Path<String>, headers: HeaderMap, uri: Uri) -> Answer {
    match file.as_str() {
        "app.js" => Ok(page("text/javascript; charset=utf-8", APP_JS)),
        "style.css" => Ok(page("text/css; charset=utf-8", STYLE_CSS)),
        _ => Err(ApiError::not_found(Lang::of(&headers, &uri))),
    }
}

async fn openapi() -> Response {
    page("application/json", OPENAPI)
}

async fn login_page() -> Response {
    page("text/html; charset=utf-8", LOGIN_HTML)
}

fn wants_json(headers: &HeaderMap) -> bool {
    headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("application/json"))
}

/// `POST /login` (form `name`, `password`): opens a session and sets its cookie; then
/// redirects to the page (or answers JSON when asked for it).
async fn login(
    AxState(state): AxState<Shared>,
    ConnectInfo(addr): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    uri: Uri,
    body: Body,
) -> Answer {
    let lang = Lang::of(&headers, &uri);
    let bytes = read_body(body, MAX_BODY, lang).await?;
    let form: Vec<(String, String)> = String::from_utf8_lossy(&bytes)
        .split('&')
        .filter_map(|kv| {
            let (k, v) = kv.split_once('=')?;
            Some((percent_decode(k), percent_decode(v)))
        })
        .collect();
    let field = |k: &str| {
        form.iter()
            .find(|(key, _)| key == k)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    let (name, password) = (field("name"), field("password"));
    let Some(users) = state.users.clone() else {
        return Ok(Redirect::to("/").into_response());
    };
    let keys = [format!("name:{name}"), format!("addr:{}", addr.ip())];
    tokio::time::sleep(state.sessions.delay(&keys)).await;
    let permit = state.hashing.acquire().await;
    let verified = tokio::task::spawn_blocking(move || users.verify(&name, &password))
        .await
        .ok()
        .flatten();
    drop(permit);
    let Some(user) = verified else {
        state.sessions.failed(&keys);
        tokio::time::sleep(std::time::Duration::from_millis(500)).await;
        if wants_json(&headers) {
            return Err(ApiError::one(
                StatusCode::UNAUTHORIZED,
                "",
                lang.pick("用户名或密码错误", "wrong name or password"),
                "unauthorized",
            ));
        }
        return Ok(Redirect::to("/login?failed=1").into_response());
    };
    state.sessions.succeeded(&keys);
    let me = json!({"name": user.name, "bureau": user.bureau});
    let id = state.sessions.open(user);
    let cookie = format!("onedoor_session={id}; HttpOnly; SameSite=Strict; Path=/");
    let mut response = if wants_json(&headers) {
        axum::Json(me).into_response()
    } else {
        Redirect::to("/").into_response()
    };
    if let Ok(v) = HeaderValue::from_str(&cookie) {
        response.headers_mut().insert(header::SET_COOKIE, v);
    }
    Ok(response)
}

// The requests below take no body but read whatever is sent: a body left unread makes the
// server close the connection, and a client that reuses it (keep-alive) then fails.
async fn logout(
    AxState(state): AxState<Shared>,
    headers: HeaderMap,
    _body: axum::body::Bytes,
) -> Response {
    if let Some(id) = cookie(&headers, "onedoor_session") {
        state.sessions.close(&id);
    }
    let mut r = Redirect::to("/login").into_response();
    r.headers_mut().insert(
        header::SET_COOKIE,
        HeaderValue::from_static("onedoor_session=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0"),
    );
    r
}

async fn me(Extension(who): Extension<Who>) -> Response {
    axum::Json(json!({
        "name": who.user.as_ref().map(|u| u.name.clone()),
        "bureau": who.bureau(),
        "csrf": who.csrf,
    }))
    .into_response()
}

/// Reads a body of at most `limit` bytes (413 beyond).
async fn read_body(body: Body, limit: usize, lang: Lang) -> Result<axum::body::Bytes, ApiError> {
    axum::body::to_bytes(body, limit).await.map_err(|_| {
        ApiError::one(
            StatusCode::PAYLOAD_TOO_LARGE,
            "",
            &match lang {
                Lang::Zh => format!("请求体超过上限 {} MiB", limit / (1024 * 1024)),
                Lang::En => format!("the body is larger than {} MiB", limit / (1024 * 1024)),
            },
            "too-large",
        )
    })
}

/// Runs `f` on a blocking thread.
async fn blocking<T: Send + 'static>(
    f: impl FnOnce() -> T + Send + 'static,
) -> Result<T, ApiError> {
    tokio::task::spawn_blocking(f)
        .await
        .map_err(ApiError::internal)
}

/// A JSON body as an object (an empty body is `{}`); 400 for anything else.
fn object(
    bytes: &[u8],
    lang: Lang,
    allowed: &[&str],
) -> Result<serde_json::Map<String, Value>, ApiError> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Ok(serde_json::Map::new());
    }
    let value: Value = serde_json::from_slice(bytes).map_err(|e| {
        ApiError::bad(
            "",
            match lang {
                Lang::Zh => format!("不是有效的 JSON：{e}"),
                Lang::En => format!("not valid JSON: {e}"),
            },
        )
    })?;
    let Value::Object(map) = value else {
        return Err(ApiError::bad(
            "",
            lang.pick("应为 JSON 对象", "expected a JSON object")
                .to_owned(),
        ));
    };
    let unknown: Vec<Value> = map
        .keys()
        .filter(|k| !allowed.contains(&k.as_str()))
        .map(|k| {
            problem(
                k,
                &match lang {
                    Lang::Zh => format!("未知的字段（可用：{}）", allowed.join(", ")),
                    Lang::En => format!("unknown field (known: {})", allowed.join(", ")),
                },
                "unknown-field",
            )
        })
        .collect();
    if !unknown.is_empty() {
        return Err(ApiError::new(StatusCode::BAD_REQUEST, unknown));
    }
    Ok(map)
}

/// The `time_limit` field: a finite, non-negative number of seconds, at most
/// [`MAX_TIME_LIMIT`].
fn time_limit(map: &serde_json::Map<String, Value>, lang: Lang) -> Result<f64, ApiError> {
    match map.get("time_limit") {
        None | Some(Value::Null) => Ok(DEFAULT_TIME_LIMIT),
        Some(v) => match v.as_f64() {
            Some(s) if s.is_finite() && s >= 0.0 => Ok(s.min(MAX_TIME_LIMIT)),
            _ => Err(ApiError::bad(
                "time_limit",
                lang.pick(
                    "应为非负的秒数",
                    "expected a non-negative number of seconds",
                )
                .to_owned(),
            )),
        },
    }
}

/// A list of strings field (absent: empty).
fn strings(
    map: &serde_json::Map<String, Value>,
    key: &str,
    lang: Lang,
) -> Result<Vec<String>, ApiError> {
    match map.get(key) {
        None | Some(Value::Null) => Ok(Vec::new()),
        Some(Value::Array(items)) => items
            .iter()
            .enumerate()
            .map(|(i, v)| {
                v.as_str().map(str::to_owned).ok_or_else(|| {
                    ApiError::bad(
                        &format!("{key}[{i}]"),
                        lang.pick("应为字符串", "expected a string").to_owned(),
                    )
                })
            })
            .collect(),
        Some(_) => Err(ApiError::bad(
            key,
            lang.pick("应为字符串数组", "expected an array of strings")
                .to_owned(),
        )),
    }
}

fn number(id: &str, prefix: char) -> Option<i64> {
    id.strip_prefix(prefix)?.parse().ok().filter(|n| *n > 0)
}

fn week_json(w: &WeekRow) -> Value {
    json!({
        "id": format!("W{}", w.id),
        "name": w.name,
        "created": w.created,
        "bureau": w.bureau,
        "tasks": w.sizes.0,
        "inspectors": w.sizes.1,
        "businesses": w.sizes.2,
        "dates": [w.dates.0, w.dates.1],
        "plans": w.plans,
    })
}

/// The week `id` if the asker may see it (404 otherwise).
fn week_for(state: &State, who: &Who, id: &str, lang: Lang) -> Result<(WeekRow, String), ApiError> {
    let n = number(id, 'W').ok_or_else(|| ApiError::not_found(lang))?;
    match state.store.week(n)? {
        Some((w, text)) if who.sees(&w) => Ok((w, text)),
        _ => Err(ApiError::not_found(lang)),
    }
}

/// The plan `id` and its week if the asker may see them (404 otherwise).
fn plan_for(
    state: &State,
    who: &Who,
    id: &str,
    lang: Lang,
) -> Result<(PlanRow, WeekRow, String), ApiError> {
    let n = number(id, 'P').ok_or_else(|| ApiError::not_found(lang))?;
    let row = state
        .store
        .plan(n)?
        .ok_or_else(|| ApiError::not_found(lang))?;
    let (week, text) = week_for(state, who, &format!("W{}", row.week), lang)?;
    Ok((row, week, text))
}

/// A plan that is done, with its text (409 otherwise).
fn done_plan(row: &PlanRow, lang: Lang) -> Result<String, ApiError> {
    match (&row.state[..], &row.plan) {
        ("done", Some(text)) => Ok(text.clone()),
        _ => Err(ApiError::conflict(
            lang.pick("该方案尚未完成", "the plan is not done"),
        )),
    }
}

/// The week's facts a plan was made for: a re-plan's changed week, else the week's.
fn facts_of(row: &PlanRow, week_text: &str) -> String {
    row.scenario.clone().unwrap_or_else(|| week_text.to_owned())
}

fn load_scenario(text: &str) -> Result<crate::Scenario, ApiError> {
    crate::parse_scenario(text, "week").map_err(ApiError::internal)
}

fn load_plan(text: &str) -> Result<crate::plan::Plan, ApiError> {
    crate::plan::Plan::parse(text, "plan").map_err(ApiError::internal)
}

async fn list_weeks(AxState(state): AxState<Shared>, Extension(who): Extension<Who>) -> Answer {
    let weeks: Vec<Value> = state
        .store
        .weeks()?
        .iter()
        .filter(|w| who.sees(w))
        .map(week_json)
        .collect();
    Ok(axum::Json(json!({ "weeks": weeks })).into_response())
}

/// What an upload is.
enum Upload {
    Json,
    Sheet(&'static str),
}

fn upload_kind(headers: &HeaderMap, uri: &Uri, bytes: &[u8]) -> Option<Upload> {
    let ctype = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    let by_name = query(uri, "name").and_then(|n| {
        let ext = n.rsplit_once('.')?.1.to_ascii_lowercase();
        ["xlsx", "xlsm", "xls", "xlsb", "ods", "csv", "json"]
            .into_iter()
            .find(|e| *e == ext)
    });
    match ctype.as_str() {
        "application/json" | "text/json" => Some(Upload::Json),
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" => {
            Some(Upload::Sheet("xlsx"))
        }
        "application/vnd.ms-excel.sheet.macroenabled.12" => Some(Upload::Sheet("xlsm")),
        "application/vnd.ms-excel" => Some(Upload::Sheet("xls")),
        "application/vnd.oasis.opendocument.spreadsheet" => Some(Upload::Sheet("ods")),
        "text/csv" => Some(Upload::Sheet("csv")),
        _ => match by_name {
            Some("json") => Some(Upload::Json),
            Some(ext) => Some(Upload::Sheet(ext)),
            None if bytes.starts_with(b"PK") => Some(Upload::Sheet("xlsx")),
            None if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) => Some(Upload::Sheet("xls")),
            None if bytes.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'{') => {
                Some(Upload::Json)
            }
            None => None,
        },
    }
}

/// `POST /api/weeks`: a scenario (JSON) or a workbook.
async fn add_week(
    AxState(state): AxState<Shared>,
    Extension(who): Extension<Who>,
    headers: HeaderMap,
    uri: Uri,
    body: Body,
) -> Answer {
    let lang = Lang::of(&headers, &uri);
    let bytes = read_body(body, MAX_UPLOAD, lang).await?;
    if bytes.is_empty() {
        return Err(ApiError::bad(
            "",
            lang.pick(
                "请求体为空：应为情景 JSON 或工作簿",
                "empty body: send a scenario (JSON) or a workbook",
            )
            .to_owned(),
        ));
    }
    let kind = upload_kind(&headers, &uri, &bytes).ok_or_else(|| {
        ApiError::one(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "Content-Type",
            lang.pick(
                "无法识别的内容类型：发送 application/json（情景）或工作簿（.xlsx 等，或 application/octet-stream 加 ?name=week.xlsx）",
                "unknown content type: send application/json (a scenario) or a workbook (.xlsx…, or application/octet-stream with ?name=week.xlsx)",
            ),
            "content-type",
        )
    })?;
    let tmp = state.store.tmp().to_path_buf();
    let (text, scn, warnings) = blocking(move || read_week(&bytes, kind, &tmp, lang)).await??;
    let name = query(&uri, "name")
        .map(|n| {
            n.rsplit_once('.')
                .map_or(n.clone(), |(stem, _)| stem.to_owned())
        })
        .filter(|n| !n.trim().is_empty())
        .unwrap_or_else(|| scn.name.clone());
    let warnings = json!(warnings);
    let id = state.store.add_week(&NewWeek {
        name: &name,
        bureau: who.bureau(),
        scenario: &text,
        sizes: (scn.tasks.len(), scn.inspectors.len(), scn.businesses.len()),
        dates: (scn.horizon.start.to_string(), scn.horizon.end.to_string()),
        warnings: &warnings,
    })?;
    let body = json!({
        "id": format!("W{id}"),
        "name": name,
        "tasks": scn.tasks.len(),
        "warnings": warnings,
    });
    Ok((StatusCode::CREATED, axum::Json(body)).into_response())
}

/// Reads an upload into the scenario text to store, the scenario and the import's
/// warnings.
fn read_week(
    bytes: &[u8],
    kind: Upload,
    tmp: &std::path::Path,
    lang: Lang,
) -> Result<(String, crate::Scenario, Vec<String>), ApiError> {
    match kind {
        Upload::Json => {
            let text = std::str::from_utf8(bytes).map_err(|e| {
                ApiError::one(
                    StatusCode::UNPROCESSABLE_ENTITY,
                    "",
                    &match lang {
                        Lang::Zh => format!("不是 UTF-8 文本（第 {} 字节）", e.valid_up_to()),
                        Lang::En => format!("not UTF-8 text (at byte {})", e.valid_up_to()),
                    },
                    "encoding",
                )
            })?;
            let scn = crate::parse_scenario(text, "scenario")
                .map_err(|e| ApiError::input(&e, lang, ""))?;
            Ok((text.to_owned(), scn, Vec::new()))
        }
        Upload::Sheet(ext) => {
            // The names are the server's: a folder named by a random token, holding
            // `week.EXT` (a CSV file as the task sheet, named so that its problems are
            // placed in it).
            let dir = tmp.join(format!("upload-{}", super::auth::token()));
            let name = match (ext, lang) {
                ("csv", Lang::Zh) => "任务.csv".to_owned(),
                ("csv", Lang::En) => "tasks.csv".to_owned(),
                _ => format!("week.{ext}"),
            };
            let path = dir.join(name);
            std::fs::create_dir_all(&dir)
                .and_then(|()| std::fs::write(&path, bytes))
                .map_err(ApiError::internal)?;
            let options = crate::import::Options {
                lang: Some(match lang {
                    Lang::Zh => crate::import::Lang::Zh,
                    Lang::En => crate::import::Lang::En,
                }),
            };
            let imported = crate::import::import_with(&path, &options);
            let _ = std::fs::remove_dir_all(&dir);
            let imported = imported.map_err(|e| {
                // The import's messages are already in the asked language and located at
                // cells.
                let problems = e
                    .problems
                    .iter()
                    .map(|p| problem(&p.place, &p.message, p.kind.code()))
                    .collect();
                ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, problems)
            })?;
            let text = serde_json::to_string_pretty(&imported.tree).map_err(ApiError::internal)?;
            Ok((text, imported.scenario, imported.warnings))
        }
    }
}

/// `GET /api/weeks/{W}`: the week, its scenario and its stats.
async fn get_week(
    AxState(state): AxState<Shared>,
    Extension(who): Extension<Who>,
    Path(w): Path<String>,
    lang: Lang,
) -> Answer {
    let (week, text) = week_for(&state, &who, &w, lang)?;
    let body = blocking(move || -> Result<Value, ApiError> {
        let scn = load_scenario(&text)?;
        let travel = crate::travel::TravelGraph::build(&scn);
        let stats = crate::report::stats_json(&scn, &travel);
        let scenario: Value = serde_json::from_str(&text).map_err(ApiError::internal)?;
        let mut body = week_json(&week);
        body["scenario"] = scenario;
        body["stats"] = stats;
        body["warnings"] = week.warnings.clone();
        Ok(body)
    })
    .await??;
    Ok(axum::Json(body).into_response())
}

fn plan_summary(p: &PlanRow, lang: Lang) -> Value {
    json!({
        "id": format!("P{}", p.id),
        "week": format!("W{}", p.week),
        "state": p.state,
        "created": p.created,
        "kind": p.kind,
        "parent": p.parent.map(|n| format!("P{n}")),
        "valid": p.valid,
        "draft": p.draft,
        "figures": p.figures,
        "pins": p.pins,
        "error": p.error.as_ref().map(|e| error_shown(e, lang)),
    })
}

/// A stored error in the reader's language (stored as "中文 / English").
fn error_shown(e: &Value, lang: Lang) -> Value {
    let mut e = e.clone();
    if let Some(m) = e["message"].as_str() {
        if let Some((zh, en)) = m.split_once(" / ") {
            e["message"] = json!(lang.pick(zh, en));
        }
    }
    e
}

async fn list_plans(
    AxState(state): AxState<Shared>,
    Extension(who): Extension<Who>,
    Path(w): Path<String>,
    lang: Lang,
) -> Answer {
    let (week, _) = week_for(&state, &who, &w, lang)?;
    let plans: Vec<Value> = state
        .store
        .plans_of(week.id)?
        .iter()
        .map(|p| plan_summary(p, lang))
        .collect();
    Ok(axum::Json(json!({ "plans": plans })).into_response())
}

/// `POST /api/weeks/{W}/plans`: queues a plan.
async fn add_plan(
    AxState(state): AxState<Shared>,
    Extension(who): Extension<Who>,
    Path(w): Path<String>,
    lang: Lang,
    body: Body,
) -> Answer {
    let (week, text) = week_for(&state, &who, &w, lang)?;
    let bytes = read_body(body, MAX_BODY, lang).await?;
    let map = object(&bytes, lang, &["time_limit"])?;
    let limit = time_limit(&map, lang)?;
    let request = json!({ "time_limit": limit });
    let id = state.store.add_plan(&NewPlan {
        week: week.id,
        kind: "plan",
        parent: None,
        state: "queued",
        request: &request,
        scenario: None,
        done: None,
    })?;
    state.jobs.submit(Work::Plan {
        id,
        scenario: text,
        time_limit: limit,
    });
    Ok((
        StatusCode::ACCEPTED,
        axum::Json(json!({"id": format!("P{id}"), "state": "queued"})),
    )
        .into_response())
}

/// `GET /api/plans/{P}`.
async fn get_plan(
    AxState(state): AxState<Shared>,
    Extension(who): Extension<Who>,
    Path(p): Path<String>,
    lang: Lang,
) -> Answer {
    let (row, _, week_text) = plan_for(&state, &who, &p, lang)?;
    let mut body = plan_summary(&row, lang);
    // What was asked: the time limit, or a re-plan's changed facts (the page shows them
    // above the change list).
    body["request"] = row.request.clone();
    if let Some(text) = &row.plan {
        body["plan"] = serde_json::from_str(text).map_err(ApiError::internal)?;
        let reasons = match &row.reasons {
            Some(stored) => ops::reasons_shown(stored, lang.english()),
            // A plan stored by an older version: its words are made now.
            None => reasons_in_words(&facts_of(&row, &week_text), text, lang).await?,
        };
        if !reasons.is_empty() {
            body["reasons"] = Value::Object(reasons);
        }
    }
    if let Some(v) = &row.violations {
        body["violations"] = ops::violations_shown(v, lang.english());
    }
    if let Some(c) = &row.changes {
        body["changes"] = c.clone();
    }
    if row.state == "running" {
        if let Some(progress) = state
            .jobs
            .live(&format!("P{}", row.id))
            .and_then(|l| l.progress())
        {
            body["progress"] = progress;
        }
    }
    if row.state == "queued" {
        if let Some(ahead) = state.jobs.ahead(&format!("P{}", row.id)) {
            body["ahead"] = json!(ahead);
        }
    }
    Ok(axum::Json(body).into_response())
}

/// Why each task was left out, in the reader's language (task id → sentence), rebuilt
/// from the reason code and the week: the plan's own `detail` is English.
async fn reasons_in_words(
    facts: &str,
    plan_text: &str,
    lang: Lang,
) -> Result<serde_json::Map<String, Value>, ApiError> {
    let (facts, plan_text) = (facts.to_owned(), plan_text.to_owned());
    blocking(move || {
        let plan = load_plan(&plan_text)?;
        if plan.unscheduled.is_empty() {
            return Ok(serde_json::Map::new());
        }
        let scn = load_scenario(&facts)?;
        let lang = if lang.english() {
            onedoor_core::Lang::En
        } else {
            onedoor_core::Lang::Zh
        };
        Ok(plan
            .unscheduled
            .iter()
            .map(|u| {
                let words = crate::report::unscheduled_text(&scn, &plan, u, lang);
                (u.task.clone(), Value::String(words))
            })
            .collect())
    })
    .await?
}

fn cancelled_answer(c: Cancelled, lang: Lang) -> Answer {
    match c {
        Cancelled::Now => Ok(axum::Json(json!({
            "state": "failed",
            "error": {"code": "cancelled", "message": lang.pick("已取消", "cancelled")},
        }))
        .into_response()),
        Cancelled::TooLate => Err(ApiError::conflict(
            lang.pick("该任务已经结束", "the job has already ended"),
        )),
    }
}

async fn cancel_plan(
    AxState(state): AxState<Shared>,
    Extension(who): Extension<Who>,
    Path(p): Path<String>,
    lang: Lang,
    _body: axum::body::Bytes,
) -> Answer {
    let (row, _, _) = plan_for(&state, &who, &p, lang)?;
    let c = state
        .jobs
        .cancel(Table::Plans, row.id, &format!("P{}", row.id))?;
    cancelled_answer(c, lang)
}

/// The week's facts changed by a re-plan or a what-if variant: urgent tasks added, then
/// the shortcuts (`ID:DATE` unavailable, `BUSINESS:DATE` closed, holidays, …) applied by
/// the same loader as the command line's. Problems are placed under `prefix`.
fn changed_week(
    base: &str,
    shortcuts: &crate::variant::Shortcuts,
    add_tasks: &[Value],
    lang: Lang,
    prefix: &str,
) -> Result<(String, crate::Scenario), ApiError> {
    let mut tree = Json::parse(base).map_err(ApiError::internal)?;
    let before = match tree.get("tasks") {
        Some(Json::Array(tasks)) => tasks.len(),
        _ => 0,
    };
    if !add_tasks.is_empty() {
        let mut added = Vec::new();
        for t in add_tasks {
            added.push(serde_json::from_value::<Json>(t.clone()).map_err(ApiError::internal)?);
        }
        if let Json::Object(fields) = &mut tree {
            match fields.iter_mut().find(|(k, _)| k == "tasks") {
                Some((_, Json::Array(tasks))) => tasks.extend(added),
                _ => fields.push(("tasks".to_owned(), Json::Array(added))),
            }
        }
    }
    let loaded = crate::variant::load_tree(tree, "week", shortcuts).map_err(|mut e| {
        // A problem in an added task is placed in the request: `add_tasks[0].business`.
        for p in &mut e.problems {
            if let Some(rest) = p.place.strip_prefix("tasks[") {
                if let Some((n, tail)) = rest.split_once(']') {
                    if let Ok(n) = n.parse::<usize>() {
                        if n >= before {
                            p.place = format!("add_tasks[{}]{tail}", n - before);
                        }
                    }
                }
            }
        }
        ApiError::input(&e, lang, prefix)
    })?;
    let text = serde_json::to_string_pretty(&loaded.json).map_err(ApiError::internal)?;
    Ok((text, loaded.scenario))
}

fn shortcuts_of(
    map: &serde_json::Map<String, Value>,
    lang: Lang,
) -> Result<(crate::variant::Shortcuts, Vec<Value>), ApiError> {
    let shortcuts = crate::variant::Shortcuts {
        drop_inspector: strings(map, "drop_inspector", lang)?,
        unavailable: strings(map, "unavailable", lang)?,
        holiday: strings(map, "holiday", lang)?,
        rule: strings(map, "rule", lang)?,
        close: strings(map, "close", lang)?,
    };
    let add = match map.get("add_tasks") {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Array(a)) => a.clone(),
        Some(_) => {
            return Err(ApiError::bad(
                "add_tasks",
                lang.pick(
                    "应为任务数组（情景格式）",
                    "expected an array of tasks (scenario format)",
                )
                .to_owned(),
            ))
        }
    };
    Ok((shortcuts, add))
}

/// `POST /api/plans/{P}/replan`.
async fn replan(
    AxState(state): AxState<Shared>,
    Extension(who): Extension<Who>,
    Path(p): Path<String>,
    lang: Lang,
    body: Body,
) -> Answer {
    let (row, week, week_text) = plan_for(&state, &who, &p, lang)?;
    let bytes = read_body(body, MAX_BODY, lang).await?;
    let map = object(
        &bytes,
        lang,
        &[
            "from",
            "unavailable",
            "close",
            "holiday",
            "drop_inspector",
            "rule",
            "add_tasks",
            "time_limit",
        ],
    )?;
    let from = match map.get("from").and_then(Value::as_str) {
        Some(s) => onedoor_core::scenario::time::parse_date(s.trim()).ok_or_else(|| {
            ApiError::bad(
                "from",
                lang.pick("应为日期 YYYY-MM-DD", "expected a date YYYY-MM-DD")
                    .to_owned(),
            )
        })?,
        None => {
            return Err(ApiError::bad(
                "from",
                lang.pick(
                    "缺少重新安排的起始日期 from",
                    "missing: the first date to re-plan",
                )
                .to_owned(),
            ))
        }
    };
    let limit = time_limit(&map, lang)?;
    let (shortcuts, add) = shortcuts_of(&map, lang)?;
    let announced = done_plan(&row, lang)?;
    let base = facts_of(&row, &week_text);
    let (text, _) = blocking(move || changed_week(&base, &shortcuts, &add, lang, "")).await??;
    let request = Value::Object(map);
    let id = state.store.add_plan(&NewPlan {
        week: week.id,
        kind: "replan",
        parent: Some(row.id),
        state: "queued",
        request: &request,
        scenario: Some(&text),
        done: None,
    })?;
    state.jobs.submit(Work::Replan {
        id,
        scenario: text,
        announced,
        from,
        pins: row.pins.clone(),
        time_limit: limit,
    });
    Ok((
        StatusCode::ACCEPTED,
        axum::Json(json!({"id": format!("P{id}"), "state": "queued"})),
    )
        .into_response())
}

/// `PUT /api/plans/{P}/pins`.
async fn set_pins(
    AxState(state): AxState<Shared>,
    Extension(who): Extension<Who>,
    Path(p): Path<String>,
    lang: Lang,
    body: Body,
) -> Answer {
    let (row, _, _) = plan_for(&state, &who, &p, lang)?;
    let bytes = read_body(body, MAX_BODY, lang).await?;
    let map = object(&bytes, lang, &["visits"])?;
    let visits = strings(&map, "visits", lang)?;
    let plan = load_plan(&done_plan(&row, lang)?)?;
    let unknown: Vec<Value> = visits
        .iter()
        .enumerate()
        .filter(|(_, v)| !plan.visits.iter().any(|pv| &pv.id == *v))
        .map(|(i, v)| {
            problem(
                &format!("visits[{i}]"),
                &match lang {
                    Lang::Zh => format!("方案中没有检查 \"{v}\""),
                    Lang::En => format!("the plan has no visit \"{v}\""),
                },
                "unknown-id",
            )
        })
        .collect();
    if !unknown.is_empty() {
        return Err(ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, unknown));
    }
    let mut pins = visits;
    pins.sort();
    pins.dedup();
    state.store.set_pins(row.id, &pins)?;
    Ok(axum::Json(json!({ "pins": pins })).into_response())
}

/// Reads a plan from a request, with its figures recomputed for `scn` unless `keep`.
fn plan_from(
    value: &Value,
    scn: &crate::Scenario,
    keep: bool,
    lang: Lang,
    prefix: &str,
) -> Result<crate::plan::Plan, ApiError> {
    let text = value.to_string();
    let mut plan =
        crate::plan::Plan::parse(&text, "plan").map_err(|e| ApiError::input(&e, lang, prefix))?;
    if !keep {
        let travel = crate::travel::TravelGraph::build(scn);
        plan.stats = onedoor_core::figures::plan_stats(scn, &travel, &plan).to_fields();
    }
    Ok(plan)
}

/// `POST /api/weeks/{W}/check`: the checker's verdict on a plan.
async fn check_plan(
    AxState(state): AxState<Shared>,
    Extension(who): Extension<Who>,
    Path(w): Path<String>,
    headers: HeaderMap,
    uri: Uri,
    body: Body,
) -> Answer {
    let lang = Lang::of(&headers, &uri);
    let (week, week_text) = week_for(&state, &who, &w, lang)?;
    // `?parent=P`: check against the facts of that plan (a re-plan's changed week).
    let facts = match query(&uri, "parent") {
        Some(p) => {
            let (row, pw, text) = plan_for(&state, &who, &p, lang)?;
            if pw.id != week.id {
                return Err(ApiError::bad(
                    "parent",
                    lang.pick("不是该周的方案", "not a plan of this week")
                        .to_owned(),
                ));
            }
            facts_of(&row, &text)
        }
        None => week_text,
    };
    let keep = query(&uri, "figures").as_deref() == Some("keep");
    let bytes = read_body(body, MAX_BODY, lang).await?;
    let value: Value = serde_json::from_slice(&bytes).map_err(|e| {
        ApiError::one(
            StatusCode::UNPROCESSABLE_ENTITY,
            "",
            &format!("{}: {e}", lang.pick("不是有效的 JSON", "not valid JSON")),
            "syntax",
        )
    })?;
    let body = blocking(move || -> Result<Value, ApiError> {
        let scn = load_scenario(&facts)?;
        let plan = plan_from(&value, &scn, keep, lang, "")?;
        let report = crate::check::check(&scn, &plan);
        Ok(json!({
            "valid": report.is_valid(),
            "violations": ops::violations_shown(&ops::violations_json(&report), lang.english()),
            "stats": ops::stats_json(&report.stats),
        }))
    })
    .await??;
    Ok(axum::Json(body).into_response())
}

/// `POST /api/weeks/{W}/plans/edited`: a hand edit kept as a new version.
async fn add_edited(
    AxState(state): AxState<Shared>,
    Extension(who): Extension<Who>,
    Path(w): Path<String>,
    lang: Lang,
    body: Body,
) -> Answer {
    let (week, week_text) = week_for(&state, &who, &w, lang)?;
    let bytes = read_body(body, MAX_BODY, lang).await?;
    let map = object(&bytes, lang, &["plan", "parent", "draft"])?;
    let draft = match map.get("draft") {
        None | Some(Value::Null) => false,
        Some(Value::Bool(b)) => *b,
        Some(_) => {
            return Err(ApiError::bad(
                "draft",
                lang.pick("应为 true 或 false", "expected true or false")
                    .to_owned(),
            ))
        }
    };
    let parent = match map.get("parent").and_then(Value::as_str) {
        Some(p) => {
            let (row, pw, _) = plan_for(&state, &who, p, lang).map_err(|_| {
                ApiError::bad("parent", lang.pick("未知的方案", "unknown plan").to_owned())
            })?;
            if pw.id != week.id {
                return Err(ApiError::bad(
                    "parent",
                    lang.pick("不是该周的方案", "not a plan of this week")
                        .to_owned(),
                ));
            }
            Some(row)
        }
        None if map.contains_key("parent") && !map["parent"].is_null() => {
            return Err(ApiError::bad(
                "parent",
                lang.pick("应为方案编号", "expected a plan id").to_owned(),
            ))
        }
        None => None,
    };
    let Some(plan_value) = map.get("plan").cloned() else {
        return Err(ApiError::bad(
            "plan",
            lang.pick("缺少方案 plan", "missing: the plan").to_owned(),
        ));
    };
    let facts = parent
        .as_ref()
        .map_or(week_text.clone(), |r| facts_of(r, &week_text));
    let facts_for_row = parent.as_ref().and_then(|r| r.scenario.clone());
    let checked = blocking(move || -> Result<(String, Value, Value, Value), ApiError> {
        let scn = load_scenario(&facts)?;
        let plan = plan_from(&plan_value, &scn, false, lang, "plan")?;
        let report = crate::check::check(&scn, &plan);
        Ok((
            plan.to_json_string(),
            ops::violations_json(&report),
            ops::figures_json(&plan),
            ops::reasons_json(&scn, &plan),
        ))
    })
    .await??;
    let (text, violations, figures, reasons) = checked;
    let shown = ops::violations_shown(&violations, lang.english());
    let invalid = violations.as_array().is_some_and(|v| !v.is_empty());
    if invalid && !draft {
        let mut e = ApiError::one(
            StatusCode::UNPROCESSABLE_ENTITY,
            "plan",
            lang.pick(
                "方案违反规则，未保存（用 draft: true 保存为草稿）",
                "the plan breaks rules and was not kept (send draft: true to keep it as a draft)",
            ),
            "violations",
        );
        e.body["violations"] = shown;
        return Err(e);
    }
    let request = json!({"parent": parent.as_ref().map(|r| format!("P{}", r.id)), "draft": draft});
    let id = state.store.add_plan(&NewPlan {
        week: week.id,
        kind: "edit",
        parent: parent.as_ref().map(|r| r.id),
        state: "done",
        request: &request,
        scenario: facts_for_row.as_deref(),
        done: Some(Finished {
            plan: &text,
            violations: &violations,
            figures: &figures,
            changes: None,
            draft: invalid,
            reasons: &reasons,
        }),
    })?;
    Ok((
        StatusCode::CREATED,
        axum::Json(json!({"id": format!("P{id}"), "valid": !invalid, "draft": invalid, "violations": shown})),
    )
        .into_response())
}

/// `GET /api/plans/{P}/diff/{Q}`: what changed from P to Q.
async fn diff(
    AxState(state): AxState<Shared>,
    Extension(who): Extension<Who>,
    Path((p, q)): Path<(String, String)>,
    lang: Lang,
) -> Answer {
    let (a, week, week_text) = plan_for(&state, &who, &p, lang)?;
    let (b, week_b, _) = plan_for(&state, &who, &q, lang)?;
    if week.id != week_b.id {
        return Err(ApiError::bad(
            "",
            lang.pick(
                "两个方案不属于同一周",
                "the two plans are of different weeks",
            )
            .to_owned(),
        ));
    }
    let (ta, tb) = (done_plan(&a, lang)?, done_plan(&b, lang)?);
    let facts = facts_of(&b, &week_text);
    let body = blocking(move || -> Result<Value, ApiError> {
        let scn = load_scenario(&facts)?;
        let (pa, pb) = (load_plan(&ta)?, load_plan(&tb)?);
        let d = crate::diff::diff(&scn, &pa, &pb);
        serde_json::to_value(crate::report::diff_json(&d)).map_err(ApiError::internal)
    })
    .await??;
    Ok(axum::Json(body).into_response())
}

/// `POST /api/weeks/{W}/whatif`: variants of the week compared, queued as a job.
async fn add_whatif(
    AxState(state): AxState<Shared>,
    Extension(who): Extension<Who>,
    Path(w): Path<String>,
    lang: Lang,
    body: Body,
) -> Answer {
    let (week, week_text) = week_for(&state, &who, &w, lang)?;
    let bytes = read_body(body, MAX_BODY, lang).await?;
    let map = object(&bytes, lang, &["variants", "certify", "time_limit"])?;
    let limit = time_limit(&map, lang)?;
    let certify = match map.get("certify") {
        None | Some(Value::Null) => None,
        Some(v) => Some(v.as_u64().filter(|n| *n <= 1000).ok_or_else(|| {
            ApiError::bad(
                "certify",
                lang.pick(
                    "应为 0 到 1000 的整数",
                    "expected a whole number from 0 to 1000",
                )
                .to_owned(),
            )
        })? as usize),
    };
    let variants = match map.get("variants") {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Array(v)) => v.clone(),
        Some(_) => {
            return Err(ApiError::bad(
                "variants",
                lang.pick("应为数组", "expected an array").to_owned(),
            ))
        }
    };
    let base = week_text.clone();
    let cases = blocking(move || -> Result<Vec<(String, String)>, ApiError> {
        let mut cases = vec![("base".to_owned(), base.clone())];
        let mut problems = Vec::new();
        for (i, v) in variants.iter().enumerate() {
            let prefix = format!("variants[{i}]");
            let Value::Object(m) = v else {
                problems.push(problem(
                    &prefix,
                    lang.pick("应为对象", "expected an object"),
                    "type",
                ));
                continue;
            };
            let known = [
                "name",
                "unavailable",
                "close",
                "holiday",
                "drop_inspector",
                "rule",
                "add_tasks",
            ];
            for k in m.keys().filter(|k| !known.contains(&k.as_str())) {
                problems.push(problem(
                    &format!("{prefix}.{k}"),
                    lang.pick("未知的字段", "unknown field"),
                    "unknown-field",
                ));
            }
            let name = m
                .get("name")
                .and_then(Value::as_str)
                .map_or_else(|| format!("variant {}", i + 1), str::to_owned);
            let built = shortcuts_of(m, lang)
                .and_then(|(s, add)| changed_week(&base, &s, &add, lang, &prefix));
            match built {
                Ok((text, _)) => cases.push((name, text)),
                Err(e) => {
                    if let Some(list) = e.body["problems"].as_array() {
                        problems.extend(list.iter().map(|p| {
                            let mut p = p.clone();
                            let place = p["place"].as_str().unwrap_or("").to_owned();
                            if !place.starts_with(&prefix) {
                                p["place"] = json!(prefixed(&prefix, &place));
                            }
                            p
                        }));
                    }
                }
            }
        }
        if problems.is_empty() {
            Ok(cases)
        } else {
            Err(ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, problems))
        }
    })
    .await??;
    let request = Value::Object(map);
    let id = state.store.add_job(week.id, "whatif", &request)?;
    state.jobs.submit(Work::Whatif {
        id,
        cases,
        certify,
        time_limit: limit,
    });
    Ok((
        StatusCode::ACCEPTED,
        axum::Json(json!({"id": format!("J{id}"), "state": "queued"})),
    )
        .into_response())
}

fn job_for(
    state: &State,
    who: &Who,
    id: &str,
    lang: Lang,
) -> Result<super::store::JobRow, ApiError> {
    let n = number(id, 'J').ok_or_else(|| ApiError::not_found(lang))?;
    let row = state
        .store
        .job(n)?
        .ok_or_else(|| ApiError::not_found(lang))?;
    week_for(state, who, &format!("W{}", row.week), lang)?;
    Ok(row)
}

async fn get_job(
    AxState(state): AxState<Shared>,
    Extension(who): Extension<Who>,
    Path(j): Path<String>,
    lang: Lang,
) -> Answer {
    let row = job_for(&state, &who, &j, lang)?;
    let mut body = json!({
        "id": format!("J{}", row.id),
        "week": format!("W{}", row.week),
        "kind": row.kind,
        "state": row.state,
        "created": row.created,
        "request": row.request,
    });
    if let Some(r) = &row.result {
        body["result"] = r.clone();
    }
    if let Some(e) = &row.error {
        body["error"] = error_shown(e, lang);
    }
    if row.state == "running" {
        if let Some(progress) = state
            .jobs
            .live(&format!("J{}", row.id))
            .and_then(|l| l.progress())
        {
            body["progress"] = progress;
        }
    }
    Ok(axum::Json(body).into_response())
}

async fn cancel_job(
    AxState(state): AxState<Shared>,
    Extension(who): Extension<Who>,
    Path(j): Path<String>,
    lang: Lang,
    _body: axum::body::Bytes,
) -> Answer {
    let row = job_for(&state, &who, &j, lang)?;
    let c = state
        .jobs
        .cancel(Table::Jobs, row.id, &format!("J{}", row.id))?;
    cancelled_answer(c, lang)
}

/// Exports plan `p` and hands `pick` the folder and files.
async fn exported<T: Send + 'static>(
    state: &State,
    who: &Who,
    p: &str,
    lang: Lang,
    pick: impl FnOnce(&std::path::Path, &[std::path::PathBuf]) -> std::io::Result<T> + Send + 'static,
) -> Result<T, ApiError> {
    let (row, _, week_text) = plan_for(state, who, p, lang)?;
    let text = done_plan(&row, lang)?;
    // A re-plan's notices and calendars are made against the plan it re-planned.
    let previous = match (row.kind.as_str(), row.parent) {
        ("replan", Some(parent)) => state.store.plan(parent)?.and_then(|r| r.plan),
        _ => None,
    };
    let facts = facts_of(&row, &week_text);
    let tmp = state.store.tmp().to_path_buf();
    blocking(move || -> Result<T, ApiError> {
        let scn = load_scenario(&facts)?;
        let plan = load_plan(&text)?;
        let previous = previous.as_deref().map(load_plan).transpose()?;
        ops::with_export(&tmp, &scn, &plan, previous.as_ref(), lang.english(), pick).map_err(|e| {
            match e {
                ops::ExportFailed::Invalid(report) => {
                    let mut e = ApiError::one(
                        StatusCode::UNPROCESSABLE_ENTITY,
                        "",
                        lang.pick(
                            "方案违反规则，不能导出",
                            "the plan breaks rules and cannot be exported",
                        ),
                        "violations",
                    );
                    e.body["violations"] =
                        ops::violations_shown(&ops::violations_json(&report), lang.english());
                    e
                }
                ops::ExportFailed::Io(m) => ApiError::internal(m),
            }
        })
    })
    .await?
}

async fn export_zip(
    AxState(state): AxState<Shared>,
    Extension(who): Extension<Who>,
    Path(p): Path<String>,
    lang: Lang,
) -> Answer {
    let bytes = exported(&state, &who, &p, lang, ops::zip_folder).await?;
    let disposition = format!(
        "attachment; filename=\"onedoor-{}.zip\"",
        p.replace(|c: char| !c.is_ascii_alphanumeric(), "")
    );
    Ok((
        [
            (header::CONTENT_TYPE, "application/zip".to_owned()),
            (header::CONTENT_DISPOSITION, disposition),
        ],
        bytes,
    )
        .into_response())
}

async fn html_of(state: Shared, who: Who, p: String, lang: Lang, file: &'static str) -> Answer {
    let html = exported(&state, &who, &p, lang, move |dir, _| {
        std::fs::read(dir.join(file))
    })
    .await?;
    Ok((
        [
            (header::CONTENT_TYPE, "text/html; charset=utf-8"),
            (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        ],
        html,
    )
        .into_response())
}

async fn report_html(
    AxState(state): AxState<Shared>,
    Extension(who): Extension<Who>,
    Path(p): Path<String>,
    lang: Lang,
) -> Answer {
    html_of(state, who, p, lang, "internal/report.html").await
}

async fn notices_html(
    AxState(state): AxState<Shared>,
    Extension(who): Extension<Who>,
    Path(p): Path<String>,
    lang: Lang,
) -> Answer {
    html_of(state, who, p, lang, "for-businesses/all-notices.html").await
}
