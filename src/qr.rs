//! QR codes: reading them from PNG/JPEG pictures, drawing them in a terminal.
//!
//! A service: bytes in, texts out (and text in, a drawing out). Nothing here reads
//! files or knows about the terminal; the front-ends read the picture and print or
//! draw the lines.
//!
//! Reading: the picture is decoded with the `image` crate under size limits (a small
//! file may claim a huge picture), turned to grey, and searched with `rqrr`. Phone
//! screenshots are large and have soft edges, so a copy reduced to at most
//! [`REDUCED_SIDE`] pixels is searched first, then black-and-white and inverted
//! (light code on dark) copies of it, and only then the picture at full size. The
//! search time grows steeply with the size of a busy picture (a 2000×2000 picture of
//! noise takes rqrr half a minute), so the search runs on its own thread and is given
//! up after [`SEARCH_TIME`].
//!
//! Drawing: the `qrcode` crate at error correction level M (L when the text is too
//! long for M), drawn with Unicode half blocks, one character cell per module across
//! and two modules down, with the standard 4-module quiet zone.
//!
//! What a QR code holds is often a secret (an `otpauth://` link carries the key), so
//! decoded texts and drawings are zeroized when dropped and never shown by `Debug`.

use std::io::Cursor;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::time::Duration;

use image::imageops::{self, FilterType};
use image::{DynamicImage, GrayImage, ImageDecoder, ImageFormat, ImageReader, Limits, Luma};
use qrcode::render::unicode::Dense1x2;
use qrcode::{EcLevel, QrCode};
use zeroize::{Zeroize, Zeroizing};

/// The widest and tallest picture read, in pixels.
pub const MAX_SIDE: u32 = 8192;

/// The most memory decoding one picture may take, in bytes.
pub const MAX_DECODE_BYTES: u64 = 256 * 1024 * 1024;

/// The largest picture file read, in bytes (front-ends stop reading there).
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// The longer side of the reduced copy searched first, in pixels.
pub const REDUCED_SIDE: u32 = 1200;

/// How long the search for QR codes in one picture may take.
pub const SEARCH_TIME: Duration = Duration::from_secs(10);

/// Why a picture gave no QR code, or a text did not fit one. No variant holds what a
/// code says.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum QrError {
    /// Neither PNG nor JPEG.
    #[error(
        "this file is not a PNG or JPEG picture; save the QR code as a PNG or JPEG \
         (a screenshot works) and try again"
    )]
    NotAnImage,
    /// A PNG or JPEG that could not be decoded.
    #[error(
        "the picture is damaged or uses a variant otp cannot read ({detail}); take a new \
         screenshot of the QR code and save it as PNG"
    )]
    Damaged {
        /// What the decoder said (about the file's structure, never its content).
        detail: String,
    },
    /// A picture bigger than the limits.
    #[error(
        "the picture is {width}×{height} pixels, larger than otp reads ({max}×{max} at \
         most and {mib} MiB decoded); crop it to the QR code or take a smaller screenshot",
        max = MAX_SIDE,
        mib = MAX_DECODE_BYTES / (1024 * 1024)
    )]
    TooLarge {
        /// Its width as the file states it.
        width: u32,
        /// Its height as the file states it.
        height: u32,
    },
    /// A file bigger than [`MAX_FILE_BYTES`].
    #[error(
        "the file is larger than {} MiB, too large for a picture of a QR code; crop the \
         picture to the QR code and save it as PNG or JPEG",
        MAX_FILE_BYTES / (1024 * 1024)
    )]
    FileTooLarge,
    /// No QR code in the picture.
    #[error(
        "no QR code was found in the picture; make sure the whole code is visible and \
         sharp (crop the screenshot to it if the picture holds much else) and try again"
    )]
    NoQrCode,
    /// A QR code was seen but could not be read.
    #[error(
        "a QR code was found but could not be read (it may be blurred, damaged or partly \
         hidden); take a sharper screenshot of the whole code and try again"
    )]
    Unreadable,
    /// The search took longer than [`SEARCH_TIME`].
    #[error(
        "searching the picture for a QR code took too long (it is large and busy); crop it \
         to the QR code and try again"
    )]
    TooSlow,
    /// A QR code whose bytes are not UTF-8 text.
    #[error(
        "the QR code does not hold text (its bytes are not UTF-8), so it is no otpauth:// \
         link; check that it is the code the service shows for authenticator apps"
    )]
    NotText,
    /// A text too long for any QR code.
    #[error(
        "the text is {bytes} bytes long, more than a QR code holds; shorten the account's \
         name or issuer (otp rename) and try again"
    )]
    TooLong {
        /// Its length in bytes.
        bytes: usize,
    },
}

/// The texts of every QR code in a PNG or JPEG picture, in the order found, each
/// once.
///
/// The picture is refused when it claims to be wider or taller than [`MAX_SIDE`] or
/// would take more than [`MAX_DECODE_BYTES`] to decode, before anything large is
/// allocated. Transparent pixels count as white (QR codes saved with a transparent
/// background are dark modules on nothing).
pub fn decode_image(bytes: &[u8]) -> Result<Vec<Zeroizing<String>>, QrError> {
    if u64::try_from(bytes.len()).unwrap_or(u64::MAX) > MAX_FILE_BYTES {
        return Err(QrError::FileTooLarge);
    }
    let picture = load(bytes)?;
    let grey = grey_on_white(&picture);
    drop(picture);
    search_within(grey, SEARCH_TIME)
}

/// Searches `grey` on a thread of its own, giving up after `time`. A search given up
/// stops at the end of the pass it is in (rqrr cannot be interrupted).
fn search_within(grey: GrayImage, time: Duration) -> Result<Vec<Zeroizing<String>>, QrError> {
    let grey = Arc::new(grey);
    let stop = Arc::new(AtomicBool::new(false));
    let (sender, receiver) = mpsc::channel();
    let (worker_grey, worker_stop) = (Arc::clone(&grey), Arc::clone(&stop));
    let spawned = std::thread::Builder::new()
        .name("otp-qr-search".to_owned())
        .spawn(move || {
            let _ = sender.send(search(&worker_grey, &worker_stop));
        });
    if spawned.is_err() {
        // No thread to spare: search here, without the time limit.
        return search(&grey, &stop);
    }
    drop(grey);
    match receiver.recv_timeout(time) {
        Ok(result) => result,
        Err(mpsc::RecvTimeoutError::Timeout) => {
            stop.store(true, Ordering::Relaxed);
            Err(QrError::TooSlow)
        }
        // The search failed inside rqrr (a panic in a build that unwinds).
        Err(mpsc::RecvTimeoutError::Disconnected) => Err(QrError::Unreadable),
    }
}

/// The passes, cheapest first: the reduced copy, its black-and-white and inverted
/// versions, then the full picture when it is larger. Stops early when `stop` is set.
fn search(grey: &GrayImage, stop: &AtomicBool) -> Result<Vec<Zeroizing<String>>, QrError> {
    let reduced = reduce(grey);
    let smaller = reduced.as_ref().unwrap_or(grey);
    let mut seen_a_code = false;
    let mut not_text = false;
    let passes: [&dyn Fn() -> Option<GrayImage>; 4] = [
        &|| Some(smaller.clone()),
        &|| Some(threshold(smaller)),
        &|| {
            let mut inverted = smaller.clone();
            imageops::invert(&mut inverted);
            Some(inverted)
        },
        &|| reduced.is_some().then(|| grey.clone()),
    ];
    for pass in passes {
        if stop.load(Ordering::Relaxed) {
            break;
        }
        let Some(candidate) = pass() else { continue };
        let found = scan(candidate);
        seen_a_code |= found.grids > 0;
        not_text |= found.not_text;
        if !found.texts.is_empty() {
            return Ok(found.texts);
        }
    }
    Err(if not_text {
        QrError::NotText
    } else if seen_a_code {
        QrError::Unreadable
    } else {
        QrError::NoQrCode
    })
}

/// Decodes a PNG or JPEG within the limits.
fn load(bytes: &[u8]) -> Result<DynamicImage, QrError> {
    let format = match image::guess_format(bytes) {
        Ok(format @ (ImageFormat::Png | ImageFormat::Jpeg)) => format,
        _ => return Err(QrError::NotAnImage),
    };
    let damaged = |error: image::ImageError| QrError::Damaged {
        detail: error.to_string(),
    };
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    // Reading the header: only the memory limit (the PNG decoder applies it to what
    // it reads before the pixels); the size is checked below so it can be named.
    let mut header_limits = Limits::default();
    header_limits.max_alloc = Some(MAX_DECODE_BYTES);
    reader.limits(header_limits);
    let mut decoder = reader.into_decoder().map_err(damaged)?;
    let (width, height) = decoder.dimensions();
    let too_large = QrError::TooLarge { width, height };
    if width > MAX_SIDE || height > MAX_SIDE {
        return Err(too_large);
    }
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    limits.max_alloc = Some(MAX_DECODE_BYTES);
    // The pixels themselves count against the memory limit, as `ImageReader::decode`
    // does it.
    if limits.reserve(decoder.total_bytes()).is_err() {
        return Err(too_large);
    }
    decoder.set_limits(limits).map_err(|error| match error {
        image::ImageError::Limits(_) => too_large.clone(),
        other => damaged(other),
    })?;
    DynamicImage::from_decoder(decoder).map_err(|error| match error {
        image::ImageError::Limits(_) => too_large,
        other => damaged(other),
    })
}

/// The picture in shades of grey, transparent parts white.
fn grey_on_white(picture: &DynamicImage) -> GrayImage {
    if !picture.color().has_alpha() {
        return picture.to_luma8();
    }
    let with_alpha = picture.to_luma_alpha8();
    GrayImage::from_fn(with_alpha.width(), with_alpha.height(), |x, y| {
        let [luma, alpha] = with_alpha.get_pixel(x, y).0;
        let (luma, alpha) = (u32::from(luma), u32::from(alpha));
        let blended = (luma * alpha + 255 * (255 - alpha)) / 255;
        Luma([u8::try_from(blended).unwrap_or(u8::MAX)])
    })
}

/// A copy whose longer side is [`REDUCED_SIDE`], if the picture is larger.
fn reduce(grey: &GrayImage) -> Option<GrayImage> {
    let (width, height) = grey.dimensions();
    let longer = width.max(height);
    if longer <= REDUCED_SIDE {
        return None;
    }
    let scale = |side: u32| {
        let scaled = u64::from(side) * u64::from(REDUCED_SIDE) / u64::from(longer);
        u32::try_from(scaled).unwrap_or(REDUCED_SIDE).max(1)
    };
    Some(imageops::resize(
        grey,
        scale(width),
        scale(height),
        FilterType::Triangle,
    ))
}

/// Black and white at the threshold that best separates the picture's two main
/// shades (Otsu's method): helps with soft edges and uneven backgrounds.
fn threshold(grey: &GrayImage) -> GrayImage {
    let mut histogram = [0u64; 256];
    for pixel in grey.pixels() {
        histogram[usize::from(pixel.0[0])] += 1;
    }
    let total: u64 = histogram.iter().sum();
    let weighted_total: u64 = histogram
        .iter()
        .zip(0u64..)
        .map(|(count, level)| count * level)
        .sum();
    let (mut below, mut weighted_below) = (0u64, 0u64);
    let (mut best_level, mut best_spread) = (128u8, 0f64);
    for (level, count) in (0u8..=255).zip(histogram) {
        below += count;
        weighted_below += count * u64::from(level);
        let above = total - below;
        if below == 0 || above == 0 {
            continue;
        }
        let mean_below = weighted_below as f64 / below as f64;
        let mean_above = (weighted_total - weighted_below) as f64 / above as f64;
        let spread = below as f64 * above as f64 * (mean_below - mean_above).powi(2);
        if spread > best_spread {
            best_spread = spread;
            best_level = level;
        }
    }
    let mut out = grey.clone();
    for pixel in out.pixels_mut() {
        pixel.0[0] = if pixel.0[0] <= best_level { 0 } else { 255 };
    }
    out
}

/// What one pass over a picture found.
struct Scan {
    /// Codes seen (decoded or not).
    grids: usize,
    /// The texts decoded, each once.
    texts: Vec<Zeroizing<String>>,
    /// Whether a code held bytes that are not UTF-8.
    not_text: bool,
}

fn scan(grey: GrayImage) -> Scan {
    let mut prepared = rqrr::PreparedImage::prepare(grey);
    let grids = prepared.detect_grids();
    let mut found = Scan {
        grids: grids.len(),
        texts: Vec::new(),
        not_text: false,
    };
    for grid in grids {
        let mut bytes = Zeroizing::new(Vec::new());
        if grid.decode_to(&mut *bytes).is_err() {
            continue;
        }
        match std::str::from_utf8(&bytes) {
            Ok(text) => {
                if !found.texts.iter().any(|seen| seen.as_str() == text) {
                    found.texts.push(Zeroizing::new(text.to_owned()));
                }
            }
            Err(_) => found.not_text = true,
        }
    }
    found
}

/// A QR code drawn with Unicode half blocks, quiet zone included: one line per two
/// rows of modules, one character per module across.
///
/// Dark modules are spaces and light modules (and the quiet zone) are ink (`█`, `▀`,
/// `▄`), so on a terminal with light text on a dark background, the usual dark
/// theme, the code appears as dark modules on a light square, the way scanners
/// expect it. A front-end that can set colours should draw the ink light and the
/// background dark (the full-screen interface does), which then works on any theme.
///
/// Holds what the code says (often a secret): zeroized when dropped, and `Debug`
/// shows only the size.
pub struct Drawing {
    lines: Vec<String>,
}

impl Drawing {
    /// The lines, top to bottom, all [`Drawing::width`] characters long.
    pub fn lines(&self) -> &[String] {
        &self.lines
    }

    /// Characters per line (modules across, quiet zone included).
    pub fn width(&self) -> usize {
        self.lines.first().map_or(0, |line| line.chars().count())
    }

    /// Number of lines.
    pub fn height(&self) -> usize {
        self.lines.len()
    }
}

impl Drop for Drawing {
    fn drop(&mut self) {
        self.lines.zeroize();
    }
}

impl std::fmt::Debug for Drawing {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Drawing({}×{}, [redacted])", self.width(), self.height())
    }
}

/// `text` as a QR code at error correction level M, or L when it is too long for M.
fn encode(text: &str) -> Result<QrCode, QrError> {
    QrCode::with_error_correction_level(text.as_bytes(), EcLevel::M)
        .or_else(|_| QrCode::with_error_correction_level(text.as_bytes(), EcLevel::L))
        .map_err(|_| QrError::TooLong { bytes: text.len() })
}

/// `text` as a QR code drawn with Unicode half blocks, quiet zone included (see
/// [`Drawing`] for which modules are ink), lines joined by `\n`.
pub fn render(text: &str) -> Result<Zeroizing<String>, QrError> {
    let code = encode(text)?;
    // `Dense1x2::Dark` is ink (a block character), `Light` is a space. The crate's
    // default draws dark modules as ink, which on a dark-themed terminal (light ink
    // on a dark background) shows a light code on dark: an inverted QR code that
    // many phone scanners do not read. So dark modules are drawn as spaces (the
    // dark background) and light modules, quiet zone included, as ink.
    Ok(Zeroizing::new(
        code.render::<Dense1x2>()
            .dark_color(Dense1x2::Light)
            .light_color(Dense1x2::Dark)
            .quiet_zone(true)
            .module_dimensions(1, 1)
            .build(),
    ))
}

/// `text` drawn as by [`render`], as lines with their size (for the full-screen
/// interface).
pub fn render_lines(text: &str) -> Result<Drawing, QrError> {
    let drawn = render(text)?;
    Ok(Drawing {
        lines: drawn.lines().map(str::to_owned).collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::codecs::jpeg::JpegEncoder;
    use image::codecs::png::PngEncoder;
    use image::{ExtendedColorType, ImageEncoder};

    const LINK: &str = "otpauth://totp/Example:alice%40example.com?secret=JBSWY3DPEHPK3PXP&issuer=Example&algorithm=SHA1&digits=6&period=30";

    /// The QR code of `text` as the `qrcode` crate lays it out, one pixel per module
    /// scaled by `scale`, with a `margin`-module light border; dark is black.
    fn raster(text: &[u8], scale: u32, margin: u32) -> GrayImage {
        let code = QrCode::with_error_correction_level(text, EcLevel::M).unwrap();
        let modules = u32::try_from(code.width()).unwrap();
        let colors = code.to_colors();
        let side = (modules + 2 * margin) * scale;
        GrayImage::from_fn(side, side, |x, y| {
            let (mx, my) = (x / scale, y / scale);
            let inside = (margin..margin + modules).contains(&mx)
                && (margin..margin + modules).contains(&my);
            let dark = inside && {
                let index = ((my - margin) * modules + (mx - margin)) as usize;
                colors[index] == qrcode::Color::Dark
            };
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
        JpegEncoder::new_with_quality(&mut out, 85)
            .write_image(
                image.as_raw(),
                image.width(),
                image.height(),
                ExtendedColorType::L8,
            )
            .unwrap();
        out
    }

    fn texts(bytes: &[u8]) -> Vec<String> {
        decode_image(bytes)
            .unwrap()
            .iter()
            .map(|t| t.as_str().to_owned())
            .collect()
    }

    #[test]
    fn a_png_and_a_jpeg_of_a_link_decode_to_the_link() {
        let image = raster(LINK.as_bytes(), 4, 4);
        assert_eq!(texts(&png(&image)), [LINK]);
        assert_eq!(texts(&jpeg(&image)), [LINK]);
    }

    #[test]
    fn an_inverted_or_transparent_code_is_read_too() {
        let mut image = raster(LINK.as_bytes(), 3, 4);
        imageops::invert(&mut image);
        // rqrr alone finds nothing in a light code on dark: the inverted copy does.
        assert!(scan(image.clone()).texts.is_empty());
        assert_eq!(texts(&png(&image)), [LINK]);

        // Black modules on a transparent background (RGBA, background alpha 0 and
        // black), as web pages often save them.
        let code = raster(LINK.as_bytes(), 3, 4);
        let mut rgba = Vec::new();
        for pixel in code.pixels() {
            let alpha = if pixel.0[0] == 0 { 255 } else { 0 };
            rgba.extend_from_slice(&[0, 0, 0, alpha]);
        }
        let mut bytes = Vec::new();
        PngEncoder::new(&mut bytes)
            .write_image(&rgba, code.width(), code.height(), ExtendedColorType::Rgba8)
            .unwrap();
        assert_eq!(texts(&bytes), [LINK]);
    }

    #[test]
    fn a_large_screenshot_with_a_small_code_is_read() {
        // A 2400×1800 grey "screenshot" with the code in the middle.
        let code = raster(LINK.as_bytes(), 6, 4);
        let mut screen = GrayImage::from_pixel(2400, 1800, Luma([200]));
        imageops::replace(&mut screen, &code, 900, 500);
        assert_eq!(texts(&png(&screen)), [LINK]);
    }

    #[test]
    fn two_codes_give_two_texts() {
        let other = "otpauth://hotp/Bank:card?secret=GEZDGNBVGY3TQOJQ&counter=3";
        let mut picture = GrayImage::from_pixel(600, 300, Luma([255]));
        imageops::replace(&mut picture, &raster(LINK.as_bytes(), 4, 4), 0, 0);
        imageops::replace(&mut picture, &raster(other.as_bytes(), 4, 4), 320, 0);
        let mut found = texts(&png(&picture));
        found.sort();
        let mut expected = vec![LINK.to_owned(), other.to_owned()];
        expected.sort();
        assert_eq!(found, expected);
    }

    #[test]
    fn what_is_not_a_picture_of_a_qr_code_is_refused_with_a_reason() {
        assert_eq!(
            decode_image(b"otpauth://totp/x?secret=AA"),
            Err(QrError::NotAnImage)
        );
        assert_eq!(decode_image(b""), Err(QrError::NotAnImage));
        let blank = GrayImage::from_pixel(200, 200, Luma([255]));
        assert_eq!(decode_image(&png(&blank)), Err(QrError::NoQrCode));
        // A PNG cut short after its header.
        let mut cut = png(&raster(LINK.as_bytes(), 4, 4));
        cut.truncate(60);
        assert!(
            matches!(decode_image(&cut), Err(QrError::Damaged { .. })),
            "{:?}",
            decode_image(&cut)
        );
        // A picture of random bytes that is not UTF-8 text.
        let binary = raster(&[0xff, 0xfe, 0x00, 0x80, 0xc3], 4, 4);
        assert_eq!(decode_image(&png(&binary)), Err(QrError::NotText));
    }

    #[test]
    fn a_search_that_takes_too_long_is_given_up() {
        // Noise: many false finder patterns, so rqrr takes its time.
        let mut seed = 12_345u64;
        let noise = GrayImage::from_fn(600, 600, |_, _| {
            seed = seed
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            Luma([seed.to_be_bytes()[0]])
        });
        assert_eq!(
            search_within(noise, Duration::from_millis(1)),
            Err(QrError::TooSlow)
        );
        let code = raster(LINK.as_bytes(), 3, 4);
        let found = search_within(code, Duration::from_secs(60)).unwrap();
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].as_str(), LINK);
    }

    /// CRC-32 (ISO-HDLC), as PNG chunks carry it.
    fn crc32(bytes: &[u8]) -> u32 {
        let mut crc = 0xffff_ffffu32;
        for &byte in bytes {
            crc ^= u32::from(byte);
            for _ in 0..8 {
                crc = if crc & 1 == 1 {
                    (crc >> 1) ^ 0xedb8_8320
                } else {
                    crc >> 1
                };
            }
        }
        !crc
    }

    /// A PNG signature and IHDR (8-bit RGBA) claiming `width`×`height`, with a tiny
    /// IDAT and IEND: a few dozen bytes asking for gigabytes.
    fn png_claiming(width: u32, height: u32) -> Vec<u8> {
        let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
        let mut chunk = |kind: &[u8], data: &[u8]| {
            out.extend_from_slice(&u32::try_from(data.len()).unwrap().to_be_bytes());
            let mut body = kind.to_vec();
            body.extend_from_slice(data);
            out.extend_from_slice(&body);
            out.extend_from_slice(&crc32(&body).to_be_bytes());
        };
        let mut header = Vec::new();
        header.extend_from_slice(&width.to_be_bytes());
        header.extend_from_slice(&height.to_be_bytes());
        header.extend_from_slice(&[8, 6, 0, 0, 0]);
        chunk(b"IHDR", &header);
        chunk(b"IDAT", &[0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01]);
        chunk(b"IEND", &[]);
        out
    }

    #[test]
    fn the_crc_is_the_standard_one() {
        // The check value of CRC-32/ISO-HDLC.
        assert_eq!(crc32(b"123456789"), 0xcbf4_3926);
    }

    #[test]
    fn a_header_claiming_a_huge_picture_is_refused_before_decoding() {
        assert_eq!(
            decode_image(&png_claiming(100_000, 100_000)),
            Err(QrError::TooLarge {
                width: 100_000,
                height: 100_000
            })
        );
        // Within the sides but over the memory limit: 8000×8000 16-bit RGBA would
        // take 488 MiB.
        let mut deep = png_claiming(8000, 8000);
        // Bit depth 16 in IHDR, with its CRC recomputed.
        deep[24] = 16;
        let crc = crc32(&deep[12..29]);
        deep[29..33].copy_from_slice(&crc.to_be_bytes());
        assert_eq!(
            decode_image(&deep),
            Err(QrError::TooLarge {
                width: 8000,
                height: 8000
            })
        );
        // A JPEG whose frame header claims 60000×60000.
        let mut huge_jpeg = jpeg(&raster(LINK.as_bytes(), 2, 4));
        let sof = huge_jpeg
            .windows(2)
            .position(|w| w == [0xff, 0xc0])
            .unwrap();
        huge_jpeg[sof + 5..sof + 9].copy_from_slice(&[0xea, 0x60, 0xea, 0x60]);
        assert!(matches!(
            decode_image(&huge_jpeg),
            Err(QrError::TooLarge { .. })
        ));
        assert_eq!(
            decode_image(&vec![0u8; usize::try_from(MAX_FILE_BYTES).unwrap() + 1]),
            Err(QrError::FileTooLarge)
        );
    }

    /// The half-block drawing as a picture: ink light, background dark (a dark
    /// terminal), `scale` pixels per module.
    fn picture_of(drawing: &Drawing, scale: u32) -> GrayImage {
        let width = u32::try_from(drawing.width()).unwrap();
        let height = u32::try_from(drawing.height()).unwrap() * 2;
        let cells: Vec<Vec<char>> = drawing
            .lines()
            .iter()
            .map(|l| l.chars().collect())
            .collect();
        GrayImage::from_fn(width * scale, height * scale, |x, y| {
            let (column, row) = ((x / scale) as usize, (y / scale) as usize);
            let cell = cells[row / 2][column];
            let top = row.is_multiple_of(2);
            let ink = match cell {
                '█' => true,
                '▀' => top,
                '▄' => !top,
                ' ' => false,
                other => panic!("unexpected {other:?}"),
            };
            Luma([if ink { 255 } else { 0 }])
        })
    }

    #[test]
    fn the_drawing_is_a_light_square_with_dark_modules_that_reads_back() {
        let drawing = render_lines(LINK).unwrap();
        let code = QrCode::with_error_correction_level(LINK.as_bytes(), EcLevel::M).unwrap();
        // 4 modules of quiet zone on each side; two module rows per line.
        assert_eq!(drawing.width(), code.width() + 8);
        assert_eq!(drawing.height(), (code.width() + 8).div_ceil(2));
        assert!(
            drawing
                .lines()
                .iter()
                .all(|l| l.chars().count() == drawing.width())
        );
        // The quiet zone is ink: the first two lines are full blocks.
        assert!(drawing.lines()[0].chars().all(|c| c == '█'));
        assert!(drawing.lines()[1].chars().all(|c| c == '█'));
        // The top-left finder pattern's dark ring starts at module (4, 4); column 4
        // is dark in rows 4 and 5, which the third line draws: a space.
        assert_eq!(drawing.lines()[2].chars().nth(4), Some(' '));
        assert_eq!(texts(&png(&picture_of(&drawing, 4))), [LINK]);
        assert_eq!(*render(LINK).unwrap(), drawing.lines().join("\n"));
        assert!(!format!("{drawing:?}").contains('█'));
    }

    #[test]
    fn level_m_unless_the_text_needs_l_and_too_long_is_an_error() {
        // 2331 bytes is the most version 40-M holds; 2953 the most at level L.
        let width_at = |text: &str, level| {
            QrCode::with_error_correction_level(text.as_bytes(), level)
                .map(|code| code.width() + 8)
                .ok()
        };
        let m = "a".repeat(2331);
        let l = "a".repeat(2332);
        let too_long = "a".repeat(2954);
        assert_eq!(
            Some(render_lines(&m).unwrap().width()),
            width_at(&m, EcLevel::M)
        );
        assert_eq!(width_at(&l, EcLevel::M), None);
        assert_eq!(
            Some(render_lines(&l).unwrap().width()),
            width_at(&l, EcLevel::L)
        );
        assert_eq!(
            render_lines(&too_long).err(),
            Some(QrError::TooLong { bytes: 2954 })
        );
    }
}
