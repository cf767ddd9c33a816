//! UI strings through Fluent: `i18n/<lang>.ftl` of the theme, overridden message by message by the
//! site's own `i18n/<lang>.ftl`. A missing message falls back along the language's chain
//! (`[i18n] fallback` in site.toml, then the default language, then English) with a warning that
//! names the key; it never fails the build and never renders an empty string.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::Path;
use std::sync::{Arc, Mutex, RwLock};

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use rustc_hash::FxHashMap;
use unic_langid::LanguageIdentifier;

use crate::diagnostic::Diagnostic;

/// Loaded UI strings for every language of the site.
pub struct I18n {
    bundles: HashMap<String, FluentBundle<FluentResource>>,
    chains: HashMap<String, Vec<String>>,
    missing: Mutex<BTreeSet<(String, String)>>,
    /// Argument-less messages already formatted, per language then key: a page asks for the same
    /// few dozen labels (navigation, unit kinds, language names) thousands of times per build.
    /// FxHash rather than SipHash: the keys are the theme's and site's message ids, looked up
    /// hundreds of thousands of times a build.
    plain: RwLock<FxHashMap<String, FxHashMap<String, Arc<str>>>>,
    /// Messages with small arguments already formatted, per language then [`memo_key`]: every
    /// week heading asks for "weeks 9–10", every phase for "Months 1–3", on every page that shows
    /// them, and Fluent formatted each anew (2.6 % of a build of 1,000 roadmaps).
    with_args: RwLock<FxHashMap<String, FxHashMap<String, Arc<str>>>>,
    /// Languages with at least one `.ftl` file (theme's or site's).
    with_files: BTreeSet<String>,
}

impl std::fmt::Debug for I18n {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("I18n").field("languages", &self.bundles.keys().collect::<Vec<_>>()).finish()
    }
}

/// How many messages with arguments [`I18n::msg`] keeps formatted, per language.
const MEMO_MAX: usize = 4096;

/// The key of a message with arguments in the memo: the message key and each argument's name and
/// value; `None` (not memoised) for long ones and for values other than plain strings and
/// numbers with default options.
fn memo_key(key: &str, args: &[(&str, FluentValue<'_>)]) -> Option<String> {
    use std::fmt::Write;
    let mut k = String::with_capacity(key.len() + 24);
    k.push_str(key);
    for (name, value) in args {
        k.push('\u{1f}');
        k.push_str(name);
        match value {
            // The separators are control characters, so a value holding one is not memoised.
            FluentValue::String(s) if !s.contains(['\u{1d}', '\u{1e}', '\u{1f}']) => {
                k.push('\u{1e}');
                k.push_str(s);
            }
            FluentValue::Number(n) if n.options == Default::default() => {
                k.push('\u{1d}');
                // Counts, the usual argument, as integers (`{:?}` of a float is a tenth of a
                // microsecond, and this runs for nearly every formatted message of a build);
                // others by `{:?}`, which keeps every bit of the value and always writes a `.`,
                // an `e`, `NaN` or `inf`, so the two never give the same key.
                let v = n.value;
                if v.fract() == 0.0 && v.abs() < 9_007_199_254_740_992.0 {
                    k.push_str(itoa::Buffer::new().format(v as i64));
                } else {
                    let _ = write!(k, "{v:?}");
                }
            }
            _ => return None,
        }
        if k.len() > 128 {
            return None;
        }
    }
    Some(k)
}

/// One `.ftl` source: (language, path for messages, text).
pub type FtlSource<'a> = (&'a str, &'a Path, &'a str);

impl I18n {
    /// Builds bundles from theme and site `.ftl` files (site last, so it overrides).
    pub fn load(
        languages: &[String],
        default_language: &str,
        fallback: &BTreeMap<String, Vec<String>>,
        sources: &[FtlSource<'_>],
    ) -> (I18n, Vec<Diagnostic>) {
        let mut diags = Vec::new();
        let mut bundles = HashMap::new();
        let mut all_langs: Vec<String> = languages.to_vec();
        for (lang, _, _) in sources {
            if !all_langs.iter().any(|l| l == lang) {
                all_langs.push((*lang).to_owned());
            }
        }
        for lang in &all_langs {
            let id: LanguageIdentifier = lang.parse().unwrap_or_default();
            let mut bundle = FluentBundle::new_concurrent(vec![id]);
            // Isolation marks (U+2068/U+2069) are for bidi mixing; our HTML sets `dir`/`lang`.
            bundle.set_use_isolating(false);
            // NUMBER() for translators (fluent-bundle has no DATETIME() yet; no date is shown).
            let _ = bundle.add_builtins();
            if let Some(style) = number_style(lang) {
                bundle.set_formatter(Some(NUMBER_FORMATTERS[style]));
            }
            for (l, path, text) in sources.iter().filter(|(l, _, _)| l == lang) {
                let _ = l;
                let res = match FluentResource::try_new((*text).to_owned()) {
                    Ok(r) => r,
                    Err((r, errs)) => {
                        for e in errs {
                            let (start, _) = (e.pos.start, e.pos.end);
                            diags.push(
                                Diagnostic::error(*path, format!("Fluent syntax error: {}", e.kind))
                                    .at_offset(text, start),
                            );
                        }
                        r
                    }
                };
                bundle.add_resource_overriding(res);
            }
            bundles.insert(lang.clone(), bundle);
        }
        let mut chains = HashMap::new();
        for lang in &all_langs {
            let mut chain = vec![lang.clone()];
            for l in fallback.get(lang).into_iter().flatten() {
                if !chain.contains(l) {
                    chain.push(l.clone());
                }
            }
            for l in [default_language, "en"] {
                if !chain.iter().any(|c| c == l) {
                    chain.push(l.to_owned());
                }
            }
            chains.insert(lang.clone(), chain);
        }
        let with_files = sources.iter().map(|(l, _, _)| (*l).to_owned()).collect();
        (
            I18n {
                bundles,
                chains,
                missing: Mutex::new(BTreeSet::new()),
                plain: RwLock::default(),
                with_args: RwLock::default(),
                with_files,
            },
            diags,
        )
    }

    /// The message `key` in `lang` with arguments; falls back along the chain; as a last resort
    /// returns the key itself (and records a warning).
    pub fn msg(&self, lang: &str, key: &str, args: &[(&str, FluentValue<'_>)]) -> String {
        if args.is_empty() {
            return self.label(lang, key).to_string();
        }
        let Some(memo) = memo_key(key, args) else {
            return self.format(lang, key, args);
        };
        let read = self.with_args.read().unwrap_or_else(|e| e.into_inner());
        if let Some(v) = read.get(lang).and_then(|m| m.get(&memo)) {
            return v.to_string();
        }
        drop(read);
        let value = self.format(lang, key, args);
        let mut write = self.with_args.write().unwrap_or_else(|e| e.into_inner());
        let memos = write.entry(lang.to_owned()).or_default();
        // Bounded: arguments such as author lists could otherwise grow it without end.
        if memos.len() < MEMO_MAX {
            memos.insert(memo, value.as_str().into());
        }
        value
    }

    /// An argument-less message, formatted once per build and shared afterwards (a missing one
    /// is still reported once, by the first call).
    pub fn label(&self, lang: &str, key: &str) -> Arc<str> {
        let read = self.plain.read().unwrap_or_else(|e| e.into_inner());
        if let Some(v) = read.get(lang).and_then(|m| m.get(key)) {
            return Arc::clone(v);
        }
        drop(read);
        let value: Arc<str> = self.format(lang, key, &[]).into();
        let mut write = self.plain.write().unwrap_or_else(|e| e.into_inner());
        write.entry(lang.to_owned()).or_default().insert(key.to_owned(), Arc::clone(&value));
        value
    }

    fn format(&self, lang: &str, key: &str, args: &[(&str, FluentValue<'_>)]) -> String {
        let fargs = if args.is_empty() {
            None
        } else {
            let mut a = FluentArgs::new();
            for (k, v) in args {
                a.set(*k, v.clone());
            }
            Some(a)
        };
        let default_chain;
        let chain = match self.chains.get(lang) {
            Some(c) => c,
            None => {
                default_chain = vec![lang.to_owned(), "en".to_owned()];
                &default_chain
            }
        };
        for (i, l) in chain.iter().enumerate() {
            let Some(bundle) = self.bundles.get(l) else {
                continue;
            };
            let Some(pattern) = bundle.get_message(key).and_then(|m| m.value()) else {
                continue;
            };
            let mut errors = Vec::new();
            let value = bundle.format_pattern(pattern, fargs.as_ref(), &mut errors);
            if i > 0 {
                self.note_missing(lang, key);
            }
            if !value.trim().is_empty() {
                return value.into_owned();
            }
        }
        self.note_missing(lang, key);
        key.to_owned()
    }

    fn note_missing(&self, lang: &str, key: &str) {
        if let Ok(mut m) = self.missing.lock() {
            m.insert((lang.to_owned(), key.to_owned()));
        }
    }

    /// Warnings for every message that had to fall back, one per (language, key).
    pub fn missing_warnings(&self) -> Vec<Diagnostic> {
        let m = self.missing.lock().map(|m| m.clone()).unwrap_or_default();
        let mut out = Vec::new();
        // A language without any `.ftl` file gets one warning, not one per message.
        let mut without_files: BTreeMap<String, usize> = BTreeMap::new();
        for (lang, key) in m {
            if !self.with_files.contains(&lang) {
                *without_files.entry(lang).or_default() += 1;
                continue;
            }
            out.push(
                Diagnostic::warning(
                    format!("i18n/{lang}.ftl"),
                    format!("message `{key}` is missing; used a fallback language"),
                )
                .with_help(format!("add `{key} = …` to i18n/{lang}.ftl")),
            );
        }
        for (lang, n) in without_files {
            let chain = self.chains.get(&lang).map(|c| c[1..].join(" → ")).unwrap_or_default();
            out.push(
                Diagnostic::warning(
                    format!("i18n/{lang}.ftl"),
                    format!("there are no interface strings for `{lang}`; {n} message(s) came from {chain}"),
                )
                .with_help(format!("copy i18n/en.ftl to i18n/{lang}.ftl and translate it")),
            );
        }
        out
    }

    /// Whether `lang` has the message itself (no fallback).
    pub fn has(&self, lang: &str, key: &str) -> bool {
        self.bundles.get(lang).is_some_and(|b| b.has_message(key))
    }
}

/// Decimal separator and grouping separator of a language's numbers (CLDR, Latin digits; every
/// language listed groups from four digits on). fluent-bundle prints numbers the same in every
/// language; the ICU crates that know all locales are far heavier than these few rules, so they
/// are written here by hand. Languages not listed keep Fluent's plain output.
const NUMBER_STYLES: [(char, &str); 4] = [('.', ","), (',', "\u{a0}"), (',', "."), (',', "\u{202f}")];

fn number_style(lang: &str) -> Option<usize> {
    let primary = lang.split('-').next().unwrap_or(lang);
    Some(match primary {
        "en" | "zh" | "ja" | "ko" | "th" | "he" | "hi" => 0,
        "ru" | "uk" | "be" | "bg" | "cs" | "sk" | "fi" | "sv" | "nb" | "no" | "hu" | "lt" | "lv" | "et" => 1,
        "vi" | "de" | "id" | "nl" | "da" | "tr" | "it" | "el" | "hr" | "sl" | "sr" | "ro" | "pt" => 2,
        "fr" => 3,
        _ => return None,
    })
}

type NumberFormatter = fn(&FluentValue<'_>, &intl_memoizer::concurrent::IntlLangMemoizer) -> Option<String>;
const NUMBER_FORMATTERS: [NumberFormatter; 4] =
    [format_number::<0>, format_number::<1>, format_number::<2>, format_number::<3>];

fn format_number<const STYLE: usize>(
    value: &FluentValue<'_>,
    _: &intl_memoizer::concurrent::IntlLangMemoizer,
) -> Option<String> {
    let FluentValue::Number(n) = value else {
        return None;
    };
    Some(localize_number(&n.as_string(), NUMBER_STYLES[STYLE]))
}

/// `-1234567.5` → `-1,234,567.5` (or `-1 234 567,5`, …) for the given separators.
fn localize_number(plain: &str, (decimal, group): (char, &str)) -> String {
    let (sign, digits) = plain.strip_prefix('-').map_or(("", plain), |d| ("-", d));
    let (int, frac) = digits.split_once('.').unwrap_or((digits, ""));
    if !int.bytes().all(|b| b.is_ascii_digit()) {
        return plain.to_owned(); // NaN, inf
    }
    let mut out = String::from(sign);
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 && int.len() >= 4 {
            out.push_str(group);
        }
        out.push(c);
    }
    if !frac.is_empty() {
        out.push(decimal);
        out.push_str(frac);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(sources: &[FtlSource<'_>]) -> I18n {
        let langs = vec!["vi".to_owned(), "ru".to_owned(), "en".to_owned()];
        let (i, d) = I18n::load(&langs, "en", &BTreeMap::new(), sources);
        assert!(d.is_empty(), "{d:?}");
        i
    }

    #[test]
    fn memoised_messages_match_freshly_formatted_ones() {
        let ftl = "weeks = { $n ->\n    [one] { $n } неделя\n    [few] { $n } недели\n   *[many] { $n } недель\n}\n\
                   range = { $kind ->\n    [single] неделя { $from }\n   *[range] недели { $from }–{ $to }\n}\n";
        let i = load(&[("ru", Path::new("i18n/ru.ftl"), ftl)]);
        let range = |from: u32, to: u32| {
            let kind = if from == to { "single" } else { "range" };
            [("from", FluentValue::from(from)), ("to", FluentValue::from(to)), ("kind", FluentValue::from(kind))]
        };
        // Twice each, in an order that mixes them: the second answer comes from the memo.
        for _ in 0..2 {
            for n in [1i64, 2, 5, 21, 11, 2] {
                let args = [("n", FluentValue::from(n))];
                assert_eq!(i.msg("ru", "weeks", &args), i.format("ru", "weeks", &args), "{n}");
            }
            assert_eq!(
                i.msg("ru", "weeks", &[("n", FluentValue::from(1.5))]),
                i.format("ru", "weeks", &[("n", FluentValue::from(1.5))])
            );
            assert_eq!(i.msg("ru", "range", &range(3, 3)), "неделя 3");
            assert_eq!(i.msg("ru", "range", &range(3, 4)), "недели 3–4");
            assert_eq!(i.msg("ru", "range", &range(33, 4)), "недели 33–4");
        }
        // Keys cannot run into each other: a value that holds a separator is not memoised.
        assert_eq!(memo_key("k", &[("a", FluentValue::from("b\u{1f}c\u{1e}d"))]), None);
        assert_ne!(
            memo_key("k", &[("a", FluentValue::from("b"))]),
            memo_key("k", &[("a", FluentValue::from("b")), ("c", FluentValue::from(""))])
        );
        // Numbers: one key per value, 1 and 1.0 alike (Fluent formats them alike).
        let num = |v: f64| memo_key("k", &[("n", FluentValue::from(v))]).unwrap();
        let values = [0.0, -0.0, 1.0, -1.0, 1.5, 10.0, 1e15, 9_007_199_254_740_992.0, 1e300, f64::INFINITY];
        for (i, a) in values.iter().enumerate() {
            for b in &values[i + 1..] {
                if a != b {
                    assert_ne!(num(*a), num(*b), "{a} {b}");
                }
            }
        }
        assert_eq!(memo_key("k", &[("n", FluentValue::from(3))]), Some(num(3.0)));
    }

    #[test]
    fn russian_plurals_follow_cldr() {
        let ftl = "weeks = { $n ->\n    [one] { $n } неделя\n    [few] { $n } недели\n   *[many] { $n } недель\n}\n";
        let i = load(&[("ru", Path::new("i18n/ru.ftl"), ftl)]);
        let w = |n: i64| i.msg("ru", "weeks", &[("n", FluentValue::from(n))]);
        assert_eq!(w(1), "1 неделя");
        assert_eq!(w(2), "2 недели");
        assert_eq!(w(5), "5 недель");
        assert_eq!(w(21), "21 неделя");
        assert_eq!(w(11), "11 недель");
    }

    #[test]
    fn missing_messages_fall_back_and_warn() {
        let i = load(&[("en", Path::new("en.ftl"), "hello = Hello\n"), ("vi", Path::new("vi.ftl"), "other = x\n")]);
        assert_eq!(i.msg("vi", "hello", &[]), "Hello");
        assert_eq!(i.msg("vi", "nope", &[]), "nope");
        let w = i.missing_warnings();
        assert_eq!(w.len(), 2);
        assert!(w[0].to_string().contains("`hello`"));
    }

    #[test]
    fn a_language_without_any_file_gets_one_warning() {
        let langs = vec!["de".to_owned(), "en".to_owned()];
        let (i, _) = I18n::load(&langs, "en", &BTreeMap::new(), &[("en", Path::new("en.ftl"), "a = A\nb = B\n")]);
        assert_eq!(i.msg("de", "a", &[]), "A");
        assert_eq!(i.msg("de", "b", &[]), "B");
        let w = i.missing_warnings();
        assert_eq!(w.len(), 1, "{w:?}");
        assert_eq!(w[0].message, "there are no interface strings for `de`; 2 message(s) came from en");
    }

    #[test]
    fn numbers_follow_each_language() {
        let ftl = "n = { $n } · { NUMBER($n, minimumFractionDigits: 1) }\n";
        let i = load(&[
            ("en", Path::new("en.ftl"), ftl),
            ("ru", Path::new("ru.ftl"), ftl),
            ("vi", Path::new("vi.ftl"), ftl),
        ]);
        let n = |lang: &str, v: f64| i.msg(lang, "n", &[("n", FluentValue::from(v))]);
        assert_eq!(n("en", 1234567.0), "1,234,567 · 1,234,567.0");
        assert_eq!(n("ru", 1234.5), "1\u{a0}234,5 · 1\u{a0}234,5");
        assert_eq!(n("vi", 1500.0), "1.500 · 1.500,0");
        assert_eq!(n("vi", 18.0), "18 · 18,0");
        assert_eq!(localize_number("-1000", NUMBER_STYLES[3]), "-1\u{202f}000");
        assert_eq!(localize_number("999", NUMBER_STYLES[1]), "999");
    }

    #[test]
    fn site_overrides_theme() {
        let i =
            load(&[("en", Path::new("theme.ftl"), "a = Theme\nb = B\n"), ("en", Path::new("site.ftl"), "a = Site\n")]);
        assert_eq!(i.msg("en", "a", &[]), "Site");
        assert_eq!(i.msg("en", "b", &[]), "B");
    }
}
