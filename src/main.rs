//! The `gen` command: parses arguments and hands over to the library. Nothing else lives here.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use roadmap_gen::cli;

/// gen — a static site generator for multilingual learning roadmaps.
#[derive(Parser, Debug)]
#[command(name = "gen", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

/// Output format of reports.
#[derive(Copy, Clone, Debug, ValueEnum)]
enum Format {
    /// For people.
    Text,
    /// For tools.
    Json,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Build the site into a folder (default: public/).
    Build {
        /// Site root: the folder with site.toml.
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Output folder (relative to the root).
        #[arg(long, short, default_value = "public")]
        output: PathBuf,
        /// Absolute URL the site is published at, e.g. https://user.github.io/repo/.
        #[arg(long)]
        base_url: Option<String>,
    },
    /// Check links, anchors, encoding, ids and front matter without writing anything.
    Check {
        /// Site root: the folder with site.toml.
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Report format.
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
        /// Also check external links over the network (one request at a time per host).
        #[arg(long)]
        external: bool,
    },
}

fn main() -> ExitCode {
    let args = Cli::parse();
    let code = match args.command {
        Command::Build { root, output, base_url } => cli::build(root, output, base_url),
        Command::Check { root, format, external } => cli::check(root, matches!(format, Format::Json), external),
    };
    ExitCode::from(code)
}
