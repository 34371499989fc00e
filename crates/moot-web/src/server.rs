//! The connection loop: accepting clients, bounding what each may hold,
//! and stopping gracefully.
//!
//! A bare `moot serve` is on the internet, so no client may starve the
//! others:
//!
//! - a client has [`Limits::header_timeout`] to send a request's headers
//!   (counted from connecting, and again from the end of each answer on a
//!   kept-alive connection), else the connection is closed;
//! - one request, its body and the answer together, may take at most
//!   [`Limits::request_timeout`] (408 after that; see `lib.rs`);
//! - at most [`Limits::max_connections`] are open at once. When a new
//!   client arrives at the cap, the oldest connection with no request in
//!   hand (a half-open or idle one: it has sent nothing, or nothing since
//!   its last answer) is closed to make room, so a crowd of idle
//!   connections cannot lock everyone else out; only when every open
//!   connection is busy answering is the newcomer turned away. The cap
//!   is meant to sit below the process's open-file limit (`moot serve`
//!   raises that limit to its maximum and sets the cap from it), so
//!   `accept` itself never runs out of descriptors.
//!
//! Each request carries the address it came from as
//! [`axum::extract::ConnectInfo`] (the sign-in rate limit counts by it).

use axum::extract::ConnectInfo;
use axum::Router;
use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use std::collections::BTreeMap;
use std::future::Future;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{watch, Notify};
use tower::ServiceExt;

/// What one client may hold of the server.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// How long a client has to send a request's headers.
    pub header_timeout: Duration,
    /// How long one request may take, its body and the answer included.
    pub request_timeout: Duration,
    /// The most connections open at once.
    pub max_connections: usize,
}

impl Default for Limits {
    /// 10 seconds for headers, 120 for a whole request (a 20 MB paper
    /// over a slow line), 1000 connections (under the usual soft limit
    /// of 1024 open files).
    fn default() -> Limits {
        Limits {
            header_timeout: Duration::from_secs(10),
            request_timeout: Duration::from_secs(120),
            max_connections: 1000,
        }
    }
}

/// How long connections still open when the server is told to stop may
/// finish their answers.
const GRACE: Duration = Duration::from_secs(10);

/// One open connection, as the registry sees it.
#[derive(Default)]
struct Connection {
    /// Requests being answered on it now.
    in_flight: AtomicUsize,
    /// Told when it is shed to make room.
    shed: Notify,
}

/// The open connections, oldest first.
#[derive(Default)]
struct Registry {
    next: u64,
    open: BTreeMap<u64, Arc<Connection>>,
}

impl Registry {
    /// Makes room for one more connection under `cap`: closes the oldest
    /// with no request in hand when the cap is reached. False when every
    /// open connection is busy.
    fn make_room(&mut self, cap: usize) -> bool {
        self.open.len() < cap.max(1) || self.shed_oldest_idle()
    }

    /// Closes the oldest connection with no request in hand, if any.
    fn shed_oldest_idle(&mut self) -> bool {
        let idle = self
            .open
            .iter()
            .find(|(_, c)| c.in_flight.load(Ordering::Acquire) == 0)
            .map(|(id, _)| *id);
        match idle.and_then(|id| self.open.remove(&id)) {
            Some(connection) => {
                connection.shed.notify_one();
                true
            }
            None => false,
        }
    }

    fn add(&mut self, connection: Arc<Connection>) -> u64 {
        let id = self.next;
        self.next += 1;
        self.open.insert(id, connection);
        id
    }
}

/// Counts a request in flight on its connection for as long as it lives.
struct InFlight(Arc<Connection>);

impl InFlight {
    fn new(connection: &Arc<Connection>) -> InFlight {
        connection.in_flight.fetch_add(1, Ordering::AcqRel);
        InFlight(Arc::clone(connection))
    }
}

impl Drop for InFlight {
    fn drop(&mut self) {
        self.0.in_flight.fetch_sub(1, Ordering::AcqRel);
    }
}

/// Serves `router` on `listener` within `limits` until `stop` resolves,
/// then lets open connections finish (for up to ten seconds).
pub async fn run(
    listener: TcpListener,
    router: Router,
    limits: Limits,
    stop: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let registry = Arc::new(Mutex::new(Registry::default()));
    let (stopping, stopped) = watch::channel(false);
    let tasks = Arc::new(());
    tokio::pin!(stop);
    loop {
        let (stream, peer) = tokio::select! {
            () = &mut stop => break,
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(error) => {
                    refused_accept(&error, &registry).await;
                    continue;
                }
            },
        };
        let connection = Arc::new(Connection::default());
        let id = {
            let Ok(mut open) = registry.lock() else {
                continue;
            };
            if !open.make_room(limits.max_connections) {
                // Every connection is busy answering: this one waits its
                // turn in the client's retry rather than in our memory.
                drop(stream);
                continue;
            }
            open.add(Arc::clone(&connection))
        };
        let task = Task {
            registry: Arc::clone(&registry),
            id,
            connection,
            stopped: stopped.clone(),
            _alive: Arc::clone(&tasks),
        };
        tokio::spawn(task.serve(stream, peer, router.clone(), limits));
    }
    drop(listener);
    let _ = stopping.send(true);
    let deadline = tokio::time::Instant::now() + GRACE;
    while Arc::strong_count(&tasks) > 1 && tokio::time::Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    Ok(())
}

/// `accept` failed: a client that gave up meanwhile is no matter; out of
/// descriptors (the cap set above the process's limit), an idle
/// connection is shed and the loop pauses a moment rather than spin.
async fn refused_accept(error: &std::io::Error, registry: &Mutex<Registry>) {
    use std::io::ErrorKind::{ConnectionAborted, ConnectionRefused, ConnectionReset};
    if matches!(
        error.kind(),
        ConnectionAborted | ConnectionRefused | ConnectionReset
    ) {
        return;
    }
    tracing::warn!(%error, "cannot accept a connection");
    if let Ok(mut open) = registry.lock() {
        open.shed_oldest_idle();
    }
    tokio::time::sleep(Duration::from_millis(10)).await;
}

/// One connection's task.
struct Task {
    registry: Arc<Mutex<Registry>>,
    id: u64,
    connection: Arc<Connection>,
    stopped: watch::Receiver<bool>,
    /// Counted by [`run`] to wait for open connections at the end.
    _alive: Arc<()>,
}

impl Task {
    async fn serve(mut self, stream: TcpStream, peer: SocketAddr, router: Router, limits: Limits) {
        let _ = stream.set_nodelay(true);
        let in_connection = Arc::clone(&self.connection);
        let service = hyper::service::service_fn(
            move |mut request: hyper::Request<hyper::body::Incoming>| {
                let in_flight = InFlight::new(&in_connection);
                request.extensions_mut().insert(ConnectInfo(peer));
                let router = router.clone();
                async move {
                    let response = router.oneshot(request.map(axum::body::Body::new)).await;
                    drop(in_flight);
                    response
                }
            },
        );
        let mut builder = http1::Builder::new();
        builder
            .timer(TokioTimer::new())
            .header_read_timeout(limits.header_timeout);
        let served = builder.serve_connection(TokioIo::new(stream), service);
        tokio::pin!(served);
        let stopping = tokio::select! {
            _ = served.as_mut() => false,
            () = self.connection.shed.notified() => false,
            _ = self.stopped.wait_for(|stop| *stop) => true,
        };
        if stopping {
            served.as_mut().graceful_shutdown();
            let _ = tokio::time::timeout(GRACE, served).await;
        }
        if let Ok(mut open) = self.registry.lock() {
            open.open.remove(&self.id);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn registry(busy: &[bool]) -> Registry {
        let mut registry = Registry::default();
        for &b in busy {
            let connection = Arc::new(Connection::default());
            connection
                .in_flight
                .store(usize::from(b), Ordering::Release);
            registry.add(connection);
        }
        registry
    }

    #[test]
    fn below_the_cap_nothing_is_shed() {
        let mut open = registry(&[false, false]);
        assert!(open.make_room(3));
        assert_eq!(open.open.len(), 2);
    }

    #[test]
    fn at_the_cap_the_oldest_idle_connection_is_shed_and_busy_ones_kept() {
        let mut open = registry(&[true, false, false]);
        assert!(open.make_room(3));
        assert_eq!(open.open.keys().copied().collect::<Vec<_>>(), [0, 2]);
    }

    #[test]
    fn when_every_connection_is_busy_the_newcomer_is_turned_away() {
        let mut open = registry(&[true, true]);
        assert!(!open.make_room(2));
        assert_eq!(open.open.len(), 2);
    }
}
