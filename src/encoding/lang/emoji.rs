//! Emoji knowledge: which code points are emoji, which take VS16 (U+FE0F) to show as emoji,
//! how common they are (wordfreq) and what they mean (CLDR annotations in en/vi/ru).
//! Built by `scripts/build-lang-data.py`; see NOTICE.

use std::collections::HashMap;
use std::sync::OnceLock;

static DATA: &str = include_str!("../data/emoji.tsv");

/// What gen knows about one single-code-point emoji.
#[derive(Debug, Clone)]
pub struct EmojiInfo {
    /// Whether the fully-qualified emoji is this code point followed by U+FE0F.
    pub vs16: bool,
    /// Emoji version that introduced it (older emoji are more widely used).
    pub version: f32,
    /// Zipf frequency in English text, if wordfreq has it.
    pub zipf: Option<f32>,
    /// Emoji group (e.g. `objects`), from emojibase.
    pub group: &'static str,
    /// Emoji subgroup (e.g. `writing`), from emojibase.
    pub subgroup: &'static str,
    /// Whether developers use it by convention (gitmoji).
    pub dev: bool,
    /// Keywords: CLDR (en, vi, ru), emojilib, gitmoji descriptions.
    pub keywords: Vec<&'static str>,
    /// English keywords (CLDR name first, then CLDR keywords, emojilib, gitmoji).
    pub keywords_en: Vec<&'static str>,
    /// Vietnamese CLDR name and keywords.
    pub keywords_vi: Vec<&'static str>,
    /// Russian CLDR name and keywords.
    pub keywords_ru: Vec<&'static str>,
}

fn table() -> &'static HashMap<char, EmojiInfo> {
    static T: OnceLock<HashMap<char, EmojiInfo>> = OnceLock::new();
    T.get_or_init(|| {
        let mut m = HashMap::new();
        for line in DATA.lines() {
            let mut f = line.split('\t');
            let (Some(cp), Some(vs), Some(ver), Some(z)) = (f.next(), f.next(), f.next(), f.next()) else {
                continue;
            };
            let Some(c) = u32::from_str_radix(cp, 16).ok().and_then(char::from_u32) else {
                continue;
            };
            let z: u32 = z.parse().unwrap_or(0);
            let group = f.next().unwrap_or("");
            let subgroup = f.next().unwrap_or("");
            let dev = f.next() == Some("1");
            let split = |k: Option<&'static str>| -> Vec<&'static str> {
                k.unwrap_or("").split('|').filter(|k| !k.is_empty()).collect()
            };
            let keywords_en = split(f.next());
            let keywords_vi = split(f.next());
            let keywords_ru = split(f.next());
            let keywords = keywords_en.iter().chain(&keywords_vi).chain(&keywords_ru).copied().collect();
            m.insert(
                c,
                EmojiInfo {
                    vs16: vs == "1",
                    version: ver.parse().unwrap_or(15.0),
                    zipf: (z > 0).then(|| z as f32 / 10.0),
                    group,
                    subgroup,
                    dev,
                    keywords,
                    keywords_en,
                    keywords_vi,
                    keywords_ru,
                },
            );
        }
        m
    })
}

/// Every single-code-point emoji gen knows.
pub fn all() -> &'static HashMap<char, EmojiInfo> {
    table()
}

/// Information about `c` if it is an emoji (alone or with VS16).
pub fn info(c: char) -> Option<&'static EmojiInfo> {
    table().get(&c)
}

/// log10 of the share of developers' conventional emoji (gitmoji) in `group`, smoothed:
/// a domain prior for technical writing.
pub fn dev_group_prior(group: &str) -> f64 {
    static T: OnceLock<(HashMap<&'static str, usize>, usize)> = OnceLock::new();
    let (counts, total) = T.get_or_init(|| {
        let mut m: HashMap<&'static str, usize> = HashMap::new();
        let mut n = 0;
        for i in table().values().filter(|i| i.dev) {
            *m.entry(i.group).or_default() += 1;
            n += 1;
        }
        (m, n)
    });
    let c = *counts.get(group).unwrap_or(&0) as f64;
    ((c + 1.0) / (*total as f64 + 10.0)).log10()
}

/// Whether `c` is an emoji.
pub fn is_emoji(c: char) -> bool {
    table().contains_key(&c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn knows_stars_and_vs16() {
        assert!(!info('⭐').unwrap().vs16);
        assert!(info('☸').unwrap().vs16);
        assert!(info('🎯').unwrap().keywords.contains(&"target"));
        assert!(!is_emoji('a'));
    }
}
