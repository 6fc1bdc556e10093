//! The hostile side of otpd's connection tests and flood benchmark: TCP connections
//! from a chosen loopback address, opened by the thousand and held idle by a child
//! process (one process's file limit cannot hold 20,000 of them).

#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::io::{ErrorKind, Write};
use std::net::{Ipv4Addr, SocketAddrV4, TcpStream};
use std::time::{Duration, Instant};

/// The flooding client's address (Linux routes all of 127/8 to lo); the honest
/// client uses 127.0.0.1.
pub const HOSTILE: Ipv4Addr = Ipv4Addr::new(127, 0, 0, 2);

/// A TCP connection to `to` from address `from` (any port), the connect bounded
/// by `connect_timeout`.
pub fn connect_from(
    from: Ipv4Addr,
    to: SocketAddrV4,
    connect_timeout: Duration,
) -> std::io::Result<TcpStream> {
    use rustix::net::{AddressFamily, SocketType, sockopt};
    let fd = rustix::net::socket(AddressFamily::INET, SocketType::STREAM, None)?;
    rustix::net::bind(&fd, &SocketAddrV4::new(from, 0))?;
    // A blocking connect gives up after the send timeout.
    sockopt::set_socket_timeout(&fd, sockopt::Timeout::Send, Some(connect_timeout))?;
    rustix::net::connect(&fd, &to)?;
    sockopt::set_socket_timeout(&fd, sockopt::Timeout::Send, None)?;
    Ok(TcpStream::from(fd))
}

/// A flooding child's work: opens `count` connections to `to` from [`HOSTILE`]
/// (giving up after 90 s), waits `settle` for otpd to close those over its caps,
/// prints `flood-ready OPENED CLOSED FAILED MILLISECONDS` (the last: how long the
/// opening took) and holds them until its standard input closes.
pub fn open_and_hold(to: SocketAddrV4, count: usize, settle: Duration) {
    let started = Instant::now();
    let deadline = started + Duration::from_secs(90);
    let mut held = Vec::with_capacity(count);
    let mut failed = 0;
    for _ in 0..count {
        if Instant::now() > deadline {
            failed += 1;
            continue;
        }
        match connect_from(HOSTILE, to, Duration::from_secs(3)) {
            Ok(stream) => held.push(stream),
            Err(_) => failed += 1,
        }
    }
    let took = started.elapsed().as_millis();
    std::thread::sleep(settle);
    let mut closed = 0;
    let mut buf = [0u8; 16];
    for stream in &held {
        stream.set_nonblocking(true).unwrap();
        match stream.peek(&mut buf) {
            Err(e) if e.kind() == ErrorKind::WouldBlock => {}
            // End of file (0 bytes), a reset, or an answer: otpd let it go.
            _ => closed += 1,
        }
    }
    println!("flood-ready {} {closed} {failed} {took}", held.len());
    std::io::stdout().flush().unwrap();
    let mut line = String::new();
    let _ = std::io::stdin().read_line(&mut line);
}
