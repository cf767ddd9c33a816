//! `gen-corpus`: writes a generated corpus of roadmaps (vi/ru/en) as a gen site, and optionally
//! the same content as a Zola site and a Hugo site, for benchmarks and load tests. The logic is
//! in `roadmap_gen::corpus`; this file only parses arguments. See bench/README.md.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;
use roadmap_gen::corpus::{self, Options, SearchIndexes, peers};

/// Generate a deterministic corpus of N roadmaps × vi/ru/en.
#[derive(Parser, Debug)]
#[command(name = "gen-corpus", version, about)]
struct Args {
    /// Number of roadmaps (each in vi, ru and en).
    #[arg(long, short = 'n', default_value_t = 100)]
    roadmaps: usize,
    /// Seed: the same seed writes byte-identical files.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Folder for the gen site (site.toml, content/, i18n/, themes/). Must not exist yet.
    #[arg(long)]
    out: Option<PathBuf>,
    /// Also write the content as a Zola site into this folder.
    #[arg(long)]
    zola: Option<PathBuf>,
    /// Also write the content as a Hugo site into this folder.
    #[arg(long)]
    hugo: Option<PathBuf>,
    /// Which sites build a search index: `gen` (gen only, each generator's default), `none`
    /// (gen's turned off in site.toml), `all` (gen's and Zola's; Hugo has none).
    #[arg(long, value_enum, default_value_t = SearchIndexes::GenOnly)]
    search: SearchIndexes,
    /// Give the Zola and Hugo sites a print view per roadmap and language too (the whole roadmap
    /// on one page, `print.<lang>.md`), as gen renders one: the same pages, for a like-for-like
    /// comparison. Off by default.
    #[arg(long)]
    print_views: bool,
    /// The gen repository whose theme, i18n/ and registries the gen site copies.
    #[arg(long, default_value = env!("CARGO_MANIFEST_DIR"))]
    repo: PathBuf,
}

fn main() -> ExitCode {
    let args = Args::parse();
    let opts = Options { roadmaps: args.roadmaps, seed: args.seed, search: args.search, print_views: args.print_views };
    if args.out.is_none() && args.zola.is_none() && args.hugo.is_none() {
        eprintln!("error: nothing to write; pass --out DIR (and/or --zola DIR, --hugo DIR)");
        return ExitCode::from(2);
    }
    let targets: [(&Option<PathBuf>, &str); 3] = [(&args.out, "gen"), (&args.zola, "zola"), (&args.hugo, "hugo")];
    for (dir, what) in targets {
        let Some(dir) = dir else { continue };
        if dir.exists() && std::fs::read_dir(dir).map(|mut d| d.next().is_some()).unwrap_or(true) {
            eprintln!("error: {} exists and is not empty; choose a new folder", dir.display());
            return ExitCode::from(2);
        }
        let result = match what {
            "gen" => corpus::write_gen(&opts, dir, &args.repo),
            "zola" => peers::write_zola(&opts, dir),
            _ => peers::write_hugo(&opts, dir),
        };
        match result {
            Ok(files) => println!("{what}: {files} content files in {}", dir.display()),
            Err(e) => {
                eprintln!("error: cannot write the {what} site into {}: {e}", dir.display());
                return ExitCode::from(2);
            }
        }
    }
    ExitCode::SUCCESS
}
