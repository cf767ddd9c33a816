//! Language knowledge used to choose between readings of damaged bytes: which decoding of a
//! legacy file is plausible, and which restored character fits a word.
//!
//! The data (word frequencies for Vietnamese, Russian and English; emoji properties and
//! CLDR annotations) is built by `scripts/build-lang-data.py` into `src/encoding/data/`
//! and embedded in the binary; see NOTICE for sources and licences.

pub mod emoji;
pub mod semantics;
pub mod words;

/// Rough plausibility of a decoded text as natural-language writing (higher is better).
/// Used to choose between candidate legacy decodings of the same bytes.
pub fn score_text(text: &str) -> f64 {
    let mut score = 0.0;
    let mut word = String::new();
    for c in text.chars().chain(std::iter::once(' ')) {
        if c.is_alphabetic() || is_mark(c) {
            word.push(c);
            continue;
        }
        if !word.is_empty() {
            score += score_word(&word);
            word.clear();
        }
        let cp = c as u32;
        if cp >= 0x80 {
            score += match c {
                '\u{80}'..='\u{9F}' => -4.0,
                '\u{FFFD}' => -4.0,
                '–' | '—' | '«' | '»' | '“' | '”' | '‘' | '’' | '„' | '…' | '№' | '•' | '\u{A0}' => {
                    0.2
                }
                '\u{2500}'..='\u{259F}' => -1.0,
                '\u{FE0F}' | '\u{200D}' => 0.5,
                c if emoji::is_emoji(c) => 2.0,
                _ => -0.7,
            };
        }
    }
    score
}

fn is_mark(c: char) -> bool {
    matches!(c as u32, 0x300..=0x36F)
}

fn script(c: char) -> u8 {
    match c as u32 {
        0..=0x24F | 0x1E00..=0x1EFF => 1,
        0x300..=0x36F => 0,
        0x370..=0x3FF => 2,
        0x400..=0x4FF => 3,
        _ => 4,
    }
}

fn score_word(w: &str) -> f64 {
    let chars: Vec<char> = w.chars().collect();
    let n = chars.len() as f64;
    let mut s = 0.0;
    // Case pattern: lower, UPPER or Title.
    let uppers: Vec<bool> = chars.iter().map(|c| c.is_uppercase()).collect();
    let n_up = uppers.iter().filter(|&&u| u).count();
    let title = uppers[0] && n_up == 1;
    if n_up == 0 || n_up == chars.len() || title {
        s += n;
    } else {
        let switches = uppers.windows(2).filter(|p| p[0] != p[1]).count();
        s += n - 2.5 * switches as f64;
    }
    // One script per word.
    let first = chars.iter().map(|&c| script(c)).find(|&k| k != 0).unwrap_or(0);
    if chars.iter().any(|&c| {
        let k = script(c);
        k != 0 && k != first
    }) {
        s -= n;
    }
    // Letters outside the alphabets of the languages gen knows count less.
    for &c in &chars {
        if !words::is_common_letter(c) {
            s -= 1.2;
        }
    }
    s + words::word_bonus(w)
}
