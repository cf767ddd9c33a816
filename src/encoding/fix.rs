//! `gen fix`: repair the encoding of files in place or report what would change.
//!
//! `main.rs` only maps its arguments onto [`FixOptions`] and calls [`run`].

use super::report::visible;
use super::{Normalized, RepairKind, normalize};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

/// What `gen fix` does with each file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum FixMode {
    /// Report what would change, change nothing (default).
    #[default]
    Report,
    /// Report, and exit 1 if any file needs a change (for CI).
    Check,
    /// Replace files with their repaired text (atomically, original kept as `FILE.orig`).
    Write,
}

/// Report format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum FixFormat {
    /// One line per change, for people: `file:line:col: before → after (confidence)`.
    #[default]
    Text,
    /// The same fields as JSON, for tools.
    Json,
}

/// Options of `gen fix`.
#[derive(Debug, Clone, Default)]
pub struct FixOptions {
    /// Files or folders (folders: every `.md`, `.markdown`, `.txt`, `.toml` inside); `-` means
    /// standard input → standard output (report on standard error).
    pub paths: Vec<PathBuf>,
    /// Report, check or write.
    pub mode: FixMode,
    /// Text or JSON report.
    pub format: FixFormat,
    /// With `Write`: also write files whose repair contains guesses below
    /// [`GUESS_THRESHOLD`] (restored characters that were chosen among alternatives).
    pub accept_guesses: bool,
}

/// Guesses at or above this confidence are written without `accept_guesses`.
pub const GUESS_THRESHOLD: f32 = 0.9;

#[derive(serde::Serialize)]
struct FileReport<'a> {
    path: String,
    encoding: &'a str,
    clean: bool,
    repairs: &'a [super::Repair],
    unresolved: Vec<Unresolved<'a>>,
    written: bool,
    backup: Option<String>,
    refused: Option<String>,
}

#[derive(serde::Serialize)]
struct Unresolved<'a> {
    line: usize,
    col: usize,
    message: &'a str,
}

/// Run `gen fix` with the process's standard streams; returns the exit code
/// (0 ok, 1 problems found with `--check` or guesses refused with `--write`, 2 usage or I/O error).
pub fn run(opts: &FixOptions) -> i32 {
    let stdin = std::io::stdin();
    let stdout = std::io::stdout();
    let stderr = std::io::stderr();
    run_with(opts, &mut stdin.lock(), &mut stdout.lock(), &mut stderr.lock())
}

/// [`run`] with explicit streams (for tests).
pub fn run_with(opts: &FixOptions, stdin: &mut dyn Read, stdout: &mut dyn Write, stderr: &mut dyn Write) -> i32 {
    if opts.paths.is_empty() {
        let _ = writeln!(stderr, "gen fix: no paths given (use `-` for standard input)");
        return 2;
    }
    let mut code = 0;
    let mut json_files = Vec::new();
    for p in &opts.paths {
        if p.as_os_str() == "-" {
            let mut bytes = Vec::new();
            if let Err(e) = stdin.read_to_end(&mut bytes) {
                let _ = writeln!(stderr, "gen fix: standard input: {e}");
                return 2;
            }
            let n = normalize(&bytes);
            if stdout.write_all(n.text.as_bytes()).is_err() {
                return 2;
            }
            let report = file_report("<stdin>", &n, false, None, None);
            emit(opts, &report, stderr, &mut json_files);
            if opts.mode == FixMode::Check && !n.is_clean() {
                code = code.max(1);
            }
            continue;
        }
        let files = match collect(p) {
            Ok(f) => f,
            Err(e) => {
                let _ = writeln!(stderr, "gen fix: {}: {e}", p.display());
                code = 2;
                continue;
            }
        };
        for f in files {
            let bytes = match std::fs::read(&f) {
                Ok(b) => b,
                Err(e) => {
                    let _ = writeln!(stderr, "gen fix: {}: {e}", f.display());
                    code = 2;
                    continue;
                }
            };
            let n = normalize(&bytes);
            let changed = n.text.as_bytes() != bytes.as_slice();
            let (mut written, mut backup, mut refused) = (false, None, None);
            if opts.mode == FixMode::Write && changed {
                let low = n
                    .repairs
                    .iter()
                    .filter(|r| r.kind == RepairKind::LostBytes && r.confidence < GUESS_THRESHOLD)
                    .count();
                if low > 0 && !opts.accept_guesses {
                    refused = Some(format!(
                        "{low} restored character(s) below confidence {GUESS_THRESHOLD}; review them and pass --accept-guesses to write"
                    ));
                    code = code.max(1);
                } else {
                    match write_with_backup(&f, &bytes, n.text.as_bytes()) {
                        Ok(b) => {
                            written = true;
                            backup = Some(b.display().to_string());
                        }
                        Err(e) => {
                            let _ = writeln!(stderr, "gen fix: {}: {e}", f.display());
                            code = 2;
                        }
                    }
                }
            }
            if opts.mode == FixMode::Check && changed {
                code = code.max(1);
            }
            let name = f.display().to_string();
            let report = file_report(&name, &n, written, backup, refused);
            emit(opts, &report, stdout, &mut json_files);
        }
    }
    if opts.format == FixFormat::Json {
        let out = serde_json::json!({ "files": json_files });
        let target: &mut dyn Write = if opts.paths.iter().any(|p| p.as_os_str() == "-") { stderr } else { stdout };
        let _ = writeln!(target, "{}", serde_json::to_string_pretty(&out).unwrap_or_default());
    }
    code
}

fn file_report<'a>(
    path: &str,
    n: &'a Normalized,
    written: bool,
    backup: Option<String>,
    refused: Option<String>,
) -> FileReport<'a> {
    FileReport {
        path: path.to_string(),
        encoding: &n.decoding.encoding,
        clean: n.is_clean(),
        repairs: &n.repairs,
        unresolved: n
            .unresolved
            .iter()
            .map(|(line, col, message)| Unresolved { line: *line, col: *col, message })
            .collect(),
        written,
        backup,
        refused,
    }
}

fn emit(opts: &FixOptions, r: &FileReport, out: &mut dyn Write, json_files: &mut Vec<serde_json::Value>) {
    if opts.format == FixFormat::Json {
        json_files.push(serde_json::to_value(r).unwrap_or_default());
        return;
    }
    for rep in r.repairs {
        let kind = match rep.kind {
            RepairKind::Transcode => "transcode",
            RepairKind::Mojibake => "mojibake",
            RepairKind::LostBytes => "lost bytes",
            RepairKind::Normalize => "normalize",
        };
        if rep.before.is_empty() && rep.after.is_empty() {
            let _ = writeln!(out, "{}: {kind}: read as {}", r.path, r.encoding);
            continue;
        }
        if rep.kind == RepairKind::Normalize && rep.before.is_empty() {
            let _ = writeln!(out, "{}: {kind}: {}", r.path, rep.after);
            continue;
        }
        let mut line =
            format!("{}:{}:{}: {} → {} ({kind}", r.path, rep.line, rep.col, visible(&rep.before), visible(&rep.after));
        if rep.confidence < 1.0 {
            line.push_str(&format!(", confidence {:.2}", rep.confidence));
            if !rep.alternatives.is_empty() {
                line.push_str(&format!("; alternatives: {}", rep.alternatives.join(" ")));
            }
        }
        line.push(')');
        let _ = writeln!(out, "{line}");
    }
    for u in &r.unresolved {
        let _ = writeln!(out, "{}:{}:{}: unresolved: {}", r.path, u.line, u.col, u.message);
    }
    if let Some(msg) = &r.refused {
        let _ = writeln!(out, "{}: not written: {msg}", r.path);
    }
    if let Some(b) = &r.backup {
        let _ = writeln!(out, "{}: written (original kept as {b})", r.path);
    }
}

fn collect(p: &Path) -> std::io::Result<Vec<PathBuf>> {
    let meta = std::fs::metadata(p)?;
    if meta.is_file() {
        return Ok(vec![p.to_path_buf()]);
    }
    let mut out = Vec::new();
    for entry in walkdir::WalkDir::new(p).sort_by_file_name() {
        let entry = entry.map_err(std::io::Error::other)?;
        let path = entry.path();
        let hidden = entry.depth() > 0 && entry.file_name().to_string_lossy().starts_with('.');
        if hidden {
            continue;
        }
        if entry.file_type().is_file()
            && matches!(path.extension().and_then(|e| e.to_str()), Some("md" | "markdown" | "txt" | "toml"))
        {
            out.push(path.to_path_buf());
        }
    }
    Ok(out)
}

/// Keep the original bytes as `FILE.orig` (or `FILE.orig.N`), then replace FILE atomically.
fn write_with_backup(path: &Path, original: &[u8], text: &[u8]) -> std::io::Result<PathBuf> {
    let mut backup =
        path.with_file_name(format!("{}.orig", path.file_name().map(|n| n.to_string_lossy()).unwrap_or_default()));
    let mut k = 1;
    while backup.exists() {
        backup = path
            .with_file_name(format!("{}.orig.{k}", path.file_name().map(|n| n.to_string_lossy()).unwrap_or_default()));
        k += 1;
    }
    std::fs::write(&backup, original)?;
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let mut tmp = tempfile::NamedTempFile::new_in(dir)?;
    tmp.write_all(text)?;
    tmp.as_file().sync_all()?;
    if let Ok(meta) = std::fs::metadata(path) {
        let _ = std::fs::set_permissions(tmp.path(), meta.permissions());
    }
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(backup)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run_stdin(input: &[u8], mode: FixMode, format: FixFormat) -> (i32, String, String) {
        let opts = FixOptions { paths: vec!["-".into()], mode, format, accept_guesses: false };
        let (mut out, mut err) = (Vec::new(), Vec::new());
        let code = run_with(&opts, &mut &input[..], &mut out, &mut err);
        (code, String::from_utf8(out).unwrap(), String::from_utf8(err).unwrap())
    }

    #[test]
    fn stdin_is_filtered_to_stdout() {
        let (code, out, err) = run_stdin("HÃ´tel\r\n".as_bytes(), FixMode::Report, FixFormat::Text);
        assert_eq!(code, 0);
        assert_eq!(out, "Hôtel\n");
        assert!(err.contains("<stdin>:1:2: Ã´ → ô (mojibake)"), "{err}");
    }

    #[test]
    fn check_fails_on_dirty_input() {
        let (code, _, _) = run_stdin("HÃ´tel".as_bytes(), FixMode::Check, FixFormat::Json);
        assert_eq!(code, 1);
        let (code, out, _) = run_stdin("clean\n".as_bytes(), FixMode::Check, FixFormat::Json);
        assert_eq!((code, out.as_str()), (0, "clean\n"));
    }

    #[test]
    fn write_keeps_the_original() {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("a.md");
        std::fs::write(&f, "CafÃ© crÃ¨me\n").unwrap();
        let opts = FixOptions { paths: vec![f.clone()], mode: FixMode::Write, ..Default::default() };
        let (mut out, mut err) = (Vec::new(), Vec::new());
        assert_eq!(run_with(&opts, &mut &b""[..], &mut out, &mut err), 0);
        assert_eq!(std::fs::read_to_string(&f).unwrap(), "Café crème\n");
        assert_eq!(std::fs::read_to_string(dir.path().join("a.md.orig")).unwrap(), "CafÃ© crÃ¨me\n");
    }

    #[test]
    fn missing_path_is_an_io_error() {
        let opts = FixOptions { paths: vec!["/nonexistent/x.md".into()], ..Default::default() };
        let (mut out, mut err) = (Vec::new(), Vec::new());
        assert_eq!(run_with(&opts, &mut &b""[..], &mut out, &mut err), 2);
    }
}
