//! Build script: how `otp` and `otpd` are linked on Linux.
//!
//! Position-dependent executables. A position-independent executable is relocated
//! by the dynamic loader at every start: ~10,000 pointers in `.data.rel.ro`
//! (vtables, `&'static str`s in clap's and the catalogues' tables) are rewritten,
//! which copies 46 pages on write before `main` runs. For a short command (`otp code`
//! through the agent, `otp --version`) that was a quarter of its page faults and a
//! quarter of its instructions, and the 188 KiB stay private (anonymous) memory for
//! the life of the full-screen interface. Linked at a fixed address there is nothing
//! to relocate. The price: the executable's own code and statics are not at a
//! random address (libraries, heap, stacks and mappings still are).
//!
//! The functions the full-screen interface runs placed together
//! (`src/link-order.txt`, made by `tests/bench/link-order.sh`). The kernel maps a
//! binary's code in blocks of 64 KiB or more around each page touched; spread over
//! the whole 5.5 MiB of code, the interface's functions kept most of it resident.
//! Only where the linker is rust's own LLD (x86_64 Linux, no linker chosen by the
//! builder): GNU ld has no such option. See the README's Benchmarks section.
//!
//! `OTP_LINK_MAP=PATH` also writes the linker's map of `otp` there (every
//! function's section and address), which the profiling script reads.

use std::env::var;

fn main() {
    println!("cargo::rerun-if-changed=src/build.rs");
    println!("cargo::rerun-if-changed=src/link-order.txt");
    println!("cargo::rerun-if-env-changed=OTP_LINK_MAP");
    if var("CARGO_CFG_TARGET_OS").as_deref() == Ok("linux") {
        println!("cargo::rustc-link-arg-bins=-no-pie");
    }
    if rust_lld_links() {
        let root = var("CARGO_MANIFEST_DIR").unwrap_or_default();
        let order = std::path::Path::new(&root).join("src/link-order.txt");
        println!(
            "cargo::rustc-link-arg-bin=otp=-Wl,--symbol-ordering-file={}",
            order.display()
        );
        // A list made by another build names some symbols this one lacks.
        println!("cargo::rustc-link-arg-bin=otp=-Wl,--no-warn-symbol-ordering");
        if let Ok(map) = var("OTP_LINK_MAP") {
            println!("cargo::rustc-link-arg-bin=otp=-Wl,-Map={map}");
        }
    }
}

/// Whether rustc links with its own LLD: its default for x86_64-unknown-linux-gnu
/// (since Rust 1.90), unless the builder chose a linker or linker features.
fn rust_lld_links() -> bool {
    var("TARGET").as_deref() == Ok("x86_64-unknown-linux-gnu")
        && var("RUSTC_LINKER").is_err()
        && !var("CARGO_ENCODED_RUSTFLAGS").is_ok_and(|flags| flags.contains("link"))
}
