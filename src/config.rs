//! `site.toml`: the site-wide settings (title per language, base URL, languages, theme, search,
//! highlighting, translation fallbacks).

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;

use crate::diagnostic::{Diagnostic, did_you_mean};

/// The parsed `site.toml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SiteConfig {
    /// Absolute URL the site is published at, e.g. `https://user.github.io/repo/`. Only used where a
    /// standard needs an absolute URL (canonical, hreflang, sitemap, og:url).
    #[serde(default = "default_base_url")]
    pub base_url: String,
    /// Languages of the site, as BCP-47 codes, in the order the language switcher shows them.
    pub languages: Vec<String>,
    /// The language `x-default` points readers to when the chooser is not wanted.
    #[serde(default)]
    pub default_language: Option<String>,
    /// Theme folder under `themes/`.
    #[serde(default = "default_theme")]
    pub theme: String,
    /// Site title per language.
    #[serde(default)]
    pub title: BTreeMap<String, String>,
    /// Site description per language.
    #[serde(default)]
    pub description: BTreeMap<String, String>,
    /// Code highlighting settings.
    #[serde(default)]
    pub highlighting: Highlighting,
    /// Search settings.
    #[serde(default)]
    pub search: Search,
    /// Translation settings.
    #[serde(default)]
    pub i18n: I18nSettings,
    /// Custom domain for GitHub Pages (`CNAME` file), if any.
    #[serde(default)]
    pub cname: Option<String>,
}

/// `[highlighting]` in `site.toml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Highlighting {
    /// Whether fenced code is highlighted at build time.
    pub enabled: bool,
    /// syntect theme for the light stylesheet.
    pub light_theme: String,
    /// syntect theme for the dark stylesheet.
    pub dark_theme: String,
}

impl Default for Highlighting {
    fn default() -> Self {
        Highlighting { enabled: true, light_theme: "InspiredGitHub".into(), dark_theme: "base16-ocean.dark".into() }
    }
}

/// `[search]` in `site.toml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Search {
    /// Whether a search index is built.
    pub enabled: bool,
}

impl Default for Search {
    fn default() -> Self {
        Search { enabled: true }
    }
}

/// `[i18n]` in `site.toml`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct I18nSettings {
    /// For each language, the languages to take a missing UI message from, in order
    /// (e.g. `vi = ["en"]`). The source language of a roadmap is always the last resort for content.
    pub fallback: BTreeMap<String, Vec<String>>,
}

fn default_base_url() -> String {
    "/".into()
}

fn default_theme() -> String {
    "default".into()
}

const KEYS: &[&str] = &[
    "base_url",
    "languages",
    "default_language",
    "theme",
    "title",
    "description",
    "highlighting",
    "search",
    "i18n",
    "cname",
];

impl SiteConfig {
    /// Parses `site.toml` text; `file` is used in diagnostics.
    pub fn parse(file: &Path, text: &str) -> Result<SiteConfig, Vec<Diagnostic>> {
        let config: SiteConfig = toml::from_str(text).map_err(|e| vec![toml_error(file, text, 0, &e, KEYS)])?;
        let mut errors = Vec::new();
        if config.languages.is_empty() {
            errors.push(
                Diagnostic::error(file, "`languages` is empty")
                    .with_help("list the site's languages, e.g. languages = [\"vi\", \"ru\", \"en\"]"),
            );
        }
        let mut seen = Vec::new();
        for lang in &config.languages {
            if let Err(msg) = validate_language(lang) {
                let offset = text.find(&format!("\"{lang}\"")).map_or(0, |o| o + 1);
                errors.push(Diagnostic::error(file, msg).at_offset(text, offset));
            }
            if seen.contains(&lang) {
                errors.push(Diagnostic::error(file, format!("language `{lang}` is listed twice")));
            }
            seen.push(lang);
        }
        if let Some(d) = &config.default_language
            && !config.languages.contains(d)
        {
            errors.push(Diagnostic::error(file, format!("default_language `{d}` is not one of `languages`")));
        }
        for (lang, chain) in &config.i18n.fallback {
            for l in std::iter::once(lang).chain(chain) {
                if !config.languages.contains(l) && validate_language(l).is_err() {
                    let offset = text.find("fallback").unwrap_or(0);
                    let msg = validate_language(l).err().unwrap_or_default();
                    errors.push(
                        Diagnostic::error(file, format!("[i18n] fallback: {msg}"))
                            .at_offset(text, offset)
                            .with_help("fallback chains name BCP-47 codes, e.g. fallback = { vi = [\"en\"] }"),
                    );
                }
            }
            if !config.languages.contains(lang) {
                let offset = text.find("fallback").unwrap_or(0);
                errors.push(
                    Diagnostic::error(
                        file,
                        format!("[i18n] fallback is given for `{lang}`, which is not one of `languages`"),
                    )
                    .at_offset(text, offset),
                );
            }
        }
        if let Err(msg) = validate_base_url(&config.base_url) {
            let offset = text.find("base_url").unwrap_or(0);
            errors.push(Diagnostic::error(file, msg).at_offset(text, offset));
        }
        if errors.is_empty() { Ok(config) } else { Err(errors) }
    }

    /// The language `x-default` and the 404 page prefer.
    pub fn default_language(&self) -> &str {
        self.default_language.as_deref().or_else(|| self.languages.first().map(String::as_str)).unwrap_or("en")
    }

    /// The site title in `lang`, falling back to the default language and then to "gen".
    pub fn title(&self, lang: &str) -> &str {
        self.title.get(lang).or_else(|| self.title.get(self.default_language())).map_or("Roadmaps", String::as_str)
    }

    /// The site description in `lang`, if any.
    pub fn description(&self, lang: &str) -> &str {
        self.description.get(lang).or_else(|| self.description.get(self.default_language())).map_or("", String::as_str)
    }

    /// Replaces the base URL (from `--base-url`), validating it.
    pub fn set_base_url(&mut self, url: &str) -> Result<(), String> {
        validate_base_url(url)?;
        self.base_url = url.to_owned();
        Ok(())
    }

    /// The base URL with exactly one trailing slash.
    pub fn base_url(&self) -> String {
        let mut s = self.base_url.trim_end_matches('/').to_owned();
        s.push('/');
        s
    }
}

fn validate_base_url(url: &str) -> Result<(), String> {
    if url == "/" || url.starts_with("https://") || url.starts_with("http://") {
        Ok(())
    } else {
        Err(format!("base_url `{url}` must be an absolute http(s) URL such as https://user.github.io/repo/ (or \"/\")"))
    }
}

/// Checks a language code: a well-formed BCP-47 tag whose language subtag is an ISO 639-1 code.
///
/// Syntax alone would accept `vn` (a common mistake for Vietnamese, which is `vi`), so the primary
/// subtag is checked against the ISO 639-1 list.
pub fn validate_language(code: &str) -> Result<(), String> {
    let tag: unic_langid::LanguageIdentifier =
        code.parse().map_err(|_| format!("`{code}` is not a valid BCP-47 language tag"))?;
    let primary = tag.language.as_str();
    if tag.to_string() != code {
        return Err(format!("language code `{code}` should be written `{tag}`"));
    }
    if !ISO_639_1.split(' ').any(|c| c == primary) {
        let hint = match primary {
            "vn" => " (Vietnamese is `vi`)".to_string(),
            "ua" => " (Ukrainian is `uk`)".to_string(),
            "jp" => " (Japanese is `ja`)".to_string(),
            "cn" => " (Chinese is `zh`)".to_string(),
            "gr" => " (Greek is `el`)".to_string(),
            _ => did_you_mean(primary, ISO_639_1.split(' '))
                .map(|c| format!(" (did you mean `{c}`?)"))
                .unwrap_or_default(),
        };
        return Err(format!("unknown language code `{code}`{hint}"));
    }
    Ok(())
}

/// ISO 639-1 two-letter language codes.
const ISO_639_1: &str = "aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu cv cy da de dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz ia id ie ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl nn no nr nv ny oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so sq sr ss st su sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo za zh zu";

/// Turns a TOML error into a located diagnostic. `base` is the byte offset of `text` inside the
/// file (for front matter), `keys` the known keys for a "did you mean" hint.
pub fn toml_error(file: &Path, text: &str, base: usize, err: &toml::de::Error, keys: &[&str]) -> Diagnostic {
    let message = err.message().trim().to_owned();
    let offset = err.span().map_or(0, |s| s.start);
    let mut d = Diagnostic::error(file, format!("invalid TOML: {message}"));
    d = d.at_offset(text, base + offset);
    if let Some(rest) = message.strip_prefix("unknown field `")
        && let Some(key) = rest.split('`').next()
    {
        if let Some(best) = did_you_mean(key, keys.iter().copied()) {
            d = d.with_help(format!("did you mean `{best}`?"));
        } else {
            d = d.with_help(format!("known keys: {}", keys.join(", ")));
        }
    }
    d
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn language_codes_are_validated() {
        assert!(validate_language("vi").is_ok());
        assert!(validate_language("pt-BR").is_ok());
        let e = validate_language("vn").unwrap_err();
        assert!(e.contains("`vi`"), "{e}");
        assert!(validate_language("english").is_err());
        assert!(validate_language("").is_err());
    }

    #[test]
    fn language_codes_must_be_written_canonically() {
        for (code, want) in [("pt-br", "pt-BR"), ("en_US", "en-US"), ("zh-hant", "zh-Hant"), ("VI", "vi")] {
            let e = validate_language(code).unwrap_err();
            assert!(e.contains(&format!("`{want}`")), "{code}: {e}");
        }
        for ok in ["zh-Hant-TW", "sr-Latn", "en-GB", "ru"] {
            assert!(validate_language(ok).is_ok(), "{ok}");
        }
        for (bad, hint) in [("ua", "`uk`"), ("jp", "`ja`"), ("xx", "")] {
            let e = validate_language(bad).unwrap_err();
            assert!(e.contains(hint), "{bad}: {e}");
        }
    }

    #[test]
    fn site_languages_and_fallback_chains_are_checked() {
        let errs = SiteConfig::parse(Path::new("site.toml"), "languages = [\"vi\", \"vn\", \"vi\"]").unwrap_err();
        let s: Vec<String> = errs.iter().map(ToString::to_string).collect();
        assert!(s.iter().any(|e| e.contains("site.toml:1:21") && e.contains("Vietnamese is `vi`")), "{s:#?}");
        assert!(s.iter().any(|e| e.contains("listed twice")), "{s:#?}");
        let text = "languages = [\"vi\", \"en\"]\n[i18n]\nfallback = { vi = [\"vn\"], ru = [\"en\"] }\n";
        let errs = SiteConfig::parse(Path::new("site.toml"), text).unwrap_err();
        let s: Vec<String> = errs.iter().map(ToString::to_string).collect();
        assert_eq!(errs.len(), 2, "{s:#?}");
        assert!(s[0].contains("site.toml:3:1") && s.iter().any(|e| e.contains("`vn`")), "{s:#?}");
        assert!(s.iter().any(|e| e.contains("`ru`, which is not one of `languages`")), "{s:#?}");
        // A chain may end in a language the site does not publish (its UI strings still exist).
        let ok = "languages = [\"vi\"]\n[i18n]\nfallback = { vi = [\"en\"] }\n";
        assert!(SiteConfig::parse(Path::new("site.toml"), ok).is_ok());
    }

    #[test]
    fn unknown_keys_get_did_you_mean() {
        let text = "languages = [\"en\"]\ntitel = \"x\"\n";
        let errs = SiteConfig::parse(Path::new("site.toml"), text).unwrap_err();
        let s = errs[0].to_string();
        assert!(s.contains("site.toml:2:1"), "{s}");
        assert!(s.contains("did you mean `title`"), "{s}");
    }

    #[test]
    fn base_url_gets_one_trailing_slash() {
        let mut c = SiteConfig::parse(Path::new("site.toml"), "languages = [\"en\"]").unwrap();
        c.set_base_url("https://u.github.io/repo").unwrap();
        assert_eq!(c.base_url(), "https://u.github.io/repo/");
        assert!(c.set_base_url("u.github.io").is_err());
    }
}
