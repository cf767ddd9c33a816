//! GitHub-compatible heading anchors, so links written for GitHub (`#đánh-giá-hiện-trạng`) keep
//! working on the generated site.
//!
//! Written by hand because no maintained crate reproduces github-slugger for Unicode text: lowercase,
//! drop everything that is not a letter, number, mark, `-`, `_` or space, turn each space into `-`,
//! and number repeated slugs `-1`, `-2`, …

use std::collections::HashMap;

/// The GitHub slug of a heading's text (without de-duplication).
pub fn github_slug(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.trim().chars() {
        if c == ' ' {
            out.push('-');
        } else if c == '-' || c == '_' || c.is_alphanumeric() || is_mark(c) {
            out.extend(c.to_lowercase());
        }
    }
    out
}

/// Combining marks other than emoji variation selectors (which GitHub drops with the emoji).
fn is_mark(c: char) -> bool {
    matches!(c, '\u{0300}'..='\u{036F}' | '\u{0483}'..='\u{0489}' | '\u{1AB0}'..='\u{1AFF}' | '\u{1DC0}'..='\u{1DFF}' | '\u{20D0}'..='\u{20FF}')
}

/// Hands out unique slugs within one document, as GitHub does.
#[derive(Debug, Default)]
pub struct Slugger {
    seen: HashMap<String, usize>,
}

impl Slugger {
    /// The unique slug for the next heading with this text.
    pub fn slug(&mut self, text: &str) -> String {
        let base = github_slug(text);
        let mut candidate = base.clone();
        while self.seen.contains_key(&candidate) {
            let n = self.seen.entry(base.clone()).or_insert(0);
            *n += 1;
            candidate = format!("{base}-{n}");
        }
        self.seen.insert(candidate.clone(), 0);
        candidate
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vietnamese_headings_match_github() {
        assert_eq!(github_slug("Đánh giá hiện trạng"), "đánh-giá-hiện-trạng");
        assert_eq!(
            github_slug("5 Chủ đề cốt lõi để phát triển"),
            "5-chủ-đề-cốt-lõi-để-phát-triển"
        );
        assert_eq!(
            github_slug("Skills Matrix và đánh giá"),
            "skills-matrix-và-đánh-giá"
        );
    }

    #[test]
    fn emoji_and_punctuation_are_dropped_each_space_is_kept() {
        assert_eq!(
            github_slug("1. 🏗️ Microservices Architecture với NestJS"),
            "1--microservices-architecture-với-nestjs"
        );
        assert_eq!(
            github_slug("ФАЗА 1: ОСНОВЫ (Месяцы 1-3)"),
            "фаза-1-основы-месяцы-1-3"
        );
        assert_eq!(github_slug("Tools & Technologies"), "tools--technologies");
    }

    #[test]
    fn repeated_headings_are_numbered() {
        let mut s = Slugger::default();
        assert_eq!(s.slug("Практика"), "практика");
        assert_eq!(s.slug("Практика"), "практика-1");
        assert_eq!(s.slug("Практика"), "практика-2");
        assert_eq!(s.slug("практика-1"), "практика-1-1");
    }
}
