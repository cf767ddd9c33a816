//! Stage 2 of the pipeline: bytes → clean NFC UTF-8 text with LF line endings.
//!
//! This is the contract the rest of gen relies on. Every source file passes through
//! [`normalize`] before anything parses it, and `gen fix` reports the same [`Repair`]s.

pub mod badness;
pub mod chardata;
pub mod clean;
pub mod codepages;
pub mod decode;
pub mod fix;
pub mod lang;
pub mod lost_bytes;
pub mod mojibake;
pub mod nfc;
pub mod report;
pub mod scan;
pub mod utf8;

pub use clean::{Issue, IssueKind, cleanliness};
use unicode_normalization::UnicodeNormalization;

/// How the bytes of a source were interpreted.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Decoding {
    /// Name of the encoding the bytes were read as (WHATWG label, e.g. `"UTF-8"`, `"windows-1251"`).
    pub encoding: String,
    /// Whether a byte-order mark was present and removed.
    pub had_bom: bool,
}

/// What kind of change a repair made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum RepairKind {
    /// The whole file was in a legacy encoding and was decoded as such.
    Transcode,
    /// Mojibake undone losslessly (proven by re-encoding).
    Mojibake,
    /// Bytes lost by the garbling were restored by a guess (see `confidence`).
    LostBytes,
    /// Normalisation only: NFC, CRLF → LF, BOM removed.
    Normalize,
}

/// One change made to a source, reported to the user with its location.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Repair {
    /// 1-based line in the repaired text.
    pub line: usize,
    /// 1-based column (in characters) in the repaired text.
    pub col: usize,
    /// The text as it was (as decoded before repair).
    pub before: String,
    /// The text after repair.
    pub after: String,
    /// What kind of repair it is.
    pub kind: RepairKind,
    /// 1.0 for proven repairs; below 1.0 for guesses.
    pub confidence: f32,
    /// Other candidates that were considered for a guess, best first.
    pub alternatives: Vec<String>,
}

/// The result of the normalise stage for one source.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Normalized {
    /// Clean text: NFC, LF line endings, no BOM.
    pub text: String,
    /// How the bytes were read.
    pub decoding: Decoding,
    /// Every change made, in text order.
    pub repairs: Vec<Repair>,
    /// Spots that look damaged but could not be repaired (1-based line, col, message).
    pub unresolved: Vec<(usize, usize, String)>,
}

impl Normalized {
    /// True when the source was already clean NFC UTF-8 with LF endings.
    pub fn is_clean(&self) -> bool {
        self.repairs.is_empty() && self.unresolved.is_empty() && !self.decoding.had_bom
    }
}

/// Decode, repair and normalise the bytes of one source.
///
/// Never panics; every change is reported in [`Normalized::repairs`] with its location in the
/// returned text, and spots that look damaged but could not be repaired are listed in
/// [`Normalized::unresolved`].
pub fn normalize(bytes: &[u8]) -> Normalized {
    let dec = decode::decode(bytes);
    let mut repairs = Vec::new();
    let mut had_bom = dec.had_bom;
    let mut text = dec.text;
    if dec.legacy {
        repairs.push(Repair {
            line: 1,
            col: 1,
            before: String::new(),
            after: String::new(),
            kind: RepairKind::Transcode,
            confidence: if dec.invalid == 0 { 1.0 } else { 0.5 },
            alternatives: Vec::new(),
        });
    }
    // Byte-order marks left after decoding (a mark inside the encoded text, or several).
    if text.starts_with('\u{FEFF}') {
        text = text.trim_start_matches('\u{FEFF}').to_owned();
        had_bom = true;
    }
    let mut whole_file_changes = Vec::new();
    if had_bom {
        whole_file_changes.push("byte-order mark removed");
    }
    if text.contains('\r') {
        text = text.replace("\r\n", "\n").replace('\r', "\n");
        whole_file_changes.push("line endings converted to LF");
    }

    let mut unresolved_at: Vec<(usize, usize, String)> = Vec::new();
    // One pass answers the three questions the fast path asks (see `scan::quick`).
    let quick = scan::quick(&text);
    let (fixed, guesses) = if quick.repair && (!text.contains('`') || scan::may_need_repair(&scan::prose_only(&text))) {
        let f = mojibake::fix_encoding(&text);
        let mut t = f.text;
        let mut guesses: Vec<report::PendingGuess> = f
            .guesses
            .iter()
            .map(|g| report::PendingGuess {
                line: g.line,
                chosen: g.chosen.clone(),
                confidence: g.confidence,
                alternatives: g.alternatives.clone(),
            })
            .collect();
        for (line, col, msg) in f.unresolved {
            unresolved_at.push((line + 1, col + 1, msg));
        }
        // Second pass: lines that still look damaged are repaired on their own (mojibake in
        // only some paragraphs of a document that is otherwise correct).
        if f.still_bad {
            let mut out = String::with_capacity(t.len());
            for (ln, line) in t.split('\n').enumerate() {
                if ln > 0 {
                    out.push('\n');
                }
                if badness::is_bad(line) {
                    let f = mojibake::fix_encoding(line);
                    for g in f.guesses {
                        guesses.push(report::PendingGuess {
                            line: ln,
                            chosen: g.chosen,
                            confidence: g.confidence,
                            alternatives: g.alternatives,
                        });
                    }
                    for (_, col, msg) in f.unresolved {
                        unresolved_at.push((ln + 1, col + 1, msg));
                    }
                    out.push_str(&f.text);
                } else {
                    out.push_str(line);
                }
            }
            t = out;
        }
        (Some(t), guesses)
    } else {
        (None, Vec::new())
    };
    if !whole_file_changes.is_empty() {
        repairs.push(Repair {
            line: 1,
            col: 1,
            before: String::new(),
            after: whole_file_changes.join(", "),
            kind: RepairKind::Normalize,
            confidence: 1.0,
            alternatives: Vec::new(),
        });
    }
    // The common case: nothing repaired and already NFC, so the text is the result as it is.
    let unchanged = fixed.is_none() && !quick.repair && quick.nfc == nfc::IsNormalized::Yes;
    let nfc = if unchanged {
        text
    } else {
        let fixed = fixed.unwrap_or_else(|| text.clone());
        let nfc: String =
            if nfc::is_nfc_quick(&fixed) == nfc::IsNormalized::Yes { fixed } else { fixed.nfc().collect() };
        if nfc != text {
            let mut hunks = report::diff_repairs(&text, &nfc, RepairKind::Mojibake, &guesses);
            for h in &mut hunks {
                if h.kind == RepairKind::Mojibake && h.before.nfc().collect::<String>() == h.after {
                    h.kind = RepairKind::Normalize;
                }
            }
            repairs.extend(hunks);
        }
        nfc
    };
    let mut unresolved = unresolved_at;
    if !unchanged || quick.replacement {
        for (i, line) in nfc.split('\n').enumerate() {
            if !line.contains('\u{FFFD}') {
                continue;
            }
            for (col, c) in line.chars().enumerate() {
                if c == '\u{FFFD}' {
                    unresolved.push((i + 1, col + 1, "invalid bytes or a lost character (U+FFFD)".to_string()));
                }
            }
        }
    }
    unresolved.sort();
    unresolved.dedup();
    Normalized { text: nfc, decoding: Decoding { encoding: dec.encoding.to_string(), had_bom }, repairs, unresolved }
}
