//! One client connection of the agent: its request read without blocking, its answer
//! written back without blocking, both within a deadline.
//!
//! The agent serves all its connections from one thread with `poll` (see
//! [`super::server`]): a connection is read when it has bytes, written when it can take
//! them, and dropped at its deadline whatever it did meanwhile. A client that sends
//! nothing, or a byte at a time, holds nothing but its own connection.

use std::io::{ErrorKind, Read, Write};
use std::os::unix::net::UnixStream;
use std::time::{Duration, Instant};

use zeroize::Zeroizing;

use super::protocol::MAX_REQUEST_BYTES;

/// Bytes read at a time (a request is usually a few hundred).
const CHUNK: usize = 1024;

/// What reading a connection came to.
pub enum Received {
    /// Nothing more for now; the request is not whole yet.
    Pending,
    /// The whole request line, without its newline (a last line without a newline
    /// counts when the client then shuts its side).
    Line(Zeroizing<Vec<u8>>),
    /// More than [`MAX_REQUEST_BYTES`] arrived without a newline.
    TooLong,
    /// The client hung up, or reading failed, before it sent anything.
    Gone,
}

/// What writing the answer came to.
pub enum Sent {
    /// Part of it is still to go.
    Pending,
    /// All of it went out.
    Done,
    /// The client is gone.
    Failed,
}

/// A client connection: the stream, its deadline, whether its peer is this user,
/// and the request or answer under way.
pub struct Connection {
    stream: UnixStream,
    deadline: Instant,
    this_user: bool,
    request: Zeroizing<Vec<u8>>,
    answer: Option<(Zeroizing<Vec<u8>>, usize)>,
}

impl Connection {
    /// A connection just accepted (already non-blocking), to be read until `deadline`.
    pub fn new(stream: UnixStream, deadline: Instant, this_user: bool) -> Self {
        Self {
            stream,
            deadline,
            this_user,
            request: Zeroizing::new(Vec::new()),
            answer: None,
        }
    }

    /// The stream, for `poll`.
    pub fn stream(&self) -> &UnixStream {
        &self.stream
    }

    /// When the agent drops it, done or not.
    pub fn deadline(&self) -> Instant {
        self.deadline
    }

    /// Whether the peer runs as this user (`SO_PEERCRED`); others only get
    /// refused.
    pub fn this_user(&self) -> bool {
        self.this_user
    }

    /// Whether it has its answer and waits to write it.
    pub fn answering(&self) -> bool {
        self.answer.is_some()
    }

    /// Reads what has arrived, up to the end of the request line.
    pub fn read(&mut self) -> Received {
        loop {
            let start = self.request.len();
            let room = (MAX_REQUEST_BYTES + 1).saturating_sub(start);
            if room == 0 {
                return Received::TooLong;
            }
            // Read straight into the request's own (zeroized) storage.
            self.request.resize(start + room.min(CHUNK), 0);
            let read = (&self.stream).read(&mut self.request[start..]);
            self.request.truncate(start + *read.as_ref().unwrap_or(&0));
            match read {
                Ok(0) if self.request.is_empty() => return Received::Gone,
                Ok(0) => return Received::Line(self.take_request()),
                Ok(_) => {
                    if let Some(end) = self.request[start..].iter().position(|&b| b == b'\n') {
                        self.request.truncate(start + end);
                        return Received::Line(self.take_request());
                    }
                }
                Err(e) if e.kind() == ErrorKind::Interrupted => {}
                Err(e) if e.kind() == ErrorKind::WouldBlock => return Received::Pending,
                Err(_) => return Received::Gone,
            }
        }
    }

    fn take_request(&mut self) -> Zeroizing<Vec<u8>> {
        Zeroizing::new(std::mem::take(&mut *self.request))
    }

    /// Sets the answer to write, with a new deadline for the client to take it.
    pub fn answer(&mut self, line: Zeroizing<Vec<u8>>, deadline: Instant) {
        self.answer = Some((line, 0));
        self.deadline = deadline;
    }

    /// Writes as much of the answer as the socket takes now.
    pub fn write(&mut self) -> Sent {
        let Some((line, written)) = &mut self.answer else {
            return Sent::Done;
        };
        while *written < line.len() {
            match (&self.stream).write(&line[*written..]) {
                Ok(0) => return Sent::Failed,
                Ok(count) => *written += count,
                Err(e) if e.kind() == ErrorKind::Interrupted => {}
                Err(e) if e.kind() == ErrorKind::WouldBlock => return Sent::Pending,
                Err(_) => return Sent::Failed,
            }
        }
        Sent::Done
    }

    /// Writes the rest of the answer, waiting up to `timeout` for the client to take
    /// it (for the last answer before the agent exits).
    pub fn finish(mut self, timeout: Duration) {
        let blocking = self
            .stream
            .set_nonblocking(false)
            .and_then(|()| self.stream.set_write_timeout(Some(timeout)));
        if blocking.is_ok() {
            let _ = self.write();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pair() -> (Connection, UnixStream) {
        let (ours, theirs) = UnixStream::pair().unwrap();
        ours.set_nonblocking(true).unwrap();
        let deadline = Instant::now() + Duration::from_secs(60);
        (Connection::new(ours, deadline, true), theirs)
    }

    #[test]
    fn a_request_arrives_in_pieces_and_ends_at_its_newline() {
        let (mut connection, mut client) = pair();
        assert!(matches!(connection.read(), Received::Pending));
        client.write_all(b"{\"op\"").unwrap();
        assert!(matches!(connection.read(), Received::Pending));
        client.write_all(b":1}\nafter").unwrap();
        match connection.read() {
            Received::Line(line) => assert_eq!(line.as_slice(), b"{\"op\":1}"),
            _ => panic!("no line"),
        }
    }

    #[test]
    fn a_last_line_without_newline_counts_and_silence_is_gone() {
        let (mut connection, mut client) = pair();
        client.write_all(b"abc").unwrap();
        client.shutdown(std::net::Shutdown::Write).unwrap();
        assert!(matches!(connection.read(), Received::Line(line) if line.as_slice() == b"abc"));
        let (mut connection, client) = pair();
        drop(client);
        assert!(matches!(connection.read(), Received::Gone));
    }

    #[test]
    fn a_request_is_bounded() {
        let (mut connection, mut client) = pair();
        let exact = vec![b'x'; MAX_REQUEST_BYTES];
        client.write_all(&exact).unwrap();
        client.write_all(b"\n").unwrap();
        assert!(
            matches!(connection.read(), Received::Line(line) if line.len() == MAX_REQUEST_BYTES)
        );
        let (mut connection, mut client) = pair();
        client.write_all(&exact).unwrap();
        client.write_all(b"yy\n").unwrap();
        assert!(matches!(connection.read(), Received::TooLong));
    }

    #[test]
    fn the_answer_goes_out_whole() {
        let (mut connection, client) = pair();
        assert!(!connection.answering());
        let deadline = Instant::now() + Duration::from_secs(5);
        connection.answer(Zeroizing::new(b"answer\n".to_vec()), deadline);
        assert!(connection.answering());
        assert_eq!(connection.deadline(), deadline);
        assert!(matches!(connection.write(), Sent::Done));
        let mut answer = String::new();
        std::io::BufRead::read_line(&mut std::io::BufReader::new(client), &mut answer).unwrap();
        assert_eq!(answer, "answer\n");
    }
}
