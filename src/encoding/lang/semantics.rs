//! What an emoji means, matched against the words around a damaged spot.
//!
//! Two kinds of evidence, both general (nothing here knows any particular document):
//!
//! - **Lexical**: the context's words, stemmed (Snowball, English and Russian) or as Vietnamese
//!   syllable pairs, against the emoji's keywords (CLDR annotations in en/vi/ru, emojilib,
//!   gitmoji). English words also match through WordNet: a context word that is a synonym or a
//!   derivationally related form of a keyword counts at 0.7 (`related_en.tsv`). Each match is
//!   weighted by how specific the word is (inverse document frequency over all emoji).
//! - **Distributional**: the cosine between the context's GloVe vector and the emoji's (the
//!   mean of its keyword vectors), which links words WordNet does not ("recognition" and
//!   "award", "token" and "ticket").
//!
//! Data built by `scripts/build-emoji-semantics.py`; sources and licences in NOTICE.

use super::emoji;
use rust_stemmers::{Algorithm, Stemmer};
use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

static RELATED: &str = include_str!("../data/related_en.tsv");
static GLOVE_WORDS: &str = include_str!("../data/glove_en.txt");
static GLOVE: &[u8] = include_bytes!("../data/glove_en.i8");
const DIM: usize = 50;

/// Words too common to say anything about an emoji. Must equal `STOP` in
/// `scripts/build-emoji-semantics.py`.
const STOPWORDS: &[&str] = &[
    "the",
    "and",
    "for",
    "with",
    "from",
    "into",
    "your",
    "you",
    "are",
    "was",
    "were",
    "this",
    "that",
    "these",
    "those",
    "get",
    "give",
    "use",
    "using",
    "via",
    "what",
    "how",
    "why",
    "who",
    "out",
    "about",
    "over",
    "per",
    "its",
    "our",
    "their",
    "his",
    "her",
    "they",
    "them",
    "then",
    "than",
    "also",
    "can",
    "will",
    "just",
    "one",
    "two",
    "three",
    "all",
    "any",
    "some",
    "not",
    "but",
    "has",
    "have",
    "had",
    "more",
    "most",
    "very",
    "etc",
    "used",
    "usually",
    "especially",
    "something",
    "someone",
    "being",
    "make",
    "made",
    "like",
    "such",
    "which",
    "when",
    "where",
    "other",
    "each",
    "only",
    "often",
];

/// English content words of `s`: runs of ASCII letters, lower-cased, at least three long, not
/// stop words.
fn en_tokens(s: &str) -> impl Iterator<Item = String> + '_ {
    s.split(|c: char| !c.is_ascii_alphabetic())
        .filter(|w| w.len() >= 3)
        .map(|w| w.to_ascii_lowercase())
        .filter(|w| !STOPWORDS.contains(&w.as_str()))
}

fn ru_tokens(s: &str) -> impl Iterator<Item = String> + '_ {
    s.split(|c: char| !(('а'..='я').contains(&c) || ('А'..='Я').contains(&c) || c == 'ё' || c == 'Ё'))
        .map(str::to_lowercase)
        .filter(|w| w.chars().count() >= 3)
}

fn vi_bigrams(s: &str) -> Vec<String> {
    let syl: Vec<String> =
        s.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_lowercase).collect();
    syl.windows(2).map(|p| format!("{} {}", p[0], p[1])).collect()
}

struct Data {
    en: Stemmer,
    ru: Stemmer,
    /// English stem → ids of emoji-keyword stems it is related to (WordNet).
    related: HashMap<String, Vec<u32>>,
    /// Interned English keyword stems.
    stem_id: HashMap<String, u32>,
    /// Per emoji: its English keyword stems (sorted ids), Russian stems, Vietnamese bigrams.
    en_kw: HashMap<char, Vec<u32>>,
    ru_kw: HashMap<char, HashSet<String>>,
    vi_kw: HashMap<char, HashSet<String>>,
    /// Inverse document frequency of an English stem (over the expanded keyword sets).
    en_idf: HashMap<String, f64>,
    ru_idf: HashMap<String, f64>,
    vi_idf: HashMap<String, f64>,
    /// GloVe: word → row.
    glove: HashMap<&'static str, usize>,
    /// Unit GloVe vector of each emoji's keywords.
    emoji_vec: HashMap<char, [f32; DIM]>,
}

fn idf(n_emoji: usize, df: usize) -> f64 {
    let n = n_emoji.max(2) as f64;
    (n / (1.0 + df as f64)).ln() / n.ln()
}

/// How specific a word is by its GloVe rank (frequent words say less).
fn rank_weight(row: usize) -> f64 {
    ((row as f64 + 10.0).log10() / 5.0).min(1.0)
}

fn row(i: usize) -> Option<[f32; DIM]> {
    let b = GLOVE.get(i * DIM..(i + 1) * DIM)?;
    let mut v = [0f32; DIM];
    for (x, &y) in v.iter_mut().zip(b) {
        *x = y as i8 as f32;
    }
    Some(v)
}

fn add_scaled(acc: &mut [f64; DIM], v: &[f32; DIM], w: f64) {
    let n = v.iter().map(|x| (*x as f64) * (*x as f64)).sum::<f64>().sqrt();
    if n == 0.0 {
        return;
    }
    for (a, x) in acc.iter_mut().zip(v) {
        *a += w * (*x as f64) / n;
    }
}

fn unit(acc: &[f64; DIM]) -> Option<[f32; DIM]> {
    let n = acc.iter().map(|x| x * x).sum::<f64>().sqrt();
    if n == 0.0 {
        return None;
    }
    let mut v = [0f32; DIM];
    for (x, a) in v.iter_mut().zip(acc) {
        *x = (a / n) as f32;
    }
    Some(v)
}

fn data() -> &'static Data {
    static D: OnceLock<Data> = OnceLock::new();
    D.get_or_init(|| {
        let en = Stemmer::create(Algorithm::English);
        let ru = Stemmer::create(Algorithm::Russian);
        let all = emoji::all();
        let mut stem_id: HashMap<String, u32> = HashMap::new();
        let mut intern = |s: String| {
            let n = stem_id.len() as u32;
            *stem_id.entry(s).or_insert(n)
        };
        let mut en_kw: HashMap<char, Vec<u32>> = HashMap::new();
        let mut ru_kw: HashMap<char, HashSet<String>> = HashMap::new();
        let mut vi_kw: HashMap<char, HashSet<String>> = HashMap::new();
        for (&c, info) in all {
            let mut ids: Vec<u32> = Vec::new();
            for k in &info.keywords_en {
                for t in en_tokens(k) {
                    ids.push(intern(en.stem(&t).into_owned()));
                }
            }
            ids.sort_unstable();
            ids.dedup();
            en_kw.insert(c, ids);
            let r: HashSet<String> = info
                .keywords_ru
                .iter()
                .flat_map(|k| ru_tokens(k).map(|t| ru.stem(&t).into_owned()).collect::<Vec<_>>())
                .collect();
            ru_kw.insert(c, r);
            let v: HashSet<String> = info.keywords_vi.iter().flat_map(|k| vi_bigrams(k)).collect();
            vi_kw.insert(c, v);
        }
        let mut related: HashMap<String, Vec<u32>> = HashMap::new();
        for line in RELATED.lines() {
            let Some((w, kws)) = line.split_once('\t') else {
                continue;
            };
            let ids: Vec<u32> = kws.split('|').filter_map(|k| stem_id.get(en.stem(k).as_ref()).copied()).collect();
            if ids.is_empty() {
                continue;
            }
            let e = related.entry(en.stem(w).into_owned()).or_default();
            e.extend(ids);
        }
        for v in related.values_mut() {
            v.sort_unstable();
            v.dedup();
        }
        // Document frequencies: an emoji "contains" a stem when one of its keyword stems is the
        // stem or is related to it.
        let mut by_kw: HashMap<u32, Vec<char>> = HashMap::new();
        for (&c, ids) in &en_kw {
            for &i in ids {
                by_kw.entry(i).or_default().push(c);
            }
        }
        let n = all.len();
        let mut en_idf: HashMap<String, f64> = HashMap::new();
        let stems: Vec<String> = stem_id.keys().chain(related.keys()).cloned().collect();
        for s in stems {
            if en_idf.contains_key(&s) {
                continue;
            }
            let mut set: HashSet<char> = HashSet::new();
            if let Some(&i) = stem_id.get(&s) {
                set.extend(by_kw.get(&i).into_iter().flatten());
            }
            for i in related.get(&s).into_iter().flatten() {
                set.extend(by_kw.get(i).into_iter().flatten());
            }
            en_idf.insert(s, idf(n, set.len()));
        }
        let mut ru_df: HashMap<String, usize> = HashMap::new();
        for s in ru_kw.values().flatten() {
            *ru_df.entry(s.clone()).or_default() += 1;
        }
        let mut vi_df: HashMap<String, usize> = HashMap::new();
        for s in vi_kw.values().flatten() {
            *vi_df.entry(s.clone()).or_default() += 1;
        }
        let ru_idf = ru_df.into_iter().map(|(k, d)| (k, idf(n, d))).collect();
        let vi_idf = vi_df.into_iter().map(|(k, d)| (k, idf(n, d))).collect();

        let glove: HashMap<&'static str, usize> = GLOVE_WORDS
            .lines()
            .enumerate()
            .filter(|(i, _)| (i + 1) * DIM <= GLOVE.len())
            .map(|(i, w)| (w, i))
            .collect();
        let mut emoji_vec = HashMap::new();
        for (&c, info) in all {
            let mut weights: HashMap<String, f64> = HashMap::new();
            for (j, k) in info.keywords_en.iter().enumerate() {
                let base = if j == 0 { 1.0 } else { 0.6 };
                for t in en_tokens(k) {
                    if let Some(&r) = glove.get(t.as_str()) {
                        let w = base * rank_weight(r);
                        let e = weights.entry(t).or_insert(0.0);
                        if *e < w {
                            *e = w;
                        }
                    }
                }
            }
            let mut acc = [0f64; DIM];
            for (t, w) in &weights {
                if let Some(v) = glove.get(t.as_str()).and_then(|&r| row(r)) {
                    add_scaled(&mut acc, &v, *w);
                }
            }
            if let Some(v) = unit(&acc) {
                emoji_vec.insert(c, v);
            }
        }
        Data { en, ru, related, stem_id, en_kw, ru_kw, vi_kw, en_idf, ru_idf, vi_idf, glove, emoji_vec }
    })
}

/// The words around a damaged spot, prepared for matching against emoji.
#[derive(Debug, Clone, Default)]
pub struct Context {
    en: Vec<String>,
    ru: Vec<String>,
    vi: Vec<String>,
    vec: Option<[f32; DIM]>,
}

impl Context {
    /// Prepare `text` (usually one line) as context.
    pub fn new(text: &str) -> Context {
        let d = data();
        let mut en: Vec<String> = en_tokens(text).map(|t| d.en.stem(&t).into_owned()).collect();
        en.sort();
        en.dedup();
        let mut ru: Vec<String> = ru_tokens(text).map(|t| d.ru.stem(&t).into_owned()).collect();
        ru.sort();
        ru.dedup();
        let mut vi = vi_bigrams(text);
        vi.sort();
        vi.dedup();
        let mut acc = [0f64; DIM];
        for t in en_tokens(text) {
            if let Some(&r) = d.glove.get(t.as_str()) {
                if let Some(v) = row(r) {
                    add_scaled(&mut acc, &v, rank_weight(r));
                }
            }
        }
        Context { en, ru, vi, vec: unit(&acc) }
    }
}

/// Lexical evidence that emoji `c` fits `ctx`: the sum, over the context's words that match
/// one of the emoji's keywords (exactly by stem: 1.0; through WordNet: 0.7), of the word's
/// specificity (0..1).
pub fn evidence(c: char, ctx: &Context) -> f64 {
    let d = data();
    let mut e = 0.0;
    if let Some(kw) = d.en_kw.get(&c) {
        for s in &ctx.en {
            let Some(&idf) = d.en_idf.get(s) else {
                continue;
            };
            let direct = d.stem_id.get(s).is_some_and(|i| kw.binary_search(i).is_ok());
            let w = if direct {
                1.0
            } else if d.related.get(s).is_some_and(|r| r.iter().any(|i| kw.binary_search(i).is_ok())) {
                0.7
            } else {
                continue;
            };
            e += w * idf;
        }
    }
    if let Some(kw) = d.ru_kw.get(&c) {
        for s in ctx.ru.iter().filter(|s| kw.contains(*s)) {
            e += d.ru_idf.get(s).copied().unwrap_or(0.0);
        }
    }
    if let Some(kw) = d.vi_kw.get(&c) {
        for s in ctx.vi.iter().filter(|s| kw.contains(*s)) {
            e += d.vi_idf.get(s).copied().unwrap_or(0.0);
        }
    }
    e
}

/// Distributional similarity (cosine of GloVe vectors, −1..1) between emoji `c` and the
/// English words of `ctx`; 0 when either has no vector.
pub fn similarity(c: char, ctx: &Context) -> f64 {
    let (Some(a), Some(b)) = (data().emoji_vec.get(&c), ctx.vec.as_ref()) else {
        return 0.0;
    };
    a.iter().zip(b).map(|(x, y)| (*x as f64) * (*y as f64)).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keywords_and_wordnet_match() {
        let ctx = Context::new("Add service discovery");
        // "discovery" is related to "find", a keyword of the magnifying glass.
        assert!(evidence('🔍', &ctx) > evidence('🔐', &ctx));
        let ctx = Context::new("Навигация между экранами");
        assert!(evidence('🧭', &ctx) > 0.0);
    }

    #[test]
    fn vectors_link_related_words() {
        let ctx = Context::new("Recognition as technical expert");
        assert!(similarity('🏆', &ctx) > similarity('🍆', &ctx));
        assert_eq!(similarity('🏆', &Context::new("")), 0.0);
    }
}
