//! Build script: link `otp` and `otpd` as position-dependent executables on Linux.
//!
//! A position-independent executable is relocated by the dynamic loader at every
//! start: ~10,000 pointers in `.data.rel.ro` (vtables, `&'static str`s in clap's and
//! the catalogues' tables) are rewritten, which copies 46 pages on write before
//! `main` runs. For a short command (`otp code` through the agent, `otp --version`)
//! that was a quarter of its page faults and a quarter of its instructions, and the
//! 188 KiB stay private (anonymous) memory for the life of the full-screen
//! interface. Linked at a fixed address there is nothing to relocate. The price: the
//! executable's own code and statics are not at a random address (libraries, heap,
//! stacks and mappings still are). See the README's Benchmarks section.

fn main() {
    println!("cargo::rerun-if-changed=src/build.rs");
    if std::env::var("CARGO_CFG_TARGET_OS").as_deref() == Ok("linux") {
        println!("cargo::rustc-link-arg-bins=-no-pie");
    }
}
