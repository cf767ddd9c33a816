//! Bytes → text: byte-order marks, UTF-8, UTF-16/32, or a legacy single-byte encoding
//! detected from the bytes.
//!
//! Decoding itself is done by encoding_rs (UTF-32 by hand: encoding_rs does not support it).
//! Detection combines chardetng's guess with gen's own plausibility score (`lang::score_text`),
//! because detectors are weak on the Cyrillic code pages (they miss x-mac-cyrillic and confuse
//! KOI8-R with KOI8-U) and on Vietnamese cp1258 with combining tone marks.

use super::lang;
use encoding_rs::Encoding;

/// What the decoder found.
#[derive(Debug, Clone)]
pub struct Decoded {
    /// The text (may still contain mojibake, CRLF, non-NFC forms).
    pub text: String,
    /// WHATWG name of the encoding the bytes were read as.
    pub encoding: &'static str,
    /// Whether a byte-order mark was removed.
    pub had_bom: bool,
    /// Whether the bytes were in a legacy (non-Unicode) encoding.
    pub legacy: bool,
    /// Number of bytes that were invalid in the chosen encoding (replaced by U+FFFD).
    pub invalid: usize,
}

fn decode_utf32(bytes: &[u8], le: bool) -> (String, usize) {
    let mut out = String::with_capacity(bytes.len() / 2);
    let mut bad = 0;
    for ch in bytes.chunks(4) {
        if ch.len() < 4 {
            out.push('\u{FFFD}');
            bad += 1;
            break;
        }
        let v = if le {
            u32::from_le_bytes([ch[0], ch[1], ch[2], ch[3]])
        } else {
            u32::from_be_bytes([ch[0], ch[1], ch[2], ch[3]])
        };
        match char::from_u32(v) {
            Some(c) => out.push(c),
            None => {
                out.push('\u{FFFD}');
                bad += 1;
            }
        }
    }
    (out, bad)
}

fn whole(enc: &'static Encoding, bytes: &[u8]) -> (String, usize) {
    let (cow, had_errors) = enc.decode_without_bom_handling(bytes);
    let bad = if had_errors { cow.chars().filter(|&c| c == '\u{FFFD}').count() } else { 0 };
    (cow.into_owned(), bad)
}

/// Legacy encodings gen considers for text that is not UTF-8.
pub const LEGACY_CANDIDATES: &[&str] = &[
    "windows-1252",
    "windows-1251",
    "KOI8-R",
    "KOI8-U",
    "IBM866",
    "x-mac-cyrillic",
    "windows-1258",
    "windows-1250",
    "ISO-8859-2",
    "windows-1253",
    "windows-1254",
    "windows-1257",
    "macintosh",
];

/// Decode bytes to text.
pub fn decode(bytes: &[u8]) -> Decoded {
    // Byte-order marks. UTF-32 first: its LE mark starts like UTF-16's.
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE, 0, 0]) {
        let (text, invalid) = decode_utf32(rest, true);
        return Decoded { text, encoding: "UTF-32LE", had_bom: true, legacy: false, invalid };
    }
    if let Some(rest) = bytes.strip_prefix(&[0, 0, 0xFE, 0xFF]) {
        let (text, invalid) = decode_utf32(rest, false);
        return Decoded { text, encoding: "UTF-32BE", had_bom: true, legacy: false, invalid };
    }
    if let Some((enc, n)) = Encoding::for_bom(bytes) {
        let (text, invalid) = whole(enc, &bytes[n..]);
        return Decoded { text, encoding: enc.name(), had_bom: true, legacy: false, invalid };
    }
    // simdutf8 rather than the standard library: every source of a build is checked here, and
    // `std::str::from_utf8` went byte by byte through Vietnamese and Russian text (1 % of a
    // build's instructions at 100 roadmaps). Its `basic` check only says whether the bytes are
    // UTF-8; where it matters, below, the standard library says where they stop being.
    if let Ok(s) = simdutf8::basic::from_utf8(bytes) {
        return Decoded { text: s.to_owned(), encoding: "UTF-8", had_bom: false, legacy: false, invalid: 0 };
    }
    // UTF-16 without a mark: many NUL bytes on one side.
    if bytes.len() >= 4 {
        let even = bytes.iter().step_by(2).filter(|&&b| b == 0).count();
        let odd = bytes.iter().skip(1).step_by(2).filter(|&&b| b == 0).count();
        let half = bytes.len() / 2;
        if odd * 10 > half * 4 && even * 10 < half {
            let (text, invalid) = whole(encoding_rs::UTF_16LE, bytes);
            return Decoded { text, encoding: "UTF-16LE", had_bom: false, legacy: false, invalid };
        }
        if even * 10 > half * 4 && odd * 10 < half {
            let (text, invalid) = whole(encoding_rs::UTF_16BE, bytes);
            return Decoded { text, encoding: "UTF-16BE", had_bom: false, legacy: false, invalid };
        }
    }
    // Mostly UTF-8 with a few stray bytes: keep UTF-8, read each stray byte as windows-1252.
    let (valid_bytes, invalid_runs) = utf8_stats(bytes);
    if invalid_runs > 0 && invalid_runs * 50 < valid_bytes.max(1) && valid_bytes > 0 {
        let text = decode_mixed(bytes);
        return Decoded { text, encoding: "UTF-8", had_bom: false, legacy: true, invalid: invalid_runs };
    }
    detect_legacy(bytes)
}

/// (bytes inside valid multi-byte UTF-8 sequences, number of invalid spots)
fn utf8_stats(bytes: &[u8]) -> (usize, usize) {
    let mut valid = 0;
    let mut invalid = 0;
    let mut rest = bytes;
    loop {
        match std::str::from_utf8(rest) {
            Ok(s) => {
                valid += s.bytes().filter(|&b| b >= 0x80).count();
                break;
            }
            Err(e) => {
                let ok = &rest[..e.valid_up_to()];
                valid += ok.iter().filter(|&&b| b >= 0x80).count();
                invalid += 1;
                let skip = e.error_len().unwrap_or(rest.len() - e.valid_up_to());
                rest = &rest[e.valid_up_to() + skip..];
            }
        }
    }
    (valid, invalid)
}

fn decode_mixed(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len());
    let mut rest = bytes;
    loop {
        match std::str::from_utf8(rest) {
            Ok(s) => {
                out.push_str(s);
                break;
            }
            Err(e) => {
                let v = e.valid_up_to();
                out.push_str(std::str::from_utf8(&rest[..v]).unwrap_or_default());
                let skip = e.error_len().unwrap_or(rest.len() - v);
                let (bad, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(&rest[v..v + skip]);
                out.push_str(&bad);
                rest = &rest[v + skip..];
            }
        }
    }
    out
}

fn detect_legacy(bytes: &[u8]) -> Decoded {
    let mut det = chardetng::EncodingDetector::new();
    det.feed(bytes, true);
    let guess = det.guess(None, true);
    let mut best: Option<(f64, &'static Encoding, String, usize)> = None;
    let mut names: Vec<&str> = LEGACY_CANDIDATES.to_vec();
    if !names.contains(&guess.name()) {
        names.push(guess.name());
    }
    for name in names {
        let Some(enc) = Encoding::for_label(name.as_bytes()) else {
            continue;
        };
        let (mut text, invalid) = whole(enc, bytes);
        if enc == encoding_rs::WINDOWS_1258 {
            use unicode_normalization::UnicodeNormalization;
            text = text.nfc().collect();
        }
        let mut score = lang::score_text(&text) - invalid as f64 * 5.0;
        if enc == guess {
            score += 0.5; // chardetng's opinion breaks near-ties
        }
        if best.as_ref().is_none_or(|b| score > b.0) {
            best = Some((score, enc, text, invalid));
        }
    }
    let (_, enc, text, invalid) = best.expect("candidate list is not empty");
    Decoded { text, encoding: enc.name(), had_bom: false, legacy: true, invalid }
}
