//! Code highlighting with syntect, as CSS classes (`hl-*`) so one light and one dark stylesheet
//! serve every page. The syntax set loads lazily: a site without code blocks never pays for it.

use std::sync::OnceLock;

use syntect::highlighting::ThemeSet;
use syntect::html::{ClassStyle, ClassedHTMLGenerator, css_for_theme_with_class_style};
use syntect::parsing::SyntaxSet;
use syntect::util::LinesWithEndings;

const STYLE: ClassStyle = ClassStyle::SpacedPrefixed { prefix: "hl-" };

/// Highlights code blocks; cheap to create, loads syntect's data on first use.
#[derive(Debug, Default)]
pub struct Highlighter {
    enabled: bool,
    syntaxes: OnceLock<SyntaxSet>,
}

impl Highlighter {
    /// A highlighter; when `enabled` is false code is only escaped.
    pub fn new(enabled: bool) -> Self {
        Highlighter { enabled, syntaxes: OnceLock::new() }
    }

    /// The `<pre>` block for `code` in language `lang` (a fence's info string).
    pub fn block(&self, lang: &str, code: &str) -> String {
        let lang = lang.split([' ', ',', '{']).next().unwrap_or("").trim();
        let class = if lang.is_empty() { String::new() } else { format!(" class=\"language-{}\"", escape(lang)) };
        if self.enabled && !lang.is_empty() {
            let ss = self.syntaxes.get_or_init(SyntaxSet::load_defaults_newlines);
            if let Some(syntax) = ss.find_syntax_by_token(lang) {
                let mut g = ClassedHTMLGenerator::new_with_class_style(syntax, ss, STYLE);
                let ok =
                    LinesWithEndings::from(code).all(|line| g.parse_html_for_line_which_includes_newline(line).is_ok());
                if ok {
                    return format!("<pre class=\"code\" tabindex=\"0\"><code{class}>{}</code></pre>\n", g.finalize());
                }
            }
        }
        format!("<pre class=\"code\" tabindex=\"0\"><code{class}>{}</code></pre>\n", escape(code))
    }
}

/// The stylesheet for highlighted code: a light theme, and a dark one under
/// `prefers-color-scheme: dark`.
pub fn stylesheet(light: &str, dark: &str) -> Result<String, String> {
    let themes = ThemeSet::load_defaults();
    let get = |name: &str| {
        themes.themes.get(name).ok_or_else(|| {
            let known: Vec<_> = themes.themes.keys().cloned().collect();
            format!("unknown highlighting theme `{name}`; known themes: {}", known.join(", "))
        })
    };
    let light_css = css_for_theme_with_class_style(get(light)?, STYLE).map_err(|e| e.to_string())?;
    let dark_css = css_for_theme_with_class_style(get(dark)?, STYLE).map_err(|e| e.to_string())?;
    Ok(format!(
        "/* light: {light} */\n{light_css}\n/* dark: {dark} */\n@media (prefers-color-scheme: dark) {{\n{dark_css}\n}}\n"
    ))
}

/// Escapes text for HTML content and attribute values.
pub fn escape(s: &str) -> String {
    // A byte scan for "nothing to escape" before this was tried and measured slower (callgrind,
    // +0.6 % of a build's instructions): the escaper's SIMD search is already that scan.
    let mut out = String::with_capacity(s.len());
    pulldown_cmark_escape::escape_html(&mut out, s).expect("writing to a String cannot fail");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_matches_the_escaper_with_and_without_special_characters() {
        for s in ["", "plain text", "ёлка học", "a&b", "<b>", "\"q\"", "it's", "x > y", "&amp;"] {
            let mut expected = String::new();
            pulldown_cmark_escape::escape_html(&mut expected, s).unwrap();
            assert_eq!(escape(s), expected, "{s:?}");
        }
    }

    #[test]
    fn known_languages_get_classes_unknown_are_escaped() {
        let h = Highlighter::new(true);
        let rust = h.block("rust", "fn main() {}\n");
        assert!(rust.contains("hl-"), "{rust}");
        let plain = h.block("nosuchlang", "<b>\n");
        assert!(plain.contains("&lt;b&gt;"));
        let off = Highlighter::new(false).block("rust", "fn x() {}\n");
        assert!(!off.contains("hl-"));
    }

    #[test]
    fn stylesheet_has_light_and_dark() {
        let css = stylesheet("InspiredGitHub", "base16-ocean.dark").unwrap();
        assert!(css.contains("prefers-color-scheme: dark"));
        assert!(stylesheet("nope", "base16-ocean.dark").unwrap_err().contains("unknown highlighting theme"));
    }
}
