//! The Java serialisation stream of a `java.util.HashMap<String, String>`: what
//! FreeOTP's Backup menu writes (`ObjectOutputStream.writeObject` of its backup
//! preferences, `externalBackup.xml` despite the name), read strictly and within
//! limits.
//!
//! Only what `ObjectOutputStream` writes for such a map is accepted (the Java Object
//! Serialization Specification, chapter 6, "Object Serialization Stream Protocol"):
//!
//! ```text
//! AC ED 00 05                      magic, version 5
//! 73 72 <utf "java.util.HashMap">  TC_OBJECT, TC_CLASSDESC, the class name
//!    <serialVersionUID: 8 bytes>   362498820763181265
//!    03 <field count: 2 bytes>     SC_SERIALIZABLE | SC_WRITE_METHOD
//!    ('F'|'I'|… <utf name>)*       primitive fields: loadFactor, threshold (one
//!                                  field, loadFactor, on Android 6's HashMap)
//!    78 70                         TC_ENDBLOCKDATA, no superclass (TC_NULL)
//! <the fields' values>             4 bytes each for F and I, ...
//! 77 08 <capacity> <size>          TC_BLOCKDATA: two ints
//! (<key> <value>) × size           each TC_STRING (74, 2-byte length),
//!                                  TC_LONGSTRING (7C, 8-byte length) or
//!                                  TC_REFERENCE (71, a handle) to an earlier string
//! 78                               TC_ENDBLOCKDATA
//! ```
//!
//! Strings are Java's "modified UTF-8": NUL as `C0 80`, characters beyond U+FFFF as
//! two three-byte surrogates. Anything else (another class, a null, an object that is
//! not a string, bytes after the end) is refused: FreeOTP writes none of it. The
//! reader works on the bytes in memory and allocates no more than they hold; a map
//! may have at most [`MAX_ENTRIES`] entries.

use zeroize::Zeroizing;

use super::map::{Entry, MAX_ENTRIES};

const MAGIC: [u8; 4] = [0xAC, 0xED, 0x00, 0x05];
const TC_NULL: u8 = 0x70;
const TC_REFERENCE: u8 = 0x71;
const TC_CLASSDESC: u8 = 0x72;
const TC_OBJECT: u8 = 0x73;
const TC_STRING: u8 = 0x74;
const TC_BLOCKDATA: u8 = 0x77;
const TC_ENDBLOCKDATA: u8 = 0x78;
const TC_LONGSTRING: u8 = 0x7C;
/// The first handle a stream assigns (`baseWireHandle`).
const BASE_HANDLE: u32 = 0x7E_0000;
const HASH_MAP: &str = "java.util.HashMap";
/// `java.util.HashMap`'s serialVersionUID.
const HASH_MAP_UID: i64 = 362_498_820_763_181_265;
/// `SC_WRITE_METHOD | SC_SERIALIZABLE`: HashMap writes its entries itself.
const HASH_MAP_FLAGS: u8 = 0x03;
/// Fields a HashMap class description may list (it has two).
const MAX_FIELDS: u16 = 8;

/// Whether the bytes start as a Java serialisation stream does.
pub(super) fn looks_like(bytes: &[u8]) -> bool {
    bytes.starts_with(&MAGIC)
}

/// Why a stream was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum StreamError {
    /// It ends before the map does.
    CutShort,
    /// The byte at this offset is not what a serialised map of strings holds there.
    Unexpected {
        /// The offset, from 0.
        at: usize,
    },
    /// More entries than [`MAX_ENTRIES`].
    TooMany,
}

/// The map's entries, in the stream's order.
pub(super) fn read_map(bytes: &[u8]) -> Result<Vec<Entry>, StreamError> {
    let mut stream = Stream { bytes, at: 0 };
    stream.expect(&MAGIC)?;
    stream.expect(&[TC_OBJECT, TC_CLASSDESC])?;
    let name_at = stream.at;
    if stream.utf()?.as_str() != HASH_MAP {
        return Err(StreamError::Unexpected { at: name_at });
    }
    let uid_at = stream.at;
    if i64::from_be_bytes(stream.array()?) != HASH_MAP_UID {
        return Err(StreamError::Unexpected { at: uid_at });
    }
    stream.expect(&[HASH_MAP_FLAGS])?;
    let count_at = stream.at;
    let count = u16::from_be_bytes(stream.array()?);
    if count > MAX_FIELDS {
        return Err(StreamError::Unexpected { at: count_at });
    }
    let mut sizes = Vec::with_capacity(usize::from(count));
    for _ in 0..count {
        let code_at = stream.at;
        let size = match stream.byte()? {
            b'B' | b'Z' => 1,
            b'C' | b'S' => 2,
            b'F' | b'I' => 4,
            b'D' | b'J' => 8,
            // An object field: HashMap has none.
            _ => return Err(StreamError::Unexpected { at: code_at }),
        };
        stream.utf()?;
        sizes.push(size);
    }
    stream.expect(&[TC_ENDBLOCKDATA, TC_NULL])?;
    for size in sizes {
        stream.take(size)?;
    }
    // writeObject's own data: the capacity and the size, in one block.
    stream.expect(&[TC_BLOCKDATA, 8])?;
    stream.take(4)?;
    let size_at = stream.at;
    let size = i32::from_be_bytes(stream.array()?);
    let size = usize::try_from(size).map_err(|_| StreamError::Unexpected { at: size_at })?;
    if size > MAX_ENTRIES {
        return Err(StreamError::TooMany);
    }
    // Handles 0 and 1 are the class description and the map itself.
    let mut strings: Vec<Zeroizing<String>> = Vec::new();
    let mut entries = Vec::with_capacity(size);
    for _ in 0..size {
        let name = stream.string(&mut strings)?;
        let value = stream.string(&mut strings)?;
        entries.push(Entry {
            name: name.to_string(),
            value,
        });
    }
    stream.expect(&[TC_ENDBLOCKDATA])?;
    if stream.at != bytes.len() {
        return Err(StreamError::Unexpected { at: stream.at });
    }
    Ok(entries)
}

/// The bytes and where reading has got to.
struct Stream<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Stream<'a> {
    fn take(&mut self, count: usize) -> Result<&'a [u8], StreamError> {
        let end = self.at.checked_add(count).ok_or(StreamError::CutShort)?;
        let taken = self.bytes.get(self.at..end).ok_or(StreamError::CutShort)?;
        self.at = end;
        Ok(taken)
    }

    fn array<const N: usize>(&mut self) -> Result<[u8; N], StreamError> {
        let mut array = [0; N];
        array.copy_from_slice(self.take(N)?);
        Ok(array)
    }

    fn byte(&mut self) -> Result<u8, StreamError> {
        Ok(self.array::<1>()?[0])
    }

    /// The next bytes must be `expected`.
    fn expect(&mut self, expected: &[u8]) -> Result<(), StreamError> {
        for &want in expected {
            let at = self.at;
            if self.byte()? != want {
                return Err(StreamError::Unexpected { at });
            }
        }
        Ok(())
    }

    /// A modified UTF-8 text with a two-byte length (a class or field name).
    fn utf(&mut self) -> Result<Zeroizing<String>, StreamError> {
        let length = u16::from_be_bytes(self.array()?);
        self.modified_utf8(usize::from(length))
    }

    /// A string object: a new one (remembered for later references) or a reference
    /// to one read before.
    fn string(
        &mut self,
        strings: &mut Vec<Zeroizing<String>>,
    ) -> Result<Zeroizing<String>, StreamError> {
        let at = self.at;
        let text = match self.byte()? {
            TC_STRING => {
                let length = u16::from_be_bytes(self.array()?);
                self.modified_utf8(usize::from(length))?
            }
            TC_LONGSTRING => {
                let length = u64::from_be_bytes(self.array()?);
                // Longer than the bytes left: cut short (never allocated).
                let length = usize::try_from(length).map_err(|_| StreamError::CutShort)?;
                self.modified_utf8(length)?
            }
            TC_REFERENCE => {
                let handle = u32::from_be_bytes(self.array()?);
                let index = handle
                    .checked_sub(BASE_HANDLE + 2)
                    .and_then(|index| usize::try_from(index).ok());
                return index
                    .and_then(|index| strings.get(index))
                    .cloned()
                    .ok_or(StreamError::Unexpected { at });
            }
            _ => return Err(StreamError::Unexpected { at }),
        };
        strings.push(text.clone());
        Ok(text)
    }

    /// `length` bytes of modified UTF-8.
    fn modified_utf8(&mut self, length: usize) -> Result<Zeroizing<String>, StreamError> {
        let start = self.at;
        let bytes = self.take(length)?;
        // Never longer in UTF-8 than in modified UTF-8: no reallocation, no copy of
        // the text left behind.
        let mut text = Zeroizing::new(String::with_capacity(length));
        let mut pending_high: Option<(u16, usize)> = None;
        let mut index = 0;
        while index < bytes.len() {
            let at = start + index;
            let bad = StreamError::Unexpected { at };
            let first = bytes[index];
            let continuation = |offset: usize| -> Result<u16, StreamError> {
                match bytes.get(index + offset) {
                    Some(&byte) if byte & 0xC0 == 0x80 => Ok(u16::from(byte & 0x3F)),
                    Some(_) => Err(StreamError::Unexpected { at: at + offset }),
                    None => Err(StreamError::CutShort),
                }
            };
            let (unit, width) = match first {
                0x01..=0x7F => (u16::from(first), 1),
                0xC0..=0xDF => (u16::from(first & 0x1F) << 6 | continuation(1)?, 2),
                0xE0..=0xEF => (
                    u16::from(first & 0x0F) << 12 | continuation(1)? << 6 | continuation(2)?,
                    3,
                ),
                _ => return Err(bad),
            };
            index += width;
            match (pending_high.take(), unit) {
                (None, 0xD800..=0xDBFF) => pending_high = Some((unit, at)),
                (Some((high, _)), 0xDC00..=0xDFFF) => {
                    let code =
                        0x1_0000 + ((u32::from(high) - 0xD800) << 10) + (u32::from(unit) - 0xDC00);
                    text.push(char::from_u32(code).ok_or(bad)?);
                }
                // A lone surrogate: no character.
                (Some((_, high_at)), _) => return Err(StreamError::Unexpected { at: high_at }),
                (None, 0xDC00..=0xDFFF) => return Err(bad),
                (None, _) => text.push(char::from_u32(u32::from(unit)).ok_or(bad)?),
            }
        }
        if let Some((_, at)) = pending_high {
            return Err(StreamError::Unexpected { at });
        }
        Ok(text)
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use super::*;

    /// The class description of `java.util.HashMap` as OpenJDK 8+ and Android 7+
    /// write it, its field values, and the block with capacity and size.
    fn header(size: u8) -> Vec<u8> {
        let mut out = MAGIC.to_vec();
        out.extend([TC_OBJECT, TC_CLASSDESC, 0, 17]);
        out.extend(b"java.util.HashMap");
        out.extend(HASH_MAP_UID.to_be_bytes());
        out.extend([HASH_MAP_FLAGS, 0, 2, b'F', 0, 10]);
        out.extend(b"loadFactor");
        out.extend([b'I', 0, 9]);
        out.extend(b"threshold");
        out.extend([TC_ENDBLOCKDATA, TC_NULL]);
        out.extend(0.75f32.to_be_bytes());
        out.extend(12i32.to_be_bytes());
        out.extend([TC_BLOCKDATA, 8]);
        out.extend(16i32.to_be_bytes());
        out.extend(i32::from(size).to_be_bytes());
        out
    }

    fn string(text: &[u8]) -> Vec<u8> {
        let mut out = vec![TC_STRING];
        out.extend(u16::try_from(text.len()).unwrap().to_be_bytes());
        out.extend(text);
        out
    }

    fn pairs(entries: &[Entry]) -> Vec<(&str, &str)> {
        entries
            .iter()
            .map(|entry| (entry.name.as_str(), entry.value.as_str()))
            .collect()
    }

    #[test]
    fn reads_strings_long_strings_references_and_modified_utf8() {
        let mut bytes = header(3);
        bytes.extend(string(b"a"));
        // NUL as C0 80, é in two bytes, € in three, U+1F600 as two surrogates.
        bytes.extend(string(
            b"x\xC0\x80\xC3\xA9\xE2\x82\xAC\xED\xA0\xBD\xED\xB8\x80",
        ));
        let long = "v".repeat(70_000);
        bytes.push(TC_LONGSTRING);
        bytes.extend(u64::try_from(long.len()).unwrap().to_be_bytes());
        bytes.extend(long.as_bytes());
        // The value of "a" again (handle 3: after the class description, the map
        // and "a").
        bytes.extend(string(b"b"));
        bytes.extend(string(b"c"));
        bytes.push(TC_REFERENCE);
        bytes.extend((BASE_HANDLE + 3).to_be_bytes());
        bytes.push(TC_ENDBLOCKDATA);
        let entries = read_map(&bytes).unwrap();
        let value = "x\0é€\u{1F600}";
        assert_eq!(
            pairs(&entries),
            [("a", value), (long.as_str(), "b"), ("c", value)]
        );
    }

    /// Android 6's own HashMap wrote one field, loadFactor.
    #[test]
    fn reads_a_map_with_other_primitive_fields() {
        let mut bytes = MAGIC.to_vec();
        bytes.extend([TC_OBJECT, TC_CLASSDESC, 0, 17]);
        bytes.extend(b"java.util.HashMap");
        bytes.extend(HASH_MAP_UID.to_be_bytes());
        bytes.extend([HASH_MAP_FLAGS, 0, 1, b'F', 0, 10]);
        bytes.extend(b"loadFactor");
        bytes.extend([TC_ENDBLOCKDATA, TC_NULL]);
        bytes.extend(0.75f32.to_be_bytes());
        bytes.extend([TC_BLOCKDATA, 8, 0, 0, 0, 4, 0, 0, 0, 1]);
        bytes.extend(string(b"k"));
        bytes.extend(string(b"v"));
        bytes.push(TC_ENDBLOCKDATA);
        assert_eq!(pairs(&read_map(&bytes).unwrap()), [("k", "v")]);
    }

    #[test]
    fn every_cut_is_cut_short_and_nothing_else_is_accepted() {
        let mut bytes = header(1);
        bytes.extend(string(b"key"));
        bytes.extend(string(b"value"));
        bytes.push(TC_ENDBLOCKDATA);
        assert!(read_map(&bytes).is_ok());
        for cut in 0..bytes.len() {
            assert_eq!(
                read_map(&bytes[..cut]).err(),
                Some(StreamError::CutShort),
                "{cut}"
            );
        }
        let mut longer = bytes.clone();
        longer.push(0);
        assert_eq!(
            read_map(&longer).err(),
            Some(StreamError::Unexpected { at: bytes.len() })
        );
        // A null value, an unknown class, a reference to the map, a lone
        // surrogate, a raw NUL byte.
        let bad_values: [&[u8]; 5] = [
            &[TC_NULL],
            &[TC_OBJECT, TC_CLASSDESC, 0, 1, b'X'],
            &[TC_REFERENCE, 0x00, 0x7E, 0x00, 0x01],
            &[TC_STRING, 0, 3, 0xED, 0xA0, 0xBD],
            &[TC_STRING, 0, 1, 0],
        ];
        for bad in bad_values {
            let mut copy = header(1);
            copy.extend(string(b"key"));
            copy.extend(bad);
            copy.push(TC_ENDBLOCKDATA);
            assert!(
                matches!(read_map(&copy), Err(StreamError::Unexpected { .. })),
                "{bad:?}"
            );
        }
        let mut other_class = bytes.clone();
        other_class[10] = b'X';
        assert_eq!(
            read_map(&other_class).err(),
            Some(StreamError::Unexpected { at: 6 })
        );
    }

    #[test]
    fn a_size_beyond_the_limit_or_the_bytes_allocates_nothing() {
        let mut bytes = header(0);
        let size_at = bytes.len() - 4;
        bytes[size_at..].copy_from_slice(&i32::MAX.to_be_bytes());
        assert_eq!(read_map(&bytes).err(), Some(StreamError::TooMany));
        let limit = i32::try_from(MAX_ENTRIES).unwrap();
        bytes[size_at..].copy_from_slice(&limit.to_be_bytes());
        assert_eq!(read_map(&bytes).err(), Some(StreamError::CutShort));
        bytes[size_at..].copy_from_slice(&(-1i32).to_be_bytes());
        assert_eq!(
            read_map(&bytes).err(),
            Some(StreamError::Unexpected { at: size_at })
        );
        let mut long = header(1);
        long.push(TC_LONGSTRING);
        long.extend(u64::MAX.to_be_bytes());
        assert_eq!(read_map(&long).err(), Some(StreamError::CutShort));
    }
}
