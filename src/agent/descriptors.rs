//! The caller's open files that the agent must not inherit.
//!
//! A shell hands every process the descriptors it was given (`otp unlock 3>&1 | cat`
//! gives it descriptor 3, the pipe). Without care the agent, which outlives
//! `otp unlock` by up to a day, would inherit them and keep the pipe open: `cat`
//! would wait for it, and so would whatever waits for `cat`. Before starting the
//! agent, `otp unlock` marks every descriptor above standard error close-on-exec, so
//! the agent starts with standard input, output and error only (and points those at
//! `/dev/null` once it has reported). The crate forbids unsafe code, so this goes
//! through `nix`'s `fcntl`, which takes a raw descriptor number safely: setting a
//! flag on a number that is not open fails with `EBADF` and touches nothing.

use std::path::Path;

/// Where the open descriptors of this process are listed (Linux, then the BSDs and
/// macOS).
const LISTINGS: [&str; 2] = ["/proc/self/fd", "/dev/fd"];

/// How many descriptor numbers are tried when no listing can be read.
const FALLBACK_RANGE: i32 = 4096;

/// Marks every open descriptor above 2 close-on-exec, so a program started next
/// inherits none of them. Best effort: a descriptor that cannot be marked (it was
/// closed meanwhile) is skipped.
pub fn close_on_exec_above_stderr() {
    let listed = LISTINGS
        .iter()
        .find_map(|dir| open_descriptors(Path::new(dir)));
    match listed {
        Some(descriptors) => descriptors.into_iter().for_each(mark),
        None => (3..FALLBACK_RANGE).for_each(mark),
    }
}

/// The descriptors above 2 listed in `dir`, if it can be read.
fn open_descriptors(dir: &Path) -> Option<Vec<i32>> {
    let entries = std::fs::read_dir(dir).ok()?;
    let descriptors: Vec<i32> = entries
        .filter_map(Result::ok)
        .filter_map(|entry| entry.file_name().to_str()?.parse().ok())
        .filter(|&fd| fd > 2)
        .collect();
    Some(descriptors)
}

fn mark(fd: i32) {
    use nix::fcntl::{FcntlArg, FdFlag, fcntl};
    // The listing's own descriptor is gone by now: EBADF, harmless.
    let _ = fcntl(fd, FcntlArg::F_SETFD(FdFlag::FD_CLOEXEC));
}

#[cfg(test)]
mod tests {
    use std::os::fd::AsRawFd;

    use super::*;

    fn is_close_on_exec(fd: i32) -> bool {
        use nix::fcntl::{FcntlArg, FdFlag, fcntl};
        fcntl(fd, FcntlArg::F_GETFD)
            .is_ok_and(|flags| FdFlag::from_bits_truncate(flags).contains(FdFlag::FD_CLOEXEC))
    }

    #[test]
    fn every_descriptor_above_stderr_becomes_close_on_exec() {
        let file = tempfile::tempfile().unwrap();
        let fd = file.as_raw_fd();
        // Rust opens files close-on-exec; clear it as a shell's redirection would.
        nix::fcntl::fcntl(
            fd,
            nix::fcntl::FcntlArg::F_SETFD(nix::fcntl::FdFlag::empty()),
        )
        .unwrap();
        assert!(!is_close_on_exec(fd));
        close_on_exec_above_stderr();
        assert!(is_close_on_exec(fd));
        let listed = LISTINGS
            .iter()
            .find_map(|dir| open_descriptors(Path::new(dir)))
            .unwrap();
        assert!(listed.contains(&fd) && listed.iter().all(|&n| n > 2));
    }
}
