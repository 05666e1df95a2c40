//! The README's key table is written from the keymap; this fails when the
//! two disagree. `UPDATE_README=1 cargo test --test readme` rewrites it.

use trustbank::app::keymap::markdown_table;

const START: &str = "<!-- keys: generated from src/app/keymap.rs -->\n";
const END: &str = "<!-- /keys -->";

#[test]
fn the_readme_key_table_matches_the_keymap() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/README.md");
    let readme = std::fs::read_to_string(path).expect("README.md");
    let (before, rest) = readme.split_once(START).expect("README has the keys start marker");
    let (table, after) = rest.split_once(END).expect("README has the keys end marker");
    let expected = markdown_table();
    if table != expected && std::env::var_os("UPDATE_README").is_some() {
        std::fs::write(path, format!("{before}{START}{expected}{END}{after}")).expect("write README.md");
        return;
    }
    assert_eq!(table, expected, "README key table is stale: run UPDATE_README=1 cargo test --test readme");
}
