//! `gen i18n new ROADMAP LANG`: starts a translation. The new `<lang>.md` is the source edition
//! with every heading (ids, classes, attributes) and the source text in place, and the
//! [`MARKER`](super::MARKER) line under each unit heading. A marked unit counts as missing: the
//! site shows the source text (with its `lang`) until the translator replaces the text and deletes
//! the marker, so a half-done translation can be merged at any time.

use std::path::{Path, PathBuf};

use super::{MARKER, unit_texts};
use crate::config::validate_language;
use crate::diagnostic::Diagnostic;
use crate::model::Edition;
use crate::parse::front_matter;

use super::stamp::load_roadmap;

/// What `gen i18n new` wrote.
#[derive(Debug, Clone, serde::Serialize)]
pub struct ScaffoldReport {
    /// The new file, relative to the site root.
    pub path: PathBuf,
    /// The source edition it was made from.
    pub source_path: PathBuf,
    /// Units marked for translation.
    pub units: usize,
}

/// Writes `content/roadmaps/<roadmap>/<lang>.md` as a scaffold of the source edition.
pub fn scaffold(root: &Path, roadmap: &str, lang: &str) -> Result<ScaffoldReport, Vec<Diagnostic>> {
    let dir = Path::new("content/roadmaps").join(roadmap);
    let target = dir.join(format!("{lang}.md"));
    if let Err(msg) = validate_language(lang) {
        return Err(vec![
            Diagnostic::error(&target, msg).with_help("use a BCP-47 code such as `de`, `pt-BR` or `zh-Hant`"),
        ]);
    }
    let (config, rm, _) = load_roadmap(root, roadmap)?;
    if !config.languages.iter().any(|l| l == lang) {
        return Err(vec![Diagnostic::error("site.toml", format!("`{lang}` is not one of the site's languages")).with_help(
            format!(
                "add it first: languages = [{}, \"{lang}\"], with title.{lang} and description.{lang}, and i18n/{lang}.ftl for the interface (see CONTRIBUTING.md)",
                config.languages.iter().map(|l| format!("\"{l}\"")).collect::<Vec<_>>().join(", ")
            ),
        )]);
    }
    let source = rm.source();
    if lang == source.lang {
        return Err(vec![
            Diagnostic::error(dir.join("roadmap.toml"), format!("`{lang}` is the source language of `{roadmap}`"))
                .with_help("pick another language to translate into"),
        ]);
    }
    if root.join(&target).exists() {
        return Err(vec![Diagnostic::error(&target, "already exists").with_help(format!(
            "`gen i18n status` shows what it lacks; to start over, delete the file and run `gen i18n new {roadmap} {lang}` again"
        ))]);
    }
    let (text, units) = scaffold_text(source, roadmap, lang)?;
    crate::write::write_file_atomically(&root.join(&target), text.as_bytes(), true)
        .map_err(|e| vec![Diagnostic::error(&target, format!("cannot write: {e}"))])?;
    Ok(ScaffoldReport { path: target, source_path: source.path.clone(), units })
}

/// The scaffold's text for the source edition `source`, and how many units it marks.
pub fn scaffold_text(source: &Edition, roadmap: &str, lang: &str) -> Result<(String, usize), Vec<Diagnostic>> {
    let range = front_matter::toml_range(&source.text).ok_or_else(|| {
        vec![Diagnostic::error(&source.path, "missing or unclosed front matter").at(&source.text, 1, 1)]
    })?;
    let mut fm: toml_edit::DocumentMut = source.text[range.clone()].parse().map_err(|e: toml_edit::TomlError| {
        vec![Diagnostic::error(&source.path, format!("invalid TOML: {}", e.message()))]
    })?;
    fm.remove("translated_from");
    let mut out = format!(
        "+++\n# Translation of {src}.md into {lang}, scaffolded by `gen i18n new`. Translate the title,\n\
         # subtitle and description, then each unit: replace its text, keep the {{#id .class}} block of\n\
         # its heading, and delete its `{MARKER}` line. Then run\n\
         # `gen i18n stamp {roadmap} {lang}` and delete this comment.\n",
        src = source.lang
    );
    let fm = fm.to_string();
    out.push_str(&fm);
    if !fm.is_empty() && !fm.ends_with('\n') {
        out.push('\n');
    }
    out.push_str("+++\n");
    // Each marked unit: the marker goes after its heading's last line (the underline of a setext
    // heading).
    let mut after_line: Vec<usize> = unit_texts(source)
        .iter()
        .map(|t| {
            let n = t.unit.heading.line();
            let first = source.text.lines().nth(n - 1).unwrap_or("");
            if first.trim_start().starts_with('#') { n } else { n + 1 }
        })
        .collect();
    after_line.sort_unstable();
    let body_start_line = source.text[..range.end].lines().count() + 2;
    for (i, line) in source.text.lines().enumerate().skip(body_start_line - 1) {
        out.push_str(line);
        out.push('\n');
        if after_line.binary_search(&(i + 1)).is_ok() {
            out.push_str(MARKER);
            out.push('\n');
        }
    }
    Ok((out, after_line.len()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::build_edition;
    use crate::parse::parse_document;
    use crate::translation::{is_marked, translated_unit};

    #[test]
    fn every_unit_is_marked_and_the_scaffold_parses_with_the_same_ids() {
        let src = "+++\ntitle = \"Дорожная карта\"\ndescription = \"d\"\n+++\nВступление.\n\n## Фаза 1 {#phase-1 .phase}\nТекст.\n\n### Неделя 1-2 {#weeks-1-2 .week}\n- Linux\n\nИтог {#conclusion}\n---------\nВсё.\n";
        let (doc, _) = parse_document(Path::new("ru.md"), src.to_owned()).unwrap();
        let (source, _) = build_edition("ru", doc);
        let (text, n) = scaffold_text(&source, "r", "de").unwrap();
        assert_eq!(n, 3);
        assert!(text.contains("title = \"Дорожная карта\"\ndescription = \"d\"\n+++\nВступление.\n"), "{text}");
        assert!(text.contains("### Неделя 1-2 {#weeks-1-2 .week}\n<!-- gen:translate -->\n- Linux\n"), "{text}");
        assert!(text.contains("Итог {#conclusion}\n---------\n<!-- gen:translate -->\nВсё.\n"), "{text}");
        let (doc, d) = parse_document(Path::new("de.md"), text).unwrap();
        assert!(d.is_empty(), "{d:?}");
        let (de, d) = build_edition("de", doc);
        assert!(d.is_empty(), "{d:?}");
        let ids: Vec<&str> = de.all_units().iter().map(|u| u.id()).collect();
        assert_eq!(ids, ["phase-1", "weeks-1-2", "conclusion"]);
        assert!(de.all_units().iter().all(|u| is_marked(u)));
        assert!(translated_unit(&de, Some("weeks-1-2")).is_none());
        // The tasks of a marked week are still its tasks.
        assert_eq!(de.find("weeks-1-2").unwrap().task_count, 1);
    }
}
