//! Watching the site's sources with notify: native events (inotify, FSEvents, …) or, with
//! `--poll`, periodic scans for file systems where events do not arrive (WSL, network drives,
//! containers). Only what the site is built from is watched: `site.toml` (through the root folder,
//! so editors that save by writing a new file and renaming it over the old one are seen),
//! `content/`, `i18n/`, `themes/` and `static/` — never `public/`, `target/` or `.git/`.
//!
//! Batching is written here rather than taken from notify-debouncer-full: that crate holds every
//! event for a fixed timeout, which would be most of a 50 ms budget. We batch until the sources
//! are quiet instead: 2 ms after an event that ends a write (close after writing, rename),
//! 30 ms after one that may be followed by more data (a modify, a poll hit), and 120 ms after a
//! source is removed. Removals come in runs (a folder deleted file by file, a whole site moved
//! away) whose steps can be milliseconds apart on a busy machine; building between two steps
//! would publish a half-deleted site — a roadmap whose pages vanish, or an empty site — in place
//! of the last good one. Editors' leftovers (`en.md~`, `.en.md.swp`, vim's `4913`) are removed
//! after every save, so their removal does not wait.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender, channel};
use std::time::{Duration, Instant};

use notify::event::{AccessKind, AccessMode, CreateKind, MetadataKind, ModifyKind};
use notify::{Event, EventKind, PollWatcher, RecommendedWatcher, RecursiveMode, Watcher};

/// Folders under the root that hold sources; each is watched recursively when it exists.
pub const SOURCE_DIRS: &[&str] = &["content", "i18n", "themes", "static"];

/// How often `--poll` scans the sources.
pub const POLL_INTERVAL: Duration = Duration::from_millis(300);

/// Quiet time after an event that ends a write.
const SETTLE_DONE: Duration = Duration::from_millis(2);
/// Quiet time after an event that may be followed by more writes.
const SETTLE_BUSY: Duration = Duration::from_millis(30);
/// Quiet time after a source was removed, which may be one step of a larger deletion.
const SETTLE_GONE: Duration = Duration::from_millis(120);
/// Longest a batch waits for quiet, so a file written continuously still gets rebuilt.
const MAX_BATCH: Duration = Duration::from_millis(500);

/// One changed path and how long the sources must then be quiet before the batch is built.
#[derive(Debug)]
struct Change {
    path: PathBuf,
    settle: Duration,
}

/// A running watcher over a site root.
pub struct SourceWatcher {
    root: PathBuf,
    watcher: Box<dyn Watcher + Send>,
    /// Watched folders (the root and the existing source folders) with the identity they had
    /// when watched, to notice one that was deleted and created again.
    watched: HashMap<PathBuf, Option<(u64, u64)>>,
    rx: Receiver<Change>,
    polls: bool,
}

impl SourceWatcher {
    /// Starts watching `root`, natively or (with `poll`) by scanning.
    pub fn start(root: &Path, poll: bool) -> notify::Result<SourceWatcher> {
        let (tx, rx) = channel();
        let handler = move |res: notify::Result<Event>| forward(res, &tx);
        let watcher: Box<dyn Watcher + Send> = if poll {
            // notify's poller compares modification times in whole seconds, so a second save in
            // the same second would be missed; comparing contents never misses one.
            let config = notify::Config::default().with_poll_interval(POLL_INTERVAL).with_compare_contents(true);
            Box::new(PollWatcher::new(handler, config)?)
        } else {
            Box::new(RecommendedWatcher::new(handler, notify::Config::default())?)
        };
        let mut w = SourceWatcher { root: root.to_path_buf(), watcher, watched: HashMap::new(), rx, polls: poll };
        w.refresh();
        Ok(w)
    }

    /// (Re)watches the root and the source folders that exist now: a folder created after the
    /// start, or deleted and created again, is picked up here. Called before every batch.
    pub fn refresh(&mut self) {
        let mut wanted = vec![(self.root.clone(), RecursiveMode::NonRecursive)];
        for d in SOURCE_DIRS {
            wanted.push((self.root.join(d), RecursiveMode::Recursive));
        }
        for (path, mode) in wanted {
            let id = identity(&path);
            match (self.watched.get(&path), id) {
                (Some(old), Some(_)) if *old == id => {}
                (_, Some(_)) => {
                    let _ = self.watcher.unwatch(&path);
                    if self.watcher.watch(&path, mode).is_ok() {
                        self.watched.insert(path, id);
                    }
                }
                (Some(_), None) => {
                    let _ = self.watcher.unwatch(&path);
                    self.watched.remove(&path);
                }
                (None, None) => {}
            }
        }
    }

    /// Waits for the next batch of changed paths: blocks until something changes, then until
    /// the sources are quiet. `None` when the watcher stopped.
    pub fn next_batch(&mut self) -> Option<Vec<PathBuf>> {
        let first = self.rx.recv().ok()?;
        Some(self.batch_from(first))
    }

    /// [`SourceWatcher::next_batch`], giving up after `wait` with an empty batch.
    pub fn next_batch_within(&mut self, wait: Duration) -> Option<Vec<PathBuf>> {
        match self.rx.recv_timeout(wait) {
            Ok(first) => Some(self.batch_from(first)),
            Err(RecvTimeoutError::Timeout) => Some(Vec::new()),
            Err(RecvTimeoutError::Disconnected) => None,
        }
    }

    fn batch_from(&mut self, first: Change) -> Vec<PathBuf> {
        let start = Instant::now();
        let mut settle = first.settle;
        let mut paths = vec![first.path];
        while start.elapsed() < MAX_BATCH {
            match self.rx.recv_timeout(settle) {
                Ok(c) => {
                    settle = c.settle;
                    paths.push(c.path);
                }
                Err(_) => break,
            }
        }
        paths.sort();
        paths.dedup();
        self.refresh();
        paths
    }

    /// Whether the watcher polls.
    pub fn polls(&self) -> bool {
        self.polls
    }
}

/// Forwards the events that may change the site; drops reads (ours included: reading a source
/// must not trigger a rebuild) and access-time updates.
fn forward(res: notify::Result<Event>, tx: &Sender<Change>) {
    let Ok(event) = res else {
        // The watcher lost track (e.g. queue overflow): rescan everything.
        let _ = tx.send(Change { path: PathBuf::new(), settle: SETTLE_DONE });
        return;
    };
    let settle = match event.kind {
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => SETTLE_DONE,
        EventKind::Access(_) => return,
        EventKind::Modify(ModifyKind::Metadata(MetadataKind::AccessTime)) => return,
        EventKind::Remove(_) => SETTLE_GONE,
        EventKind::Modify(ModifyKind::Name(_)) => SETTLE_DONE,
        EventKind::Create(CreateKind::Folder) => SETTLE_DONE,
        EventKind::Modify(ModifyKind::Metadata(_)) => SETTLE_DONE,
        EventKind::Create(_) | EventKind::Modify(_) | EventKind::Any | EventKind::Other => SETTLE_BUSY,
    };
    if event.need_rescan() {
        let _ = tx.send(Change { path: PathBuf::new(), settle });
    }
    for path in event.paths {
        let settle = if settle == SETTLE_GONE && is_editor_leftover(&path) { SETTLE_DONE } else { settle };
        let _ = tx.send(Change { path, settle });
    }
}

/// Files editors create beside a document while saving it and remove right after: backups
/// (`en.md~`), swap files (`.en.md.swp`, `.en.md.swx`), hidden temporaries (`.en.md.tmp`,
/// `.#en.md`) and vim's write test `4913`. None of them is a source.
fn is_editor_leftover(path: &Path) -> bool {
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else { return false };
    name.starts_with('.') || name.ends_with('~') || name == "4913"
}

/// Device and inode of a folder, to tell a re-created folder from the one that was watched.
#[cfg(unix)]
fn identity(path: &Path) -> Option<(u64, u64)> {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata(path).ok().filter(|m| m.is_dir()).map(|m| (m.dev(), m.ino()))
}

#[cfg(not(unix))]
fn identity(path: &Path) -> Option<(u64, u64)> {
    std::fs::metadata(path).ok().filter(|m| m.is_dir()).map(|_| (0, 0))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every path seen within `secs` seconds, until `want` is among them.
    fn wait_for(w: &mut SourceWatcher, want: &Path, secs: u64) -> Vec<PathBuf> {
        let deadline = Instant::now() + Duration::from_secs(secs);
        let mut seen = Vec::new();
        while Instant::now() < deadline {
            seen.extend(w.next_batch_within(Duration::from_millis(100)).unwrap());
            if seen.iter().any(|p| p == want) {
                return seen;
            }
        }
        panic!("{} not seen within {secs}s; saw {seen:?}", want.display());
    }

    fn site() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("content/roadmaps/a")).unwrap();
        std::fs::write(dir.path().join("site.toml"), "x").unwrap();
        std::fs::write(dir.path().join("content/roadmaps/a/en.md"), "one").unwrap();
        dir
    }

    #[test]
    fn sees_a_write_in_place_and_a_save_by_rename() {
        let dir = site();
        let mut w = SourceWatcher::start(dir.path(), false).unwrap();
        let doc = dir.path().join("content/roadmaps/a/en.md");
        std::fs::write(&doc, "two").unwrap();
        wait_for(&mut w, &doc, 10);
        // An editor that writes a temporary file and renames it over the document.
        let tmp = dir.path().join("content/roadmaps/a/.en.md.tmp");
        std::fs::write(&tmp, "three").unwrap();
        std::fs::rename(&tmp, &doc).unwrap();
        wait_for(&mut w, &doc, 10);
        // site.toml is replaced the same way, seen through the root folder.
        let cfg = dir.path().join("site.toml");
        std::fs::write(dir.path().join("site.toml.new"), "y").unwrap();
        std::fs::rename(dir.path().join("site.toml.new"), &cfg).unwrap();
        wait_for(&mut w, &cfg, 10);
    }

    #[test]
    fn reading_a_source_is_not_a_change() {
        let dir = site();
        let mut w = SourceWatcher::start(dir.path(), false).unwrap();
        let doc = dir.path().join("content/roadmaps/a/en.md");
        let _ = std::fs::read(&doc).unwrap();
        let _ = std::fs::read(dir.path().join("site.toml")).unwrap();
        assert_eq!(w.next_batch_within(Duration::from_millis(200)), Some(vec![]), "a read was reported as a change");
    }

    #[test]
    fn picks_up_a_source_folder_created_later() {
        let dir = site();
        let mut w = SourceWatcher::start(dir.path(), false).unwrap();
        std::fs::create_dir_all(dir.path().join("i18n")).unwrap();
        wait_for(&mut w, &dir.path().join("i18n"), 10); // seen through the root; now watched
        let ftl = dir.path().join("i18n/en.ftl");
        std::fs::write(&ftl, "a = b").unwrap();
        wait_for(&mut w, &ftl, 10);
    }

    #[test]
    fn a_deletion_in_steps_is_one_batch() {
        let dir = site();
        let a = dir.path().join("content/roadmaps/a");
        std::fs::write(a.join("vi.md"), "hai").unwrap();
        std::fs::write(a.join("roadmap.toml"), "x").unwrap();
        let mut w = SourceWatcher::start(dir.path(), false).unwrap();
        // A folder deleted file by file, with pauses a busy machine could make between steps
        // (longer than the 2 ms that ends a batch after a write, well below `SETTLE_GONE`).
        let files = ["en.md", "vi.md", "roadmap.toml"];
        let folder = a.clone();
        let deleting = std::thread::spawn(move || {
            for f in files {
                std::fs::remove_file(folder.join(f)).unwrap();
                std::thread::sleep(Duration::from_millis(10));
            }
            std::fs::remove_dir(&folder).unwrap();
        });
        let batch = w.next_batch().unwrap();
        deleting.join().unwrap();
        for f in files {
            assert!(batch.contains(&a.join(f)), "{f} is not in the first batch: {batch:?}");
        }
    }

    #[test]
    fn editor_leftovers_are_told_from_sources() {
        for leftover in ["en.md~", ".en.md.swp", ".en.md.swx", ".#en.md", "4913", ".en.md.tmp"] {
            assert!(is_editor_leftover(Path::new("content/roadmaps/a").join(leftover).as_path()), "{leftover}");
        }
        for source in ["en.md", "roadmap.toml", "a", "site.toml", "vi.ftl"] {
            assert!(!is_editor_leftover(Path::new("content/roadmaps/a").join(source).as_path()), "{source}");
        }
    }

    #[test]
    fn polling_sees_a_change() {
        let dir = site();
        let mut w = SourceWatcher::start(dir.path(), true).unwrap();
        assert!(w.polls());
        let doc = dir.path().join("content/roadmaps/a/en.md");
        // Two saves within the same second (the same modification time to the second) are both seen.
        std::fs::write(&doc, "two").unwrap();
        wait_for(&mut w, &doc, 10);
        std::fs::write(&doc, "six").unwrap();
        wait_for(&mut w, &doc, 10);
    }
}
