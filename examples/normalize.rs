//! Print the normalised text of a file (developer tool): `cargo run --example normalize FILE`.
fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: normalize FILE");
        std::process::exit(2);
    };
    let bytes = std::fs::read(&path).unwrap_or_else(|e| {
        eprintln!("{path}: {e}");
        std::process::exit(2);
    });
    let n = roadmap_gen::encoding::normalize(&bytes);
    print!("{}", n.text);
    eprintln!(
        "{}: {} repairs, {} unresolved, read as {}",
        path,
        n.repairs.len(),
        n.unresolved.len(),
        n.decoding.encoding
    );
}
