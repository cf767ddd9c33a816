//! Fingerprints of source units: what a translation records in `translated_from` so that gen can
//! tell, from the files alone, whether the source unit changed since it was translated.
//!
//! A unit's text is its own lines in the source file — the heading line and the content up to the
//! next heading, not its sub-units — with trailing whitespace removed and blank lines dropped, so
//! re-wrapping blank lines or trailing spaces does not make a translation outdated, while any
//! change to a word does. The fingerprint is a 64-bit prefix of the SHA-256 of those lines plus a
//! 16-bit hash per line, written as `"<16 hex>:<4 hex per line>"`. The per-line hashes let
//! `gen i18n status` say which lines of the source changed without keeping old text or git history
//! (a hand-written line diff over hashes; `similar` does the diffing).

use sha2::{Digest, Sha256};

use crate::model::{Edition, Unit};

/// The recorded version of one source unit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fingerprint {
    /// First 8 bytes of the SHA-256 of the unit's normalised lines, as 16 lowercase hex digits.
    pub hash: String,
    /// A 16-bit hash of each normalised line, in order (empty when the record carries none).
    pub lines: Vec<u16>,
}

/// One unit's own text in an edition: the heading line and its content up to the next heading.
#[derive(Debug, Clone)]
pub struct UnitText<'t> {
    /// The unit.
    pub unit: &'t Unit,
    /// Normalised non-blank lines with their 1-based line numbers in the file.
    pub lines: Vec<(usize, &'t str)>,
}

impl UnitText<'_> {
    /// The unit's fingerprint.
    pub fn fingerprint(&self) -> Fingerprint {
        let mut hasher = Sha256::new();
        for (i, (_, l)) in self.lines.iter().enumerate() {
            if i > 0 {
                hasher.update(b"\n");
            }
            hasher.update(l.as_bytes());
        }
        let digest = hasher.finalize();
        Fingerprint { hash: hex(&digest[..8]), lines: self.lines.iter().map(|(_, l)| line_hash(l)).collect() }
    }
}

/// The own text of every unit with an explicit id, in document order.
pub fn unit_texts(ed: &Edition) -> Vec<UnitText<'_>> {
    let all = ed.all_units();
    let mut starts: Vec<usize> = all.iter().map(|u| u.heading.line()).collect();
    starts.sort_unstable();
    let file_lines: Vec<&str> = ed.text.lines().collect();
    all.into_iter()
        .filter(|u| u.heading.id().is_some())
        .map(|u| {
            let first = u.heading.line();
            let end = starts.iter().copied().find(|&s| s > first).unwrap_or(file_lines.len() + 1);
            let lines = (first..end)
                .filter_map(|n| file_lines.get(n - 1).map(|l| (n, l.trim_end())))
                .filter(|(_, l)| !l.is_empty())
                .collect();
            UnitText { unit: u, lines }
        })
        .collect()
}

/// The 16-bit hash of one normalised line.
pub fn line_hash(line: &str) -> u16 {
    let d = Sha256::digest(line.as_bytes());
    u16::from_be_bytes([d[0], d[1]])
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

impl std::fmt::Display for Fingerprint {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.hash)?;
        if !self.lines.is_empty() {
            f.write_str(":")?;
            for l in &self.lines {
                write!(f, "{l:04x}")?;
            }
        }
        Ok(())
    }
}

impl std::str::FromStr for Fingerprint {
    type Err = String;

    /// Parses `"<16 hex>"` or `"<16 hex>:<4 hex per line>"`.
    fn from_str(s: &str) -> Result<Self, String> {
        let expected = "expected 16 hex digits, optionally followed by `:` and 4 hex digits per line";
        let (hash, lines) = s.split_once(':').unwrap_or((s, ""));
        let is_hex = |t: &str| t.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
        if hash.len() != 16 || !is_hex(hash) {
            return Err(format!("`{s}` is not a unit fingerprint ({expected})"));
        }
        if lines.len() % 4 != 0 || !is_hex(lines) || (s.contains(':') && lines.is_empty()) {
            return Err(format!("`{s}` has malformed line hashes ({expected})"));
        }
        let lines = (0..lines.len() / 4)
            .map(|i| u16::from_str_radix(&lines[i * 4..i * 4 + 4], 16).map_err(|e| e.to_string()))
            .collect::<Result<Vec<u16>, String>>()?;
        Ok(Fingerprint { hash: hash.to_owned(), lines })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::build_edition;
    use crate::parse::parse_document;
    use std::path::Path;

    fn edition(body: &str) -> Edition {
        let (doc, _) = parse_document(Path::new("ru.md"), format!("+++\ntitle = \"T\"\n+++\n{body}")).unwrap();
        build_edition("ru", doc).0
    }

    const DOC: &str = "Intro.\n\n## Фаза 1 {#phase-1 .phase}\nText of the phase.\n\n### Неделя 1-2 {#weeks-1-2 .week}\n- Linux\n- Git\n\n### Неделя 3-4 {#weeks-3-4 .week}\n- Python\n";

    #[test]
    fn a_unit_is_its_heading_and_own_lines_without_children_or_blank_lines() {
        let ed = edition(DOC);
        let texts = unit_texts(&ed);
        let ids: Vec<&str> = texts.iter().map(|t| t.unit.id()).collect();
        assert_eq!(ids, ["phase-1", "weeks-1-2", "weeks-3-4"]);
        let phase: Vec<&str> = texts[0].lines.iter().map(|(_, l)| *l).collect();
        assert_eq!(phase, ["## Фаза 1 {#phase-1 .phase}", "Text of the phase."]);
        assert_eq!(texts[1].lines, [(9, "### Неделя 1-2 {#weeks-1-2 .week}"), (10, "- Linux"), (11, "- Git")]);
        assert_eq!(texts[2].lines.last(), Some(&(14, "- Python")));
    }

    #[test]
    fn changing_one_week_changes_only_that_fingerprint() {
        let before: Vec<Fingerprint> = unit_texts(&edition(DOC)).iter().map(UnitText::fingerprint).collect();
        let after: Vec<Fingerprint> =
            unit_texts(&edition(&DOC.replace("- Git", "- Git и GitHub"))).iter().map(UnitText::fingerprint).collect();
        assert_eq!(before[0], after[0]);
        assert_ne!(before[1], after[1]);
        assert_eq!(before[2], after[2]);
        // Whitespace at line ends and blank lines are not changes.
        let spaced = DOC.replace("- Linux\n", "- Linux   \n\n\n");
        let same: Vec<Fingerprint> = unit_texts(&edition(&spaced)).iter().map(UnitText::fingerprint).collect();
        assert_eq!(before, same);
    }

    #[test]
    fn fingerprints_round_trip_and_reject_garbage() {
        let fp = unit_texts(&edition(DOC))[1].fingerprint();
        let s = fp.to_string();
        assert_eq!(s.len(), 16 + 1 + 3 * 4, "{s}");
        assert_eq!(s.parse::<Fingerprint>().unwrap(), fp);
        let bare: Fingerprint = fp.hash.parse().unwrap();
        assert!(bare.lines.is_empty());
        for bad in ["", "abc", "0123456789ABCDEF", "0123456789abcdef:", "0123456789abcdef:123", "0123456789abcdeg"] {
            assert!(bad.parse::<Fingerprint>().is_err(), "{bad:?} was accepted");
        }
    }
}
