//! The `otp` binary: everything lives in the library; see `otp::cli`.

fn main() -> std::process::ExitCode {
    otp::cli::run()
}
