//! What each subcommand prints and which exit code it returns: 0 ok, 1 problems found,
//! 2 usage or I/O error. `main.rs` parses arguments and calls these.

use std::path::PathBuf;

use crate::diagnostic::Diagnostic;
use crate::pipeline::{self, BuildOptions};

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
    println!(
        "Built {} pages in {} ms into {}{}",
        report.pages,
        report.millis,
        report.output.display(),
        if warnings > 0 { format!(" ({warnings} warning(s))") } else { String::new() }
    );
    println!("Open {} in a browser, or run `gen serve`.", report.output.join("index.html").display());
    0
}

/// `gen check`.
pub fn check(root: PathBuf, json: bool) -> u8 {
    let (site, mut diags) = pipeline::load_site(&root);
    if let Some(site) = &site {
        let (_, _, d) = pipeline::render_site(&root, site);
        diags.extend(d);
    }
    let errors = diags.iter().filter(|d| d.is_error()).count();
    if json {
        println!("{}", serde_json::to_string_pretty(&diags).unwrap_or_default());
    } else {
        print_diagnostics(&diags);
        println!("{} error(s), {} warning(s)", errors, diags.len() - errors);
    }
    u8::from(errors > 0)
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
