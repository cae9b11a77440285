//! Compiles the embedded dictionaries into fst maps, candidate tables and string pools in
//! `OUT_DIR`, which `src/dictionary/mod.rs` embeds with `include_bytes!` and `include_str!`:
//!
//! - `default.*` from `dictionaries/news.tsv` and `dictionaries/tortured.tsv`: the phrases the
//!   matcher looks for;
//! - `synonyms.*` from `dictionaries/inverse_synonyms.tsv`: word → candidate originals, which the
//!   phrase model uses to reconstruct tortured phrases that no dictionary lists.
//!
//! Parsing and key normalisation are the library's own: `src/dictionary/tsv.rs` and
//! `src/dictionary/compiled.rs` are compiled into this script too.

#[path = "src/dictionary/compiled.rs"]
#[allow(dead_code)]
mod compiled;
#[path = "src/dictionary/tsv.rs"]
#[allow(dead_code)]
mod tsv;

use std::{env, fs, path::Path};

fn main() {
    compile("default", &["news", "news_families", "tortured"]);
    compile("synonyms", &["inverse_synonyms"]);
    println!("cargo:rerun-if-changed=src/dictionary/tsv.rs");
    println!("cargo:rerun-if-changed=src/dictionary/compiled.rs");
}

/// Compiles `dictionaries/NAME.tsv` for each name into `OUT_DIR/OUTPUT.fst`, `.table` and
/// `.strings`.
fn compile(output: &str, names: &[&str]) {
    let mut builder = compiled::TableBuilder::default();
    for name in names {
        let path = format!("dictionaries/{name}.tsv");
        println!("cargo:rerun-if-changed={path}");
        let text = fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("cannot read the embedded dictionary {path}: {e}"));
        let lines = tsv::parse(&text).unwrap_or_else(|e| panic!("{path}:{}: {}", e.line, e.reason));
        let source = builder.add_source(name);
        for line in lines {
            builder.add_line(source, line);
        }
    }
    let (map, table, strings) = builder.finish();
    let out = env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    let write = |extension: &str, bytes: &[u8]| {
        fs::write(Path::new(&out).join(format!("{output}.{extension}")), bytes)
            .unwrap_or_else(|e| panic!("cannot write {output}.{extension}: {e}"))
    };
    write("fst", &map);
    write("table", &table);
    write("strings", strings.as_bytes());
}
