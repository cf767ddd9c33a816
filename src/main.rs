//! The `gen` command: parses arguments and hands over to the library. Nothing else lives here.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use roadmap_gen::cli;

/// jemalloc instead of the system allocator: a build makes and frees millions of small strings
/// and JSON values from two threads at once, which glibc's malloc serves much more slowly; and
/// of the allocators measured over the benchmark rounds (glibc, mimalloc v2 and v3, jemalloc)
/// jemalloc leaves the least memory resident over what the build holds (bench/README.md).
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

/// jemalloc's options, read at its first allocation (before `main`) from this symbol, then from
/// `_RJEM_MALLOC_CONF` in the environment, whose settings win (the crate prefixes jemalloc's
/// names with `_rjem_`). Freed pages go back to the system within 250 ms (`dirty_decay_ms`,
/// default 10 s) and not through a lazy second stage (`muzzy_decay_ms`, whose `MADV_FREE`d
/// pages stay resident until the system needs them). Where a stage ends and has just freed memory
/// in bulk, the build gives it all back at once ([`release_memory`]); inside a stage, the decay
/// does. Measured at
/// 1,000 roadmaps against mimalloc (bench/README.md, ninth round): peak RSS 168 → 154 MB at the
/// same CPU time (7 interleaved pairs); 25 ms gave back a few MB more but cost 5 % more CPU in
/// `madvise` and page faults; from 1 s up nothing is given back before the peak.
#[unsafe(export_name = "_rjem_malloc_conf")]
static MALLOC_CONF: MallocConf = MallocConf(c"dirty_decay_ms:250,muzzy_decay_ms:0".as_ptr());

/// A C string pointer that may live in a `static` (jemalloc reads `const char *malloc_conf`).
#[repr(transparent)]
struct MallocConf(*const std::ffi::c_char);

// SAFETY: the pointer is to a string literal, never written.
unsafe impl Sync for MallocConf {}

/// Gives every freed page of every jemalloc arena back to the system (`arena.<all>.purge`):
/// [`roadmap_gen::memory::release`] calls it where a build's stages end.
fn release_memory() {
    // SAFETY: a documented jemalloc control (`MALLCTL_ARENAS_ALL` is 4096) that reads and
    // writes nothing, so the pointers are null and the length 0.
    unsafe {
        tikv_jemalloc_sys::mallctl(
            c"arena.4096.purge".as_ptr(),
            std::ptr::null_mut(),
            std::ptr::null_mut(),
            std::ptr::null_mut(),
            0,
        );
    }
}

/// jemalloc's counts of allocated, active and resident bytes, brought up to date.
fn memory_stats() -> Option<roadmap_gen::memory::Stats> {
    /// Reads a `size_t` control of jemalloc.
    fn read(name: &std::ffi::CStr) -> Option<usize> {
        let mut value: usize = 0;
        let mut len = std::mem::size_of::<usize>();
        // SAFETY: the three `stats.*` controls read here are `size_t`, written into `value`,
        // whose size `len` gives.
        let r = unsafe {
            tikv_jemalloc_sys::mallctl(name.as_ptr(), (&raw mut value).cast(), &raw mut len, std::ptr::null_mut(), 0)
        };
        (r == 0).then_some(value)
    }
    // The statistics are a snapshot taken when the epoch advances.
    let mut epoch: u64 = 1;
    // SAFETY: `epoch` is a `uint64_t` control; writing it refreshes the snapshot.
    unsafe {
        tikv_jemalloc_sys::mallctl(
            c"epoch".as_ptr(),
            std::ptr::null_mut(),
            std::ptr::null_mut(),
            (&raw mut epoch).cast(),
            std::mem::size_of::<u64>(),
        );
    }
    Some(roadmap_gen::memory::Stats {
        allocated: read(c"stats.allocated")?,
        active: read(c"stats.active")?,
        resident: read(c"stats.resident")?,
    })
}

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
    /// Serve the site from memory with live reload while you edit it.
    Serve {
        /// Site root: the folder with site.toml.
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Address to listen on. Anything but loopback exposes the preview to the network.
        #[arg(long, default_value = "127.0.0.1")]
        bind: std::net::IpAddr,
        /// Port to listen on; 0 picks a free one.
        #[arg(long, short, default_value_t = 1111)]
        port: u16,
        /// Absolute URL the site is published at; the preview is served under its path.
        #[arg(long)]
        base_url: Option<String>,
        /// Scan for changes instead of relying on file system events (WSL, network drives, containers).
        #[arg(long)]
        poll: bool,
        /// Open the site in a browser.
        #[arg(long)]
        open: bool,
    },
    /// Repair broken encodings (mojibake, legacy code pages, lost bytes) and report every change.
    Fix {
        /// Files or folders to repair; `-` filters standard input to standard output.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Exit 1 if any file needs a repair; change nothing.
        #[arg(long, conflicts_with = "write")]
        check: bool,
        /// Replace the files with the repaired text (atomically; the original is kept as FILE.orig).
        #[arg(long)]
        write: bool,
        /// With --write, also write repairs that contain low-confidence guesses.
        #[arg(long, requires = "write")]
        accept_guesses: bool,
        /// Report format.
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
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
    /// Import a raw roadmap document (any encoding) as annotated content/roadmaps/ID/LANG.md.
    Import {
        /// The raw document: Markdown or text, in any encoding gen can repair.
        file: PathBuf,
        /// Roadmap id: the folder under content/roadmaps/ (lowercase ASCII, digits, `-`).
        #[arg(long)]
        id: String,
        /// Language of the document (BCP-47, e.g. vi, ru, en).
        #[arg(long)]
        lang: String,
        /// Site root: the folder with site.toml.
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Overwrite an existing content/roadmaps/ID/LANG.md.
        #[arg(long)]
        force: bool,
    },
    /// Translations: what is translated, missing or outdated; start or stamp a translation.
    I18n {
        #[command(subcommand)]
        command: I18nCommand,
    },
}

#[derive(Subcommand, Debug)]
enum I18nCommand {
    /// Per roadmap and language: units translated, missing and outdated (with what changed).
    Status {
        /// Site root: the folder with site.toml.
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Report format.
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
    },
    /// Start a translation: content/roadmaps/ROADMAP/LANG.md with every id and the source text
    /// marked for translation.
    New {
        /// Roadmap id (its folder under content/roadmaps/).
        roadmap: String,
        /// Language to translate into (listed in site.toml).
        lang: String,
        /// Site root: the folder with site.toml.
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
    /// Record that a translation matches the current source (writes [translated_from]).
    Stamp {
        /// Roadmap id (its folder under content/roadmaps/).
        roadmap: String,
        /// The translation's language.
        lang: String,
        /// Stamp only these units (repeatable); default: every translated unit.
        #[arg(long = "unit", value_name = "ID")]
        units: Vec<String>,
        /// Site root: the folder with site.toml.
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
}

fn main() -> ExitCode {
    roadmap_gen::memory::set_allocator(roadmap_gen::memory::Allocator { release: release_memory, stats: memory_stats });
    let args = Cli::parse();
    let code = match args.command {
        Command::Build { root, output, base_url } => cli::build(root, output, base_url),
        Command::Serve { root, bind, port, base_url, poll, open } => {
            cli::serve(roadmap_gen::serve::ServeOptions { root, bind, port, base_url, poll, open })
        }
        Command::Check { root, format, external } => cli::check(root, matches!(format, Format::Json), external),
        Command::Import { file, id, lang, root, force } => cli::import(file, id, lang, root, force),
        Command::Fix { paths, check, write, accept_guesses, format } => {
            cli::fix(paths, check, write, accept_guesses, matches!(format, Format::Json))
        }
        Command::I18n { command } => match command {
            I18nCommand::Status { root, format } => cli::i18n_status(root, matches!(format, Format::Json)),
            I18nCommand::New { roadmap, lang, root } => cli::i18n_new(root, &roadmap, &lang),
            I18nCommand::Stamp { roadmap, lang, units, root } => cli::i18n_stamp(root, &roadmap, &lang, &units),
        },
    };
    ExitCode::from(code)
}
