//! The gate every accepted connection passes before hyper sees it: counted under
//! the connection caps (over a cap it is dropped at once, so it neither waits in
//! the kernel's backlog nor holds a descriptor), then the inner acceptor (TLS or
//! none), then wrapped in a [`ConnStream`] for the idle timeout and otpd's words
//! in hyper's own refusals.

use std::future::Future;
use std::io;
use std::pin::Pin;
use std::sync::Arc;
use std::time::Duration;

use axum_server::accept::Accept;
use tokio::net::TcpStream;

use super::conn_limit::ConnCounter;
use super::conn_stream::{ConnStream, Refusals};

/// An acceptor that counts, refuses over the caps, and wraps what it lets in.
#[derive(Clone)]
pub struct Gate<A> {
    inner: A,
    counter: Arc<ConnCounter>,
    idle: Option<Duration>,
    refusals: Arc<Refusals>,
}

impl<A> Gate<A> {
    /// A gate in front of `inner`.
    pub fn new(
        inner: A,
        counter: Arc<ConnCounter>,
        idle: Option<Duration>,
        refusals: Arc<Refusals>,
    ) -> Self {
        Self {
            inner,
            counter,
            idle,
            refusals,
        }
    }
}

type Accepted<A, S> = io::Result<(
    ConnStream<<A as Accept<TcpStream, S>>::Stream>,
    <A as Accept<TcpStream, S>>::Service,
)>;

impl<A, S> Accept<TcpStream, S> for Gate<A>
where
    A: Accept<TcpStream, S>,
    A::Future: Send + 'static,
    A::Stream: Send + 'static,
    A::Service: Send + 'static,
{
    type Stream = ConnStream<A::Stream>;
    type Service = A::Service;
    type Future = Pin<Box<dyn Future<Output = Accepted<A, S>> + Send>>;

    fn accept(&self, stream: TcpStream, service: S) -> Self::Future {
        let permit = match stream.peer_addr() {
            Ok(peer) => self.counter.admit(peer.ip()).ok(),
            Err(_) => None,
        };
        let Some(permit) = permit else {
            // Over a cap (or already gone): closed now, counted for the log.
            drop(stream);
            return Box::pin(std::future::ready(Err(
                io::ErrorKind::ConnectionRefused.into()
            )));
        };
        let inner = self.inner.accept(stream, service);
        let idle = self.idle;
        let refusals = self.refusals.clone();
        Box::pin(async move {
            let (stream, service) = inner.await?;
            Ok((ConnStream::new(stream, permit, idle, refusals), service))
        })
    }
}
