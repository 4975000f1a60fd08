//! The coordinator's desk: `onedoor serve`, a web page and an HTTP API over stored weeks
//! and plans (docs/serve.md).
//!
//! - [`api`]: the routes, one handler per request, each calling the same library
//!   functions as the command line (import, scenario loader, solver, checker, diff,
//!   export);
//! - [`auth`]: the users file, Argon2id passwords, sessions, CSRF;
//! - [`jobs`]: the bounded worker pool that runs solves off the HTTP runtime;
//! - [`store`]: the SQLite database in the data folder;
//! - [`ops`]: the computations the desk shares with the command line.
//!
//! [`start`] binds the address and serves on a runtime of its own, returning at once with
//! the bound address (port 0 picks a free port): the command line and the tests both
//! use it.

pub mod api;
pub mod auth;
pub mod jobs;
pub mod ops;
pub mod store;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;

/// How to serve.
#[derive(Clone, Debug)]
pub struct Config {
    /// The data folder (created if missing).
    pub data: PathBuf,
    /// The address to listen on.
    pub listen: SocketAddr,
    /// The users file; None: no login (loopback addresses only).
    pub users: Option<PathBuf>,
    /// Solves run at once (None: half the cores, at least one).
    pub workers: Option<usize>,
}

/// Why the desk cannot start.
#[derive(Debug, thiserror::Error)]
pub enum StartError {
    /// A non-loopback address without a users file.
    #[error(
        "拒绝在 {0} 上无登录地监听：非本机地址需要 --users FILE（用 `onedoor user add` 创建）/ \
         refusing to listen on {0} without logins: an address other than loopback needs \
         --users FILE (made with `onedoor user add`)"
    )]
    Open(SocketAddr),
    /// The users file is bad.
    #[error("{0}")]
    Users(String),
    /// The data folder or database.
    #[error("{0}")]
    Store(#[from] store::StoreError),
    /// The address cannot be bound.
    #[error("无法在 {0} 上监听 / cannot listen on {0}: {1} (another server on that port? try --listen 127.0.0.1:0)")]
    Bind(SocketAddr, std::io::Error),
    /// The runtime cannot be started.
    #[error("{0}")]
    Io(#[from] std::io::Error),
}

impl StartError {
    /// Whether the fault is in what was given (exit code 2) rather than the machine.
    pub fn is_input(&self) -> bool {
        matches!(self, StartError::Open(_) | StartError::Users(_))
    }
}

/// A running desk.
pub struct Server {
    /// The address it listens on.
    pub addr: SocketAddr,
    runtime: Option<tokio::runtime::Runtime>,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    jobs: jobs::Jobs,
}

impl Server {
    /// Serves until Ctrl-C (or SIGTERM), then stops.
    pub fn wait_for_signal(mut self) {
        if let Some(rt) = &self.runtime {
            rt.block_on(async {
                let ctrl_c = tokio::signal::ctrl_c();
                #[cfg(unix)]
                {
                    let mut term =
                        tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
                            .ok();
                    tokio::select! {
                        _ = ctrl_c => {}
                        _ = async { match term.as_mut() { Some(t) => { t.recv().await; } None => std::future::pending::<()>().await } } => {}
                    }
                }
                #[cfg(not(unix))]
                {
                    let _ = ctrl_c.await;
                }
            });
        }
        self.stop();
    }

    /// Stops serving; running solves are cancelled (their jobs are marked
    /// `interrupted` at the next start, like after a kill).
    pub fn stop(&mut self) {
        if let Some(tx) = self.stop.take() {
            let _ = tx.send(());
        }
        self.jobs.shut_down();
        if let Some(rt) = self.runtime.take() {
            rt.shutdown_timeout(std::time::Duration::from_secs(5));
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop();
    }
}

/// Whether an address may serve without logins (loopback only).
pub fn is_loopback(addr: &SocketAddr) -> bool {
    addr.ip().is_loopback()
}

/// Opens the data folder, marks jobs a killed server left behind as failed
/// (`interrupted`), binds the address and starts serving.
pub fn start(config: &Config) -> Result<Server, StartError> {
    if config.users.is_none() && !is_loopback(&config.listen) {
        return Err(StartError::Open(config.listen));
    }
    let users = match &config.users {
        Some(path) => Some(auth::Users::load(path).map_err(StartError::Users)?),
        None => None,
    };
    let store = Arc::new(store::Store::open(&config.data)?);
    let interrupted = store.interrupt_leftovers()?;
    if interrupted > 0 {
        eprintln!("onedoor: {interrupted} job(s) of the previous run marked failed (interrupted)");
    }
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let workers = config.workers.unwrap_or((cores / 2).max(1)).max(1);
    let jobs = jobs::Jobs::start(Arc::clone(&store), workers);
    let state = Arc::new(api::State::new(store, jobs.clone(), users));
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(cores.clamp(1, 4))
        .thread_name("onedoor-http")
        .enable_all()
        .build()?;
    let listener = runtime
        .block_on(tokio::net::TcpListener::bind(config.listen))
        .map_err(|e| StartError::Bind(config.listen, e))?;
    let addr = listener.local_addr()?;
    let (tx, rx) = tokio::sync::oneshot::channel::<()>();
    let app = api::router(state);
    runtime.spawn(async move {
        let served = axum::serve(
            listener,
            app.into_make_service_with_connect_info::<SocketAddr>(),
        )
        .with_graceful_shutdown(async {
            let _ = rx.await;
        })
        .await;
        if let Err(e) = served {
            eprintln!("onedoor: server: {e}");
        }
    });
    Ok(Server {
        addr,
        runtime: Some(runtime),
        stop: Some(tx),
        jobs,
    })
}
