//! `gen i18n stamp ROADMAP LANG`: records that a translation matches the current source, by
//! writing the fingerprint of each translated source unit into `[translated_from]` of the
//! translation's front matter. Only the front matter changes (through `toml_edit`, which keeps
//! the other keys, comments and formatting as written); the body stays byte for byte, and the
//! file is replaced atomically.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde::Serialize;

use super::{UnitState, edition_status, translated_unit, unit_texts};
use crate::config::SiteConfig;
use crate::diagnostic::{Diagnostic, did_you_mean};
use crate::model::Roadmap;
use crate::parse::front_matter;
use crate::pipeline;
use crate::read;

/// What a stamp did.
#[derive(Debug, Clone, Serialize)]
pub struct StampReport {
    /// The translation file, relative to the site root.
    pub path: PathBuf,
    /// Units stamped, with the state each had before.
    pub stamped: Vec<(String, UnitState)>,
    /// Source units the translation does not translate yet (nothing recorded for them).
    pub missing: Vec<String>,
    /// Records removed because their unit is gone from the source or the translation.
    pub dropped: Vec<String>,
    /// Whether the file changed.
    pub changed: bool,
}

/// A site's config and one of its roadmaps, read and modelled, for the `gen i18n` commands.
/// Errors concerning the roadmap's own files are returned; problems elsewhere in the site are not
/// this command's business.
pub fn load_roadmap(
    root: &Path,
    roadmap: &str,
) -> Result<(SiteConfig, Roadmap, read::RoadmapSources), Vec<Diagnostic>> {
    let (sources, _) = read::read_site(root)?;
    let mut diags = Vec::new();
    let site_text = pipeline::normalize_source(&sources.site, &mut diags);
    let config = SiteConfig::parse(&sources.site.path, &site_text)?;
    let Some(rs) = sources.roadmaps.iter().find(|r| r.id == roadmap) else {
        let hint = did_you_mean(roadmap, sources.roadmaps.iter().map(|r| r.id.as_str()))
            .map(|s| format!("did you mean `{s}`? "))
            .unwrap_or_default();
        let known: Vec<&str> = sources.roadmaps.iter().map(|r| r.id.as_str()).collect();
        return Err(vec![
            Diagnostic::error(Path::new("content/roadmaps").join(roadmap), format!("no roadmap `{roadmap}`"))
                .with_help(format!("{hint}roadmaps: {}", known.join(", "))),
        ]);
    };
    let (rm, diags) = pipeline::load_roadmap(rs, &config);
    let errors: Vec<Diagnostic> = diags.into_iter().filter(Diagnostic::is_error).collect();
    match rm {
        Some(rm) if errors.is_empty() => Ok((config, rm, rs.clone())),
        _ => Err(errors),
    }
}

/// Stamps the translation of `roadmap` into `lang`: every translated unit, or only `only` when
/// it is not empty (the other records stay as they are).
pub fn stamp(root: &Path, roadmap: &str, lang: &str, only: &[String]) -> Result<StampReport, Vec<Diagnostic>> {
    let (_, rm, rs) = load_roadmap(root, roadmap)?;
    let source = rm.source();
    let dir = Path::new("content/roadmaps").join(roadmap);
    if lang == source.lang {
        return Err(vec![
            Diagnostic::error(dir.join("roadmap.toml"), format!("`{lang}` is the source language of `{roadmap}`"))
                .with_help("stamp a translation: the source edition is what translations are stamped against"),
        ]);
    }
    let Some(ed) = rm.editions.get(lang) else {
        return Err(vec![
            Diagnostic::error(dir.join(format!("{lang}.md")), "there is no such translation")
                .with_help(format!("start one with `gen i18n new {roadmap} {lang}`")),
        ]);
    };
    let raw = &rs.editions.iter().find(|(l, _)| l == lang).expect("a modelled edition was read").1;
    if raw.bytes != ed.text.as_bytes() {
        return Err(vec![
            Diagnostic::error(&ed.path, "the file is not clean UTF-8 (encoding, BOM or CRLF line endings)").with_help(
                format!("run `gen fix --write {}` first, so stamping changes only the front matter", ed.path.display()),
            ),
        ]);
    }
    let texts = unit_texts(source);
    for id in only {
        if !texts.iter().any(|t| t.unit.id() == id) {
            let hint = did_you_mean(id, texts.iter().map(|t| t.unit.id()))
                .map(|s| format!("did you mean `{s}`?"))
                .unwrap_or_else(|| "ids are listed by `gen i18n status`".to_owned());
            return Err(vec![
                Diagnostic::error(&source.path, format!("`{id}` is not a unit of the source edition")).with_help(hint),
            ]);
        }
        if translated_unit(ed, Some(id)).is_none() {
            return Err(vec![
                Diagnostic::error(&ed.path, format!("`{id}` is not translated in this edition"))
                    .with_help("translate the unit (and remove its `<!-- gen:translate -->` line) before stamping it"),
            ]);
        }
    }
    let before: HashMap<String, UnitState> =
        edition_status(&rm, lang).units.into_iter().map(|u| (u.id, u.state)).collect();
    let mut records: Vec<(String, String)> = Vec::new();
    let mut report = StampReport {
        path: ed.path.clone(),
        stamped: Vec::new(),
        missing: Vec::new(),
        dropped: Vec::new(),
        changed: false,
    };
    for t in &texts {
        let id = t.unit.id();
        if translated_unit(ed, Some(id)).is_none() {
            report.missing.push(id.to_owned());
            continue;
        }
        if only.is_empty() || only.iter().any(|o| o == id) {
            records.push((id.to_owned(), t.fingerprint().to_string()));
            report.stamped.push((id.to_owned(), before.get(id).copied().unwrap_or(UnitState::Unstamped)));
        } else if let Some(old) = ed.front.translated_from.get(id) {
            records.push((id.to_owned(), old.clone()));
        }
    }
    report.dropped =
        ed.front.translated_from.keys().filter(|id| !records.iter().any(|(r, _)| r == *id)).cloned().collect();
    let new_text = with_records(&ed.path, &ed.text, &records)?;
    if new_text != ed.text {
        crate::write::write_file_atomically(&root.join(&ed.path), new_text.as_bytes(), false)
            .map_err(|e| vec![Diagnostic::error(&ed.path, format!("cannot write: {e}"))])?;
        report.changed = true;
    }
    Ok(report)
}

/// `text` with its front matter's `[translated_from]` replaced by `records` (in this order);
/// everything else stays byte for byte.
pub fn with_records(path: &Path, text: &str, records: &[(String, String)]) -> Result<String, Vec<Diagnostic>> {
    let range = front_matter::toml_range(text)
        .ok_or_else(|| vec![Diagnostic::error(path, "missing or unclosed front matter").at(text, 1, 1)])?;
    let mut doc: toml_edit::DocumentMut = text[range.clone()].parse().map_err(|e: toml_edit::TomlError| {
        let d = Diagnostic::error(path, format!("invalid TOML: {}", e.message()));
        vec![match e.span() {
            Some(s) => d.at_offset(text, range.start + s.start),
            None => d,
        }]
    })?;
    doc.remove("translated_from");
    if !records.is_empty() {
        let mut table = toml_edit::Table::new();
        for (id, value) in records {
            table.insert(id, toml_edit::value(value.as_str()));
        }
        doc.insert("translated_from", toml_edit::Item::Table(table));
    }
    let mut fm = doc.to_string();
    if !fm.is_empty() && !fm.ends_with('\n') {
        fm.push('\n');
    }
    Ok(format!("{}{fm}{}", &text[..range.start], &text[range.end..]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_records_change() {
        let text = "+++\n# keep this comment\ntitle = \"Roadmap\"   # and this\ndescription = 'x'\n\n[translated_from]\nold = \"0123456789abcdef\"\n+++\n## Body {#phase-1 .phase}\n  text  \n";
        let recs = vec![
            ("phase-1".to_owned(), "fedcba9876543210:abcd".to_owned()),
            ("weeks-1-2".to_owned(), "0000000000000000".to_owned()),
        ];
        let out = with_records(Path::new("en.md"), text, &recs).unwrap();
        assert!(
            out.starts_with("+++\n# keep this comment\ntitle = \"Roadmap\"   # and this\ndescription = 'x'\n"),
            "{out}"
        );
        assert!(
            out.contains(
                "[translated_from]\nphase-1 = \"fedcba9876543210:abcd\"\nweeks-1-2 = \"0000000000000000\"\n+++\n"
            ),
            "{out}"
        );
        assert!(!out.contains("old ="));
        assert!(out.ends_with("+++\n## Body {#phase-1 .phase}\n  text  \n"));
        let (fm, _) = front_matter::split(Path::new("en.md"), &out).unwrap();
        assert_eq!(fm.translated_from.len(), 2);
        // Idempotent.
        assert_eq!(with_records(Path::new("en.md"), &out, &recs).unwrap(), out);
    }

    #[test]
    fn a_front_matter_without_records_gets_a_table() {
        let text = "+++\ntitle = \"T\"\n+++\nbody\n";
        let out = with_records(Path::new("en.md"), text, &[("a".into(), "0123456789abcdef".into())]).unwrap();
        assert_eq!(out, "+++\ntitle = \"T\"\n\n[translated_from]\na = \"0123456789abcdef\"\n+++\nbody\n");
        assert_eq!(with_records(Path::new("en.md"), &out, &[]).unwrap().replace("\n\n", "\n"), text);
    }
}
