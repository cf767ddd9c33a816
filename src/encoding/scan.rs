//! The fast path: prove cheaply that a text has nothing to repair.
//!
//! Mojibake of UTF-8 always shows a character that stands for a UTF-8 lead byte (0xC2–0xF4)
//! in some code page immediately followed by one that stands for a continuation byte
//! (0x80–0xBF), or a C1 control, or "Ã"/"Â" before a space (a no-break space that became a
//! space). Text without any of these cannot change under repair, so the slow path is skipped.

use super::codepages::Codepage;
use std::sync::OnceLock;

// Per char: for each of the 10 code pages (bit k = code page k), whether the char stands for
// a 2-, 3- or 4-byte lead or for a continuation byte there.
const L2: u32 = 0;
const L3: u32 = 10;
const L4: u32 = 20;
const CT: u32 = 30;
const MASK: u64 = 0x3FF;
/// In the table below U+0800 only: the char is a starter that is always NFC (see
/// `nfc::is_simple_starter`), and the char is a C1 control.
const NFC_SIMPLE: u64 = 1 << 40;
const C1: u64 = 1 << 41;

struct Tables {
    low: Vec<u64>,         // U+0000..U+07FF
    high: Vec<(u32, u64)>, // the rest, sorted
}

fn tables() -> &'static Tables {
    static T: OnceLock<Tables> = OnceLock::new();
    T.get_or_init(|| {
        let mut low = vec![0u64; 0x800];
        let mut high: std::collections::BTreeMap<u32, u64> = Default::default();
        for (k, cp) in Codepage::MOJIBAKE_ORDER.iter().enumerate() {
            let mut set = |c: char, shift: u32| {
                let f = 1u64 << (shift + k as u32);
                let c = c as u32;
                if c < 0x800 {
                    low[c as usize] |= f;
                } else {
                    *high.entry(c).or_default() |= f;
                }
            };
            for b in 0x80u16..=0xFF {
                let c = cp.decode_byte(b as u8);
                match b {
                    0x80..=0xBF => set(c, CT),
                    0xC2..=0xDF => set(c, L2),
                    0xE0..=0xEF => set(c, L3),
                    0xF0..=0xF4 => set(c, L4),
                    _ => {}
                }
            }
            if cp.is_sloppy() {
                set('\u{FFFD}', CT);
            }
            if *cp == Codepage::MacRoman {
                set('\u{20AC}', L3); // 0xDB read as the euro sign
            }
        }
        for (c, f) in low.iter_mut().enumerate() {
            let c = char::from_u32(c as u32).unwrap_or('\0');
            if super::nfc::is_simple_starter(c) {
                *f |= NFC_SIMPLE;
            }
            if ('\u{80}'..='\u{9F}').contains(&c) {
                *f |= C1;
            }
        }
        Tables { low, high: high.into_iter().collect() }
    })
}

#[inline]
fn flags(t: &Tables, c: char) -> u64 {
    let cp = c as u32;
    if cp < 0x800 {
        t.low[cp as usize]
    } else if (0x1E00..=0x1EFF).contains(&cp) || cp >= 0x10000 {
        0 // Vietnamese letters and astral characters are in none of the code pages
    } else {
        match t.high.binary_search_by_key(&cp, |e| e.0) {
            Ok(i) => t.high[i].1,
            Err(_) => 0,
        }
    }
}

/// The index of the first non-ASCII byte at or after `i` (or the length): eight bytes at a time,
/// since most of a Markdown file, even a Russian one, is ASCII (syntax, spaces, punctuation, code).
#[inline]
pub(super) fn ascii_end(bytes: &[u8], mut i: usize) -> usize {
    while let Some(chunk) = bytes.get(i..i + 8) {
        let word = u64::from_le_bytes(chunk.try_into().unwrap_or([0x80; 8]));
        if word & 0x8080_8080_8080_8080 != 0 {
            break;
        }
        i += 8;
    }
    while bytes.get(i).is_some_and(|b| *b < 0x80) {
        i += 1;
    }
    i
}

/// False when the text certainly contains no mojibake (the common case, decided fast): no
/// complete UTF-8-shaped sequence in any one code page, no C1 control, no "Ã "/"Â ".
pub fn may_need_repair(text: &str) -> bool {
    let bytes = text.as_bytes();
    let t = tables();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] < 0x80 {
            i = ascii_end(bytes, i + 1);
            continue;
        }
        // `i` is at a non-ASCII byte after whole characters, so it starts one.
        let mut it = text[i..].chars();
        let Some(c) = it.next() else { break };
        i += c.len_utf8();
        if starts_mojibake(t, c, it) {
            return true;
        }
    }
    false
}

/// Whether `c` (not ASCII), followed by `rest`, starts what [`may_need_repair`] looks for.
#[inline(always)]
fn starts_mojibake(t: &Tables, c: char, rest: std::str::Chars<'_>) -> bool {
    if ('\u{80}'..='\u{9F}').contains(&c) {
        return true;
    }
    let f = flags(t, c);
    let leads = (f >> L2) & MASK | (f >> L3) & MASK | (f >> L4) & MASK;
    if leads == 0 {
        return false;
    }
    let mut look = rest;
    let n1 = look.next();
    if (c == 'Ã' || c == 'Â') && n1 == Some(' ') {
        return true;
    }
    let c1 = n1.map(|x| (flags(t, x) >> CT) & MASK).unwrap_or(0);
    if (f >> L2) & MASK & c1 != 0 {
        return true;
    }
    let c2 = look.next().map(|x| (flags(t, x) >> CT) & MASK).unwrap_or(0);
    if (f >> L3) & MASK & c1 & c2 != 0 {
        return true;
    }
    let c3 = look.next().map(|x| (flags(t, x) >> CT) & MASK).unwrap_or(0);
    (f >> L4) & MASK & c1 & c2 & c3 != 0
}

/// What the normalise stage asks of every source before deciding it has nothing to do, found
/// in one pass (see [`quick`]).
#[derive(Debug, PartialEq, Eq)]
pub struct Quick {
    /// [`may_need_repair`]. When true, the other two fields are not computed (they are `Maybe`
    /// and true): the slow path looks at the repaired text anyway.
    pub repair: bool,
    /// [`super::nfc::is_nfc_quick`].
    pub nfc: super::nfc::IsNormalized,
    /// Whether the text holds U+FFFD.
    pub replacement: bool,
}

/// [`may_need_repair`], [`super::nfc::is_nfc_quick`] and a search for U+FFFD in one pass over
/// the text: each of them decodes every non-ASCII character, which in Vietnamese and Russian
/// sources is most of them, and they were three passes over every source of a build.
///
/// Each character is decoded once. [`may_need_repair`] looks ahead from every character that
/// stands for a lead byte in some code page (in Russian text every Cyrillic letter does, in
/// cp1251) and so decodes the next one to three characters again; this carries instead, for
/// each code page, whether the characters so far end in a lead still waiting for one, two or
/// three continuations. It finds the same sequences (a test holds it to [`may_need_repair`]) at
/// a table lookup and a few bit operations per character. Written by hand: no library looks for
/// the mojibake of ten code pages at once.
pub fn quick(text: &str) -> Quick {
    use super::nfc::{Checker, IsNormalized};
    const REPAIR: Quick = Quick { repair: true, nfc: IsNormalized::Maybe, replacement: true };
    let bytes = text.as_bytes();
    let t = tables();
    let mut nfc = Checker::new();
    let mut nfc_known = false;
    let mut replacement = false;
    // By code page (bit k): whether the characters so far end in a lead that waits for one, two
    // or three more continuations.
    let (mut need1, mut need2, mut need3) = (0u64, 0u64, 0u64);
    // Whether the last character was `Ã` or `Â` (before a space: a no-break space's mojibake).
    let mut a_hat = false;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b < 0x80 {
            if a_hat && b == b' ' {
                return REPAIR;
            }
            // No ASCII character stands for a continuation byte in any of the code pages.
            (need1, need2, need3, a_hat) = (0, 0, 0, false);
            i = ascii_end(bytes, i + 1);
            nfc.starter();
            continue;
        }
        // `text` is valid UTF-8 and `i` is at the start of a character.
        let (u, len) = crate::text::decode_multibyte(bytes, i);
        i += len;
        let c = char::from_u32(u).unwrap_or('\u{FFFD}');
        let f = if u < 0x800 { t.low[u as usize] } else { flags(t, c) };
        let ct = (f >> CT) & MASK;
        if f & C1 != 0 || need1 & ct != 0 {
            return REPAIR;
        }
        need1 = (f >> L2) & MASK | need2 & ct;
        need2 = (f >> L3) & MASK | need3 & ct;
        need3 = (f >> L4) & MASK;
        a_hat = c == 'Ã' || c == 'Â';
        if f & NFC_SIMPLE != 0 {
            nfc.starter();
        } else if !nfc_known && !nfc.char(c) {
            nfc_known = true;
        }
        replacement |= c == '\u{FFFD}';
    }
    Quick { repair: false, nfc: nfc.result, replacement }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_texts_take_the_fast_path() {
        assert!(!may_need_repair("plain"));
        assert!(!may_need_repair("Tiếng Việt có dấu, học lập trình"));
        assert!(!may_need_repair("Привет, мир"));
        assert!(!may_need_repair("emoji 🎯 ⭐️ 👨‍👩‍👧"));
    }

    #[test]
    fn mojibake_takes_the_slow_path() {
        assert!(may_need_repair("NicolÃ¡s"));
        assert!(may_need_repair("voilÃ le"));
        assert!(may_need_repair("РґРѕСЂРѕРіРµ"));
        assert!(may_need_repair("x\u{85}"));
        // After long ASCII runs of every length, and at the very end.
        for n in 0..20 {
            let pad = "a".repeat(n);
            assert!(may_need_repair(&format!("{pad}NicolÃ¡s{pad}")), "{n}");
            assert!(may_need_repair(&format!("{pad}Ã ")), "{n}");
            assert!(!may_need_repair(&format!("{pad}Привет{pad}")), "{n}");
        }
    }

    proptest::proptest! {
        #[test]
        fn one_pass_agrees_with_the_three_checks(
            s in "(\\PC|[\u{0300}-\u{036F}\u{0080}-\u{00FF}\u{0400}-\u{045F}\u{2010}-\u{203A}\u{20AC}\u{2122}\u{1EA0}-\u{1EF9}\u{FFFD} ]){0,40}"
        ) {
            let q = quick(&s);
            proptest::prop_assert_eq!(q.repair, may_need_repair(&s));
            if !q.repair {
                proptest::prop_assert_eq!(q.nfc, super::super::nfc::is_nfc_quick(&s));
                proptest::prop_assert_eq!(q.replacement, s.contains('\u{FFFD}'));
            }
        }
    }

    /// Every character the code pages give for a byte from 0x80 up, with a space, a letter and
    /// `Ã`'s no-break-space case: the characters whose sequences [`quick`] must find.
    fn code_page_chars() -> Vec<char> {
        let mut chars: Vec<char> = Codepage::MOJIBAKE_ORDER
            .iter()
            .flat_map(|cp| (0x80u16..=0xFF).map(|b| cp.decode_byte(b as u8)))
            .chain([' ', 'a', '\u{FFFD}', 'ạ', '\u{0301}'])
            .collect();
        chars.sort_unstable();
        chars.dedup();
        chars
    }

    #[test]
    fn one_pass_agrees_on_every_pair_of_code_page_characters() {
        let chars = code_page_chars();
        let mut s = String::new();
        for &a in &chars {
            for &b in &chars {
                s.clear();
                s.extend([a, b]);
                assert_eq!(quick(&s).repair, may_need_repair(&s), "{s:?}");
            }
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]
        #[test]
        fn one_pass_agrees_on_runs_of_code_page_characters(
            s in proptest::collection::vec(proptest::sample::select(code_page_chars()), 1..8)
        ) {
            let s: String = s.into_iter().collect();
            proptest::prop_assert_eq!(quick(&s).repair, may_need_repair(&s), "{:?}", s);
        }
    }

    #[test]
    fn ascii_end_finds_the_first_non_ascii_byte() {
        for n in 0..20 {
            for tail in ["", "é", "🎯x"] {
                let s = format!("{}{tail}", "x".repeat(n));
                let expected = s.bytes().position(|b| b >= 0x80).unwrap_or(s.len());
                for start in 0..=n {
                    assert_eq!(ascii_end(s.as_bytes(), start), expected.max(start), "{s:?} from {start}");
                }
            }
        }
    }
}

/// The text with code (fenced blocks and inline code spans) blanked out, line structure kept.
/// Mojibake that occurs only inside code is taken as deliberate (a test vector, an example).
pub fn prose_only(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut fence: Option<&str> = None;
    for line in text.split_inclusive('\n') {
        let t = line.trim_start();
        let marker = if t.starts_with("```") {
            Some("```")
        } else if t.starts_with("~~~") {
            Some("~~~")
        } else {
            None
        };
        if let Some(f) = fence {
            if marker == Some(f) {
                fence = None;
            }
            if line.ends_with('\n') {
                out.push('\n');
            }
            continue;
        }
        if let Some(m) = marker {
            fence = Some(m);
            if line.ends_with('\n') {
                out.push('\n');
            }
            continue;
        }
        let mut in_code = false;
        for c in line.chars() {
            if c == '`' {
                in_code = !in_code;
                out.push(' ');
            } else if in_code && c != '\n' {
                out.push(' ');
            } else {
                out.push(c);
            }
        }
    }
    out
}
