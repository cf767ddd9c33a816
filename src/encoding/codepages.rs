//! Single-byte code pages through which UTF-8 gets misread ("mojibake paths").
//!
//! The byte → char tables are generated (see `chardata.rs`); this module adds the reverse
//! direction (char → byte), which no crate offers for the "sloppy" variants that keep
//! undefined bytes as same-numbered code points, and the set of bytes a code page leaves
//! undefined (the bytes that lossy conversions drop).

use super::chardata as cd;
use std::sync::OnceLock;

/// A code page that UTF-8 text may have been misread through.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
pub enum Codepage {
    /// ISO-8859-1 (bytes 0x80–0x9F are C1 controls).
    Latin1,
    /// Windows-1252, sloppy (undefined bytes kept as C1 controls).
    Cp1252,
    /// Windows-1251 (Cyrillic), sloppy.
    Cp1251,
    /// Windows-1250 (Central European), sloppy.
    Cp1250,
    /// Windows-1253 (Greek), sloppy.
    Cp1253,
    /// Windows-1254 (Turkish), sloppy.
    Cp1254,
    /// Windows-1257 (Baltic), sloppy.
    Cp1257,
    /// ISO-8859-2 (Central European).
    Iso8859_2,
    /// Mac OS Roman.
    MacRoman,
    /// IBM code page 437 (DOS, box drawing).
    Cp437,
}

impl Codepage {
    /// The order in which mojibake paths are tried (the same order as ftfy).
    pub const MOJIBAKE_ORDER: [Codepage; 10] = [
        Codepage::Latin1,
        Codepage::Cp1252,
        Codepage::Cp1251,
        Codepage::Cp1250,
        Codepage::Cp1253,
        Codepage::Cp1254,
        Codepage::Cp1257,
        Codepage::Iso8859_2,
        Codepage::MacRoman,
        Codepage::Cp437,
    ];

    /// Human-readable name, e.g. `"windows-1254"`.
    pub fn name(self) -> &'static str {
        match self {
            Codepage::Latin1 => "latin-1",
            Codepage::Cp1252 => "windows-1252",
            Codepage::Cp1251 => "windows-1251",
            Codepage::Cp1250 => "windows-1250",
            Codepage::Cp1253 => "windows-1253",
            Codepage::Cp1254 => "windows-1254",
            Codepage::Cp1257 => "windows-1257",
            Codepage::Iso8859_2 => "iso-8859-2",
            Codepage::MacRoman => "mac-roman",
            Codepage::Cp437 => "cp437",
        }
    }

    fn index(self) -> usize {
        self as usize
    }

    /// Byte → char table (sloppy where [`Codepage::is_sloppy`]).
    pub fn table(self) -> &'static [char; 256] {
        match self {
            Codepage::Latin1 => &cd::LATIN1,
            Codepage::Cp1252 => &cd::CP1252,
            Codepage::Cp1251 => &cd::CP1251,
            Codepage::Cp1250 => &cd::CP1250,
            Codepage::Cp1253 => &cd::CP1253,
            Codepage::Cp1254 => &cd::CP1254,
            Codepage::Cp1257 => &cd::CP1257,
            Codepage::Iso8859_2 => &cd::ISO8859_2,
            Codepage::MacRoman => &cd::MACROMAN,
            Codepage::Cp437 => &cd::CP437,
        }
    }

    fn defined_mask(self) -> &'static [u64; 4] {
        match self {
            Codepage::Latin1 => &cd::LATIN1_DEFINED,
            Codepage::Cp1252 => &cd::CP1252_DEFINED,
            Codepage::Cp1251 => &cd::CP1251_DEFINED,
            Codepage::Cp1250 => &cd::CP1250_DEFINED,
            Codepage::Cp1253 => &cd::CP1253_DEFINED,
            Codepage::Cp1254 => &cd::CP1254_DEFINED,
            Codepage::Cp1257 => &cd::CP1257_DEFINED,
            Codepage::Iso8859_2 => &cd::ISO8859_2_DEFINED,
            Codepage::MacRoman => &cd::MACROMAN_DEFINED,
            Codepage::Cp437 => &cd::CP437_DEFINED,
        }
    }

    /// Whether undefined bytes are kept as same-numbered code points and U+FFFD encodes as
    /// byte 0x1A (ftfy's "sloppy" codecs, matching what browsers do).
    pub fn is_sloppy(self) -> bool {
        matches!(
            self,
            Codepage::Cp1252
                | Codepage::Cp1251
                | Codepage::Cp1250
                | Codepage::Cp1253
                | Codepage::Cp1254
                | Codepage::Cp1257
        )
    }

    /// Whether the code page assigns a character to byte `b`.
    pub fn defined(self, b: u8) -> bool {
        self.defined_mask()[(b / 64) as usize] & (1u64 << (b % 64)) != 0
    }

    /// Bytes that a lossy conversion through this code page may have dropped: the bytes it
    /// leaves undefined among 0x80–0xFF (for Latin-1: the C1 controls, which tools strip),
    /// plus 0xAD, the soft hyphen, which tools strip as invisible.
    pub fn droppable(self) -> Vec<u8> {
        let mut v: Vec<u8> =
            (0x80u8..=0xFF).filter(|&b| !self.defined(b) || (self == Codepage::Latin1 && b < 0xA0)).collect();
        if self.table()[0xAD] == '\u{AD}' && !v.contains(&0xAD) {
            v.push(0xAD);
        }
        v.sort_unstable();
        v
    }

    /// Decode one byte.
    #[inline]
    pub fn decode_byte(self, b: u8) -> char {
        if self.is_sloppy() && b == 0x1A {
            return '\u{FFFD}';
        }
        self.table()[b as usize]
    }

    /// Encode one char, if the code page has it.
    #[inline]
    pub fn encode_char(self, c: char) -> Option<u8> {
        let cp = c as u32;
        if cp < 0x80 {
            if cp == 0x1A && self.is_sloppy() {
                return None;
            }
            return Some(cp as u8);
        }
        if cp < 0x800 {
            // Direct table (0 = not in the code page; byte 0 is ASCII and handled above).
            let b = encoders_low()[self.index()][cp as usize];
            return (b != 0).then_some(b);
        }
        let map = &encoders()[self.index()];
        map.binary_search_by_key(&cp, |&(c, _)| c).ok().map(|i| map[i].1)
    }

    /// Encode a whole string, or `None` if some char is not in the code page.
    pub fn encode(self, s: &str) -> Option<Vec<u8>> {
        let mut out = Vec::with_capacity(s.len());
        for c in s.chars() {
            out.push(self.encode_char(c)?);
        }
        Some(out)
    }

    /// Decode bytes (every byte maps to a char).
    pub fn decode(self, bytes: &[u8]) -> String {
        bytes.iter().map(|&b| self.decode_byte(b)).collect()
    }
}

/// Char → byte for U+0080..U+07FF, by direct index (the common case: Latin and Cyrillic).
fn encoders_low() -> &'static [Vec<u8>; 10] {
    static ENC: OnceLock<[Vec<u8>; 10]> = OnceLock::new();
    ENC.get_or_init(|| {
        encoders().each_ref().map(|map| {
            let mut v = vec![0u8; 0x800];
            for &(c, b) in map.iter().filter(|e| e.0 < 0x800) {
                v[c as usize] = b;
            }
            v
        })
    })
}

fn encoders() -> &'static [Vec<(u32, u8)>; 10] {
    static ENC: OnceLock<[Vec<(u32, u8)>; 10]> = OnceLock::new();
    ENC.get_or_init(|| {
        Codepage::MOJIBAKE_ORDER.map(|cp| {
            let mut v: Vec<(u32, u8)> = Vec::with_capacity(160);
            for b in 0x80u16..=0xFF {
                let b = b as u8;
                v.push((cp.table()[b as usize] as u32, b));
            }
            if cp.is_sloppy() {
                v.push((0xFFFD, 0x1A));
            }
            if cp == Codepage::MacRoman {
                // Modern Apple software maps 0xDB to the euro sign (WHATWG "macintosh").
                v.push((0x20AC, 0xDB));
            }
            v.sort_unstable();
            v.dedup_by_key(|e| e.0);
            v
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_every_byte() {
        for cp in Codepage::MOJIBAKE_ORDER {
            for b in 0x80u16..=0xFF {
                let c = cp.decode_byte(b as u8);
                assert_eq!(cp.encode_char(c), Some(b as u8), "{} {b:#x}", cp.name());
            }
        }
    }

    #[test]
    fn droppable_bytes_of_1254() {
        assert_eq!(Codepage::Cp1254.droppable(), vec![0x81, 0x8D, 0x8E, 0x8F, 0x90, 0x9D, 0x9E, 0xAD]);
    }
}
