//! GitHub-compatible heading anchors, so links written for GitHub (`#đánh-giá-hiện-trạng`) keep
//! working on the generated site.
//!
//! Written by hand because no maintained crate reproduces github-slugger for Unicode text: lowercase,
//! drop everything that is not a letter, number, mark, `-`, `_` or space, turn each space into `-`,
//! and number repeated slugs `-1`, `-2`, …

use rustc_hash::FxHashMap as HashMap;

/// The GitHub slug of a heading's text (without de-duplication).
pub fn github_slug(text: &str) -> String {
    let table = low_table();
    let mut out = String::with_capacity(text.len());
    for c in text.trim().chars() {
        match table.get(c as usize) {
            Some(&LowChar::Drop) => {}
            Some(&LowChar::Keep(l)) => out.push(l),
            // Latin Extended Additional (ạ–ỹ, Vietnamese): letters, every one of them.
            None if ('\u{1E00}'..='\u{1EFF}').contains(&c) => match crate::text::lower_one(c) {
                Some(l) => out.push(l),
                None => out.extend(c.to_lowercase()),
            },
            _ if c == ' ' => out.push('-'),
            _ if c == '-' || c == '_' || c.is_alphanumeric() || is_mark(c) => out.extend(c.to_lowercase()),
            _ => {}
        }
    }
    out
}

/// What [`github_slug`] does with a character below U+0800 (Latin, Vietnamese base letters,
/// Cyrillic), found in a table instead of Unicode's (a binary search per character, and slugs are
/// made for every heading of every edition).
#[derive(Debug, Clone, Copy, PartialEq)]
enum LowChar {
    /// Left out.
    Drop,
    /// Kept as this character (its lowercase).
    Keep(char),
    /// Anything else: the space, and letters whose lowercase is more than one character.
    Slow,
}

/// The table of [`LowChar`], built once from the same rules and the standard library's Unicode
/// data, so its answers are the slow path's answers (a test checks every entry).
fn low_table() -> &'static [LowChar] {
    static TABLE: std::sync::OnceLock<Vec<LowChar>> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        (0u32..0x800)
            .map(|u| {
                let Some(c) = char::from_u32(u) else { return LowChar::Slow };
                if c == ' ' {
                    return LowChar::Slow;
                }
                if !(c == '-' || c == '_' || c.is_alphanumeric() || is_mark(c)) {
                    return LowChar::Drop;
                }
                let mut lower = c.to_lowercase();
                match (lower.next(), lower.next()) {
                    (Some(l), None) => LowChar::Keep(l),
                    _ => LowChar::Slow,
                }
            })
            .collect()
    })
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
        assert_eq!(github_slug("5 Chủ đề cốt lõi để phát triển"), "5-chủ-đề-cốt-lõi-để-phát-triển");
        assert_eq!(github_slug("Skills Matrix và đánh giá"), "skills-matrix-và-đánh-giá");
    }

    #[test]
    fn emoji_and_punctuation_are_dropped_each_space_is_kept() {
        assert_eq!(
            github_slug("1. 🏗️ Microservices Architecture với NestJS"),
            "1--microservices-architecture-với-nestjs"
        );
        assert_eq!(github_slug("ФАЗА 1: ОСНОВЫ (Месяцы 1-3)"), "фаза-1-основы-месяцы-1-3");
        assert_eq!(github_slug("Tools & Technologies"), "tools--technologies");
    }

    #[test]
    fn the_table_agrees_with_the_unicode_rules_for_every_character_it_covers() {
        let slow = |c: char| -> String {
            if c == ' ' {
                "-".to_owned()
            } else if c == '-' || c == '_' || c.is_alphanumeric() || is_mark(c) {
                c.to_lowercase().collect()
            } else {
                String::new()
            }
        };
        for c in (0u32..0x900).chain(0x1E00..0x1F00).filter_map(char::from_u32) {
            assert_eq!(github_slug(&format!("a{c}b")), format!("a{}b", slow(c)), "U+{:04X}", c as u32);
        }
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
