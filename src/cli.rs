//! What each subcommand prints and which exit code it returns: 0 ok, 1 problems found,
//! 2 usage or I/O error. `main.rs` parses arguments and calls these.

use std::path::PathBuf;

use crate::check::CheckOptions;
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

/// `gen check`: every problem, as text for people or JSON for tools; exit 1 on errors.
pub fn check(root: PathBuf, json: bool, external: bool) -> u8 {
    let report = crate::check::check(&CheckOptions { root, external });
    let errors = report.errors();
    let warnings = report.diagnostics.len() - errors;
    if json {
        let out = serde_json::json!({
            "errors": errors,
            "warnings": warnings,
            "pages": report.pages,
            "links": report.links,
            "external_links": report.external,
            "diagnostics": report.diagnostics,
        });
        println!("{}", serde_json::to_string_pretty(&out).unwrap_or_default());
    } else {
        print_diagnostics(&report.diagnostics);
        let external = if external {
            format!(", {} external link(s)", report.external)
        } else {
            format!(" ({} external link(s) not checked; add --external)", report.external)
        };
        println!(
            "Checked {} page(s), {} internal link(s){external}: {errors} error(s), {warnings} warning(s)",
            report.pages, report.links
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
