//! `roadmap.toml`: the language-neutral facts of a roadmap.

use std::path::Path;

use serde::Deserialize;

use crate::config::toml_error;
use crate::diagnostic::Diagnostic;

/// A number or a `[min, max]` range, as authors write durations.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(untagged)]
pub enum Span {
    /// A single value.
    One(u32),
    /// `[min, max]`.
    Range([u32; 2]),
}

impl Span {
    /// The smallest value.
    pub fn min(&self) -> u32 {
        match *self {
            Span::One(n) => n,
            Span::Range([a, _]) => a,
        }
    }

    /// The largest value.
    pub fn max(&self) -> u32 {
        match *self {
            Span::One(n) => n,
            Span::Range([_, b]) => b,
        }
    }
}

/// The parsed `roadmap.toml`.
#[derive(Debug, Clone, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct RoadmapMeta {
    /// The language of the source edition; every translation is made from it.
    pub source_lang: String,
    /// Position on the home page, ascending.
    #[serde(default)]
    pub order: i64,
    /// Level the roadmap starts from (beginner, junior, middle, senior).
    #[serde(default)]
    pub level: Option<String>,
    /// Level the roadmap leads to.
    #[serde(default)]
    pub target_level: Option<String>,
    /// Duration in months: a number or `[min, max]`.
    #[serde(default)]
    pub duration_months: Option<Span>,
    /// Study hours per week: a number or `[min, max]`.
    #[serde(default)]
    pub hours_per_week: Option<Span>,
    /// Language-neutral tags.
    #[serde(default)]
    pub tags: Vec<String>,
}

const KEYS: &[&str] = &[
    "source_lang",
    "order",
    "level",
    "target_level",
    "duration_months",
    "hours_per_week",
    "tags",
];
const LEVELS: &[&str] = &["beginner", "junior", "middle", "senior", "lead"];

impl RoadmapMeta {
    /// Parses `roadmap.toml` text.
    pub fn parse(file: &Path, text: &str) -> Result<RoadmapMeta, Diagnostic> {
        let meta: RoadmapMeta =
            toml::from_str(text).map_err(|e| toml_error(file, text, 0, &e, KEYS))?;
        for level in meta.level.iter().chain(&meta.target_level) {
            if !LEVELS.contains(&level.as_str()) {
                let offset = text.find(&format!("\"{level}\"")).unwrap_or(0);
                return Err(Diagnostic::error(file, format!("unknown level `{level}`"))
                    .at_offset(text, offset)
                    .with_help(format!("use one of: {}", LEVELS.join(", "))));
            }
        }
        Ok(meta)
    }
}
