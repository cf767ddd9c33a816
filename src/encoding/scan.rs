//! The fast path: prove cheaply that a text has nothing to repair.
//!
//! Mojibake of UTF-8 always shows a character that stands for a UTF-8 lead byte (0xC2–0xF4)
//! in some code page immediately followed by one that stands for a continuation byte
//! (0x80–0xBF), or a C1 control, or "Ã"/"Â" before a space (a no-break space that became a
//! space). Text without any of these cannot change under repair, so the slow path is skipped.

use super::codepages::Codepage;
use std::sync::OnceLock;

const LEAD: u8 = 1;
const CONT: u8 = 2;

struct Tables {
    low: Vec<u8>,         // flags for U+0000..U+07FF
    high: Vec<(u32, u8)>, // sorted flags for the rest
}

fn tables() -> &'static Tables {
    static T: OnceLock<Tables> = OnceLock::new();
    T.get_or_init(|| {
        let mut low = vec![0u8; 0x800];
        let mut high: std::collections::BTreeMap<u32, u8> = Default::default();
        for cp in Codepage::MOJIBAKE_ORDER {
            for b in 0x80u16..=0xFF {
                let c = cp.decode_byte(b as u8) as u32;
                let f = if (0xC2..=0xF4).contains(&b) {
                    LEAD
                } else if b <= 0xBF {
                    CONT
                } else {
                    0
                };
                if c < 0x800 {
                    low[c as usize] |= f;
                } else {
                    *high.entry(c).or_default() |= f;
                }
            }
        }
        *high.entry(0xFFFD).or_default() |= CONT;
        *high.entry(0x20AC).or_default() |= LEAD | CONT;
        Tables {
            low,
            high: high.into_iter().collect(),
        }
    })
}

#[inline]
fn flags(t: &Tables, c: char) -> u8 {
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

/// False when the text certainly contains no mojibake (the common case, decided fast).
pub fn may_need_repair(text: &str) -> bool {
    let bytes = text.as_bytes();
    // Skip ASCII quickly.
    let first = match bytes.iter().position(|&b| b >= 0x80) {
        Some(i) => i,
        None => return false,
    };
    let t = tables();
    let mut prev_lead = false;
    let mut prev_ac = false; // previous char was 'Ã' or 'Â'
    let s = &text[first..];
    let mut it = s.char_indices();
    while let Some((_, c)) = it.next() {
        if c.is_ascii() {
            if c == ' ' && prev_ac {
                return true;
            }
            prev_lead = false;
            prev_ac = false;
            continue;
        }
        if ('\u{80}'..='\u{9F}').contains(&c) {
            return true;
        }
        let f = flags(t, c);
        if prev_lead && f & CONT != 0 {
            return true;
        }
        prev_lead = f & LEAD != 0;
        prev_ac = c == 'Ã' || c == 'Â';
    }
    false
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
