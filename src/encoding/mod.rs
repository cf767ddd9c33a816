//! Stage 2 of the pipeline: bytes → clean NFC UTF-8 text with LF line endings.
//!
//! This is the contract the rest of gen relies on. Every source file passes through
//! [`normalize`] before anything parses it, and `gen fix` reports the same [`Repair`]s.

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
/// Placeholder implementation: accepts UTF-8 (with or without BOM), normalises to NFC and LF,
/// and reports U+FFFD as unresolved. The full repair replaces this body.
pub fn normalize(bytes: &[u8]) -> Normalized {
    let (bytes, had_bom) = match bytes.strip_prefix(b"\xEF\xBB\xBF") {
        Some(rest) => (rest, true),
        None => (bytes, false),
    };
    let decoded = String::from_utf8_lossy(bytes);
    let lf = decoded.replace("\r\n", "\n");
    let text: String = lf.nfc().collect();
    let mut unresolved = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if let Some(pos) = line.find('\u{FFFD}') {
            let col = line[..pos].chars().count() + 1;
            unresolved.push((i + 1, col, "invalid UTF-8 or a lost character (U+FFFD)".to_string()));
        }
    }
    let mut repairs = Vec::new();
    if lf.len() != decoded.len() || text != lf {
        repairs.push(Repair {
            line: 1,
            col: 1,
            before: String::new(),
            after: String::new(),
            kind: RepairKind::Normalize,
            confidence: 1.0,
            alternatives: Vec::new(),
        });
    }
    Normalized { text, decoding: Decoding { encoding: "UTF-8".into(), had_bom }, repairs, unresolved }
}
