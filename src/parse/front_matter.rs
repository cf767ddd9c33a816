//! TOML front matter between `+++` lines at the top of a `<lang>.md`.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;

use crate::config::toml_error;
use crate::diagnostic::Diagnostic;

/// The front matter of one edition of a roadmap.
#[derive(Debug, Clone, Default, Deserialize, serde::Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct FrontMatter {
    /// The roadmap's title in this language.
    pub title: String,
    /// A subtitle shown under the title.
    #[serde(default)]
    pub subtitle: Option<String>,
    /// One or two sentences for the home page and search engines.
    #[serde(default)]
    pub description: Option<String>,
    /// Translation metadata: for each unit id, the hash of the source unit this translation was
    /// made from (written by `gen i18n stamp`).
    #[serde(default)]
    pub translated_from: BTreeMap<String, String>,
}

const KEYS: &[&str] = &["title", "subtitle", "description", "translated_from"];

/// The byte range of the TOML between the `+++` lines (from after the opening line to the start
/// of the closing one), or `None` when the text has no complete front matter block.
pub fn toml_range(text: &str) -> Option<std::ops::Range<usize>> {
    let rest = text.strip_prefix("+++\n")?;
    let close = if rest.starts_with("+++\n") || rest == "+++" {
        Some(0)
    } else {
        rest.find("\n+++\n").map(|i| i + 1).or_else(|| rest.strip_suffix("\n+++").map(|r| r.len() + 1))
    }?;
    Some(4..4 + close)
}

/// Splits `text` into front matter and body. Returns the front matter, and the byte offset at
/// which the body starts.
pub fn split(path: &Path, text: &str) -> Result<(FrontMatter, usize), Diagnostic> {
    if !text.starts_with("+++\n") {
        return Err(Diagnostic::error(path, "missing front matter")
            .at(text, 1, 1)
            .with_help("start the file with a TOML block:\n+++\ntitle = \"…\"\n+++"));
    };
    let close = toml_range(text).map(|r| r.end - 4);
    let rest = &text[4..];
    let Some(close) = close else {
        return Err(Diagnostic::error(path, "front matter is not closed")
            .at(text, 1, 1)
            .with_help("end the TOML block with a line containing only +++"));
    };
    let toml_text = &rest[..close];
    let base = 4;
    let front: FrontMatter = toml::from_str(toml_text).map_err(|e| toml_error(path, text, base, &e, KEYS))?;
    if front.title.trim().is_empty() {
        return Err(Diagnostic::error(path, "`title` is empty").at(text, 2, 1));
    }
    let body_start = (base + close + 4).min(text.len());
    Ok((front, body_start))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_front_matter_and_body() {
        let text = "+++\ntitle = \"Lộ trình\"\n+++\n# Body\n";
        let (fm, start) = split(Path::new("vi.md"), text).unwrap();
        assert_eq!(fm.title, "Lộ trình");
        assert_eq!(&text[start..], "# Body\n");
    }

    #[test]
    fn errors_point_at_the_line_in_the_file() {
        let text = "+++\ntitle = \"x\"\nlevel = = 3\n+++\nbody";
        let d = split(Path::new("content/roadmaps/a/en.md"), text).unwrap_err();
        let s = d.to_string();
        assert!(s.contains("en.md:3:"), "{s}");
        assert!(s.contains("level = = 3"), "{s}");
    }

    #[test]
    fn unknown_key_suggests_the_right_one() {
        let text = "+++\ntitle = \"x\"\ndescripton = \"y\"\n+++\n";
        let d = split(Path::new("en.md"), text).unwrap_err();
        assert_eq!(d.line, 3);
        assert_eq!(d.help.as_deref(), Some("did you mean `description`?"));
    }

    #[test]
    fn missing_front_matter_is_explained() {
        let d = split(Path::new("en.md"), "# Hello\n").unwrap_err();
        assert!(d.message.contains("missing front matter"));
        let d = split(Path::new("en.md"), "+++\ntitle=\"x\"\n").unwrap_err();
        assert!(d.message.contains("not closed"));
    }
}
