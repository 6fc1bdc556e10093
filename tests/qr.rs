//! QR codes end to end with the real binary: `otp show --qr` must scan with an
//! independent decoder (zbar's `zbarimg`), and `otp add --qr` must add the account a
//! picture holds (its codes checked against oathtool).

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::path::Path;
use std::process::{Command, Output, Stdio};

use common::{PIN, Sandbox, assert_failure, assert_success, stderr, stdout};
use image::codecs::jpeg::JpegEncoder;
use image::codecs::png::PngEncoder;
use image::{ExtendedColorType, GrayImage, ImageEncoder, Luma};

/// RFC 6238's SHA256 seed ("12345678901234567890123456789012"), base32.
const SECRET: &str = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZA";
/// A fixed time for comparing codes.
const T: u64 = 1_234_567_890;

fn have_zbar_and_oathtool() -> bool {
    common::have_tool("zbarimg", &["--version"]) && common::have_tool("oathtool", &["--version"])
}

/// Runs `otp --pin-stdin ARGS` with the PIN line followed by `bytes` on stdin.
fn run_with_bytes(sandbox: &Sandbox, args: &[&str], bytes: &[u8]) -> Output {
    use std::io::Write;
    let mut command = sandbox.otp();
    command
        .arg("--pin-stdin")
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = command.spawn().unwrap();
    let mut pipe = child.stdin.take().unwrap();
    let mut input = format!("{PIN}\n").into_bytes();
    input.extend_from_slice(bytes);
    let _ = pipe.write_all(&input);
    drop(pipe);
    child.wait_with_output().unwrap()
}

/// The half-block drawing `otp show --qr` printed, as a dark terminal shows it: ink
/// white, background black. Each character cell is one module across and two down;
/// each module becomes `scale`×`scale` pixels; `border` modules of terminal
/// background surround it.
fn terminal_picture(text: &str, scale: u32, border: u32) -> GrayImage {
    let rows: Vec<Vec<char>> = text.lines().map(|l| l.chars().collect()).collect();
    let columns = u32::try_from(rows.iter().map(Vec::len).max().unwrap()).unwrap();
    let modules_down = u32::try_from(rows.len()).unwrap() * 2;
    let width = (columns + 2 * border) * scale;
    let height = (modules_down + 2 * border) * scale;
    GrayImage::from_fn(width, height, |x, y| {
        let (mx, my) = (x / scale, y / scale);
        let (Some(column), Some(module_row)) = (mx.checked_sub(border), my.checked_sub(border))
        else {
            return Luma([0]);
        };
        let cell = rows
            .get((module_row / 2) as usize)
            .and_then(|row| row.get(column as usize))
            .copied()
            .unwrap_or(' ');
        let top = module_row.is_multiple_of(2);
        let ink = match cell {
            '█' => true,
            '▀' => top,
            '▄' => !top,
            ' ' => false,
            other => panic!("unexpected character {other:?} in the QR drawing"),
        };
        Luma([if ink { 255 } else { 0 }])
    })
}

/// A picture of the QR code of `text` as the `qrcode` crate lays it out: black
/// modules on white, 4 modules of quiet zone, `scale` pixels per module.
fn qr_picture(text: &str, scale: u32) -> GrayImage {
    let code = qrcode::QrCode::new(text.as_bytes()).unwrap();
    let modules = u32::try_from(code.width()).unwrap();
    let colors = code.to_colors();
    let side = (modules + 8) * scale;
    GrayImage::from_fn(side, side, |x, y| {
        let (mx, my) = (x / scale, y / scale);
        let inside = (4..4 + modules).contains(&mx) && (4..4 + modules).contains(&my);
        let dark =
            inside && colors[((my - 4) * modules + (mx - 4)) as usize] == qrcode::Color::Dark;
        Luma([if dark { 0 } else { 255 }])
    })
}

fn png(image: &GrayImage) -> Vec<u8> {
    let mut out = Vec::new();
    PngEncoder::new(&mut out)
        .write_image(
            image.as_raw(),
            image.width(),
            image.height(),
            ExtendedColorType::L8,
        )
        .unwrap();
    out
}

fn jpeg(image: &GrayImage) -> Vec<u8> {
    let mut out = Vec::new();
    JpegEncoder::new_with_quality(&mut out, 80)
        .write_image(
            image.as_raw(),
            image.width(),
            image.height(),
            ExtendedColorType::L8,
        )
        .unwrap();
    out
}

/// What zbar reads in the picture at `path`.
fn zbar(path: &Path) -> String {
    let out = Command::new("zbarimg")
        .args(["--raw", "-q"])
        .arg(path)
        .output()
        .unwrap();
    assert!(out.status.success(), "zbarimg found no code: {out:?}");
    String::from_utf8(out.stdout).unwrap().trim_end().to_owned()
}

/// The value of the query parameter `name` in `link`, as written (not decoded).
fn param<'a>(link: &'a str, name: &str) -> Option<&'a str> {
    let (_, query) = link.split_once('?')?;
    query
        .split('&')
        .find_map(|pair| pair.strip_prefix(name)?.strip_prefix('='))
}

#[test]
fn show_qr_scans_with_zbar_and_its_code_matches_oathtool() {
    if !have_zbar_and_oathtool() {
        return;
    }
    let sandbox = Sandbox::initialised();
    let out = sandbox.add_secret(
        "alice@example.com",
        SECRET,
        &[
            "--issuer",
            "Example Co",
            "--algorithm",
            "SHA256",
            "--digits",
            "8",
            "--period",
            "60",
        ],
    );
    assert_success(&out);

    let out = sandbox.run(&["show", "example", "--qr"], "");
    assert_success(&out);
    let drawing = stdout(&out);
    assert!(
        stderr(&out).contains("holds the secret of Example Co:alice@example.com"),
        "{}",
        stderr(&out)
    );
    // The drawing carries no terminal escapes: plain half blocks and spaces.
    assert!(drawing.chars().all(|c| "█▀▄ \n".contains(c)), "{drawing}");
    let path = sandbox.dir.path().join("terminal.png");
    std::fs::write(&path, png(&terminal_picture(&drawing, 4, 6))).unwrap();
    let scanned = zbar(&path);

    let out = sandbox.run(&["show", "example", "--uri"], "");
    assert_success(&out);
    assert_eq!(scanned, stdout(&out).trim_end());

    // The link read by zbar, checked piece by piece against what was added.
    assert!(
        scanned.starts_with("otpauth://totp/Example%20Co:alice%40example.com?"),
        "{scanned}"
    );
    assert_eq!(param(&scanned, "secret"), Some(SECRET));
    assert_eq!(param(&scanned, "issuer"), Some("Example%20Co"));
    assert_eq!(param(&scanned, "algorithm"), Some("SHA256"));
    assert_eq!(param(&scanned, "digits"), Some("8"));
    assert_eq!(param(&scanned, "period"), Some("60"));
    // What a phone would compute from the scanned link is what otp computes.
    let expected = common::oathtool_totp(param(&scanned, "secret").unwrap(), "SHA256", 8, 60, T);
    assert_eq!(sandbox.code("example", &["--at", &T.to_string()]), expected);

    // Without flags: the details, and no secret.
    let out = sandbox.run(&["show", "example"], "");
    assert_success(&out);
    let details = stdout(&out);
    for fragment in [
        "Example Co:alice@example.com",
        "SHA256",
        "8",
        "60 s",
        "TOTP",
    ] {
        assert!(details.contains(fragment), "{fragment} not in {details}");
    }
    assert!(!details.contains(SECRET), "{details}");
}

#[test]
fn show_qr_of_a_hotp_account_scans_with_zbar() {
    if !have_zbar_and_oathtool() {
        return;
    }
    let sandbox = Sandbox::initialised();
    let secret = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
    let out = sandbox.add_secret("card", secret, &["--hotp", "--counter", "7"]);
    assert_success(&out);
    let out = sandbox.run(&["show", "card", "--qr"], "");
    assert_success(&out);
    let path = sandbox.dir.path().join("hotp.png");
    std::fs::write(&path, png(&terminal_picture(&stdout(&out), 3, 4))).unwrap();
    let scanned = zbar(&path);
    assert!(scanned.starts_with("otpauth://hotp/card?"), "{scanned}");
    assert_eq!(param(&scanned, "counter"), Some("7"));
    assert_eq!(param(&scanned, "secret"), Some(secret));
    // The next code otp gives is the one for the counter in the link.
    assert_eq!(
        sandbox.code("card", &[]),
        common::oathtool_hotp(secret, 6, 7)
    );
}

#[test]
fn add_qr_reads_a_png_a_jpeg_and_standard_input() {
    if !common::have_tool("oathtool", &["--version"]) {
        return;
    }
    let sandbox = Sandbox::initialised();
    let dir = sandbox.dir.path();

    // The example of Google's Key URI Format page, as a PNG file.
    let acme_secret = "HXDMVJECJJWSRB3HWIZR4IFUGFTMXBOZ";
    let acme = format!(
        "otpauth://totp/ACME%20Co:john.doe@email.com?secret={acme_secret}&issuer=ACME%20Co&algorithm=SHA1&digits=6&period=30"
    );
    std::fs::write(dir.join("acme.png"), png(&qr_picture(&acme, 4))).unwrap();
    let out = sandbox.run(&["add", "--qr", dir.join("acme.png").to_str().unwrap()], "");
    assert_success(&out);
    assert!(
        stderr(&out).contains("Added ACME Co:john.doe@email.com (TOTP every 30 s, SHA1, 6 digits)"),
        "{}",
        stderr(&out)
    );
    assert_eq!(
        sandbox.code("acme", &["--at", &T.to_string()]),
        common::oathtool_totp(acme_secret, "SHA1", 6, 30, T)
    );

    // A HOTP link as a JPEG, with the name and issuer replaced as with --uri.
    let bank_secret = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
    let bank = format!("otpauth://hotp/Bank:card?secret={bank_secret}&issuer=Bank&counter=5");
    std::fs::write(dir.join("bank.jpg"), jpeg(&qr_picture(&bank, 5))).unwrap();
    let out = sandbox.run(
        &[
            "add",
            "visa",
            "--issuer",
            "My bank",
            "--qr",
            dir.join("bank.jpg").to_str().unwrap(),
        ],
        "",
    );
    assert_success(&out);
    assert!(
        stderr(&out).contains("Added My bank:visa"),
        "{}",
        stderr(&out)
    );
    assert_eq!(
        sandbox.code("visa", &[]),
        common::oathtool_hotp(bank_secret, 6, 5)
    );

    // `-`: the picture follows the PIN on standard input. A warning about the link
    // (issuer parameter and label prefix differ) is printed as with --uri.
    let mail_secret = "JBSWY3DPEHPK3PXP";
    let mail = format!("otpauth://totp/Old:bob?secret={mail_secret}&issuer=Mail&period=60");
    let out = run_with_bytes(&sandbox, &["add", "--qr", "-"], &png(&qr_picture(&mail, 3)));
    assert_success(&out);
    assert!(stderr(&out).contains("warning:"), "{}", stderr(&out));
    assert!(stderr(&out).contains("Added Mail:bob"), "{}", stderr(&out));
    assert_eq!(
        sandbox.code("mail", &["--at", &T.to_string()]),
        common::oathtool_totp(mail_secret, "SHA1", 6, 60, T)
    );
}

#[test]
fn add_qr_refuses_what_is_not_one_account_and_leaves_the_vault_alone() {
    let sandbox = Sandbox::initialised();
    let dir = sandbox.dir.path();
    assert_success(&sandbox.add_secret("alice", "JBSWY3DPEHPK3PXP", &[]));
    let before = common::read(&sandbox.vault);
    let add = |file: &str| {
        let path = dir.join(file);
        sandbox.run(&["add", "--qr", path.to_str().unwrap()], "")
    };

    std::fs::write(
        dir.join("notes.txt"),
        "otpauth://totp/x?secret=JBSWY3DPEHPK3PXP",
    )
    .unwrap();
    assert_failure(&add("notes.txt"), 2, &["not a PNG or JPEG picture"]);

    let export = "otpauth-migration://offline?data=CjEKCkhlbGxvId6tvu8SGEV4YW1wbGU6YWxpY2VAZ29vZ2xlLmNvbRoHRXhhbXBsZSABKAEwAhABGAEgACiDkZ2hBA%3D%3D";
    std::fs::write(dir.join("export.png"), png(&qr_picture(export, 3))).unwrap();
    let out = add("export.png");
    assert_failure(&out, 2, &["Google Authenticator export", "otp import"]);
    assert!(stderr(&out).contains("export.png"), "{}", stderr(&out));

    std::fs::write(
        dir.join("site.png"),
        png(&qr_picture("https://example.com/", 4)),
    )
    .unwrap();
    assert_failure(&add("site.png"), 2, &["holds no otpauth:// link"]);

    let first = qr_picture("otpauth://totp/A:a?secret=JBSWY3DPEHPK3PXP", 4);
    let second = qr_picture("otpauth://totp/B:b?secret=GEZDGNBVGY3TQOJQ", 4);
    let mut both =
        GrayImage::from_pixel(first.width() + second.width(), first.height(), Luma([255]));
    image::imageops::replace(&mut both, &first, 0, 0);
    image::imageops::replace(&mut both, &second, i64::from(first.width()), 0);
    std::fs::write(dir.join("two.png"), png(&both)).unwrap();
    assert_failure(&add("two.png"), 2, &["holds 2 QR codes", "crop it"]);

    let blank = GrayImage::from_pixel(300, 300, Luma([255]));
    std::fs::write(dir.join("blank.jpg"), jpeg(&blank)).unwrap();
    assert_failure(&add("blank.jpg"), 2, &["no QR code was found"]);

    assert_failure(&add("missing.png"), 1, &["reading the picture"]);

    // --qr cannot be combined with --uri or code parameters.
    let out = sandbox.run(&["add", "--qr", "x.png", "--uri"], "");
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let out = sandbox.run(&["add", "--qr", "x.png", "--digits", "8"], "");
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));

    assert_eq!(common::read(&sandbox.vault), before, "the vault changed");
}
