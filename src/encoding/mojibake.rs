//! Undo mojibake: UTF-8 that was decoded through a single-byte code page, once or several
//! times, in the whole text or only in parts of it.
//!
//! Hand-written (no crate does this). The decision procedure follows ftfy 6.3.1's
//! `fix_encoding` (Apache-2.0, see NOTICE) — whole-text re-encoding through each code
//! page, then piecewise repair of embedded sequences, then C1 controls — and adds what ftfy
//! lacks: whole-text repair when the garbling *dropped* bytes (see `lost_bytes`), and a
//! record of every step so the caller can report it.

use super::badness::{is_bad, is_bad_chars};
use super::chardata as cd;
use super::codepages::Codepage;
use super::lang;
use super::lost_bytes::{self, Guess};
use super::utf8;
use std::sync::OnceLock;

/// One step of the repair, for reports.
#[derive(Debug, Clone, PartialEq)]
pub enum Step {
    /// The whole text was re-encoded through this code page and decoded as UTF-8.
    Reencode(Codepage),
    /// Like `Reencode`, and bytes that the garbling had dropped were restored by guesses.
    ReencodeLossy(Codepage),
    /// Embedded mojibake sequences were repaired one by one.
    Inconsistent,
    /// Latin-1 text that was meant as Windows-1252 (C1 controls → punctuation).
    Latin1As1252,
    /// Stray C1 controls read as Windows-1252.
    C1Controls,
}

/// The result of [`fix_encoding`].
#[derive(Debug, Clone, Default)]
pub struct Fixed {
    /// The repaired text.
    pub text: String,
    /// The steps taken, in order.
    pub steps: Vec<Step>,
    /// Characters restored by guessing (only from lossy steps).
    pub guesses: Vec<Guess>,
    /// Damaged spots that could not be restored: (0-based line, 0-based char column, message).
    pub unresolved: Vec<(usize, usize, String)>,
    /// Whether the repaired text still looks like mojibake ([`is_bad`]).
    pub still_bad: bool,
}

const MAX_STEPS: usize = 16;

/// Repair mojibake in `text`. Text that does not look like mojibake is returned unchanged.
pub fn fix_encoding(text: &str) -> Fixed {
    let mut fixed = Fixed { text: text.to_owned(), ..Default::default() };
    let mut settled = false;
    for _ in 0..MAX_STEPS {
        let mut bad = false;
        match one_step(&fixed.text, &mut fixed.guesses, &mut fixed.unresolved, &mut bad) {
            Some((t, step)) if t != fixed.text => {
                fixed.text = t;
                fixed.steps.push(step);
            }
            _ => {
                fixed.still_bad = bad;
                settled = true;
                break;
            }
        }
    }
    if !settled {
        fixed.still_bad = is_bad(&fixed.text);
    }
    fixed
}

/// Plain repair without the report (used for the recursive piecewise repair).
fn fix_plain(text: &str) -> String {
    let mut g = Vec::new();
    let mut u = Vec::new();
    let mut t = text.to_owned();
    let mut bad = false;
    for _ in 0..MAX_STEPS {
        match one_step(&t, &mut g, &mut u, &mut bad) {
            Some((n, _)) if n != t => t = n,
            _ => break,
        }
    }
    t
}

/// One repair step; `bad` is set to whether `text` looks like mojibake.
fn one_step(
    text: &str,
    guesses: &mut Vec<Guess>,
    unresolved: &mut Vec<(usize, usize, String)>,
    bad: &mut bool,
) -> Option<(String, Step)> {
    *bad = false;
    if text.is_ascii() {
        return None;
    }
    *bad = is_bad(text);
    if !*bad {
        // ftfy stops here; gen also accepts a whole-text reading that is clearly more
        // plausible as language (ftfy's heuristic misses e.g. Russian read as cp1251).
        return plausible_reencode(text).map(|(t, cp)| (t, Step::Reencode(cp)));
    }
    let mut possible: Vec<Codepage> = Vec::new();
    for cp in Codepage::MOJIBAKE_ORDER {
        let Some(mut bytes) = cp.encode(text) else {
            continue;
        };
        possible.push(cp);
        if cp != Codepage::MacRoman && utf8::has_altered_utf8(&bytes) {
            bytes = utf8::restore_byte_a0(&bytes);
        }
        if cp.is_sloppy() {
            bytes = utf8::replace_lossy_sequences(&bytes);
        }
        if let Some(fixed) = utf8::decode_variants(&bytes) {
            return Some((fixed, Step::Reencode(cp)));
        }
    }

    // Whole-text mojibake that lost bytes on the way (no tool besides gen handles this).
    for &cp in &possible {
        if let Some(r) = lost_bytes::restore(text, cp) {
            guesses.extend(r.guesses);
            unresolved.extend(r.unresolved);
            return Some((r.text, Step::ReencodeLossy(cp)));
        }
    }

    if has_detector_match(text) {
        let fixed = decode_inconsistent_utf8(text);
        if fixed != text {
            return Some((fixed, Step::Inconsistent));
        }
    }

    if possible.contains(&Codepage::Latin1) {
        if possible.contains(&Codepage::Cp1252) {
            return None;
        }
        // Strict Windows-1252: undefined bytes make this fail.
        let mut out = String::with_capacity(text.len());
        let mut ok = true;
        for c in text.chars() {
            let b = Codepage::Latin1.encode_char(c)?;
            if b >= 0x80 && !Codepage::Cp1252.defined(b) {
                ok = false;
                break;
            }
            out.push(Codepage::Cp1252.decode_byte(b));
        }
        if ok && out != text {
            return Some((out, Step::Latin1As1252));
        }
    }

    if text.chars().any(is_c1) {
        let fixed: String =
            text.chars().map(|c| if is_c1(c) { Codepage::Cp1252.decode_byte(c as u32 as u8) } else { c }).collect();
        return Some((fixed, Step::C1Controls));
    }
    None
}

/// A whole-text re-encoding whose result reads much better than the input (gen's own
/// extension to ftfy's procedure, scored with `lang::score_text`).
pub fn plausible_reencode(text: &str) -> Option<(String, Codepage)> {
    let non_ascii = |s: &str| s.chars().filter(|c| !c.is_ascii()).count();
    for cp in Codepage::MOJIBAKE_ORDER {
        let Some(mut bytes) = cp.encode(text) else {
            continue;
        };
        // No-break spaces that became spaces inside the UTF-8 (as in `one_step`).
        let mut restored = 0;
        if cp != Codepage::MacRoman && utf8::has_altered_utf8(&bytes) {
            let r = utf8::restore_byte_a0(&bytes);
            let a0 = |b: &[u8]| b.iter().filter(|&&x| x == 0xA0).count();
            restored = a0(&r).saturating_sub(a0(&bytes));
            bytes = r;
        }
        let Some(fixed) = utf8::decode_variants(&bytes) else {
            continue;
        };
        if fixed == text || is_bad(&fixed) {
            continue;
        }
        // Only readings into the alphabets gen has language knowledge for.
        if fixed.chars().any(|c| !c.is_ascii() && c.is_alphabetic() && !lang::words::is_common_letter(c)) {
            continue;
        }
        // Bytes merged into multi-byte characters, and spaces given back their byte.
        let changed = non_ascii(text).saturating_sub(non_ascii(&fixed)) + restored;
        let gain = lang::score_text(&fixed) - lang::score_text(text);
        if changed >= 2 && gain >= (1.5f64).max(0.5 * changed as f64) {
            return Some((fixed, cp));
        }
    }
    None
}

/// Re-encode the UTF-8-looking sequence `chars[i..j]` when that turns the word around it from
/// an unknown one into a word of gen's lexicons ("vá»›i" → "với", "hÆ¡n" → "hơn"): sequences
/// that ftfy's heuristic does not call bad, in documents where only some paragraphs are
/// garbled (gen's extension, decided by language knowledge).
fn plausible_in_word(chars: &[char], i: usize, j: usize) -> Option<String> {
    let is_w = |c: char| c.is_alphabetic() || ('\u{300}'..='\u{36F}').contains(&c);
    let is_w_or_sub = |k: usize| (i..j).contains(&k) || is_w(chars[k]);
    let mut a = i;
    while a > 0 && is_w_or_sub(a - 1) {
        a -= 1;
    }
    let mut b = j;
    while b < chars.len() && is_w_or_sub(b) {
        b += 1;
    }
    let before: String = chars[a..b].iter().collect();
    if lang::words::zipf_any(&before).is_some() {
        return None;
    }
    let sub: String = chars[i..j].iter().collect();
    for cp in Codepage::MOJIBAKE_ORDER {
        let Some(bytes) = cp.encode(&sub) else {
            continue;
        };
        let Some(fixed) = utf8::decode_variants(&bytes) else {
            continue;
        };
        if fixed == sub || !fixed.chars().all(|c| c.is_alphabetic() && lang::words::is_common_letter(c)) {
            continue;
        }
        let after: String =
            chars[a..i].iter().copied().chain(fixed.chars()).chain(chars[j..b].iter().copied()).collect();
        // A real word (not a rare one) where there was none: an accidental match of a correct
        // word's letters to a UTF-8 shape that re-encodes into another known word is unlikely.
        if after.chars().count() >= 2 && lang::words::zipf_any(&after).is_some_and(|z| z >= 2.5) {
            return Some(fixed);
        }
    }
    None
}

#[inline]
fn is_c1(c: char) -> bool {
    ('\u{80}'..='\u{9F}').contains(&c)
}

const F2: u8 = 1;
const F3: u8 = 2;
const F4: u8 = 4;
const CONT: u8 = 8;
const STRICT: u8 = 16;

fn clue_table() -> &'static Vec<(u32, u8)> {
    static T: OnceLock<Vec<(u32, u8)>> = OnceLock::new();
    T.get_or_init(|| {
        let mut m: std::collections::BTreeMap<u32, u8> = Default::default();
        for (set, f) in [
            (cd::CLUE_UTF8_FIRST_OF_2, F2),
            (cd::CLUE_UTF8_FIRST_OF_3, F3),
            (cd::CLUE_UTF8_FIRST_OF_4, F4),
            (cd::CLUE_UTF8_CONTINUATION, CONT),
            (cd::CLUE_UTF8_CONTINUATION_STRICT, STRICT),
        ] {
            for &c in set {
                *m.entry(c as u32).or_default() |= f;
            }
        }
        m.into_iter().collect()
    })
}

#[inline]
fn clue(c: char) -> u8 {
    let cp = c as u32;
    if cp < 0x80 {
        return if c == ' ' { CONT } else { 0 };
    }
    let t = clue_table();
    match t.binary_search_by_key(&cp, |e| e.0) {
        Ok(i) => t[i].1,
        Err(_) => 0,
    }
}

/// Length in chars of one UTF-8-looking unit at `i`, if any.
fn detector_unit(s: &[char], i: usize) -> Option<usize> {
    let k = clue(s[i]);
    let conts = |n: usize| (1..=n).all(|j| s.get(i + j).is_some_and(|&c| clue(c) & CONT != 0));
    if k & F2 != 0 && conts(1) {
        return Some(2);
    }
    if k & F3 != 0 && conts(2) {
        return Some(3);
    }
    if k & F4 != 0 && conts(3) {
        return Some(4);
    }
    None
}

/// Find the spans of `UTF8_DETECTOR_RE` matches (as char ranges).
fn detector_matches(s: &[char]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < s.len() {
        if i > 0 && clue(s[i - 1]) & STRICT != 0 {
            i += 1;
            continue;
        }
        let mut j = i;
        while j < s.len() {
            match detector_unit(s, j) {
                Some(n) => j += n,
                None => break,
            }
        }
        if j > i {
            out.push((i, j));
            i = j;
        } else {
            i += 1;
        }
    }
    out
}

fn has_detector_match(text: &str) -> bool {
    let chars: Vec<char> = text.chars().collect();
    !detector_matches(&chars).is_empty()
}

/// Repair sequences of mojibake embedded in otherwise correct text.
fn decode_inconsistent_utf8(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    for (i, j) in detector_matches(&chars) {
        out.extend(&chars[last..i]);
        let sub = &chars[i..j];
        let s: String = sub.iter().collect();
        if sub.len() < chars.len() && is_bad_chars(sub) {
            out.push_str(&fix_plain(&s));
        } else if let Some((t, _)) = plausible_reencode(&s) {
            out.push_str(&t);
        } else if let Some(t) = plausible_in_word(&chars, i, j) {
            out.push_str(&t);
        } else {
            out.extend(sub);
        }
        last = j;
    }
    out.extend(&chars[last..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fx(s: &str) -> String {
        fix_encoding(s).text
    }

    #[test]
    fn simple_cases() {
        assert_eq!(fx("NicolÃ¡s"), "Nicolás");
        assert_eq!(fx("voilÃ le travail"), "voilà le travail");
        assert_eq!(fx("РґРѕСЂРѕРіРµ"), "дороге");
        assert_eq!(fx("Le Vigne di Zam√≤"), "Le Vigne di Zamò");
        assert_eq!(fx("C O N C L U S Ã O"), "C O N C L U S Ã O");
    }

    /// One character through Mac Roman as the only mojibake of a text (the property test's
    /// shrunk case first, then the other single words it could draw).
    #[test]
    fn single_char_mac_roman() {
        assert_eq!(fx("¬´ the the "), "« the the ");
        assert_eq!(fx("the ¬ª"), "the »");
        assert_eq!(fx("gi√° quan"), "giá quan");
        assert_eq!(fx("the \u{F8FF}üìù the"), "the 📝 the");
        assert_eq!(fx("Math: √π ≈ 1.772"), "Math: √π ≈ 1.772");
    }
}
