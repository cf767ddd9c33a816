//! Stage 7: write the rendered site atomically. Everything goes into a fresh temporary directory
//! beside the output; only when all of it is written is the old output swapped out. A build that
//! fails or is killed at any point leaves the previous site untouched.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::render::Page;

/// Replaces one file atomically: the bytes go to a temporary file beside it, which is renamed over
/// the target, so a reader (or a crash) never sees half a file. An existing file keeps its
/// permissions. With `create_new`, an existing file is an error and is left alone.
pub fn write_file_atomically(path: &Path, bytes: &[u8], create_new: bool) -> std::io::Result<()> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let mut tmp = tempfile::Builder::new().prefix(".gen-").suffix(".tmp").tempfile_in(&dir)?;
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    if let Ok(meta) = fs::metadata(path) {
        fs::set_permissions(tmp.path(), meta.permissions())?;
    } else {
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            fs::set_permissions(tmp.path(), fs::Permissions::from_mode(0o644))?;
        }
    }
    if create_new {
        tmp.persist_noclobber(path).map_err(|e| e.error)?;
    } else {
        tmp.persist(path).map_err(|e| e.error)?;
    }
    Ok(())
}

/// Writes `pages` and copies `static_dirs` (each: source dir → dest subdir of the output) into
/// `output`, replacing it atomically.
pub fn write_site(output: &Path, pages: &[Page], static_dirs: &[(PathBuf, &str)]) -> std::io::Result<()> {
    let staging = Staging::new(output)?;
    pages.par_iter().try_for_each(|p| staging.write_page(p))?;
    staging.copy_static(static_dirs)?;
    staging.commit()
}

/// A site being written: a temporary folder beside the output that pages go into as soon as
/// they are rendered (so the whole site never sits in memory), swapped in by [`Staging::commit`].
/// Dropping it without committing removes it and leaves the previous output untouched.
#[derive(Debug)]
pub struct Staging {
    output: PathBuf,
    parent: PathBuf,
    name: String,
    dir: tempfile::TempDir,
}

impl Staging {
    /// Creates the temporary folder beside `output` (after cleaning up what killed builds left).
    pub fn new(output: &Path) -> std::io::Result<Staging> {
        let parent = match output.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        fs::create_dir_all(&parent)?;
        let name = output.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "public".into());
        clean_leftovers(&parent, &name, output);
        let dir = tempfile::Builder::new().prefix(&format!(".{name}.tmp-")).tempdir_in(&parent)?;
        Ok(Staging { output: output.to_path_buf(), parent, name, dir })
    }

    /// The temporary folder.
    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    /// Writes one page, creating its folder when it does not exist yet. Safe to call from many
    /// threads at once.
    pub fn write_page(&self, page: &Page) -> std::io::Result<()> {
        let path = self.dir.path().join(page.file());
        let mut file = match fs::File::create(&path) {
            Ok(f) => f,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                if let Some(parent) = path.parent() {
                    fs::create_dir_all(parent)?;
                }
                fs::File::create(&path)?
            }
            Err(e) => return Err(e),
        };
        file.write_all(&page.body)
    }

    /// Copies static folders (source dir → dest subdir of the output).
    pub fn copy_static(&self, static_dirs: &[(PathBuf, &str)]) -> std::io::Result<()> {
        for (src, dest) in static_dirs {
            if src.is_dir() {
                copy_dir(src, &self.dir.path().join(dest))?;
            }
        }
        Ok(())
    }

    /// Swaps the written site in. On Linux one renameat2(RENAME_EXCHANGE) swaps both folders at
    /// once, so at every instant the output is either the whole old site or the whole new one.
    pub fn commit(self) -> std::io::Result<()> {
        let Staging { output, parent, name, dir } = self;
        let staged = dir.keep();
        if output.exists() && exchange(&staged, &output).is_ok() {
            return fs::remove_dir_all(&staged);
        }
        // Fallback (no exchange support, or no previous site): two renames.
        let old = parent.join(format!(".{name}.old-{}", std::process::id()));
        let had_old = output.exists();
        if had_old {
            fs::rename(&output, &old)?;
        }
        if let Err(e) = fs::rename(&staged, &output) {
            if had_old {
                let _ = fs::rename(&old, &output);
            }
            let _ = fs::remove_dir_all(&staged);
            return Err(e);
        }
        if had_old {
            fs::remove_dir_all(&old)?;
        }
        Ok(())
    }
}

/// Atomically exchanges two paths (Linux `renameat2` with `RENAME_EXCHANGE`).
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> std::io::Result<()> {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE).map_err(std::io::Error::from)
}

#[cfg(not(target_os = "linux"))]
fn exchange(_: &Path, _: &Path) -> std::io::Result<()> {
    Err(std::io::Error::new(std::io::ErrorKind::Unsupported, "no atomic exchange"))
}

/// Removes staging folders left by builds that were killed (`.public.tmp-*`), and puts back a
/// previous site that a killed fallback swap left aside (`.public.old-*`).
fn clean_leftovers(parent: &Path, name: &str, output: &Path) {
    let Ok(rd) = fs::read_dir(parent) else { return };
    for e in rd.filter_map(Result::ok) {
        let n = e.file_name().to_string_lossy().into_owned();
        if n.starts_with(&format!(".{name}.tmp-")) {
            let _ = fs::remove_dir_all(e.path());
        } else if n.starts_with(&format!(".{name}.old-")) {
            if output.exists() {
                let _ = fs::remove_dir_all(e.path());
            } else {
                let _ = fs::rename(e.path(), output);
            }
        }
    }
}

fn copy_dir(src: &Path, dest: &Path) -> std::io::Result<()> {
    fs::create_dir_all(dest)?;
    for (rel, path) in static_files(src)? {
        let target = dest.join(&rel);
        if let Some(parent) = target.parent() {
            fs::create_dir_all(parent)?;
        }
        fs::copy(&path, &target)?;
    }
    Ok(())
}

/// The regular files under a static folder, as (path relative to `src` with `/` separators,
/// full path), sorted. Symbolic links are skipped, so nothing outside the folder is ever
/// published (`gen build` copies these; `gen serve` serves them).
pub fn static_files(src: &Path) -> std::io::Result<Vec<(String, PathBuf)>> {
    let mut out = Vec::new();
    if !src.is_dir() {
        return Ok(out);
    }
    for entry in walkdir::WalkDir::new(src).follow_links(false).sort_by_file_name() {
        let entry = entry.map_err(std::io::Error::other)?;
        if entry.file_type().is_file() {
            let rel = entry.path().strip_prefix(src).map_err(std::io::Error::other)?;
            let rel: Vec<String> = rel.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
            out.push((rel.join("/"), entry.path().to_path_buf()));
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_the_output_as_a_whole() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        fs::create_dir_all(out.join("old")).unwrap();
        fs::write(out.join("old/index.html"), "old").unwrap();
        let pages = vec![
            Page { path: "vi/".into(), body: b"new".to_vec() },
            Page { path: "404.html".into(), body: b"nf".to_vec() },
        ];
        write_site(&out, &pages, &[]).unwrap();
        assert_eq!(fs::read_to_string(out.join("vi/index.html")).unwrap(), "new");
        assert!(!out.join("old").exists());
        let leftovers: Vec<_> = fs::read_dir(tmp.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(leftovers, vec![std::ffi::OsString::from("public")]);
    }

    #[test]
    fn an_abandoned_staging_folder_leaves_the_output_alone() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        fs::create_dir_all(&out).unwrap();
        fs::write(out.join("index.html"), "old").unwrap();
        let staging = Staging::new(&out).unwrap();
        staging.write_page(&Page { path: "vi/a/b/".into(), body: b"new".to_vec() }).unwrap();
        assert!(staging.root().join("vi/a/b/index.html").is_file());
        drop(staging);
        assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "old");
        let leftovers: Vec<_> = fs::read_dir(tmp.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(leftovers, vec![std::ffi::OsString::from("public")]);
    }
}
