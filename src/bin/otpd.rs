//! The `otpd` binary: everything lives in the library; see `otp::otpd_cli`.

fn main() -> std::process::ExitCode {
    otp::otpd_cli::run()
}
