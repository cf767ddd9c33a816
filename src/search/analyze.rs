//! Text → index terms. The same rules run in the browser (`themes/default/static/gen.js`,
//! functions `words` and `fold`), so a query is cut and folded exactly as the text was; a test
//! runs both over the same words.
//!
//! - Words are runs of letters, digits and combining marks, lowercased, NFC; `ё` is `е`.
//!   One-letter words are dropped unless they are digits.
//! - A word's *variant* is that form: the exact spelling, tones included.
//! - Its *key* groups variants: Latin letters lose their diacritics (`học` → `hoc`,
//!   `đường` → `duong`); Cyrillic words are stemmed with Snowball Russian (`курсы` → `курс`); Latin
//!   words are stemmed with Snowball English except in Vietnamese, where syllables are not
//!   inflected. The browser has no stemmer: it finds a query word's key through the variants the
//!   text contains, and an inflection the text lacks through the longest key it starts with.

use std::sync::OnceLock;

use rust_stemmers::{Algorithm, Stemmer};
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::{decompose_canonical, is_combining_mark};

/// How one language's text becomes keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Analyzer {
    /// Fold diacritics of Latin words, stem nothing but Cyrillic (Vietnamese).
    Vietnamese,
    /// Fold and stem Latin words with Snowball English, Cyrillic with Snowball Russian.
    Stemmed,
}

impl Analyzer {
    /// The analyzer for a language code.
    pub fn for_lang(lang: &str) -> Analyzer {
        if lang == "vi" { Analyzer::Vietnamese } else { Analyzer::Stemmed }
    }

    /// The key of a variant (a word as [`words`] returns it).
    pub fn key(self, variant: &str) -> String {
        let folded = fold(variant);
        if folded.chars().any(is_cyrillic) {
            return russian().stem(&folded).into_owned();
        }
        match self {
            Analyzer::Vietnamese => folded,
            Analyzer::Stemmed if folded.chars().any(|c| c.is_ascii_alphabetic()) => {
                english().stem(&folded).into_owned()
            }
            Analyzer::Stemmed => folded,
        }
    }
}

fn russian() -> &'static Stemmer {
    static S: OnceLock<Stemmer> = OnceLock::new();
    S.get_or_init(|| Stemmer::create(Algorithm::Russian))
}

fn english() -> &'static Stemmer {
    static S: OnceLock<Stemmer> = OnceLock::new();
    S.get_or_init(|| Stemmer::create(Algorithm::English))
}

fn is_cyrillic(c: char) -> bool {
    matches!(c, '\u{0400}'..='\u{04FF}' | '\u{0500}'..='\u{052F}')
}

fn is_latin(c: char) -> bool {
    matches!(c, '\u{00C0}'..='\u{024F}' | '\u{1E00}'..='\u{1EFF}')
}

/// Letters, digits and combining marks. The ranges first are letters all through (ASCII,
/// Latin-1, Latin Extended-A/B, Cyrillic, Vietnamese): nearly every character the index cuts,
/// which the general rule would look up in Unicode tables one by one (a third of the index
/// build). A test checks every character against the general rule.
fn is_word_char(c: char) -> bool {
    match c {
        '\0'..='\u{7F}' => c.is_ascii_alphanumeric(),
        '\u{C0}'..='\u{D6}'
        | '\u{D8}'..='\u{F6}'
        | '\u{F8}'..='\u{24F}'
        | '\u{400}'..='\u{481}'
        | '\u{48A}'..='\u{52F}'
        | '\u{1E00}'..='\u{1EFF}' => true,
        _ => c.is_alphabetic() || c.is_numeric() || is_combining_mark(c),
    }
}

/// The words of a text, as variants: lowercase, NFC, `ё` → `е`, one-letter non-digits dropped.
pub fn words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for_each_word(text, |w| out.push(w.to_owned()));
    out
}

/// Calls `f` with each word of `text` as [`words`] gives them, lent rather than allocated: the
/// search index cuts every section of the site, and nearly all its words were seen before.
/// Text that is already NFC (nearly all of it: sources are NFC after the encoding stage) is cut
/// first and only words with capitals or `ё` are lowercased, into one reused buffer; other
/// text is normalised and lowercased whole first, as before. The two agree: lowercasing keeps
/// word characters word characters, and the one context-dependent rule of `to_lowercase`
/// (Greek final sigma) sends its text the whole-text way.
pub fn for_each_word(text: &str, mut f: impl FnMut(&str)) {
    let keep = |w: &str| {
        let mut chars = w.chars();
        match (chars.next(), chars.next()) {
            (None, _) => false,
            (Some(c), None) => c.is_numeric(),
            _ => true,
        }
    };
    // The encoding stage's quick check: the library's answer, with the letters of these
    // languages answered from a table.
    let nfc = crate::encoding::nfc::is_nfc_quick(text) == crate::encoding::nfc::IsNormalized::Yes;
    if !nfc || text.contains('Σ') {
        let t = text.nfc().collect::<String>().to_lowercase().replace('ё', "е");
        t.split(|c: char| !is_word_char(c)).filter(|w| keep(w)).for_each(f);
        return;
    }
    let mut lower = String::new();
    for w in text.split(|c: char| !is_word_char(c)) {
        if w.chars().any(|c| c.is_uppercase() || c == 'ё' || c == 'Ё') {
            lower.clear();
            for c in w.chars().flat_map(char::to_lowercase) {
                lower.push(if c == 'ё' { 'е' } else { c });
            }
            if keep(&lower) {
                f(&lower);
            }
        } else if keep(w) {
            f(w);
        }
    }
}

/// Removes diacritics from Latin letters (`đ` → `d`); leaves other scripts alone, so `й` stays.
pub fn fold(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    for c in word.chars() {
        match c {
            'đ' => out.push('d'),
            'Đ' => out.push('D'),
            'ё' => out.push('е'),
            c if is_latin(c) => decompose_canonical(c, |d| {
                if !is_combining_mark(d) {
                    out.push(d)
                }
            }),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The rule as first written: normalise and lowercase the whole text, then cut.
    fn words_whole_text(text: &str) -> Vec<String> {
        let text: String = text.nfc().collect::<String>().to_lowercase();
        text.split(|c: char| !is_word_char(c))
            .filter(|w| !w.is_empty())
            .filter(|w| w.chars().count() > 1 || w.chars().all(|c| c.is_numeric()))
            .map(|w| w.replace('ё', "е"))
            .collect()
    }

    proptest::proptest! {
        #[test]
        fn cutting_first_gives_the_words_of_the_whole_text_rule(
            text in "[a-zA-Z0-9 ,.İIÀàĐđọỌờẠЁёЖжКк\u{0301}\u{0323}ΣσΑ'-]{0,40}"
        ) {
            proptest::prop_assert_eq!(words(&text), words_whole_text(&text));
        }
    }

    #[test]
    fn fast_ranges_agree_with_the_unicode_rules() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let general = c.is_alphabetic() || c.is_numeric() || is_combining_mark(c);
            assert_eq!(is_word_char(c), general, "{c:?} U+{:04X}", c as u32);
        }
    }

    #[test]
    fn words_are_lowercase_nfc_and_drop_single_letters() {
        // "học" written with a combining dot below composes to U+1ECD.
        assert_eq!(words("Ho\u{0323}c Đường, a B 7 C#"), ["học", "đường", "7"]);
        assert_eq!(words("Ёлка и ЁЖ"), ["елка", "еж"]);
        assert_eq!(words("Node.js/NestJS — микросервисы"), ["node", "js", "nestjs", "микросервисы"]);
    }

    #[test]
    fn vietnamese_keys_ignore_tones() {
        let a = Analyzer::Vietnamese;
        assert_eq!(a.key("học"), "hoc");
        assert_eq!(a.key("hóc"), "hoc");
        assert_eq!(a.key("đường"), "duong");
        assert_eq!(a.key("người"), "nguoi");
        assert_eq!(a.key("microservices"), "microservices", "Vietnamese does not stem");
    }

    #[test]
    fn russian_keys_are_stems_and_yo_is_ye() {
        let a = Analyzer::Stemmed;
        assert_eq!(a.key("курсы"), a.key("курсов"));
        assert_eq!(a.key("курсы"), "курс");
        assert_eq!(a.key(&words("Ёмкость")[0]), a.key("емкость"));
        assert_eq!(a.key("базы"), a.key("базами"));
        // й is a letter of its own, not и with a mark.
        assert_eq!(fold("мой"), "мой");
    }

    #[test]
    fn english_keys_are_stems() {
        let a = Analyzer::Stemmed;
        assert_eq!(a.key("services"), a.key("service"));
        assert_eq!(a.key("testing"), "test");
        assert_eq!(a.key("databases"), a.key("database"));
        assert_eq!(a.key("café"), a.key("cafe"));
    }

    #[test]
    fn stems_are_prefixes_of_the_words_the_browser_sees() {
        // The browser matches an unseen inflection through the longest key it starts with.
        for w in ["курсами", "архитектурами", "микросервисов", "deployments", "containers"]
        {
            let k = Analyzer::Stemmed.key(w);
            assert!(w.starts_with(&k), "{w} → {k}");
            assert!(w.chars().count() - k.chars().count() <= 5, "{w} → {k}");
        }
    }
}
