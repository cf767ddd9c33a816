//! Does a string look like it contains mojibake?
//!
//! Hand-written port of ftfy's `badness` heuristic (ftfy 6.3.1, Apache-2.0; see NOTICE):
//! the ~400 characters that occur in UTF-8 mojibake fall into categories, and certain
//! juxtapositions of categories are far more likely in mojibake than in intended text.
//! ftfy expresses the rules as one big regular expression; here each rule is a test on a
//! window of two to four characters, which lets the caller scan in one pass with no regex.

use super::chardata as cd;
use std::sync::OnceLock;

const COMMON: u16 = 1;
const C1: u16 = 1 << 1;
const BAD: u16 = 1 << 2;
const LAW: u16 = 1 << 3;
const CURRENCY: u16 = 1 << 4;
const START: u16 = 1 << 5;
const END: u16 = 1 << 6;
const NUMERIC: u16 = 1 << 7;
const KAOMOJI: u16 = 1 << 8;
const UPPER_ACC: u16 = 1 << 9;
const LOWER_ACC: u16 = 1 << 10;
const UPPER_COMMON: u16 = 1 << 11;
const LOWER_COMMON: u16 = 1 << 12;
const BOX: u16 = 1 << 13;

/// Categories of U+0000..U+2FFF by direct index; the few above, by binary search.
const LOW: u32 = 0x3000;

struct Cats {
    low: Vec<u16>,
    high: Vec<(u32, u16)>,
}

fn table() -> &'static Cats {
    static T: OnceLock<Cats> = OnceLock::new();
    T.get_or_init(|| {
        let mut m: std::collections::BTreeMap<u32, u16> = Default::default();
        let mut add = |set: &[char], f: u16| {
            for &c in set {
                *m.entry(c as u32).or_default() |= f;
            }
        };
        add(cd::CAT_COMMON, COMMON);
        add(cd::CAT_C1, C1);
        add(cd::CAT_BAD, BAD);
        add(cd::CAT_LAW, LAW);
        add(cd::CAT_CURRENCY, CURRENCY);
        add(cd::CAT_START_PUNCTUATION, START);
        add(cd::CAT_END_PUNCTUATION, END);
        add(cd::CAT_NUMERIC, NUMERIC);
        add(cd::CAT_KAOMOJI, KAOMOJI);
        add(cd::CAT_UPPER_ACCENTED, UPPER_ACC);
        add(cd::CAT_LOWER_ACCENTED, LOWER_ACC);
        add(cd::CAT_UPPER_COMMON, UPPER_COMMON);
        add(cd::CAT_LOWER_COMMON, LOWER_COMMON);
        add(cd::CAT_BOX, BOX);
        let mut low = vec![0u16; LOW as usize];
        let mut high = Vec::new();
        for (c, f) in m {
            if c < LOW {
                low[c as usize] = f;
            } else {
                high.push((c, f));
            }
        }
        Cats { low, high }
    })
}

#[inline]
fn cat(c: char) -> u16 {
    let cp = c as u32;
    if cp < 0x80 {
        return 0;
    }
    let t = table();
    if cp < LOW {
        return t.low[cp as usize];
    }
    if t.high.last().is_none_or(|l| cp > l.0) {
        return 0;
    }
    match t.high.binary_search_by_key(&cp, |e| e.0) {
        Ok(i) => t.high[i].1,
        Err(_) => 0,
    }
}

#[inline]
fn is_ascii_lower(c: char) -> bool {
    c.is_ascii_lowercase()
}

/// Python's `\s` for str patterns.
#[inline]
fn is_space(c: char) -> bool {
    c.is_whitespace() || ('\u{1C}'..='\u{1F}').contains(&c)
}

/// Python's `\w` for str patterns (approximately: alphanumeric or underscore).
#[inline]
fn is_word(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// Whether `c` is what Mac Roman shows for a UTF-8 continuation byte (0x80..=0xBF).
#[inline]
fn mac_roman_continuation(c: char) -> bool {
    !c.is_ascii() && cd::MACROMAN[0x80..0xC0].contains(&c)
}

const A1: u16 = BAD | LOWER_ACC | UPPER_ACC | BOX | START | END | CURRENCY | NUMERIC | LAW;

/// True when some rule of the heuristic matches at position `i` of `s`; `s[0]` is the start of
/// the text when `text_start` is set.
fn bad_at(s: &[char], i: usize, text_start: bool) -> bool {
    let c0 = s[i];
    let k0 = cat(c0);
    let c1 = s.get(i + 1).copied();
    let k1 = c1.map(cat).unwrap_or(0);
    let c2 = s.get(i + 2).copied();
    let k2 = c2.map(cat).unwrap_or(0);
    let has = |k: u16, f: u16| k & f != 0;

    if has(k0, C1) {
        return true;
    }
    if c1.is_some() {
        if has(k0, A1) && has(k1, BAD) {
            return true;
        }
        if c0.is_ascii_alphabetic() && has(k1, LOWER_COMMON | UPPER_COMMON) && has(k2, BAD) {
            return true;
        }
        if has(k0, BAD) && has(k1, A1 & !BAD) {
            return true;
        }
        if has(k0, LOWER_ACC | LOWER_COMMON | BOX | END | CURRENCY | NUMERIC) && has(k1, UPPER_ACC) {
            return true;
        }
        if has(k0, BOX | END | CURRENCY | NUMERIC) && has(k1, LOWER_ACC) {
            return true;
        }
        if has(k0, LOWER_ACC | BOX | END) && has(k1, CURRENCY) {
            return true;
        }
        if is_space(c0) && has(k1, UPPER_ACC) && has(k2, CURRENCY) {
            return true;
        }
        if has(k0, UPPER_ACC | BOX) && has(k1, NUMERIC | LAW) {
            return true;
        }
        if has(k0, LOWER_ACC | UPPER_ACC | BOX | CURRENCY | END) && has(k1, START) && has(k2, NUMERIC) {
            return true;
        }
        if has(k0, LOWER_ACC | UPPER_ACC | CURRENCY | NUMERIC | BOX | LAW) && has(k1, END) && has(k2, START) {
            return true;
        }
        if has(k0, CURRENCY | NUMERIC | BOX) && has(k1, START) {
            return true;
        }
        if is_ascii_lower(c0) && has(k1, UPPER_ACC) && has(k2, START | CURRENCY) {
            return true;
        }
        if has(k0, BOX) && has(k1, KAOMOJI) {
            return true;
        }
        if has(k0, LOWER_ACC | UPPER_ACC | CURRENCY | NUMERIC | START | END | LAW) && has(k1, BOX) {
            return true;
        }
        if has(k0, BOX) && has(k1, END) {
            return true;
        }
        if has(k0, LOWER_ACC | UPPER_ACC) && has(k1, START | END) && c2.is_some_and(is_word) {
            return true;
        }
    }
    let c1v = c1.unwrap_or('\0');
    if (c0 == 'Œ' || c0 == 'œ') && c1.is_some() && !c1v.is_ascii_alphabetic() {
        return true;
    }
    if has(k0, UPPER_ACC) && c1v == '°' {
        return true;
    }
    if matches!(c0, 'Â' | 'Ã' | 'Î' | 'Ð')
        && (matches!(
            c1v,
            '€' | 'œ'
                | 'Š'
                | 'š'
                | '¢'
                | '£'
                | 'Ÿ'
                | 'ž'
                | '\u{A0}'
                | '\u{AD}'
                | '®'
                | '©'
                | '°'
                | '·'
                | '»'
                | '–'
                | '—'
                | '´'
        ) || has(k1, START | END))
    {
        return true;
    }
    if c0 == '×' && matches!(c1v, '²' | '³') {
        return true;
    }
    if matches!(c0, 'Ø' | 'Ù') {
        let x = |c: Option<char>| {
            c.is_some_and(|c| {
                has(cat(c), COMMON | CURRENCY | BAD | NUMERIC | START) || matches!(c, 'Ÿ' | 'Š' | '®' | '°' | 'µ' | '»')
            })
        };
        if x(c1) && matches!(c2, Some('Ø' | 'Ù')) && x(s.get(i + 3).copied()) {
            return true;
        }
    }
    if c0 == 'à' && matches!(c1v, '²' | 'µ' | '¹' | '¼' | '½' | '¾') {
        return true;
    }
    if c0 == '√' && matches!(c1v, '±' | '∂' | '†' | '≠' | '®' | '™' | '´' | '≤' | '≥' | '¥' | 'µ' | 'ø')
    {
        return true;
    }
    if c0 == '≈' && matches!(c1v, '°' | '¢') {
        return true;
    }
    // gen's Mac Roman additions. ftfy's rules above miss mojibake that consists of a single
    // character, so a text whose only non-ASCII character was one of these stayed garbled:
    // - "¬´" and "¬ø" (C2 AB, C2 BF): « and ¿. The not sign is already in ftfy's `bad` class;
    //   in logic it precedes a letter, "(", "∀" or "∃". Not every continuation byte after it:
    //   kaomoji put ¬ before other symbols ("( o¬ô )", one of ftfy's negative cases), and "¬°",
    //   "¬π", "¬Ω" (¡ ¹ ½) are as plausible in kaomoji, logic or physics, so they stay out.
    if c0 == '¬' && matches!(c1v, '´' | 'ø') {
        return true;
    }
    // - "√" (lead byte C3) before a degree, cent, pound, section or pilcrow sign: á â ã ä æ.
    //   A square root of none of these means anything; the other letters after √ are either
    //   caught above or ambiguous with real mathematics (√π, √∞, √∑, √∫), so they stay out.
    if c0 == '√' && matches!(c1v, '°' | '¢' | '£' | '§' | '¶') {
        return true;
    }
    // - "\u{F8FF}ü" (bytes F0 9F) and two more continuation bytes: an emoji (U+1F000..U+1FFFF)
    //   read as Mac Roman. The Apple logo is a private-use character, and followed by "ü" and
    //   two more characters that are continuation bytes it is the full shape of a UTF-8 emoji.
    if c0 == '\u{F8FF}'
        && c1v == 'ü'
        && c2.is_some_and(mac_roman_continuation)
        && s.get(i + 3).copied().is_some_and(mac_roman_continuation)
    {
        return true;
    }
    if c0 == '‚' {
        if c1v == 'Ä' && matches!(c2, Some('ì' | 'î' | 'ï' | 'ò' | 'ô' | 'ú' | 'ù' | 'û' | '†' | '°' | '¢' | 'π'))
        {
            return true;
        }
        if matches!(c1v, 'â' | 'ó') && matches!(c2, Some('à' | 'ä' | '°' | 'ê')) {
            return true;
        }
    }
    if c0 == 'в' && c1v == 'Ђ' {
        return true;
    }
    if matches!(c0, 'В' | 'Г' | 'Р' | 'С')
        && c1.is_some_and(|c| has(cat(c), C1 | BAD | START | END | CURRENCY) || matches!(c, '°' | 'µ'))
        && matches!(c2, Some('В' | 'Г' | 'Р' | 'С'))
    {
        return true;
    }
    if c0 == 'Г'
        && s.get(i + 1..i + 5) == Some(&['ў', 'В', 'Ђ', 'В'])
        && s.get(i + 5).is_some_and(|&c| c != '\n')
        && s.get(i + 6).is_some_and(|&c| c.is_ascii_alphabetic() || c == ' ')
    {
        return true;
    }
    if c0 == 'Ã' && matches!(c1v, '\u{A0}' | '¡') {
        return true;
    }
    if is_ascii_lower(c0) {
        // [a-z]\s?[ÃÂ][ ]
        if matches!(c1v, 'Ã' | 'Â') && c2 == Some(' ') {
            return true;
        }
        if c1.is_some_and(is_space) && matches!(c2, Some('Ã' | 'Â')) && s.get(i + 3) == Some(&' ') {
            return true;
        }
    }
    if text_start && i == 0 && matches!(c0, 'Ã' | 'Â') && c1v == ' ' {
        return true;
    }
    if (c0.is_ascii_lowercase() || matches!(c0, '.' | ',' | '?' | '!') || has(k0, END))
        && c1v == 'Â'
        && c2.is_some_and(|c| c == ' ' || has(cat(c), START | END))
    {
        return true;
    }
    if c0 == 'β' && c1v == '€' && matches!(c2, Some('™' | '\u{A0}' | 'Ά' | '\u{AD}' | '®' | '°')) {
        return true;
    }
    if matches!(c0, 'Β' | 'Γ' | 'Ξ' | 'Ο')
        && c1.is_some_and(|c| has(cat(c), C1 | BAD | START | END | CURRENCY) || c == '°')
        && matches!(c2, Some('Β' | 'Γ' | 'Ξ' | 'Ο'))
    {
        return true;
    }
    if c0 == 'ā' && c1v == '€' {
        return true;
    }
    false
}

/// True when the text contains at least one juxtaposition typical of mojibake.
///
/// One pass that looks only near non-ASCII characters: every rule needs a non-ASCII character
/// at the position it starts from or at one of the next two, so runs of ASCII are skipped
/// byte-wise and only a small window of chars is decoded around each non-ASCII run.
pub fn is_bad(text: &str) -> bool {
    let bytes = text.as_bytes();
    let mut window: Vec<char> = Vec::with_capacity(64);
    let mut i = 0; // byte index: everything before it has been checked
    while let Some(off) = bytes[i..].iter().position(|&b| b >= 0x80) {
        let p = i + off;
        // Back up over at most two ASCII chars (rules can start there).
        let start = p.saturating_sub(2).max(i);
        let run_end = bytes[p..].iter().position(|&b| b < 0x80).map_or(bytes.len(), |e| p + e);
        window.clear();
        let mut checked = 0;
        let mut after = 0;
        for (off, c) in text[start..].char_indices() {
            if start + off < run_end {
                checked += 1;
            } else {
                after += 1;
                if after > 6 {
                    break;
                }
            }
            window.push(c);
        }
        if (0..checked).any(|k| bad_at(&window, k, start == 0)) {
            return true;
        }
        i = run_end;
    }
    false
}

/// [`is_bad`] on a slice of chars (the slice is a text of its own).
pub fn is_bad_chars(chars: &[char]) -> bool {
    (0..chars.len()).any(|i| bad_at(chars, i, true))
}

/// Number of positions where a rule matches (a rough "how much mojibake" measure).
pub fn badness(text: &str) -> usize {
    let chars: Vec<char> = text.chars().collect();
    (0..chars.len()).filter(|&i| bad_at(&chars, i, true)).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_text_is_not_bad() {
        for t in [
            "plain ascii",
            "Tiếng Việt có dấu",
            "Привет, мир — «ёлка»",
            "Portuguese: Ã",
            "├── tree\n└── leaf",
            "2012—∞",
            "NESTLÉ®",
            // Near the Mac Roman additions: logic, mathematics and the Apple logo as written.
            "¬p ∧ ¬q, ¬(a ∨ b), ¬∀x, ( o¬ô ), (¬°-°)¬",
            "√π ≈ 1.772, √∞, √∑x², √∫f",
            "\u{F8FF} Watch, \u{F8FF}ü",
        ] {
            assert!(!is_bad(t), "{t}");
        }
    }

    #[test]
    fn windowed_scan_agrees_with_full_scan() {
        for t in [
            "Ã©",
            "x Ã ",
            "abc Ã bc",
            "ab Â  x",
            "Ã tail",
            "ok Ã",
            "a\u{a0}Ã ",
            "naïve café — “quoted” РџСЂРёРІРµС‚ and ГўВЂВќ x",
            "clean text, Tiếng Việt, Привет",
            "lower a Ã b",
            "ØŸØ ØŸ",
            "x \u{F8FF}üìù y",
            "a¬´b",
        ] {
            let chars: Vec<char> = t.chars().collect();
            assert_eq!(is_bad(t), is_bad_chars(&chars), "{t:?}");
        }
    }

    #[test]
    fn mojibake_is_bad() {
        for t in ["Ã©", "â€œquotedâ€\u{9d}", "РџСЂРёРІРµС‚", "Ã\u{a0}"] {
            assert!(is_bad(t), "{t}");
        }
    }

    /// Single characters through Mac Roman that ftfy's rules miss (found by the corpus test's
    /// round trip of one word among ASCII words): « ¿, á â ã ä æ, and emoji.
    #[test]
    fn single_char_mac_roman_mojibake_is_bad() {
        for t in ["¬´ the the ", "¬ø", "gi√° ", "√¢", "√£", "√§", "√¶", "\u{F8FF}üìù", "the \u{F8FF}üîç the"]
        {
            assert!(is_bad(t), "{t}");
            let chars: Vec<char> = t.chars().collect();
            assert!(is_bad_chars(&chars), "{t}");
        }
    }
}
