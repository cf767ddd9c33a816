//! Stage 7: write the rendered site atomically. Everything goes into a staging folder beside the
//! output; only when all of it is written is the old output swapped out. A build that fails or is
//! killed at any point leaves the previous site untouched. The site before is kept as the next
//! build's staging folder, so a rebuild only writes the files that changed.

use std::collections::HashMap;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

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

/// What one file of a written site was, so that the next build can leave it alone when its bytes
/// have not changed: the hash and length of the bytes, and the file's identity and modification
/// time as written (if anything else touched the file since, they differ and it is rewritten).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
struct Entry {
    hash: u128,
    len: u64,
    ino: u64,
    mtime_ns: i128,
}

/// Every file of one written site, by path relative to its root.
type Manifest = HashMap<String, Entry>;

/// What a build leaves in the work folder for the next one: the manifest of the site now in the
/// output, and of the one before it, kept in `prev/` to be reused as the next staging folder.
#[derive(Debug, Default, serde::Serialize, serde::Deserialize)]
struct State {
    version: u32,
    live: Option<Manifest>,
    prev: Option<Manifest>,
}

const STATE_VERSION: u32 = 1;

/// A site being written: a staging folder beside the output that pages go into as soon as
/// they are rendered (so the whole site never sits in memory), swapped in by [`Staging::commit`].
/// Dropping it without committing removes it and leaves the previous output untouched.
///
/// The staging folder lives in a work folder beside the output (`.public.gen/` for `public/`,
/// on the same file system, which the atomic swap needs). After a swap the previous site is not
/// deleted but kept there (`prev/`) and becomes the next build's staging folder: only the files
/// whose bytes changed are written again, files the new site no longer has are removed, and
/// unchanged files are not touched (a file is trusted to be unchanged when its inode, length and
/// modification time are those recorded when it was written; a change by hand of the same length
/// within the file system's timestamp granularity after the build's own write would be missed).
/// On a slow disk creating and deleting every file of the site
/// costs far more than rendering it; a rebuild after a small edit now writes a few files.
#[derive(Debug)]
pub struct Staging {
    output: PathBuf,
    work: PathBuf,
    dir: PathBuf,
    /// Created empty by this build (otherwise: the previous site, being updated).
    fresh: bool,
    /// What the reused folder holds, from the last build's state.
    known: Manifest,
    /// What the output holds now (it becomes the previous site after the swap).
    live: Option<Manifest>,
    /// The files this build wrote or kept.
    written: Mutex<Manifest>,
    /// Held until the build ends: two builds into one output take turns.
    _lock: fs::File,
    committed: bool,
}

impl Staging {
    /// Prepares the staging folder beside `output`: the previous site when the last build left
    /// one with its manifest, an empty folder otherwise (after cleaning up what killed builds
    /// left). Waits while another build writes into the same output.
    pub fn new(output: &Path) -> std::io::Result<Staging> {
        let parent = match output.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        fs::create_dir_all(&parent)?;
        let name = output.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "public".into());
        let work = parent.join(format!(".{name}.gen"));
        fs::create_dir_all(&work)?;
        let lock = fs::OpenOptions::new().create(true).truncate(false).write(true).open(work.join("lock"))?;
        lock.lock()?;
        clean_leftovers(&parent, &name, &work, output);
        let state = read_state(&work);
        let prev = work.join("prev");
        let output_exists = output.is_dir();
        let live = if output_exists { state.live } else { None };
        // The previous site is reusable whenever its manifest is known, even when the output
        // itself was deleted (then the staging folder is simply renamed into place).
        let reuse = match state.prev {
            Some(m) if prev.is_dir() => Some(m),
            _ => None,
        };
        let (dir, fresh, known) = match reuse {
            Some(known) => {
                // From here on the folder is being changed: the state must not vouch for it.
                write_state(&work, &State { version: STATE_VERSION, live: live.clone(), prev: None })?;
                (prev, false, known)
            }
            None => {
                if prev.exists() {
                    fs::remove_dir_all(&prev)?;
                }
                let dir = tempfile::Builder::new().prefix("tmp-").tempdir_in(&work)?.keep();
                (dir, true, Manifest::new())
            }
        };
        Ok(Staging {
            output: output.to_path_buf(),
            work,
            dir,
            fresh,
            known,
            live,
            written: Mutex::new(Manifest::new()),
            _lock: lock,
            committed: false,
        })
    }

    /// The staging folder.
    pub fn root(&self) -> &Path {
        &self.dir
    }

    /// Writes one page, creating its folder when it does not exist yet. Safe to call from many
    /// threads at once.
    pub fn write_page(&self, page: &Page) -> std::io::Result<()> {
        self.put(page.file(), &page.body)
    }

    /// Puts `bytes` at `rel` in the staging folder, unless the file there already holds them.
    fn put(&self, rel: String, bytes: &[u8]) -> std::io::Result<()> {
        let path = self.dir.join(&rel);
        let hash = xxhash_rust::xxh3::xxh3_128(bytes);
        if let Some(old) = self.known.get(&rel)
            && old.hash == hash
            && old.len == bytes.len() as u64
            && fs::symlink_metadata(&path)
                .is_ok_and(|m| m.is_file() && identity(&m) == (old.ino, old.mtime_ns, old.len))
        {
            self.written.lock().unwrap_or_else(|e| e.into_inner()).insert(rel, *old);
            return Ok(());
        }
        // In a folder made empty by this build, a page's folder (`…/phase-2/` for
        // `…/phase-2/index.html`) does not exist yet: made first, it saves a failed `open` per page.
        if self.fresh
            && let Some(parent) = path.parent()
            && let Err(e) = fs::create_dir(parent)
            && e.kind() == std::io::ErrorKind::NotFound
        {
            fs::create_dir_all(parent)?;
        }
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
        file.write_all(bytes)?;
        let (ino, mtime_ns, len) = identity(&file.metadata()?);
        self.written.lock().unwrap_or_else(|e| e.into_inner()).insert(rel, Entry { hash, len, ino, mtime_ns });
        Ok(())
    }

    /// Copies static folders (source dir → dest subdir of the output).
    pub fn copy_static(&self, static_dirs: &[(PathBuf, &str)]) -> std::io::Result<()> {
        for (src, dest) in static_dirs {
            for (rel, path) in static_files(src)? {
                let rel = if dest.is_empty() { rel } else { format!("{}/{rel}", dest.trim_end_matches('/')) };
                self.put(rel, &fs::read(&path)?)?;
            }
        }
        Ok(())
    }

    /// Swaps the written site in. On Linux one renameat2(RENAME_EXCHANGE) swaps both folders at
    /// once, so at every instant the output is either the whole old site or the whole new one.
    /// The old site stays in the work folder for the next build to update.
    pub fn commit(mut self) -> std::io::Result<()> {
        let written = std::mem::take(&mut *self.written.lock().unwrap_or_else(|e| e.into_inner()));
        if !self.fresh {
            remove_unlisted(&self.dir, "", &written)?;
        }
        let prev = self.work.join("prev");
        if self.output.is_dir() && exchange(&self.dir, &self.output).is_ok() {
            // The staging path now holds the previous site.
            self.committed = true;
            if self.fresh {
                fs::rename(&self.dir, &prev)?;
            }
            let old = self.live.take();
            return write_state(&self.work, &State { version: STATE_VERSION, live: Some(written), prev: old });
        }
        // Fallback (no exchange support, or no previous site): two renames.
        let old = self.work.join(format!("old-{}", std::process::id()));
        let had_old = self.output.exists();
        if had_old {
            fs::rename(&self.output, &old)?;
        }
        if let Err(e) = fs::rename(&self.dir, &self.output) {
            if had_old {
                let _ = fs::rename(&old, &self.output);
            }
            return Err(e);
        }
        self.committed = true;
        if had_old {
            fs::remove_dir_all(&old)?;
        }
        write_state(&self.work, &State { version: STATE_VERSION, live: Some(written), prev: None })
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            // An unfinished site is never kept (not even a reused one: its state was withdrawn).
            let _ = fs::remove_dir_all(&self.dir);
        }
    }
}

/// A file's inode, modification time and length: what tells that nobody touched it since.
fn identity(m: &fs::Metadata) -> (u64, i128, u64) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        (m.ino(), m.mtime() as i128 * 1_000_000_000 + m.mtime_nsec() as i128, m.len())
    }
    #[cfg(not(unix))]
    {
        let t = m
            .modified()
            .ok()
            .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
            .map_or(0, |d| d.as_nanos() as i128);
        (0, t, m.len())
    }
}

/// Removes from the reused folder every file and folder the new site does not have (pages that
/// were deleted, and anything else put there by hand), walking the folder rather than trusting the
/// manifest.
fn remove_unlisted(dir: &Path, prefix: &str, keep: &Manifest) -> std::io::Result<bool> {
    let mut any = false;
    for e in fs::read_dir(dir)? {
        let e = e?;
        let name = e.file_name().to_string_lossy().into_owned();
        let rel = if prefix.is_empty() { name } else { format!("{prefix}/{name}") };
        let ty = e.file_type()?;
        if ty.is_dir() {
            if remove_unlisted(&e.path(), &rel, keep)? {
                any = true;
            } else {
                fs::remove_dir_all(e.path())?;
            }
        } else if keep.contains_key(&rel) && ty.is_file() {
            any = true;
        } else {
            fs::remove_file(e.path())?;
        }
    }
    Ok(any)
}

fn read_state(work: &Path) -> State {
    match fs::read(work.join("state")) {
        Ok(bytes) => match postcard::from_bytes::<State>(&bytes) {
            Ok(s) if s.version == STATE_VERSION => s,
            _ => State::default(),
        },
        Err(_) => State::default(),
    }
}

/// Replaces the state file by a rename, so it is never seen half written. Not synced to disk:
/// after a power cut a stale or missing state only means the next build writes every file.
fn write_state(work: &Path, state: &State) -> std::io::Result<()> {
    let bytes = postcard::to_allocvec(state).map_err(std::io::Error::other)?;
    let tmp = work.join("state.tmp");
    fs::write(&tmp, bytes)?;
    fs::rename(&tmp, work.join("state"))
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

/// Removes staging folders left by builds that were killed (`tmp-*` in the work folder, and
/// `.public.tmp-*` from older versions), and puts back a previous site that a killed fallback
/// swap left aside (`old-*`, `.public.old-*`). Runs under the work folder's lock.
fn clean_leftovers(parent: &Path, name: &str, work: &Path, output: &Path) {
    let mut candidates = Vec::new();
    for dir in [parent, work] {
        let Ok(rd) = fs::read_dir(dir) else { continue };
        for e in rd.filter_map(Result::ok) {
            let n = e.file_name().to_string_lossy().into_owned();
            let (tmp, old) = if dir == work {
                (n.starts_with("tmp-"), n.starts_with("old-"))
            } else {
                (n.starts_with(&format!(".{name}.tmp-")), n.starts_with(&format!(".{name}.old-")))
            };
            if tmp || old {
                candidates.push((e.path(), old));
            }
        }
    }
    for (path, old) in candidates {
        if old && !output.exists() {
            let _ = fs::rename(&path, output);
        } else {
            let _ = fs::remove_dir_all(&path);
        }
    }
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
        assert_eq!(names(tmp.path()), [".public.gen", "public"]);
        // The previous output is kept aside for the next build to reuse, nothing else.
        assert_eq!(names(&tmp.path().join(".public.gen")), ["lock", "prev", "state"]);
        assert_eq!(fs::read_to_string(tmp.path().join(".public.gen/prev/old/index.html")).unwrap(), "old");
    }

    fn names(dir: &Path) -> Vec<String> {
        let mut v: Vec<String> =
            fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
        v.sort();
        v
    }

    fn tree(dir: &Path) -> std::collections::BTreeMap<String, String> {
        walkdir::WalkDir::new(dir)
            .into_iter()
            .map(Result::unwrap)
            .filter(|e| e.file_type().is_file())
            .map(|e| {
                let rel = e.path().strip_prefix(dir).unwrap().to_string_lossy().replace('\\', "/");
                (rel, fs::read_to_string(e.path()).unwrap())
            })
            .collect()
    }

    fn page(path: &str, body: &str) -> Page {
        Page { path: path.into(), body: body.as_bytes().to_vec() }
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn a_rebuild_writes_only_what_changed_and_drops_what_is_gone() {
        use std::os::unix::fs::MetadataExt;
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        let v1 = vec![page("a/", "A1"), page("b/", "B1"), page("gone/", "G")];
        let v2 = vec![page("a/", "A2"), page("b/", "B1"), page("new/x/", "N")];
        write_site(&out, &v1, &[]).unwrap();
        write_site(&out, &v2, &[]).unwrap();
        // From the third build on, the staging folder is the site before last, updated in place.
        write_site(&out, &v1, &[]).unwrap();
        let b_before = fs::metadata(out.join("b/index.html")).unwrap();
        write_site(&out, &v2, &[]).unwrap();
        let want = std::collections::BTreeMap::from([
            ("a/index.html".to_string(), "A2".to_string()),
            ("b/index.html".to_string(), "B1".to_string()),
            ("new/x/index.html".to_string(), "N".to_string()),
        ]);
        assert_eq!(tree(&out), want);
        // b/ was the same in both versions: the file in the output was never rewritten.
        let prev_b = fs::metadata(tmp.path().join(".public.gen/prev/b/index.html")).unwrap();
        let b_after = fs::metadata(out.join("b/index.html")).unwrap();
        assert_ne!(b_after.ino(), b_before.ino(), "the two generations alternate");
        assert_eq!(prev_b.ino(), b_before.ino());
        assert_eq!(tree(&tmp.path().join(".public.gen/prev")).len(), 3);
    }

    #[test]
    fn hand_made_changes_to_the_output_never_survive_a_rebuild() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        let pages = vec![page("a/", "A"), page("b/c/", "C")];
        let want = std::collections::BTreeMap::from([
            ("a/index.html".to_string(), "A".to_string()),
            ("b/c/index.html".to_string(), "C".to_string()),
        ]);
        for round in 0..4 {
            write_site(&out, &pages, &[]).unwrap();
            assert_eq!(tree(&out), want, "round {round}");
            // Someone edits the published files by hand, with the same length, and adds some.
            // (A file rewritten with the same length within the file system's timestamp
            // granularity of the build's own write, a few milliseconds, would go unnoticed.)
            std::thread::sleep(std::time::Duration::from_millis(20));
            fs::write(out.join("a/index.html"), "X").unwrap();
            fs::write(out.join("stray.html"), "S").unwrap();
            fs::create_dir_all(out.join("b/extra")).unwrap();
            fs::write(out.join("b/extra/x.css"), "S").unwrap();
        }
        // A reused folder whose state was lost is rebuilt from nothing.
        fs::remove_file(tmp.path().join(".public.gen/state")).unwrap();
        write_site(&out, &pages, &[]).unwrap();
        write_site(&out, &pages, &[]).unwrap();
        assert_eq!(tree(&out), want);
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
        assert_eq!(names(tmp.path()), [".public.gen", "public"]);
        assert_eq!(names(&tmp.path().join(".public.gen")), ["lock"]);
    }
}
