//! Turn a repair (text before → text after) into located, reviewable [`Repair`]s, and print
//! reports as text or JSON.
//!
//! Mojibake repair never touches line breaks (they are ASCII), so lines correspond one to
//! one; within a changed line, a character diff groups the changes into word-sized hunks.

use super::{Repair, RepairKind};

/// A restored character awaiting its place in the report.
#[derive(Debug, Clone)]
pub struct PendingGuess {
    /// 0-based line in the repaired text.
    pub line: usize,
    /// The restored text.
    pub chosen: String,
    /// Confidence.
    pub confidence: f32,
    /// Alternatives, best first.
    pub alternatives: Vec<String>,
}

/// Diff two texts line by line and return hunks as repairs of `kind` (confidence 1.0);
/// hunks that contain a restored character take its confidence and alternatives.
pub fn diff_repairs(before: &str, after: &str, kind: RepairKind, guesses: &[PendingGuess]) -> Vec<Repair> {
    let bl: Vec<&str> = before.split('\n').collect();
    let al: Vec<&str> = after.split('\n').collect();
    let mut out = Vec::new();
    if bl.len() != al.len() {
        // Should not happen; report one whole-text change.
        out.push(Repair {
            line: 1,
            col: 1,
            before: String::new(),
            after: String::new(),
            kind,
            confidence: 1.0,
            alternatives: Vec::new(),
        });
        return out;
    }
    let mut used = vec![false; guesses.len()];
    for (ln, (b, a)) in bl.iter().zip(&al).enumerate() {
        if b == a {
            continue;
        }
        let bc: Vec<char> = b.chars().collect();
        let ac: Vec<char> = a.chars().collect();
        for (bs, be, as_, ae) in char_hunks(&bc, &ac) {
            let before_s: String = bc[bs..be].iter().collect();
            let after_s: String = ac[as_..ae].iter().collect();
            let mut conf = 1.0f32;
            let mut alts = Vec::new();
            let mut k = kind;
            for (gi, g) in guesses.iter().enumerate() {
                if !used[gi] && g.line == ln && after_s.contains(g.chosen.as_str()) {
                    used[gi] = true;
                    k = RepairKind::LostBytes;
                    if g.confidence < conf {
                        conf = g.confidence;
                        alts = g.alternatives.clone();
                    }
                }
            }
            out.push(Repair {
                line: ln + 1,
                col: as_ + 1,
                before: before_s,
                after: after_s,
                kind: k,
                confidence: conf,
                alternatives: alts,
            });
        }
    }
    out
}

/// Hunks (before range, after range) of a character diff; neighbouring changes separated by
/// letters only (no space or punctuation) are merged so a hunk is about a word.
fn char_hunks(b: &[char], a: &[char]) -> Vec<(usize, usize, usize, usize)> {
    if let Some(h) = skeleton_hunks(b, a) {
        return h;
    }
    let pre = b.iter().zip(a).take_while(|(x, y)| x == y).count();
    let suf = b[pre..].iter().rev().zip(a[pre..].iter().rev()).take_while(|(x, y)| x == y).count();
    let (b2, a2) = (&b[pre..b.len() - suf], &a[pre..a.len() - suf]);
    if b2.len() * a2.len() > 4_000_000 {
        return vec![(pre, b.len() - suf, pre, a.len() - suf)];
    }
    // LCS table.
    let (n, m) = (b2.len(), a2.len());
    let mut dp = vec![0u32; (n + 1) * (m + 1)];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            dp[i * (m + 1) + j] = if b2[i] == a2[j] {
                dp[(i + 1) * (m + 1) + j + 1] + 1
            } else {
                dp[(i + 1) * (m + 1) + j].max(dp[i * (m + 1) + j + 1])
            };
        }
    }
    let mut hunks: Vec<(usize, usize, usize, usize)> = Vec::new();
    let (mut i, mut j) = (0, 0);
    let mut cur: Option<(usize, usize, usize, usize)> = None;
    while i < n || j < m {
        if i < n && j < m && b2[i] == a2[j] {
            if let Some(h) = cur.take() {
                hunks.push(h);
            }
            i += 1;
            j += 1;
        } else if j < m && (i == n || dp[i * (m + 1) + j + 1] >= dp[(i + 1) * (m + 1) + j]) {
            let h = cur.get_or_insert((i, i, j, j));
            h.3 = j + 1;
            j += 1;
        } else {
            let h = cur.get_or_insert((i, i, j, j));
            h.1 = i + 1;
            i += 1;
        }
    }
    if let Some(h) = cur.take() {
        hunks.push(h);
    }
    // Merge hunks separated only by word characters (same word).
    let mut merged: Vec<(usize, usize, usize, usize)> = Vec::new();
    for h in hunks {
        if let Some(last) = merged.last_mut() {
            let gap = &a2[last.3..h.2];
            if gap.iter().all(|c| c.is_alphanumeric()) && gap.len() <= 12 {
                last.1 = h.1;
                last.3 = h.3;
                continue;
            }
        }
        merged.push(h);
    }
    merged.into_iter().map(|(bs, be, as_, ae)| (bs + pre, be + pre, as_ + pre, ae + pre)).collect()
}

/// Fast alignment for the usual case: mojibake repair changes only non-ASCII runs, so when
/// both lines have the same ASCII skeleton the runs pair up one to one (linear time, one pass,
/// no allocation but the result; `None` as soon as the skeletons differ).
fn skeleton_hunks(b: &[char], a: &[char]) -> Option<Vec<(usize, usize, usize, usize)>> {
    let mut out: Vec<(usize, usize, usize, usize)> = Vec::new();
    let (mut i, mut j) = (0, 0);
    loop {
        let (Some(&cb), Some(&ca)) = (b.get(i), a.get(j)) else {
            // Both lines must end together.
            return (i == b.len() && j == a.len()).then_some(out);
        };
        if cb.is_ascii() || ca.is_ascii() {
            if cb != ca {
                return None;
            }
            i += 1;
            j += 1;
            continue;
        }
        let (bs, as_) = (i, j);
        while i < b.len() && !b[i].is_ascii() {
            i += 1;
        }
        while j < a.len() && !a[j].is_ascii() {
            j += 1;
        }
        if b[bs..i] == a[as_..j] {
            continue;
        }
        if let Some(last) = out.last_mut() {
            let gap = &a[last.3..as_];
            if gap.iter().all(|c| c.is_alphanumeric()) && gap.len() <= 12 {
                last.1 = i;
                last.3 = j;
                continue;
            }
        }
        out.push((bs, i, as_, j));
    }
}

/// Escape invisible and control characters so a report line shows what changed.
pub fn visible(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        match c {
            '\u{0}'..='\u{1F}'
            | '\u{7F}'..='\u{9F}'
            | '\u{A0}'
            | '\u{AD}'
            | '\u{200B}'..='\u{200F}'
            | '\u{FE00}'..='\u{FE0F}'
            | '\u{FEFF}'
            | '\u{2028}'
            | '\u{2029}' => out.push_str(&format!("<U+{:04X}>", c as u32)),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hunks_are_per_word() {
        let r = diff_repairs("a Ã© b Ã¨\nok", "a é b è\nok", RepairKind::Mojibake, &[]);
        assert_eq!(r.len(), 2);
        assert_eq!((r[0].line, r[0].col, r[0].before.as_str(), r[0].after.as_str()), (1, 3, "Ã©", "é"));
        assert_eq!((r[1].col, r[1].after.as_str()), (7, "è"));
    }
}
