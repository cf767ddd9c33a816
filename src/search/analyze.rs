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
///
/// Cutting is written by hand over the bytes, with a table for the letters of these languages,
/// because it runs over every word of the site: with `str::split` and a second pass for capitals
/// it was a tenth of a build's instructions. The NFC check is made in the same pass; the words
/// are only handed to `f` once it has passed, since a text that fails it is cut the other way.
pub fn for_each_word(text: &str, mut f: impl FnMut(&str)) {
    thread_local! {
        /// The words' byte ranges, and whether each needs lowercasing, reused from call to call.
        static WORDS: std::cell::RefCell<Vec<(u32, u32, bool)>> = const { std::cell::RefCell::new(Vec::new()) };
    }
    let keep = |w: &str| {
        let mut chars = w.chars();
        match (chars.next(), chars.next()) {
            (None, _) => false,
            (Some(c), None) => c.is_numeric(),
            _ => true,
        }
    };
    let fast = u32::try_from(text.len()).is_ok()
        && WORDS.with(|words| {
            let mut words = words.borrow_mut();
            words.clear();
            if !cut(text, &mut words) {
                return false;
            }
            let mut lower = String::new();
            for &(start, end, upper) in words.iter() {
                let w = &text[start as usize..end as usize];
                if upper {
                    lower.clear();
                    let yo = |c: char| if c == 'ё' { 'е' } else { c };
                    for c in w.chars() {
                        if c.is_ascii() {
                            lower.push(c.to_ascii_lowercase());
                        } else if let Some(l) = crate::text::lower_one(c) {
                            lower.push(yo(l));
                        } else {
                            lower.extend(c.to_lowercase().map(yo));
                        }
                    }
                    if keep(&lower) {
                        f(&lower);
                    }
                } else if keep(w) {
                    f(w);
                }
            }
            true
        });
    if !fast {
        let t = text.nfc().collect::<String>().to_lowercase().replace('ё', "е");
        t.split(|c: char| !is_word_char(c)).filter(|w| keep(w)).for_each(f);
    }
}

/// Per character, for [`cut`]: a word character, one that lowercasing changes (or `ё`), a
/// starter that is always NFC, and `Σ` (whose lowercase depends on its neighbours).
const WORD: u8 = 1;
const UPPER: u8 = 2;
const NFC: u8 = 4;
const SIGMA: u8 = 8;

/// The [`WORD`]… flags of `c`, from the rules themselves.
fn classify(c: char) -> u8 {
    let mut k = 0;
    if is_word_char(c) {
        k |= WORD;
    }
    if c.is_uppercase() || c == 'ё' || c == 'Ё' || c.to_lowercase().ne(std::iter::once(c)) {
        k |= UPPER;
    }
    if c.is_ascii() || crate::encoding::nfc::is_simple_starter(c) {
        k |= NFC;
    }
    if c == 'Σ' {
        k |= SIGMA;
    }
    k
}

/// The flags of U+0000–U+07FF (ASCII, Latin, Cyrillic, Greek) and U+1E00–U+1EFF (Vietnamese).
fn classes() -> &'static [u8; 0x900] {
    static T: OnceLock<[u8; 0x900]> = OnceLock::new();
    T.get_or_init(|| {
        let mut t = [0u8; 0x900];
        for (i, k) in t.iter_mut().enumerate() {
            let u = if i < 0x800 { i as u32 } else { 0x1E00 + (i as u32 - 0x800) };
            *k = char::from_u32(u).map_or(0, classify);
        }
        t
    })
}

/// Appends the byte ranges of the words of `text` (runs of word characters) to `out`, each with
/// whether it needs lowercasing; false, with `out` unfinished, when `text` is not certainly NFC
/// or holds `Σ`.
fn cut(text: &str, out: &mut Vec<(u32, u32, bool)>) -> bool {
    let table = classes();
    let bytes = text.as_bytes();
    let mut nfc = crate::encoding::nfc::Checker::new();
    let mut start: Option<usize> = None;
    let mut upper = false;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b < 0x80 {
            // ASCII is always NFC (a starter) and never `Σ`: a run of ASCII letters and digits
            // is taken whole, with one lookup per byte (half the characters of the site's text
            // are ASCII, and they cost a decoding and four tests each).
            nfc.starter();
            let k = table[usize::from(b)];
            i += 1;
            if k & WORD == 0 {
                if let Some(s) = start.take() {
                    out.push((s as u32, (i - 1) as u32, upper));
                }
                continue;
            }
            if start.is_none() {
                start = Some(i - 1);
                upper = false;
            }
            upper |= k & UPPER != 0;
            while let Some(&c) = bytes.get(i).filter(|&&c| c < 0x80) {
                let k = table[usize::from(c)];
                if k & WORD == 0 {
                    break;
                }
                upper |= k & UPPER != 0;
                i += 1;
            }
            continue;
        }
        // `text` is valid UTF-8 and `i` is at the start of a character.
        let (c, len) = crate::text::decode_multibyte(bytes, i);
        let k = match c {
            0..0x800 => table[c as usize],
            0x1E00..0x1F00 => table[(c - 0x1E00 + 0x800) as usize],
            _ => char::from_u32(c).map_or(0, classify),
        };
        if k & NFC != 0 {
            nfc.starter();
        } else if !nfc.char(char::from_u32(c).unwrap_or('\0')) {
            return false;
        }
        if k & SIGMA != 0 {
            return false;
        }
        if k & WORD != 0 {
            if start.is_none() {
                start = Some(i);
                upper = false;
            }
            upper |= k & UPPER != 0;
        } else if let Some(s) = start.take() {
            out.push((s as u32, i as u32, upper));
        }
        i += len;
    }
    if let Some(s) = start {
        out.push((s as u32, bytes.len() as u32, upper));
    }
    nfc.result == crate::encoding::nfc::IsNormalized::Yes
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

    proptest::proptest! {
        #[test]
        fn cutting_by_hand_gives_the_words_of_the_whole_text_rule_in_any_script(
            text in "(\\PC|[ .,İΣσЁё\u{0300}-\u{036F}\u{1E00}-\u{1EFF}\u{0400}-\u{04FF}]){0,40}"
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
