//! A page's large HTML variables (its `content`) put into the rendered page after Tera has
//! rendered it, instead of going through Tera.
//!
//! Through Tera, a page's content was copied three times: into Tera's value (`Value::from(String)`
//! copies into an `Arc<str>`), by the `safe` filter (which makes a new value), and into the page.
//! When every template prints a variable only as `{{ name | safe }}` ([`SafeVars`], found when the
//! theme is loaded), what Tera prints for it is exactly its text, so the page can be rendered
//! with a short marker in its place and the text copied once, into the page's buffer
//! ([`Holes::splice`]). Anything unexpected (a marker missing, repeated or out of order) makes
//! the page be rendered the ordinary way, so a theme can only ever get what Tera itself prints.
//!
//! Written by hand: Tera has no way to pass a value through to its output without copying it.

use std::collections::BTreeMap;
use std::sync::OnceLock;

/// A string variable shorter than this goes through Tera as usual: splicing saves copies of the
/// text, which only pays off on long texts.
pub const MIN_LEN: usize = 2048;

/// The names of the variables that every template of a theme prints only as `{{ name | safe }}`
/// (and uses in no other way: not in a condition, a filter chain, a loop or an assignment).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SafeVars(Vec<String>);

impl SafeVars {
    /// Finds them in the templates' sources.
    pub fn of<'s>(sources: impl IntoIterator<Item = &'s str>) -> SafeVars {
        // Per name: (printed as `{{ name | safe }}`, used otherwise).
        let mut uses: BTreeMap<&str, (bool, bool)> = BTreeMap::new();
        for source in sources {
            for tag in tags(source) {
                if let Some(name) = safe_print(tag.inner) {
                    uses.entry(name).or_default().0 = true;
                    continue;
                }
                // A block's name is not a variable.
                let first = tag.inner.split_whitespace().next().unwrap_or_default();
                if tag.statement && (first == "block" || first == "endblock") {
                    continue;
                }
                for name in identifiers(tag.inner) {
                    uses.entry(name).or_default().1 = true;
                }
            }
        }
        SafeVars(uses.into_iter().filter(|(_, (safe, other))| *safe && !*other).map(|(n, _)| n.to_owned()).collect())
    }

    /// Whether `name` is one of them.
    pub fn contains(&self, name: &str) -> bool {
        self.0.iter().any(|n| n == name)
    }
}

/// One `{{ … }}` or `{% … %}` tag of a template: what is between its delimiters (without the
/// `-` that trims whitespace), and whether it is a statement.
struct Tag<'s> {
    inner: &'s str,
    statement: bool,
}

/// The expression and statement tags of a template source, in order. Comments (`{# … #}`) are
/// skipped; strings inside tags are stepped over, so a `}}` in a string does not end its tag.
fn tags(source: &str) -> Vec<Tag<'_>> {
    let bytes = source.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(at) = memchr::memchr(b'{', &bytes[i..]).map(|p| i + p) {
        let Some(&kind) = bytes.get(at + 1) else { break };
        let close = match kind {
            b'{' => b'}',
            b'%' => b'%',
            b'#' => b'#',
            _ => {
                i = at + 1;
                continue;
            }
        };
        let start = at + 2;
        let mut j = start;
        let mut quote: Option<u8> = None;
        let mut depth = 0usize;
        let end = loop {
            let Some(&b) = bytes.get(j) else { break None };
            match quote {
                Some(q) if b == q => quote = None,
                Some(_) => {}
                None if kind != b'#' && matches!(b, b'"' | b'\'' | b'`') => quote = Some(b),
                None if kind == b'{' && b == b'{' => depth += 1,
                None if b == close && bytes.get(j + 1) == Some(&b'}') && (close != b'}' || depth == 0) => {
                    break Some(j);
                }
                None if kind == b'{' && b == b'}' => depth = depth.saturating_sub(1),
                None => {}
            }
            j += 1;
        };
        let Some(end) = end else { break };
        if kind != b'#' {
            let inner = source[start..end].trim_start_matches('-').trim_end_matches('-').trim();
            out.push(Tag { inner, statement: kind == b'%' });
        }
        i = end + 2;
    }
    out
}

/// `name` when a tag's inside is exactly `name | safe`.
fn safe_print(inner: &str) -> Option<&str> {
    let (name, filter) = inner.split_once('|')?;
    let name = name.trim();
    let is_name = name.bytes().next().is_some_and(|b| b.is_ascii_alphabetic() || b == b'_')
        && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_');
    (is_name && filter.trim() == "safe").then_some(name)
}

/// The names a tag's inside refers to, outside strings and not after a `.` (an attribute).
/// Keywords and filter names come out too: they only ever mark a name as used otherwise.
fn identifiers(inner: &str) -> Vec<&str> {
    let bytes = inner.as_bytes();
    let mut out = Vec::new();
    let mut quote: Option<u8> = None;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if let Some(q) = quote {
            if b == q {
                quote = None;
            }
            i += 1;
            continue;
        }
        if matches!(b, b'"' | b'\'' | b'`') {
            quote = Some(b);
            i += 1;
            continue;
        }
        if b.is_ascii_alphabetic() || b == b'_' {
            let start = i;
            while i < bytes.len() && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'_') {
                i += 1;
            }
            let after_dot = inner[..start].trim_end().ends_with('.');
            if !after_dot {
                out.push(&inner[start..i]);
            }
            continue;
        }
        i += 1;
    }
    out
}

/// The texts taken out of a page's variables, each replaced in Tera's context by a marker that
/// [`Holes::splice`] replaces with it in the rendered page.
#[derive(Default)]
pub struct Holes {
    texts: Vec<(String, String)>,
}

/// What starts every marker: a private-use character and a number drawn when the process
/// starts, so that no document can write a marker in advance.
fn prefix() -> &'static str {
    static PREFIX: OnceLock<String> = OnceLock::new();
    PREFIX.get_or_init(|| format!("\u{F8FF}gen-{:016x}-", fastrand::u64(..)))
}

/// A searcher for [`prefix`], made once (making one analyses the needle).
fn finder() -> &'static memchr::memmem::Finder<'static> {
    static FINDER: OnceLock<memchr::memmem::Finder<'static>> = OnceLock::new();
    FINDER.get_or_init(|| memchr::memmem::Finder::new(prefix().as_bytes()))
}

impl Holes {
    /// Takes `text` (the value of `key`) and gives the marker to put in its place.
    pub fn take(&mut self, key: &str, text: String) -> String {
        let marker = format!("{}{}\u{F8FF}", prefix(), self.texts.len());
        self.texts.push((key.to_owned(), text));
        marker
    }

    /// Whether no text was taken.
    pub fn is_empty(&self) -> bool {
        self.texts.is_empty()
    }

    /// The total length of the texts taken.
    pub fn len_of_texts(&self) -> usize {
        self.texts.iter().map(|(_, t)| t.len()).sum()
    }

    /// The rendered `page` with each marker replaced by its text. `None` unless the markers are
    /// all there, each once and in the order they were taken.
    pub fn splice(&self, page: &[u8]) -> Option<Vec<u8>> {
        let prefix = prefix().as_bytes();
        let mut out = Vec::with_capacity(page.len() + self.len_of_texts());
        let mut pos = 0;
        for (n, found) in finder().find_iter(page).enumerate() {
            let rest = &page[found + prefix.len()..];
            let digits = rest.iter().take_while(|b| b.is_ascii_digit()).count();
            let number: usize = std::str::from_utf8(&rest[..digits]).ok()?.parse().ok()?;
            if number != n || !rest[digits..].starts_with("\u{F8FF}".as_bytes()) {
                return None;
            }
            out.extend_from_slice(&page[pos..found]);
            out.extend_from_slice(self.texts.get(n)?.1.as_bytes());
            pos = found + prefix.len() + digits + "\u{F8FF}".len();
            if n + 1 == self.texts.len() {
                // Every marker found: one more would be a copy the template made.
                if finder().find(&page[pos..]).is_some() {
                    return None;
                }
                out.extend_from_slice(&page[pos..]);
                return Some(out);
            }
        }
        None
    }

    /// The texts with their keys, to be put back into the context (when splicing failed).
    pub fn into_texts(self) -> Vec<(String, String)> {
        self.texts
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_names_printed_safe_and_used_no_other_way() {
        let base = r#"<div class="content">{% block content %}{% endblock content %}</div>
{{ t(key="skip-to-content", lang=lang) }}{{ json_ld | safe }}{% if json_ld %}x{% endif %}"#;
        let page = r#"{% extends "base.html" %}{% block content %}{{ content | safe }}
{{- cited | safe -}}{{ page.summary | safe }}{{ other|safe }}{{ other | upper }}
{# {{ hidden | upper }} #}{{ "}}" ~ note }}{{ note | safe }}{% endblock content %}"#;
        let vars = SafeVars::of([base, page]);
        assert_eq!(vars, SafeVars(vec!["cited".into(), "content".into()]));
        // Used in a condition, a filter chain or a loop: not spliced.
        for other in ["{% if content %}{% endif %}", "{{ content | safe | upper }}", "{% for x in content %}"] {
            assert!(!SafeVars::of([page, other]).contains("content"), "{other}");
        }
    }

    #[test]
    fn splicing_puts_each_text_where_its_marker_is() {
        let mut holes = Holes::default();
        let a = holes.take("content", "<p>α</p>".into());
        let b = holes.take("cited", "<ul></ul>".into());
        let page = format!("<main>{a}</main><aside>{b}</aside>");
        assert_eq!(holes.splice(page.as_bytes()).unwrap(), b"<main><p>\xce\xb1</p></main><aside><ul></ul></aside>");
        // Missing, repeated or out of order: not spliced.
        for bad in [format!("{a}"), format!("{a}{b}{b}"), format!("{b}{a}"), format!("{a}{a}{b}"), String::new()] {
            assert_eq!(holes.splice(bad.as_bytes()), None, "{bad:?}");
        }
    }
}
