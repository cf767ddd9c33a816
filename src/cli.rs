//! What each subcommand prints and which exit code it returns: 0 ok, 1 problems found,
//! 2 usage or I/O error. `main.rs` parses arguments and calls these.

use std::path::PathBuf;

use crate::check::CheckOptions;
use crate::diagnostic::Diagnostic;
use crate::pipeline::{self, BuildOptions};
use crate::translation::{self, SiteStatus, UnitState};

/// Ends the program when stdout cannot be written: quietly (exit 0) when the reader went away,
/// as `head` does, with a message (exit 2) otherwise.
pub fn stdout_failed(e: std::io::Error) -> ! {
    if e.kind() == std::io::ErrorKind::BrokenPipe {
        std::process::exit(0);
    }
    eprintln!("gen: cannot write to standard output: {e}");
    std::process::exit(2);
}

/// Prints diagnostics to stderr, errors last so they stay on screen.
pub fn print_diagnostics(diags: &[Diagnostic]) {
    let mut sorted: Vec<&Diagnostic> = diags.iter().collect();
    sorted.sort_by_key(|d| d.severity);
    for d in sorted {
        eprintln!("{d}\n");
    }
}

/// `gen build`.
pub fn build(root: PathBuf, output: PathBuf, base_url: Option<String>) -> u8 {
    let report = pipeline::build(&BuildOptions { root, output, base_url });
    print_diagnostics(&report.diagnostics);
    let errors = report.diagnostics.iter().filter(|d| d.is_error()).count();
    let warnings = report.diagnostics.len() - errors;
    if errors > 0 {
        eprintln!(
            "gen: build failed with {errors} error(s) and {warnings} warning(s); the previous site (if any) is untouched"
        );
        return if report
            .diagnostics
            .iter()
            .any(|d| d.file.as_os_str() == "site.toml" && d.line == 0 && d.message.starts_with("cannot read"))
        {
            2
        } else {
            1
        };
    }
    outln!(
        "Built {} pages in {} ms into {}{}",
        report.pages,
        report.millis,
        report.output.display(),
        if warnings > 0 { format!(" ({warnings} warning(s))") } else { String::new() }
    );
    outln!("Open {} in a browser, or run `gen serve`.", report.output.join("index.html").display());
    0
}

/// `gen check`: every problem, as text for people or JSON for tools; exit 1 on errors.
pub fn check(root: PathBuf, json: bool, external: bool) -> u8 {
    let report = crate::check::check(&CheckOptions { root, external });
    let errors = report.errors();
    let warnings = report.diagnostics.len() - errors;
    if json {
        // An array of diagnostics, as `gen build` reports them; counts are for the text summary.
        outln!("{}", serde_json::to_string_pretty(&report.diagnostics).unwrap_or_default());
    } else {
        print_diagnostics(&report.diagnostics);
        let external = if external {
            format!(", {} external link(s)", report.external)
        } else {
            format!(" ({} external link(s) not checked; add --external)", report.external)
        };
        outln!(
            "Checked {} page(s), {} internal link(s){external}: {errors} error(s), {warnings} warning(s)",
            report.pages,
            report.links
        );
    }
    if report
        .diagnostics
        .iter()
        .any(|d| d.file.as_os_str() == "site.toml" && d.line == 0 && d.message.starts_with("cannot read"))
    {
        return 2;
    }
    u8::from(errors > 0)
}

/// `gen import`: writes the annotated edition and roadmap.toml, prints what it recognised and the
/// problems the model finds (to stderr), and the proposed registry entries as TOML (to stdout).
pub fn import(file: PathBuf, id: String, lang: String, root: PathBuf, force: bool) -> u8 {
    let opts = crate::import::ImportOptions { file, root, id, lang, force };
    match crate::import::run(&opts) {
        Err(d) => {
            print_diagnostics(&[d]);
            2
        }
        Ok(report) => {
            print_diagnostics(&report.diagnostics);
            let [phases, months, weeks, tasks, projects, milestones] = report.counts;
            for w in &report.written {
                eprintln!("wrote {}", w.display());
            }
            eprintln!(
                "recognised {phases} phase(s), {months} month(s), {weeks} week(s) with {tasks} task(s), {projects} project(s), {milestones} milestone(s); the encoding stage made {} repair(s)",
                report.repairs
            );
            eprintln!("review the file: every id and class is a guess until a human has read it");
            if !report.proposals.is_empty() {
                eprintln!("proposed registry entries follow on stdout");
                out!("{}", report.proposals.to_toml());
            }
            0
        }
    }
}

/// `gen serve`.
pub fn serve(opts: crate::serve::ServeOptions) -> u8 {
    crate::serve::run(opts)
}

/// `gen fix`.
pub fn fix(paths: Vec<PathBuf>, check: bool, write: bool, accept_guesses: bool, json: bool) -> u8 {
    use crate::encoding::fix::{FixFormat, FixMode, FixOptions, run};
    let mode = if write {
        FixMode::Write
    } else if check {
        FixMode::Check
    } else {
        FixMode::Report
    };
    let format = if json { FixFormat::Json } else { FixFormat::Text };
    let code = run(&FixOptions { paths, mode, format, accept_guesses });
    u8::try_from(code).unwrap_or(2)
}

/// Exit code for diagnostics that stopped a command before it could look at the content:
/// 2 when the site itself could not be read, 1 for problems in the content.
fn failure_code(diags: &[Diagnostic]) -> u8 {
    if diags.iter().any(|d| d.message.starts_with("cannot read") || d.message.starts_with("cannot write")) {
        2
    } else {
        1
    }
}

/// `gen i18n status`: the status table (or JSON) on stdout; content errors on stderr and exit 1.
pub fn i18n_status(root: PathBuf, json: bool) -> u8 {
    let (site, diags) = pipeline::load_site(&root);
    let errors: Vec<Diagnostic> = diags.into_iter().filter(Diagnostic::is_error).collect();
    let Some(site) = site else {
        print_diagnostics(&errors);
        return failure_code(&errors);
    };
    let status = SiteStatus::of(&site);
    if json {
        outln!("{}", serde_json::to_string_pretty(&status).unwrap_or_default());
    } else {
        out!("{}", translation::report_text(&status));
    }
    if errors.is_empty() {
        0
    } else {
        print_diagnostics(&errors);
        eprintln!("gen: {} error(s) in the content; `gen check` shows every problem", errors.len());
        1
    }
}

/// `gen i18n new ROADMAP LANG`.
pub fn i18n_new(root: PathBuf, roadmap: &str, lang: &str) -> u8 {
    match translation::scaffold::scaffold(&root, roadmap, lang) {
        Ok(r) => {
            outln!(
                "Wrote {} from {}: {} units marked `{}`.",
                r.path.display(),
                r.source_path.display(),
                r.units,
                translation::MARKER
            );
            outln!("Translate the front matter and each unit, delete its marker line, then run");
            outln!("  gen i18n stamp {roadmap} {lang}");
            outln!("Untranslated units keep showing the source text until then; `gen i18n status` shows progress.");
            0
        }
        Err(d) => {
            print_diagnostics(&d);
            failure_code(&d)
        }
    }
}

/// `gen i18n stamp ROADMAP LANG [--unit ID]...`.
pub fn i18n_stamp(root: PathBuf, roadmap: &str, lang: &str, units: &[String]) -> u8 {
    match translation::stamp::stamp(&root, roadmap, lang, units) {
        Ok(r) => {
            let count = |s: UnitState| r.stamped.iter().filter(|(_, st)| *st == s).count();
            let list = |s: UnitState| {
                r.stamped.iter().filter(|(_, st)| *st == s).map(|(id, _)| id.as_str()).collect::<Vec<_>>().join(", ")
            };
            outln!(
                "{} {}: {} unit(s) stamped ({} already current, {} were outdated, {} were unstamped); {} not translated.",
                if r.changed { "Updated" } else { "Unchanged" },
                r.path.display(),
                r.stamped.len(),
                count(UnitState::Current),
                count(UnitState::Outdated),
                count(UnitState::Unstamped),
                r.missing.len(),
            );
            if count(UnitState::Outdated) > 0 {
                outln!("  now current: {}", list(UnitState::Outdated));
            }
            if !r.dropped.is_empty() {
                outln!("  dropped records: {}", r.dropped.join(", "));
            }
            0
        }
        Err(d) => {
            print_diagnostics(&d);
            failure_code(&d)
        }
    }
}
