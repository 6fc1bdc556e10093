//! How many client connections otpd holds open: at most so many per client
//! address and so many in all, the total kept below the process's file limit so
//! that `accept` itself never fails for want of a descriptor (a failing `accept`
//! leaves connections in the kernel's backlog, where they starve everyone, health
//! checks included). A connection over a cap is refused by dropping it at once.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

/// Descriptors kept free of client connections for the listener, the database and
/// its journal, the log and the runtime.
pub const FD_RESERVE: u64 = 256;

/// The fewest connections the total cap allows, however low the file limit.
const MIN_TOTAL: u64 = 16;

/// The total cap for a configured `max_total` (0: as many as the file limit
/// allows) and the process's file limit `nofile` (`None`: unlimited).
pub fn total_cap(max_total: u32, nofile: Option<u64>) -> usize {
    let room = nofile.map(|limit| limit.saturating_sub(FD_RESERVE).max(MIN_TOTAL));
    let cap = match (u64::from(max_total), room) {
        (0, Some(room)) => room,
        (0, None) => u64::from(u32::MAX),
        (wanted, Some(room)) => wanted.min(room),
        (wanted, None) => wanted,
    };
    usize::try_from(cap).unwrap_or(usize::MAX)
}

/// The soft limit on open files of this process, or `None` when unlimited.
#[cfg(unix)]
pub fn file_limit() -> Option<u64> {
    rustix::process::getrlimit(rustix::process::Resource::Nofile).current
}

/// The soft limit on open files of this process, or `None` when unlimited.
#[cfg(not(unix))]
pub fn file_limit() -> Option<u64> {
    None
}

/// The open connections, by address and in all.
pub struct ConnCounter {
    per_address: usize,
    total: usize,
    open: AtomicUsize,
    by_address: Mutex<HashMap<IpAddr, usize>>,
    refused: AtomicU64,
}

/// Why a connection was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OverCap {
    /// Its address already holds `max_per_address` connections.
    Address,
    /// otpd already holds `max_total` connections.
    Total,
}

impl ConnCounter {
    /// A counter that allows `per_address` connections per address (0: any) and
    /// `total` in all.
    pub fn new(per_address: u32, total: usize) -> Arc<Self> {
        Arc::new(Self {
            per_address: match per_address {
                0 => usize::MAX,
                n => usize::try_from(n).unwrap_or(usize::MAX),
            },
            total,
            open: AtomicUsize::new(0),
            by_address: Mutex::new(HashMap::new()),
            refused: AtomicU64::new(0),
        })
    }

    /// The total cap.
    pub fn total(&self) -> usize {
        self.total
    }

    /// Counts a new connection from `addr`, or says which cap it is over.
    pub fn admit(self: &Arc<Self>, addr: IpAddr) -> Result<Permit, OverCap> {
        let addr = canonical(addr);
        let refuse = |why| {
            self.refused.fetch_add(1, Ordering::Relaxed);
            Err(why)
        };
        if self
            .open
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |open| {
                (open < self.total).then_some(open + 1)
            })
            .is_err()
        {
            return refuse(OverCap::Total);
        }
        let mut by_address = match self.by_address.lock() {
            Ok(guard) => guard,
            Err(poisoned) => poisoned.into_inner(),
        };
        let count = by_address.entry(addr).or_insert(0);
        if *count >= self.per_address {
            drop(by_address);
            self.open.fetch_sub(1, Ordering::AcqRel);
            return refuse(OverCap::Address);
        }
        *count += 1;
        Ok(Permit {
            counter: self.clone(),
            addr,
        })
    }

    /// Connections open now.
    pub fn open(&self) -> usize {
        self.open.load(Ordering::Acquire)
    }

    /// Connections refused since the last call (for the log).
    pub fn take_refused(&self) -> u64 {
        self.refused.swap(0, Ordering::Relaxed)
    }

    fn release(&self, addr: IpAddr) {
        let mut by_address = match self.by_address.lock() {
            Ok(guard) => guard,
            Err(poisoned) => poisoned.into_inner(),
        };
        if let Some(count) = by_address.get_mut(&addr) {
            *count = count.saturating_sub(1);
            if *count == 0 {
                by_address.remove(&addr);
            }
        }
        drop(by_address);
        self.open.fetch_sub(1, Ordering::AcqRel);
    }
}

/// An IPv4 address seen through an IPv6 socket counts as itself.
fn canonical(addr: IpAddr) -> IpAddr {
    match addr {
        IpAddr::V6(v6) => v6
            .to_ipv4_mapped()
            .map(IpAddr::V4)
            .unwrap_or(IpAddr::V6(v6)),
        v4 => v4,
    }
}

/// One counted connection; dropping it frees its place.
pub struct Permit {
    counter: Arc<ConnCounter>,
    addr: IpAddr,
}

impl Permit {
    /// The client address the connection counts against.
    pub fn addr(&self) -> IpAddr {
        self.addr
    }
}

impl Drop for Permit {
    fn drop(&mut self) {
        self.counter.release(self.addr);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn caps_per_address_and_in_all() {
        let counter = ConnCounter::new(2, 3);
        let a: IpAddr = "127.0.0.2".parse().unwrap();
        let b: IpAddr = "127.0.0.1".parse().unwrap();
        let first = counter.admit(a).unwrap();
        let _second = counter.admit(a).unwrap();
        assert_eq!(counter.admit(a).err(), Some(OverCap::Address));
        let _third = counter.admit(b).unwrap();
        assert_eq!(counter.admit(b).err(), Some(OverCap::Total));
        drop(first);
        assert_eq!(counter.open(), 2);
        let _again = counter.admit(a).unwrap();
        assert_eq!(counter.take_refused(), 2);
        assert_eq!(counter.take_refused(), 0);
    }

    #[test]
    fn mapped_v4_is_the_same_address() {
        let counter = ConnCounter::new(1, 10);
        let _v4 = counter.admit("10.0.0.1".parse().unwrap()).unwrap();
        assert!(counter.admit("::ffff:10.0.0.1".parse().unwrap()).is_err());
    }

    #[test]
    fn total_stays_below_the_file_limit() {
        assert_eq!(total_cap(0, Some(20_000)), 20_000 - 256);
        assert_eq!(total_cap(50_000, Some(20_000)), 20_000 - 256);
        assert_eq!(total_cap(1_000, Some(20_000)), 1_000);
        assert_eq!(total_cap(0, Some(100)), 16);
        assert_eq!(total_cap(500, None), 500);
    }
}
