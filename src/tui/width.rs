//! Text laid out by display width, not by characters: a Hangul syllable takes two
//! terminal columns, a Latin letter one. Every cut ends on a whole character (a
//! wide character that does not fit is left out and the gap padded), and a cut is
//! marked with `…`.

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// `text` cut to at most `width` columns, ending in `…` when cut.
pub fn truncate(text: &str, width: usize) -> String {
    if text.width() <= width {
        return text.to_owned();
    }
    if width == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w > width - 1 {
            break;
        }
        used += w;
        out.push(c);
    }
    out.push('…');
    out
}

/// `text` in exactly `width` columns: cut (with `…`) or padded with spaces on the
/// right.
pub fn pad(text: &str, width: usize) -> String {
    let mut out = truncate(text, width);
    let used = out.width();
    out.extend(std::iter::repeat_n(' ', width.saturating_sub(used)));
    out
}

/// `text` in exactly `width` columns: cut (with `…`) or padded with spaces on the
/// left, so that it ends at the right edge.
pub fn pad_left(text: &str, width: usize) -> String {
    let cut = truncate(text, width);
    let mut out: String = std::iter::repeat_n(' ', width.saturating_sub(cut.width())).collect();
    out.push_str(&cut);
    out
}

/// An account's label in at most `width` columns. The name is what tells one
/// account of an organisation from another, so the issuer is shortened first
/// (`한국과…:홍길동`); only when the name alone does not fit is the name cut.
pub fn fit_label(issuer: Option<&str>, name: &str, width: usize) -> String {
    let issuer = issuer.filter(|i| !i.is_empty());
    let full = match issuer {
        Some(issuer) => format!("{issuer}:{name}"),
        None => name.to_owned(),
    };
    if full.width() <= width {
        return full;
    }
    let Some(issuer) = issuer else {
        return truncate(name, width);
    };
    // Room for the whole name, the colon and what is left of the issuer.
    let issuer_room = width.saturating_sub(name.width() + 1);
    // A long name would push the issuer (nearly) out: it keeps up to a third.
    let third = (width / 3).min(issuer.width());
    if name.width() > width * 2 / 3 && width >= 9 && issuer_room < third {
        let short = truncate(issuer, third);
        let rest = width.saturating_sub(short.width() + 1);
        return format!("{short}:{}", truncate(name, rest));
    }
    if issuer_room >= 2 {
        let short = truncate(issuer, issuer_room);
        if short != "…" {
            return format!("{short}:{name}");
        }
    }
    truncate(name, width)
}

/// Like [`fit_label`] for a label already joined as `issuer:name`.
pub fn fit_joined_label(label: &str, width: usize) -> String {
    match label.split_once(':') {
        Some((issuer, name)) => fit_label(Some(issuer), name, width),
        None => fit_label(None, label, width),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn truncation_counts_columns_and_never_splits_a_wide_character() {
        assert_eq!(truncate("GitHub", 10), "GitHub");
        assert_eq!(truncate("GitHub", 6), "GitHub");
        assert_eq!(truncate("GitHub", 4), "Git…");
        assert_eq!(truncate("abc", 0), "");
        assert_eq!(truncate("abc", 1), "…");
        // 네이버메일 is 10 columns: 5 leaves 2 syllables and the ellipsis.
        assert_eq!(truncate("네이버메일", 5), "네이…");
        // 6 columns: a third syllable would end at column 7, so it is left out.
        assert_eq!(truncate("네이버메일", 6), "네이…");
        assert_eq!(truncate("네이버메일", 7), "네이버…");
        assert_eq!(truncate("네이버메일", 10), "네이버메일");
        assert_eq!(truncate("KISTI 한국", 8), "KISTI …");
        for width in 0..12 {
            assert!(truncate("한국과학기술정보연구원", width).width() <= width);
        }
    }

    #[test]
    fn padding_fills_exact_columns_on_either_side() {
        assert_eq!(pad("홍길동", 8), "홍길동  ");
        assert_eq!(pad("홍길동", 6), "홍길동");
        assert_eq!(pad("홍길동", 5), "홍길…");
        assert_eq!(pad("홍길동", 4), "홍… ");
        assert_eq!(pad("ab", 4), "ab  ");
        assert_eq!(pad_left("25초", 6), "  25초");
        assert_eq!(pad_left("25s", 4), " 25s");
        assert_eq!(pad_left("홍길동", 4), " 홍…");
        for width in 0..10 {
            assert_eq!(pad("한a국b", width).width(), width);
            assert_eq!(pad_left("한a국b", width).width(), width);
        }
    }

    #[test]
    fn a_short_label_keeps_the_name_and_shortens_the_issuer() {
        let issuer = Some("한국과학기술정보연구원");
        assert_eq!(
            fit_label(issuer, "홍길동", 40),
            "한국과학기술정보연구원:홍길동"
        );
        // 29 columns in all; 17 leave 10 for the issuer.
        assert_eq!(fit_label(issuer, "홍길동", 17), "한국과학…:홍길동");
        assert_eq!(fit_label(issuer, "홍길동", 10), "한…:홍길동");
        // No room for a piece of the issuer: the name alone.
        assert_eq!(fit_label(issuer, "홍길동", 8), "홍길동");
        assert_eq!(fit_label(issuer, "홍길동", 5), "홍길…");
        assert_eq!(fit_label(None, "alice@example.com", 8), "alice@e…");
        assert_eq!(fit_label(Some(""), "bob", 8), "bob");
        assert_eq!(fit_joined_label("GitHub:alice", 9), "Gi…:alice");
        assert_eq!(fit_joined_label("alice", 9), "alice");
        // A long name leaves the issuer a third of the room.
        assert_eq!(
            fit_label(Some("GitHub"), "alice@example.com", 18),
            "GitHub:alice@exam…"
        );
        assert_eq!(
            fit_label(Some("네이버"), "hong@naver.com", 18),
            "네이버:hong@naver…"
        );
        for width in 0..30 {
            assert!(fit_label(issuer, "홍길동", width).width() <= width);
        }
    }
}
