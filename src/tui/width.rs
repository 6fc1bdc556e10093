//! Text laid out by display width, not by characters: a Hangul syllable takes two
//! terminal columns, a Latin letter one. Every cut ends on a whole character (a
//! wide character that does not fit is left out and the gap padded), and a cut is
//! marked with `…`. Sentences (errors, notices) are wrapped over lines rather than
//! cut: [`wrap`], and [`wrap_within`] when the rows are counted.

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

/// `text` broken into lines of at most `width` columns: at spaces where it can
/// (the spaces at a break are dropped), inside a word only when the word alone is
/// wider than a line (a long path), and then between two characters, never
/// through one. A `\n` always breaks. Nothing is left out, except a character
/// wider than the whole line (a Hangul syllable in one column).
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    if width == 0 {
        return lines;
    }
    for paragraph in text.split('\n') {
        let mut line = String::new();
        let mut used = 0;
        for word in paragraph.split(' ').filter(|w| !w.is_empty()) {
            let word_width = word.width();
            if used > 0 && used + 1 + word_width <= width {
                line.push(' ');
                line.push_str(word);
                used += 1 + word_width;
                continue;
            }
            if used > 0 {
                lines.push(std::mem::take(&mut line));
                used = 0;
            }
            for c in word.chars() {
                let w = c.width().unwrap_or(0);
                if w > width {
                    continue;
                }
                if used + w > width {
                    lines.push(std::mem::take(&mut line));
                    used = 0;
                }
                line.push(c);
                used += w;
            }
        }
        lines.push(line);
    }
    lines
}

/// [`wrap`] in at most `rows` lines: when the text needs more, the last line
/// shown ends in `…`, so a cut is never silent.
pub fn wrap_within(text: &str, width: usize, rows: usize) -> Vec<String> {
    let mut lines = wrap(text, width);
    if lines.len() > rows {
        lines.truncate(rows);
        if let Some(last) = lines.last_mut() {
            *last = mark_cut(last, width);
        }
    }
    lines
}

/// A line that was followed by more text which is left out: it ends in `…`,
/// within `width` columns (characters are taken off its end to make room).
pub fn mark_cut(line: &str, width: usize) -> String {
    if width == 0 {
        return String::new();
    }
    let mut out = line.to_owned();
    while out.width() + 1 > width {
        if out.pop().is_none() {
            break;
        }
    }
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapping_breaks_at_spaces_by_columns_and_long_words_between_characters() {
        assert_eq!(wrap("abc def ghi", 7), ["abc def", "ghi"]);
        assert_eq!(wrap("abc def ghi", 11), ["abc def ghi"]);
        // 고객코드를 is 10 columns: it does not fit after 확인 (4 + 1 + 10 > 12).
        assert_eq!(
            wrap("확인 고객코드를 확인하세요.", 12),
            ["확인", "고객코드를", "확인하세요."]
        );
        // A path longer than a line is cut between characters, and kept whole.
        assert_eq!(
            wrap("file /home/jk/config.toml", 10),
            ["file", "/home/jk/c", "onfig.toml"]
        );
        // A wide character never straddles the edge.
        assert_eq!(wrap("가나다라마", 5), ["가나", "다라", "마"]);
        assert_eq!(wrap("a\nb c", 10), ["a", "b c"]);
        assert!(wrap("abc", 0).is_empty());
        let sentence = "고객코드 9999에 연결할 서버를 찾지 못했습니다. /home/jk/.config/otp/config.toml의 [customers]";
        for width in 1..60 {
            let lines = wrap(sentence, width);
            assert!(
                lines.iter().all(|l| l.width() <= width),
                "{width}: {lines:?}"
            );
            let joined: String = lines.concat().split_whitespace().collect();
            let whole: String = sentence.split_whitespace().collect();
            if width >= 2 {
                assert_eq!(joined, whole, "nothing lost at {width}");
            }
        }
    }

    #[test]
    fn wrapping_within_rows_marks_a_cut_with_an_ellipsis() {
        assert_eq!(wrap_within("abc def ghi", 7, 2), ["abc def", "ghi"]);
        assert_eq!(wrap_within("abc def ghi", 7, 1), ["abc de…"]);
        assert_eq!(wrap_within("abc def ghi", 4, 2), ["abc", "def…"]);
        assert_eq!(wrap_within("가나다 라마바 사", 6, 2), ["가나다", "라마…"]);
        assert!(wrap_within("abc", 5, 0).is_empty());
        for width in 1..20 {
            for rows in 1..4 {
                let lines = wrap_within("한국과학기술정보연구원 홍길동 alice", width, rows);
                assert!(lines.len() <= rows);
                assert!(lines.iter().all(|l| l.width() <= width), "{lines:?}");
            }
        }
    }

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
