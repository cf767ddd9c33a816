//! Stage 1: find and read the site's sources. Only bytes come out of here; the encoding stage
//! turns them into text.

use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::diagnostic::Diagnostic;

/// Largest source file gen reads; anything larger is almost certainly not a roadmap and would
/// only exhaust memory.
pub const MAX_SOURCE_BYTES: u64 = 8 * 1024 * 1024;

/// The raw bytes of one source file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    /// Path relative to the site root (used in every message).
    pub path: PathBuf,
    /// The file's bytes, as on disk.
    pub bytes: Vec<u8>,
}

/// The sources of one roadmap: `content/roadmaps/<id>/`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoadmapSources {
    /// The roadmap id (folder name).
    pub id: String,
    /// `roadmap.toml`, if present.
    pub meta: Option<Source>,
    /// `<lang>.md` editions, with the language code taken from the file name.
    pub editions: Vec<(String, Source)>,
}

/// Everything the build reads from the site root.
#[derive(Debug, Clone)]
pub struct SourceSet {
    /// The site root.
    pub root: PathBuf,
    /// `site.toml`.
    pub site: Source,
    /// The roadmaps, sorted by id.
    pub roadmaps: Vec<RoadmapSources>,
    /// `content/resources.toml`, if present.
    pub resources: Option<Source>,
    /// `content/topics.toml`, if present.
    pub topics: Option<Source>,
    /// `i18n/<lang>.ftl` of the site, as (lang, source).
    pub i18n: Vec<(String, Source)>,
}

/// Reads one file, refusing directories, huge files and unreadable ones with a clear message.
pub fn read_source(root: &Path, rel: &Path) -> Result<Source, Diagnostic> {
    let full = root.join(rel);
    let link = std::fs::symlink_metadata(&full).map_err(|e| Diagnostic::error(rel, format!("cannot read: {e}")))?;
    if link.file_type().is_symlink() {
        // A pull request could add `en.md -> /etc/passwd`; only links that stay inside the site
        // are followed.
        let inside = match (std::fs::canonicalize(&full), std::fs::canonicalize(root)) {
            (Ok(target), Ok(root)) => target.starts_with(root),
            _ => false,
        };
        if !inside {
            return Err(Diagnostic::error(rel, "is a symbolic link that leads outside the site (or nowhere)")
                .with_help("replace the link by the file itself"));
        }
    }
    let meta = std::fs::metadata(&full).map_err(|e| Diagnostic::error(rel, format!("cannot read: {e}")))?;
    if !meta.is_file() {
        return Err(Diagnostic::error(rel, "is not a regular file").with_help("sources must be plain text files"));
    }
    if meta.len() > MAX_SOURCE_BYTES {
        return Err(Diagnostic::error(
            rel,
            format!("is {} bytes; sources may be at most {MAX_SOURCE_BYTES} bytes", meta.len()),
        )
        .with_help("split the document, or move large assets out of content/"));
    }
    let bytes = std::fs::read(&full).map_err(|e| Diagnostic::error(rel, format!("cannot read: {e}")))?;
    if looks_binary(&bytes) {
        return Err(Diagnostic::error(rel, "is a binary file, not text")
            .with_help("content/ holds Markdown and TOML; move images and other files to static/"));
    }
    Ok(Source { path: rel.to_path_buf(), bytes })
}

/// NUL bytes never occur in text, except in UTF-16/32, which starts with a byte-order mark.
fn looks_binary(bytes: &[u8]) -> bool {
    let boms: [&[u8]; 4] = [b"\xFF\xFE", b"\xFE\xFF", b"\x00\x00\xFE\xFF", b"\xFF\xFE\x00\x00"];
    if boms.iter().any(|b| bytes.starts_with(b)) {
        return false;
    }
    bytes[..bytes.len().min(64 * 1024)].contains(&0)
}

/// True for an id usable in URLs: lowercase ASCII letters, digits and inner `-`.
pub fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && !id.starts_with('-')
        && !id.ends_with('-')
        && id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// Reads one roadmap folder, `content/roadmaps/<name>/`: its `roadmap.toml` and `<lang>.md`
/// editions. `None` when the folder is missing, hidden or not a valid id (the latter with an
/// error). `gen serve` calls this alone when a file in the folder changes.
pub fn read_roadmap(root: &Path, name: &str) -> (Option<RoadmapSources>, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let rel_dir = Path::new("content/roadmaps").join(name);
    let dir = root.join(&rel_dir);
    if name.starts_with('.') || !dir.is_dir() {
        return (None, diags);
    }
    if !is_valid_id(name) {
        diags.push(
            Diagnostic::error(&rel_dir, format!("roadmap id `{name}` is not a valid id"))
                .with_help("use lowercase ASCII letters, digits and `-` (it becomes the URL)"),
        );
        return (None, diags);
    }
    let mut rm = RoadmapSources { id: name.to_owned(), meta: None, editions: Vec::new() };
    for entry in WalkDir::new(&dir).min_depth(1).max_depth(1).sort_by_file_name() {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                diags.push(Diagnostic::error(&rel_dir, format!("cannot list: {e}")));
                continue;
            }
        };
        let name = entry.file_name().to_string_lossy().into_owned();
        let rel = rel_dir.join(&name);
        if name.starts_with('.') || entry.file_type().is_dir() {
            continue;
        }
        if name == "roadmap.toml" {
            match read_source(root, &rel) {
                Ok(s) => rm.meta = Some(s),
                Err(d) => diags.push(d),
            }
        } else if let Some(lang) = name.strip_suffix(".md") {
            match read_source(root, &rel) {
                Ok(s) => rm.editions.push((lang.to_owned(), s)),
                Err(d) => diags.push(d),
            }
        } else {
            diags.push(
                Diagnostic::warning(&rel, "is not a roadmap source and is ignored")
                    .with_help("a roadmap folder holds roadmap.toml and one <lang>.md per language"),
            );
        }
    }
    (Some(rm), diags)
}

/// The site's files that are read before its roadmaps: `site.toml`, the registries, the
/// site's UI strings, and the names of the roadmap folders (whose files
/// [`SiteListing::read_roadmaps`] or [`read_roadmap`] read).
#[derive(Debug, Clone)]
pub struct SiteListing {
    /// The site root.
    pub root: PathBuf,
    /// `site.toml`.
    pub site: Source,
    /// The folder names under `content/roadmaps/`, sorted.
    pub roadmap_dirs: Vec<String>,
    /// `content/resources.toml`, if present.
    pub resources: Option<Source>,
    /// `content/topics.toml`, if present.
    pub topics: Option<Source>,
    /// `i18n/<lang>.ftl` of the site, as (lang, source).
    pub i18n: Vec<(String, Source)>,
    /// Diagnostics of listing `content/roadmaps/` (they come before the roadmaps' own).
    pub listing_diags: Vec<Diagnostic>,
    /// Diagnostics of reading the other files (they come after the roadmaps').
    pub other_diags: Vec<Diagnostic>,
}

impl SiteListing {
    /// Reads every roadmap folder, on every core, in name order.
    pub fn read_roadmaps(&self) -> Vec<(Option<RoadmapSources>, Vec<Diagnostic>)> {
        use rayon::prelude::*;
        self.roadmap_dirs.par_iter().map(|name| read_roadmap(&self.root, name)).collect()
    }

    /// The whole site read: the listing with every roadmap folder's files, and every diagnostic
    /// in the order of [`read_site`].
    pub fn into_sources(self) -> (SourceSet, Vec<Diagnostic>) {
        let read = self.read_roadmaps();
        let SiteListing { root, site, resources, topics, i18n, mut listing_diags, other_diags, .. } = self;
        let mut roadmaps = Vec::with_capacity(read.len());
        for (rm, d) in read {
            listing_diags.extend(d);
            roadmaps.extend(rm);
        }
        listing_diags.extend(other_diags);
        (SourceSet { root, site, roadmaps, resources, topics, i18n }, listing_diags)
    }
}

/// Reads the site at `root`. Problems with single files are collected, not fatal; a missing
/// `site.toml` is.
pub fn read_site(root: &Path) -> Result<(SourceSet, Vec<Diagnostic>), Vec<Diagnostic>> {
    Ok(list_site(root)?.into_sources())
}

/// Reads the site at `root` except its roadmap folders, which it only lists: `gen build` reads
/// each roadmap's files when it models it, so that a large site's sources are never in memory
/// all at once. Fails, as [`read_site`] does, only without `site.toml`.
pub fn list_site(root: &Path) -> Result<SiteListing, Vec<Diagnostic>> {
    let mut diags = Vec::new();
    let site = read_source(root, Path::new("site.toml")).map_err(|d| {
        vec![d.with_help(format!(
            "run gen in a site folder (one with site.toml), or pass --root; looked in {}",
            root.display()
        ))]
    })?;
    let optional = |rel: &str, diags: &mut Vec<Diagnostic>| {
        let p = Path::new(rel);
        if root.join(p).exists() { read_source(root, p).map_err(|d| diags.push(d)).ok() } else { None }
    };
    let resources = optional("content/resources.toml", &mut diags);
    let topics = optional("content/topics.toml", &mut diags);

    let mut roadmap_dirs = Vec::new();
    let roadmaps_dir = root.join("content/roadmaps");
    if roadmaps_dir.is_dir() {
        let mut dirs: Vec<_> = match std::fs::read_dir(&roadmaps_dir) {
            Ok(rd) => rd
                .filter_map(Result::ok)
                .filter(|e| {
                    let is_link = e.file_type().is_ok_and(|t| t.is_symlink());
                    if is_link {
                        diags.push(Diagnostic::warning(
                            Path::new("content/roadmaps").join(e.file_name()),
                            "symbolic links to roadmap folders are not followed",
                        ));
                    }
                    !is_link && e.path().is_dir()
                })
                .collect(),
            Err(e) => {
                diags.push(Diagnostic::error("content/roadmaps", format!("cannot list: {e}")));
                Vec::new()
            }
        };
        // Folders are read in name order, so sources and diagnostics come in the same order.
        dirs.sort_by_key(|e| e.file_name());
        roadmap_dirs = dirs.iter().map(|d| d.file_name().to_string_lossy().into_owned()).collect();
    } else {
        diags.push(Diagnostic::warning("content/roadmaps", "no roadmaps folder; the site has no roadmaps"));
    }

    let mut other_diags = Vec::new();
    let mut i18n = Vec::new();
    if let Ok(rd) = std::fs::read_dir(root.join("i18n")) {
        let mut files: Vec<_> = rd.filter_map(Result::ok).collect();
        files.sort_by_key(|e| e.file_name());
        for f in files {
            let name = f.file_name().to_string_lossy().into_owned();
            if let Some(lang) = name.strip_suffix(".ftl") {
                match read_source(root, &Path::new("i18n").join(&name)) {
                    Ok(s) => i18n.push((lang.to_owned(), s)),
                    Err(d) => other_diags.push(d),
                }
            }
        }
    }

    Ok(SiteListing {
        root: root.to_path_buf(),
        site,
        roadmap_dirs,
        resources,
        topics,
        i18n,
        listing_diags: diags,
        other_diags,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_url_safe() {
        assert!(is_valid_id("backend-zero-to-senior"));
        assert!(is_valid_id("phase-1"));
        assert!(!is_valid_id("Phase-1"));
        assert!(!is_valid_id("đánh-giá"));
        assert!(!is_valid_id("-x"));
        assert!(!is_valid_id(""));
    }
}
