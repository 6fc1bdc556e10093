//! Android's preferences files (`SharedPreferences`, `XmlUtils.writeMapXml`): the
//! texts of a `<map>`, which is how FreeOTP keeps its tokens (`tokens.xml`, before
//! 2.0) and its backup (`tokenBackup.xml`, from 2.0 on).
//!
//! ```xml
//! <?xml version='1.0' encoding='utf-8' standalone='yes' ?>
//! <map>
//!     <string name="tokenOrder">[&quot;GitHub:alice&quot;]</string>
//!     <string name="GitHub:alice">{&quot;algo&quot;:&quot;SHA1&quot;, ...}</string>
//!     <int name="other" value="1" />
//! </map>
//! ```
//!
//! Only `<string>` values are kept (FreeOTP stores nothing else); other values
//! (`<int>`, `<boolean>`, `<set>`, ...) are passed over. XML's five entities and
//! character references are resolved; a document type, text outside the elements
//! or a `<map>` not closed are refused. At most [`MAX_ENTRIES`] strings.

use std::borrow::Cow;

use quick_xml::errors::{Error as XmlError, IllFormedError, SyntaxError};
use quick_xml::events::{BytesStart, Event};
use quick_xml::{Reader, XmlVersion, escape};
use zeroize::Zeroizing;

use super::map::{Entry, MAX_ENTRIES};

/// Why a preferences file was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum PrefsError {
    /// It ends before its `<map>` does.
    CutShort,
    /// It is not well-formed XML, or not a preferences map, at this byte offset.
    Malformed {
        /// The offset, from 0.
        at: u64,
    },
    /// More strings than [`MAX_ENTRIES`].
    TooMany,
}

/// Whether the text is XML whose first element is `<map>` (a declaration and
/// comments may come first).
pub(super) fn looks_like(text: &str) -> bool {
    let mut rest = text.trim_start_matches('\u{feff}').trim_start();
    loop {
        if let Some(after) = rest.strip_prefix("<?") {
            match after.find("?>") {
                Some(end) => rest = after[end + 2..].trim_start(),
                None => return false,
            }
        } else if let Some(after) = rest.strip_prefix("<!--") {
            match after.find("-->") {
                Some(end) => rest = after[end + 3..].trim_start(),
                None => return false,
            }
        } else {
            return rest.starts_with("<map>") || rest.starts_with("<map/>");
        }
    }
}

/// The `<string>` entries of the map, in the file's order.
pub(super) fn read_map(text: &str) -> Result<Vec<Entry>, PrefsError> {
    let mut reader = Reader::from_str(text);
    let mut entries = Vec::new();
    let mut in_map = false;
    let mut closed = false;
    loop {
        let event = next(&mut reader)?;
        let at = reader.buffer_position();
        match event {
            Event::Decl(_) | Event::Comment(_) | Event::PI(_) => {}
            Event::Text(text) if is_space(&text) => {}
            Event::Start(start) if !in_map && !closed && start.name().as_ref() == b"map" => {
                in_map = true;
            }
            Event::Empty(start) if !in_map && !closed && start.name().as_ref() == b"map" => {
                closed = true;
            }
            Event::End(end) if in_map && end.name().as_ref() == b"map" => {
                in_map = false;
                closed = true;
            }
            Event::Start(start) if in_map => {
                if start.name().as_ref() == b"string" {
                    let name = name_of(&start, at)?;
                    let value = string_value(&mut reader)?;
                    push(&mut entries, name, value)?;
                } else {
                    // Another kind of value (a <set> of strings, say): not FreeOTP's.
                    reader
                        .read_to_end(start.name())
                        .map_err(|error| xml_error(&reader, &error))?;
                }
            }
            Event::Empty(start) if in_map => {
                if start.name().as_ref() == b"string" {
                    let name = name_of(&start, at)?;
                    push(&mut entries, name, Zeroizing::new(String::new()))?;
                }
            }
            Event::Eof if closed => return Ok(entries),
            Event::Eof => return Err(PrefsError::CutShort),
            _ => return Err(PrefsError::Malformed { at }),
        }
    }
}

fn push(
    entries: &mut Vec<Entry>,
    name: String,
    value: Zeroizing<String>,
) -> Result<(), PrefsError> {
    if entries.len() >= MAX_ENTRIES {
        return Err(PrefsError::TooMany);
    }
    entries.push(Entry { name, value });
    Ok(())
}

fn next<'a>(reader: &mut Reader<&'a [u8]>) -> Result<Event<'a>, PrefsError> {
    reader
        .read_event()
        .map_err(|error| xml_error(reader, &error))
}

/// A reader error: cut short when the input ended inside something.
fn xml_error(reader: &Reader<&[u8]>, error: &XmlError) -> PrefsError {
    match error {
        XmlError::Syntax(
            SyntaxError::InvalidBangMarkup
            | SyntaxError::UnclosedPI
            | SyntaxError::UnclosedXmlDecl
            | SyntaxError::UnclosedComment
            | SyntaxError::UnclosedDoctype
            | SyntaxError::UnclosedCData
            | SyntaxError::UnclosedTag
            | SyntaxError::UnclosedSingleQuotedAttributeValue
            | SyntaxError::UnclosedDoubleQuotedAttributeValue,
        )
        | XmlError::IllFormed(
            IllFormedError::MissingEndTag(_) | IllFormedError::UnclosedReference,
        ) => PrefsError::CutShort,
        _ => PrefsError::Malformed {
            at: reader.error_position(),
        },
    }
}

fn is_space(text: &quick_xml::events::BytesText<'_>) -> bool {
    text.iter().all(u8::is_ascii_whitespace)
}

/// The `name` attribute of a value element.
fn name_of(start: &BytesStart<'_>, at: u64) -> Result<String, PrefsError> {
    let malformed = PrefsError::Malformed { at };
    let attribute = start
        .try_get_attribute("name")
        .map_err(|_| malformed)?
        .ok_or(malformed)?;
    let value = attribute
        .normalized_value(XmlVersion::Implicit1_0)
        .map_err(|_| malformed)?;
    Ok(value.into_owned())
}

/// The text of a `<string>` up to its end tag, entities resolved.
fn string_value(reader: &mut Reader<&[u8]>) -> Result<Zeroizing<String>, PrefsError> {
    let mut value = Zeroizing::new(String::new());
    loop {
        let event = next(reader)?;
        let at = reader.buffer_position();
        let malformed = PrefsError::Malformed { at };
        match event {
            Event::Text(text) => {
                let piece = text.xml10_content().map_err(|_| malformed)?;
                append(&mut value, piece);
            }
            Event::CData(data) => {
                let piece = data.decode().map_err(|_| malformed)?;
                append(&mut value, piece);
            }
            Event::GeneralRef(reference) => {
                let resolved = match reference.resolve_char_ref().map_err(|_| malformed)? {
                    Some(char) => char,
                    None => {
                        let name = reference.decode().map_err(|_| malformed)?;
                        escape::resolve_predefined_entity(&name)
                            .and_then(|text| text.chars().next())
                            .ok_or(malformed)?
                    }
                };
                value.push(resolved);
            }
            Event::Comment(_) => {}
            Event::End(end) if end.name().as_ref() == b"string" => return Ok(value),
            Event::Eof => return Err(PrefsError::CutShort),
            _ => return Err(malformed),
        }
    }
}

/// Appends a piece of text, zeroizing it when it was a copy.
fn append(value: &mut Zeroizing<String>, piece: Cow<'_, str>) {
    match piece {
        Cow::Borrowed(text) => value.push_str(text),
        Cow::Owned(text) => {
            let text = Zeroizing::new(text);
            value.push_str(&text);
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use super::*;

    const SAMPLE: &str = "<?xml version='1.0' encoding='utf-8' standalone='yes' ?>\n\
        <map>\n    <string name=\"tokenOrder\">[&quot;A:b&quot;]</string>\n\
        <int name=\"n\" value=\"1\" />\n\
        <set name=\"s\"><string>x</string></set>\n\
        <string name=\"A &amp; B:c\">{&quot;v&quot;:&#34;&lt;&#x3e;&quot;, &apos;x&apos;}</string>\n\
        <string name=\"empty\" />\n<string name=\"also\"></string>\n</map>\n";

    fn pairs(entries: &[Entry]) -> Vec<(&str, &str)> {
        entries
            .iter()
            .map(|entry| (entry.name.as_str(), entry.value.as_str()))
            .collect()
    }

    #[test]
    fn reads_the_strings_of_a_map() {
        assert!(looks_like(SAMPLE));
        let entries = read_map(SAMPLE).unwrap();
        assert_eq!(
            pairs(&entries),
            [
                ("tokenOrder", "[\"A:b\"]"),
                ("A & B:c", "{\"v\":\"<>\", 'x'}"),
                ("empty", ""),
                ("also", ""),
            ]
        );
        assert_eq!(read_map("<map />").unwrap().len(), 0);
    }

    #[test]
    fn every_cut_is_refused() {
        for cut in 0..SAMPLE.len() - 2 {
            let prefix = &SAMPLE[..cut];
            assert!(read_map(prefix).is_err(), "{cut}: {prefix}");
        }
        assert_eq!(
            read_map(&SAMPLE[..SAMPLE.len() / 2]).err(),
            Some(PrefsError::CutShort)
        );
    }

    #[test]
    fn what_is_not_a_preferences_map_is_refused() {
        for bad in [
            "<other/>",
            "<map><string>no name</string></map>",
            "<map>text</map>",
            "<map><string name=\"a\"><b/></string></map>",
            "<map></map><map></map>",
            "<map><string name=\"a\">&custom;</string></map>",
            "<!DOCTYPE map [<!ENTITY e \"x\">]><map></map>",
            "<map></other>",
        ] {
            assert!(
                matches!(read_map(bad), Err(PrefsError::Malformed { .. })),
                "{bad}: {:?}",
                read_map(bad).err()
            );
        }
        for not in [
            "{\"map\": 1}",
            "<mapping/>",
            "<?xml version='1.0'?><other/>",
        ] {
            assert!(!looks_like(not), "{not}");
        }
    }

    #[test]
    fn more_strings_than_the_limit_are_refused() {
        let mut text = String::from("<map>");
        for i in 0..=MAX_ENTRIES {
            text.push_str(&format!("<string name=\"{i}\">v</string>"));
        }
        text.push_str("</map>");
        assert_eq!(read_map(&text).err(), Some(PrefsError::TooMany));
    }
}
