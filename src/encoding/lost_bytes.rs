//! Restore bytes that a lossy conversion dropped.
//!
//! Hand-written: no tool does this (ftfy replaces such spots with U+FFFD at best). When UTF-8
//! is decoded through a code page that leaves some bytes undefined, converters drop those
//! bytes (and tools strip soft hyphens, byte 0xAD). Re-encoding the text through the same
//! code page then gives the original UTF-8 minus those bytes: every damaged character shows as
//! a lead byte followed by too few continuation bytes. The lost bytes come from a known small
//! set, so every completion can be enumerated; the one that fits is chosen with language
//! knowledge: word statistics (Vietnamese syllables, Russian, English), the document's own
//! intact words, emoji data (which code points are emoji, which take VS16, how common they
//! are) and what an emoji means matched against the words of its line and heading (CLDR
//! annotations in en/vi/ru, WordNet, GloVe: see `lang::semantics`). A second pass adds a
//! document prior: an emoji the other spots of the same document chose is more likely again.
//! Every choice is reported with its confidence and alternatives.

use super::codepages::Codepage;
use super::lang::{emoji, semantics, words};
use super::utf8::{seq_len, valid_second};
use std::collections::HashMap;

/// A character restored by a guess.
#[derive(Debug, Clone, PartialEq)]
pub struct Guess {
    /// 0-based line of the restored text.
    pub line: usize,
    /// 0-based char column in the output of the step that restored it.
    pub col: usize,
    /// The restored text (one char).
    pub chosen: String,
    /// Confidence in `chosen`, 0..1.
    pub confidence: f32,
    /// Other candidates, best first.
    pub alternatives: Vec<String>,
}

/// The result of a lossy restoration.
pub struct Restored {
    /// Repaired text.
    pub text: String,
    /// Restored characters.
    pub guesses: Vec<Guess>,
    /// Spots that could not be restored: (0-based line, 0-based col, message).
    pub unresolved: Vec<(usize, usize, String)>,
}

enum Piece {
    Text(String),
    Hole { present: Vec<u8>, missing: usize },
}

/// Split re-encoded bytes into valid text and holes; `None` if some damage is not explained
/// by dropped continuation bytes.
fn segment(bytes: &[u8]) -> Option<(Vec<Piece>, usize, usize)> {
    let mut pieces = Vec::new();
    let mut valid_multi = 0;
    let mut holes = 0;
    let mut cur = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let n = seq_len(b);
        if n == 1 {
            cur.push(b);
            i += 1;
            continue;
        }
        if n == 0 {
            return None; // orphan continuation byte or invalid lead: not this kind of damage
        }
        let mut k = 1;
        while k < n && i + k < bytes.len() && (0x80..=0xBF).contains(&bytes[i + k]) {
            k += 1;
        }
        if k == n && std::str::from_utf8(&bytes[i..i + n]).is_ok() {
            cur.extend_from_slice(&bytes[i..i + n]);
            valid_multi += 1;
            i += n;
            continue;
        }
        if k == n {
            return None; // complete but invalid (e.g. surrogate)
        }
        if !cur.is_empty() {
            pieces.push(Piece::Text(String::from_utf8(std::mem::take(&mut cur)).ok()?));
        }
        pieces.push(Piece::Hole { present: bytes[i..i + k].to_vec(), missing: n - k });
        holes += 1;
        i += k;
    }
    if !cur.is_empty() {
        pieces.push(Piece::Text(String::from_utf8(cur).ok()?));
    }
    Some((pieces, valid_multi, holes))
}

/// Every character the hole can have been: insert `missing` bytes from `droppable` anywhere
/// after the lead byte.
fn completions(present: &[u8], missing: usize, droppable: &[u8]) -> Vec<char> {
    let n = present.len() + missing;
    let mut out = Vec::new();
    // positions (1..n) that hold inserted bytes: choose `missing` of them
    let positions: Vec<Vec<usize>> = match missing {
        1 => (1..n).map(|p| vec![p]).collect(),
        2 => {
            let mut v = Vec::new();
            for a in 1..n {
                for b in a + 1..n {
                    v.push(vec![a, b]);
                }
            }
            v
        }
        3 => vec![vec![1, 2, 3]],
        _ => Vec::new(),
    };
    let mut seq = vec![0u8; n];
    for pos in &positions {
        let combos = droppable.len().pow(missing as u32);
        for mut k in 0..combos {
            let mut src = present.iter();
            for (j, slot) in seq.iter_mut().enumerate() {
                if pos.contains(&j) {
                    *slot = droppable[k % droppable.len()];
                    k /= droppable.len();
                } else {
                    *slot = *src.next().unwrap_or(&0);
                }
            }
            if !valid_second(seq[0], seq[1]) {
                continue;
            }
            if let Ok(s) = std::str::from_utf8(&seq) {
                if let Some(c) = s.chars().next() {
                    if !out.contains(&c) {
                        out.push(c);
                    }
                }
            }
        }
    }
    out
}

#[derive(Clone, Copy, PartialEq)]
enum Kind {
    Letter,
    Emoji,
    Selector,
    Format,
    Symbol,
}

fn kind(c: char) -> Option<Kind> {
    let cp = c as u32;
    if emoji::is_emoji(c) {
        return Some(Kind::Emoji);
    }
    if c.is_alphabetic() || (0x300..=0x36F).contains(&cp) {
        return Some(Kind::Letter);
    }
    match cp {
        0xFE00..=0xFE0F => Some(Kind::Selector),
        0xAD | 0x200B..=0x200D => Some(Kind::Format),
        0x2010..=0x2027 | 0x2030..=0x205E | 0x2190..=0x23FF | 0x2500..=0x27BF | 0x2900..=0x2BFF => Some(Kind::Symbol),
        _ => None,
    }
}

/// Context of one hole in the provisional output.
struct Ctx<'a> {
    chars: &'a [char],
    pos: usize,
    /// Whether only list/heading markup precedes the spot on its line (an "icon" position).
    icon: bool,
    /// The words of the line, and of the nearest heading or label line above it.
    line_sem: &'a semantics::Context,
    header_sem: &'a semantics::Context,
    doc_words: &'a HashMap<String, usize>,
    doc_emoji: &'a HashMap<char, usize>,
}

const HOLE: char = '\u{FFFC}';

fn word_around(chars: &[char], pos: usize, c: char) -> String {
    let is_w = |ch: char| ch.is_alphabetic() || (0x300..=0x36F).contains(&(ch as u32));
    let mut s = pos;
    while s > 0 && is_w(chars[s - 1]) {
        s -= 1;
    }
    let mut e = pos + 1;
    while e < chars.len() && is_w(chars[e]) {
        e += 1;
    }
    let mut w: String = chars[s..pos].iter().collect();
    w.push(c);
    w.extend(&chars[pos + 1..e]);
    w
}

fn score(c: char, k: Kind, ctx: &Ctx) -> f64 {
    let prev = ctx.pos.checked_sub(1).map(|i| ctx.chars[i]);
    let next = ctx.chars.get(ctx.pos + 1).copied();
    match k {
        Kind::Letter => {
            let w = word_around(ctx.chars, ctx.pos, c);
            let lower = w.to_lowercase();
            let mut s = match words::zipf_any(&w) {
                Some(z) => z - 9.0,
                None => -11.0,
            };
            if let Some(&n) = ctx.doc_words.get(&lower) {
                s += 1.5 * (1.0 + n as f64).log10() + 1.0;
            }
            if !words::is_common_letter(c) {
                s -= 2.0;
            }
            // An upper-case letter after a lower-case one inside a word is unlikely.
            if c.is_uppercase() && prev.is_some_and(|p| p.is_lowercase()) {
                s -= 3.0;
            }
            if c.is_uppercase() && next.is_some_and(|p| p.is_lowercase()) && prev.is_some_and(|p| p.is_alphabetic()) {
                s -= 3.0;
            }
            s
        }
        Kind::Emoji => {
            let info = emoji::info(c);
            // Prior: how common the emoji is (wordfreq, mostly social media, so it is damped),
            // rarer than anything wordfreq lists when it is missing there (older emoji are
            // better known).
            let z = match info.and_then(|i| i.zipf) {
                Some(z) => z as f64,
                None => 0.5 - 0.05 * (info.map(|i| i.version).unwrap_or(15.0) as f64 - 0.6),
            };
            let mut s = 0.4 * z;
            if let Some(i) = info {
                // VS16 agreement with what follows.
                let followed_by_vs16 = next == Some('\u{FE0F}') || (next == Some(HOLE));
                if i.vs16 && next == Some('\u{FE0F}') {
                    s += 1.5;
                } else if i.vs16 && !followed_by_vs16 {
                    s -= 1.0;
                } else if !i.vs16 && next == Some('\u{FE0F}') {
                    s -= 1.0;
                }
                if i.dev {
                    s += 0.6; // an emoji developers use by convention (gitmoji)
                }
                // Domain prior: how often the emoji's group occurs among developers' emoji.
                s += 0.5 * emoji::dev_group_prior(i.group);
                // A face is an unusual icon for a list item or a heading.
                if ctx.icon && i.group == "smileys-emotion" {
                    s -= 1.0;
                }
            }
            // Meaning: the words of the line, and more weakly of its heading.
            s += 2.0 * semantics::evidence(c, ctx.line_sem) + semantics::evidence(c, ctx.header_sem);
            s += 2.0 * semantics::similarity(c, ctx.line_sem) + semantics::similarity(c, ctx.header_sem);
            if let Some(&n) = ctx.doc_emoji.get(&c) {
                s += 0.5 + (n as f64).log10();
            }
            // Repetition (ratings like ⭐⭐⭐).
            if prev == Some(c) {
                s += 3.0;
            }
            s
        }
        Kind::Selector => {
            let base_takes = prev.and_then(emoji::info).is_some_and(|i| i.vs16);
            match (c, base_takes) {
                ('\u{FE0F}', true) => 0.0,
                ('\u{FE0F}', false) => {
                    if prev.is_some_and(emoji::is_emoji) {
                        -2.0
                    } else {
                        -6.0
                    }
                }
                ('\u{FE0E}', _) => -5.0,
                _ => -9.0,
            }
        }
        Kind::Format => {
            let inside_word = prev.is_some_and(char::is_alphabetic) && next.is_some_and(char::is_alphabetic);
            match c {
                '\u{AD}' if inside_word => -2.0,
                '\u{200D}' if prev.is_some_and(emoji::is_emoji) => -3.0,
                _ => -9.0,
            }
        }
        Kind::Symbol => -10.0,
    }
}

/// Try to read `text` as UTF-8 misread through `cp` with some bytes dropped.
pub fn restore(text: &str, cp: Codepage) -> Option<Restored> {
    let droppable = cp.droppable();
    if droppable.is_empty() {
        return None;
    }
    let bytes = cp.encode(text)?;
    let (pieces, valid_multi, holes) = segment(&bytes)?;
    if holes == 0 || valid_multi < holes || valid_multi < 3 {
        return None;
    }
    // Provisional output with a placeholder per hole.
    let mut chars: Vec<char> = Vec::with_capacity(text.len());
    let mut hole_at: Vec<(usize, Vec<char>, Vec<u8>)> = Vec::new();
    let mut no_candidate = 0;
    for p in &pieces {
        match p {
            Piece::Text(s) => chars.extend(s.chars()),
            Piece::Hole { present, missing } => {
                let cands: Vec<char> =
                    completions(present, *missing, &droppable).into_iter().filter(|&c| kind(c).is_some()).collect();
                if cands.is_empty() {
                    no_candidate += 1;
                }
                hole_at.push((chars.len(), cands, present.clone()));
                // A variation-selector spot (EF B8 + lost byte) reads as VS16 for its
                // neighbour's sake until it is decided itself.
                chars.push(if present.as_slice() == [0xEF, 0xB8] { '\u{FE0F}' } else { HOLE });
            }
        }
    }
    if no_candidate * 4 > holes {
        return None;
    }
    // Document statistics from the intact text.
    let mut doc_words: HashMap<String, usize> = HashMap::new();
    let mut doc_emoji: HashMap<char, usize> = HashMap::new();
    {
        let mut w = String::new();
        let mut broken = false;
        for &c in chars.iter().chain(std::iter::once(&' ')) {
            if c.is_alphabetic() || (0x300..=0x36F).contains(&(c as u32)) {
                w.push(c);
            } else if c == HOLE {
                broken = true;
            } else {
                if !w.is_empty() && !broken {
                    *doc_words.entry(w.to_lowercase()).or_default() += 1;
                }
                w.clear();
                broken = false;
                if emoji::is_emoji(c) {
                    *doc_emoji.entry(c).or_default() += 1;
                }
            }
        }
    }
    let mut line_starts = vec![0usize];
    for (i, &c) in chars.iter().enumerate() {
        if c == '\n' {
            line_starts.push(i + 1);
        }
    }
    let doc = Doc { hole_at: &hole_at, line_starts: &line_starts, doc_words: &doc_words, doc_emoji: &doc_emoji };
    // First pass: decide every spot on its own. Second pass: the same with a document prior,
    // since authors reuse emoji: each candidate gains with the number of times the other spots
    // chose it (weighted by their confidence).
    let first = decide(&mut chars, &doc, None);
    let mut expected: HashMap<char, f64> = HashMap::new();
    for probs in &first.probs {
        for (&c, &p) in probs {
            *expected.entry(c).or_default() += p;
        }
    }
    let second = decide(&mut chars, &doc, Some((&expected, &first.probs)));
    Some(Restored { text: chars.into_iter().collect(), guesses: second.guesses, unresolved: second.unresolved })
}

/// What the passes over the holes share.
struct Doc<'a> {
    hole_at: &'a [(usize, Vec<char>, Vec<u8>)],
    line_starts: &'a [usize],
    doc_words: &'a HashMap<String, usize>,
    doc_emoji: &'a HashMap<char, usize>,
}

struct Pass {
    guesses: Vec<Guess>,
    unresolved: Vec<(usize, usize, String)>,
    /// Per hole: probability of each emoji candidate.
    probs: Vec<HashMap<char, f64>>,
}

/// The nearest heading or label line (`# …`, `…:`) above `line`, within a few lines.
fn header_line(chars: &[char], line_starts: &[usize], line: usize) -> String {
    for l in (line.saturating_sub(11)..line).rev() {
        let s = line_starts[l];
        let e = line_starts.get(l + 1).map(|&e| e - 1).unwrap_or(chars.len());
        let text: String = chars[s..e].iter().collect();
        let t = text.trim();
        if t.starts_with('#') || t.ends_with(':') || t.ends_with(":**") {
            return text;
        }
    }
    String::new()
}

/// Whether only list, heading or tree markup precedes `pos` on its line.
fn icon_position(chars: &[char], line_start: usize, pos: usize) -> bool {
    chars[line_start..pos].iter().all(|&c| c.is_whitespace() || c.is_ascii_digit() || "#*-+>|[]x.)├└│─".contains(c))
}

/// Choose a character for every hole, in text order (later holes see earlier choices).
fn decide(chars: &mut [char], doc: &Doc, prior: Option<(&HashMap<char, f64>, &Vec<HashMap<char, f64>>)>) -> Pass {
    let mut pass = Pass { guesses: Vec::new(), unresolved: Vec::new(), probs: Vec::new() };
    let mut line_ctx: HashMap<usize, (semantics::Context, semantics::Context)> = HashMap::new();
    let line_starts = doc.line_starts;
    for (h, (pos, cands, present)) in doc.hole_at.iter().enumerate() {
        let pos = *pos;
        let line = line_starts.partition_point(|&s| s <= pos) - 1;
        let ls = line_starts[line];
        let le = line_starts.get(line + 1).map(|&e| e - 1).unwrap_or(chars.len());
        if cands.is_empty() {
            chars[pos] = '\u{FFFD}';
            let hex: Vec<String> = present.iter().map(|b| format!("{b:02X}")).collect();
            pass.unresolved.push((line, pos - ls, format!("lost bytes after {}: no candidate fits", hex.join(" "))));
            pass.probs.push(HashMap::new());
            continue;
        }
        let (line_sem, header_sem) = line_ctx.entry(line).or_insert_with(|| {
            let text: String = chars[ls..le].iter().collect();
            (semantics::Context::new(&text), semantics::Context::new(&header_line(chars, line_starts, line)))
        });
        let ctx = Ctx {
            chars,
            pos,
            icon: icon_position(chars, ls, pos),
            line_sem,
            header_sem,
            doc_words: doc.doc_words,
            doc_emoji: doc.doc_emoji,
        };
        let mut scored: Vec<(f64, char)> = cands
            .iter()
            .map(|&c| {
                let k = kind(c).unwrap_or(Kind::Symbol);
                let mut s = score(c, k, &ctx);
                if let (Kind::Emoji, Some((expected, own))) = (k, prior) {
                    let others = expected.get(&c).copied().unwrap_or(0.0) - own[h].get(&c).copied().unwrap_or(0.0);
                    s += 2.0 * (1.0 + others.max(0.0)).log10();
                }
                (s, c)
            })
            .collect();
        scored.sort_by(|a, b| b.0.total_cmp(&a.0));
        let best = scored[0].0;
        let total: f64 = scored.iter().map(|(s, _)| 10f64.powf(s - best)).sum();
        pass.probs.push(
            scored
                .iter()
                .filter(|(_, c)| kind(*c) == Some(Kind::Emoji))
                .map(|(s, c)| (*c, 10f64.powf(s - best) / total))
                .collect(),
        );
        let confidence = (1.0 / total) as f32;
        chars[pos] = scored[0].1;
        pass.guesses.push(Guess {
            line,
            col: pos - ls,
            chosen: scored[0].1.to_string(),
            confidence,
            alternatives: scored.iter().skip(1).take(4).map(|(_, c)| c.to_string()).collect(),
        });
    }
    pass
}

#[cfg(test)]
mod tests {
    use super::*;

    fn garble_lossy(s: &str, cp: Codepage) -> String {
        let drop = cp.droppable();
        let kept: Vec<u8> = s.bytes().filter(|b| !drop.contains(b)).collect();
        cp.decode(&kept)
    }

    #[test]
    fn vietnamese_letters_come_back() {
        let clean = "Đánh giá hiện trạng: kiến thức cần học, quan trọng, thường xuyên và chủ đề";
        let g = garble_lossy(clean, Codepage::Cp1254);
        let r = restore(&g, Codepage::Cp1254).expect("restorable");
        assert_eq!(r.text, clean);
    }

    #[test]
    fn stars_come_back() {
        let clean = "Kỹ năng lập trình | ⭐⭐⭐⭐⭐ | Cần học ngay, rất cần thiết với người mới bắt đầu";
        let g = garble_lossy(clean, Codepage::Cp1254);
        let r = restore(&g, Codepage::Cp1254).expect("restorable");
        assert_eq!(r.text, clean);
    }
}
