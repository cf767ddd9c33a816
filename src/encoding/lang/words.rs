//! Word statistics for Vietnamese (syllables), Russian and English, from wordfreq (see
//! NOTICE), embedded as `word<TAB>zipf×10` lists built by `scripts/build-lang-data.py`.

use std::collections::HashMap;
use std::sync::OnceLock;

static VI: &str = include_str!("../data/words_vi.tsv");
static RU: &str = include_str!("../data/words_ru.tsv");
static EN: &str = include_str!("../data/words_en.tsv");

/// A language gen has statistics for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    /// Vietnamese (entries are syllables).
    Vi,
    /// Russian.
    Ru,
    /// English.
    En,
}

fn parse(src: &'static str) -> HashMap<&'static str, u8> {
    src.lines()
        .filter_map(|l| {
            let (w, z) = l.split_once('\t')?;
            Some((w, z.parse().ok()?))
        })
        .collect()
}

fn table(lang: Lang) -> &'static HashMap<&'static str, u8> {
    static T: OnceLock<[HashMap<&'static str, u8>; 3]> = OnceLock::new();
    let t = T.get_or_init(|| [parse(VI), parse(RU), parse(EN)]);
    &t[lang as usize]
}

/// Zipf frequency (log10 of occurrences per 10⁹ words) of a lower-case word in `lang`.
pub fn zipf(lang: Lang, word: &str) -> Option<f64> {
    table(lang).get(word).map(|&z| z as f64 / 10.0)
}

/// Highest Zipf frequency of the word (lower-cased) in any of gen's languages.
pub fn zipf_any(word: &str) -> Option<f64> {
    let lower = word.to_lowercase();
    [Lang::Vi, Lang::Ru, Lang::En].iter().filter_map(|&l| zipf(l, &lower)).reduce(f64::max)
}

/// Letters of the alphabets gen knows (Latin, Vietnamese, Russian).
pub fn is_common_letter(c: char) -> bool {
    let c = c.to_lowercase().next().unwrap_or(c);
    c.is_ascii_lowercase()
        || ('а'..='я').contains(&c)
        || c == 'ё'
        || "àáâãèéêìíòóôõùúýăđĩũơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ".contains(c)
        || "äöüßçñïëœæøå".contains(c)
}

/// Bonus for a word that the lexicon knows: real words make a reading plausible.
pub fn word_bonus(w: &str) -> f64 {
    if w.chars().count() < 2 {
        return 0.0;
    }
    match zipf_any(w) {
        Some(z) => 1.0 + z / 3.0,
        None => 0.0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lexicon_knows_common_words() {
        assert!(zipf(Lang::Vi, "học").is_some());
        assert!(zipf(Lang::Ru, "обучения").is_some());
        assert!(zipf(Lang::En, "the").unwrap() > 7.0);
        assert!(zipf(Lang::Vi, "hỏc").is_none());
    }
}
