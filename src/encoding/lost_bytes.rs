//! Restore bytes that a lossy conversion dropped.

use super::codepages::Codepage;

/// A character restored by a guess.
#[derive(Debug, Clone, PartialEq)]
pub struct Guess {
    /// 0-based line of the restored text.
    pub line: usize,
    /// 0-based char column in the output of the step that restored it.
    pub col: usize,
    /// The restored text (one char, or a char and a variation selector).
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
    /// Spots that could not be restored.
    pub unresolved: Vec<(usize, usize, String)>,
}

/// Try to read `text` as UTF-8 misread through `cp` with some bytes dropped.
pub fn restore(_text: &str, _cp: Codepage) -> Option<Restored> {
    None
}
