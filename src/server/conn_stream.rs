//! One client connection as hyper sees it: the stream (plain TCP or TLS) with
//! its place under the connection caps, an idle timeout, and a rewrite of the
//! answers hyper writes on its own.
//!
//! hyper answers a request it cannot parse (a garbage request line, too many or
//! too large headers, a path too long) itself, with a bare `400`, `431` or `414`
//! and `content-length: 0`, and offers no hook. otpd's own refusals always carry a
//! JSON body, so a head with an error status and an empty body is hyper's: it is
//! replaced here by the same answer with otpd's JSON error and a log line. hyper
//! closes the connection after such an answer, so nothing follows it. This holds
//! for any request on a keep-alive connection, not only the first.

use std::future::Future;
use std::io;
use std::net::IpAddr;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll, ready};
use std::time::Duration;

use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::time::{Instant, Sleep};

use super::conn_limit::Permit;
use super::http::Wording;
use crate::api::ErrorCode;
use crate::api::wire::ErrorReply;

/// What every connection needs to put hyper's refusals into otpd's words.
pub struct Refusals {
    /// The front-end's wording of error codes.
    pub wording: Wording,
    /// Whether to log one line per refusal (`log_requests`).
    pub log: bool,
}

/// A connection's stream, counted, timed and with hyper's bare refusals rewritten.
pub struct ConnStream<S> {
    inner: S,
    permit: Permit,
    refusals: Arc<Refusals>,
    idle: Option<Duration>,
    idle_timer: Option<Pin<Box<Sleep>>>,
    /// Bytes of a request were read and no answer has been written since: a
    /// handler is at work, and silence is not idleness.
    owes_answer: bool,
    /// otpd's answer in place of hyper's, still to be written.
    replacement: Vec<u8>,
    written: usize,
    /// hyper's answer was replaced: whatever hyper writes after it is dropped.
    replaced: bool,
    /// When the first byte of the request now owed an answer arrived.
    request_began: Option<std::time::Instant>,
    /// The first bytes of that request (at most [`HEAD_SAMPLE`]), where its
    /// `Accept-Language` is looked for if hyper refuses it.
    head_sample: Vec<u8>,
}

/// How much of each request's start is kept to find its `Accept-Language`.
const HEAD_SAMPLE: usize = 8 * 1024;

impl<S> ConnStream<S> {
    /// `inner`, counted under `permit`, closed after `idle` without a byte while
    /// waiting for a request.
    pub fn new(inner: S, permit: Permit, idle: Option<Duration>, refusals: Arc<Refusals>) -> Self {
        Self {
            inner,
            permit,
            refusals,
            idle,
            idle_timer: None,
            owes_answer: false,
            replacement: Vec::new(),
            written: 0,
            replaced: false,
            request_began: None,
            head_sample: Vec::new(),
        }
    }

    fn touch(&mut self) {
        if let (Some(idle), Some(timer)) = (self.idle, self.idle_timer.as_mut()) {
            timer.as_mut().reset(Instant::now() + idle);
        }
    }
}

impl<S: AsyncWrite + Unpin> ConnStream<S> {
    /// Writes what is left of the replacement answer.
    fn drain(&mut self, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        while self.written < self.replacement.len() {
            let n = ready!(
                Pin::new(&mut self.inner).poll_write(cx, &self.replacement[self.written..])
            )?;
            if n == 0 {
                return Poll::Ready(Err(io::ErrorKind::WriteZero.into()));
            }
            self.written += n;
        }
        Poll::Ready(Ok(()))
    }
}

impl<S: AsyncRead + Unpin> AsyncRead for ConnStream<S> {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        let this = self.get_mut();
        let before = buf.filled().len();
        match Pin::new(&mut this.inner).poll_read(cx, buf) {
            Poll::Ready(result) => {
                if buf.filled().len() > before {
                    if !this.owes_answer {
                        this.request_began = Some(std::time::Instant::now());
                        this.head_sample.clear();
                    }
                    let room = HEAD_SAMPLE.saturating_sub(this.head_sample.len());
                    let new = &buf.filled()[before..];
                    this.head_sample
                        .extend_from_slice(&new[..new.len().min(room)]);
                    this.owes_answer = true;
                    this.touch();
                }
                Poll::Ready(result)
            }
            Poll::Pending => {
                if let Some(idle) = this.idle
                    && !this.owes_answer
                {
                    let timer = this
                        .idle_timer
                        .get_or_insert_with(|| Box::pin(tokio::time::sleep(idle)));
                    if timer.as_mut().poll(cx).is_ready() {
                        return Poll::Ready(Err(io::ErrorKind::TimedOut.into()));
                    }
                }
                Poll::Pending
            }
        }
    }
}

impl<S: AsyncWrite + Unpin> AsyncWrite for ConnStream<S> {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        let this = self.get_mut();
        if this.replaced {
            ready!(this.drain(cx))?;
            return Poll::Ready(Ok(buf.len()));
        }
        if let Some(status) = bare_refusal(buf) {
            let code = code_for(status);
            let language = accept_language(&this.head_sample);
            this.replacement = said(buf, code, &this.refusals.wording, language);
            this.replaced = true;
            if this.refusals.log {
                log_refusal(this.permit.addr(), status, code);
            }
            // hyper's bytes count as written; ours go out now or on flush.
            if let Poll::Ready(Err(error)) = this.drain(cx) {
                return Poll::Ready(Err(error));
            }
            return Poll::Ready(Ok(buf.len()));
        }
        let n = ready!(Pin::new(&mut this.inner).poll_write(cx, buf))?;
        if n > 0 {
            this.owes_answer = false;
            this.touch();
        }
        Poll::Ready(Ok(n))
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        let this = self.get_mut();
        ready!(this.drain(cx))?;
        Pin::new(&mut this.inner).poll_flush(cx)
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        let this = self.get_mut();
        ready!(this.drain(cx))?;
        Pin::new(&mut this.inner).poll_shutdown(cx)
    }

    // Not vectored: hyper then writes each answer's head (and a small body) as one
    // buffer, which is what `bare_refusal` looks at.
    fn is_write_vectored(&self) -> bool {
        false
    }
}

/// The status of `buf` when it is a whole answer head of hyper's own: an error
/// status, `content-length: 0`, nothing after the head. otpd's handlers never send
/// that (their refusals carry a JSON body).
fn bare_refusal(buf: &[u8]) -> Option<u16> {
    let rest = buf
        .strip_prefix(b"HTTP/1.1 ")
        .or_else(|| buf.strip_prefix(b"HTTP/1.0 "))?;
    let status: u16 = std::str::from_utf8(rest.get(..3)?).ok()?.parse().ok()?;
    if status < 400 || !buf.ends_with(b"\r\n\r\n") {
        return None;
    }
    let head = &buf[..buf.len() - 2];
    let empty = head.split(|&b| b == b'\n').any(|line| {
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        line.eq_ignore_ascii_case(b"content-length: 0")
    });
    empty.then_some(status)
}

/// otpd's code for a refusal of hyper's with `status`.
fn code_for(status: u16) -> ErrorCode {
    match status {
        431 => ErrorCode::Se5431,
        414 => ErrorCode::Se5414,
        408 => ErrorCode::Se5408,
        _ => ErrorCode::Se5400,
    }
}

/// The `Accept-Language` of a request hyper could not parse, from its first
/// bytes: found when its header line arrived whole and is text; empty otherwise
/// (the default language).
fn accept_language(head: &[u8]) -> &str {
    // Only lines that ended: what follows the last line break may be cut short.
    let whole = head
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(&head[..0], |end| &head[..end]);
    whole
        .split(|&b| b == b'\n')
        .skip(1)
        .filter_map(|line| {
            let line = line.strip_suffix(b"\r").unwrap_or(line);
            let colon = line.iter().position(|&b| b == b':')?;
            let (name, value) = line.split_at(colon);
            name.eq_ignore_ascii_case(b"accept-language")
                .then(|| std::str::from_utf8(&value[1..]).ok())
                .flatten()
        })
        .next()
        .map_or("", str::trim)
}

/// hyper's answer `head` with otpd's JSON error for `code` as its body, in the
/// language `accept_language` asks for, and the connection closed after it.
fn said(head: &[u8], code: ErrorCode, wording: &Wording, accept_language: &str) -> Vec<u8> {
    let reply = ErrorReply::new(code, (wording.api_error)(code, accept_language));
    let body = serde_json::to_vec(&reply).unwrap_or_default();
    let mut out = Vec::with_capacity(head.len() + body.len() + 96);
    for line in head.split(|&b| b == b'\n') {
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        let lower = line.to_ascii_lowercase();
        if line.is_empty()
            || lower.starts_with(b"content-length:")
            || lower.starts_with(b"content-type:")
            || lower.starts_with(b"connection:")
        {
            continue;
        }
        out.extend_from_slice(line);
        out.extend_from_slice(b"\r\n");
    }
    out.extend_from_slice(b"content-type: application/json\r\nconnection: close\r\n");
    out.extend_from_slice(format!("content-length: {}\r\n\r\n", body.len()).as_bytes());
    out.extend_from_slice(&body);
    out
}

/// A connection that ends while an answer is owed was given up by hyper before a
/// request could be handled (its head did not arrive whole within the header
/// timeout) or left by its client mid-request. hyper closes such a connection
/// without a word; the journal says it (a slowloris shows up here).
impl<S> Drop for ConnStream<S> {
    fn drop(&mut self) {
        if self.owes_answer
            && !self.replaced
            && self.refusals.log
            && let Some(began) = self.request_began
        {
            log_unfinished(self.permit.addr(), began.elapsed());
        }
    }
}

fn log_unfinished(addr: IpAddr, waited: Duration) {
    eprintln!(
        "otpd: {addr} - - closed {:.1}ms incomplete request",
        waited.as_secs_f64() * 1000.0
    );
}

fn log_refusal(addr: IpAddr, status: u16, code: ErrorCode) {
    eprintln!("otpd: {addr} - - {status} 0.0ms {code} unparsed request");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_bare_error_heads_are_hyper_refusals() {
        let bare =
            b"HTTP/1.1 431 Request Header Fields Too Large\r\ncontent-length: 0\r\ndate: x\r\n\r\n";
        assert_eq!(bare_refusal(bare), Some(431));
        let ours = b"HTTP/1.1 400 Bad Request\r\ncontent-type: application/json\r\ncontent-length: 52\r\n\r\n";
        assert_eq!(bare_refusal(ours), None);
        let ok = b"HTTP/1.1 200 OK\r\ncontent-length: 0\r\n\r\n";
        assert_eq!(bare_refusal(ok), None);
        let with_body = b"HTTP/1.1 400 Bad Request\r\ncontent-length: 0\r\n\r\n{}";
        assert_eq!(bare_refusal(with_body), None);
        assert_eq!(bare_refusal(b"{\"error\":1}"), None);
    }

    #[test]
    fn the_language_is_read_from_a_whole_header_line_only() {
        let head =
            b"GET /x HTTP/1.1\r\nHost: otpd\r\nAccept-Language: ko-KR, en;q=0.5\r\nx-big: aaa";
        assert_eq!(accept_language(head), "ko-KR, en;q=0.5");
        assert_eq!(accept_language(b"GET /x HTTP/1.1\r\naccept-langu"), "");
        assert_eq!(
            accept_language(b"GET /x HTTP/1.1\r\naccept-language: k"),
            ""
        );
        assert_eq!(accept_language(b"\x01\x02 nonsense"), "");
        // The request line is never a header, whatever it holds.
        assert_eq!(accept_language(b"accept-language: ko\r\n"), "");
    }

    #[test]
    fn the_rewrite_keeps_the_status_and_adds_the_body() {
        let wording = Wording {
            api_error: |code, _| format!("sentence for {code}"),
            internal_error: |_| String::new(),
            metric_help: |_| String::new(),
        };
        let out = said(
            b"HTTP/1.1 414 URI Too Long\r\ncontent-length: 0\r\ndate: x\r\n\r\n",
            ErrorCode::Se5414,
            &wording,
            "",
        );
        let text = String::from_utf8(out).unwrap();
        let (head, body) = text.split_once("\r\n\r\n").unwrap();
        assert!(head.starts_with("HTTP/1.1 414 URI Too Long\r\ndate: x\r\n"));
        assert!(head.contains(&format!("content-length: {}", body.len())));
        assert!(body.contains("\"SE5414\""), "{body}");
    }
}
