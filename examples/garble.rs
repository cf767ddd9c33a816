//! Developer tool: garble a file through a code page (`cargo run --example garble FILE CP [lossy] [partial]`).
use roadmap_gen::encoding::codepages::Codepage;
fn main() {
    let a: Vec<String> = std::env::args().collect();
    let t = std::fs::read_to_string(&a[1]).unwrap();
    let cp = Codepage::MOJIBAKE_ORDER.into_iter().find(|c| c.name() == a[2]).unwrap();
    let partial = a.iter().any(|x| x == "partial");
    let paras: Vec<String> = t
        .split("\n\n")
        .enumerate()
        .map(|(i, p)| if !partial || i % 3 == 1 { cp.decode(p.as_bytes()) } else { p.to_string() })
        .collect();
    print!("{}", paras.join("\n\n"));
}
