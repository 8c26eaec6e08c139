//! `vejviser graph` with hostile labels: `#`, `&`, quotes, angle brackets, backslashes and
//! backticks read as written in Mermaid and in DOT (compiled by Graphviz), and the legend
//! explains the colours and the must-not mark without an emoji font.

use std::io::Write as _;
use std::path::Path;
use std::process::{Command, Stdio};

use vejviser::guide::graph::{GraphFormat, render};
use vejviser::guide::load_paths;

const TITLE: &str = r#"Titel med # og & og "citat" og <b>fed</b> og \n og `kode`"#;
const ASK: &str = r#"Hvem står ved C# & "D"? #quot; &lt; \N"#;
const LABEL: &str = r#"En pårørende & "ven" #1"#;

/// TOML basic-string contents.
fn toml_string(text: &str) -> String {
    text.replace('\\', "\\\\").replace('"', "\\\"")
}

/// A copy of a clean fixture whose title, first question and one answer are hostile.
fn hostile_guides() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/clean");
    for shared in ["rules.toml", "places.toml", "services.toml"] {
        std::fs::copy(fixture.join(shared), dir.path().join(shared)).expect("copy");
    }
    let guide = std::fs::read_to_string(fixture.join("mitid/hjaelp-med-mitid.toml"))
        .expect("fixture")
        .replace("Borger vil have hjælp med MitID", &toml_string(TITLE))
        .replace("Hvem står ved skranken?", &toml_string(ASK))
        .replace("En pårørende alene", &toml_string(LABEL));
    std::fs::write(dir.path().join("fjendtlig.toml"), guide).expect("write");
    dir
}

fn graph(dir: &Path, format: GraphFormat) -> String {
    let loaded = load_paths(&[dir.to_path_buf()]);
    assert!(
        loaded.diagnostics.iter().all(|d| !d.is_error()),
        "the hostile fixture loads"
    );
    let guide = loaded.library.guide("fjendtlig").expect("the guide");
    assert_eq!(guide.title.as_str(), TITLE);
    render(guide, &loaded.library, format)
}

/// Mermaid's entity codes (`#quot;`, `#35;`) back to characters.
fn mermaid_decode(label: &str) -> String {
    let mut out = String::new();
    let mut rest = label;
    while let Some(at) = rest.find('#') {
        out.push_str(&rest[..at]);
        let code = &rest[at + 1..];
        let end = code.find(';').expect("an entity ends with ;");
        let name = &code[..end];
        out.push(match name {
            "quot" => '"',
            "lt" => '<',
            "gt" => '>',
            n => char::from_u32(n.parse().expect("a numeric entity")).expect("a character"),
        });
        rest = &code[end + 1..];
    }
    out.push_str(rest);
    out
}

/// The quoted labels of a Mermaid flowchart.
fn mermaid_labels(text: &str) -> Vec<String> {
    let mut labels = Vec::new();
    for line in text.lines() {
        let parts: Vec<&str> = line.split('"').collect();
        assert!(parts.len() % 2 == 1, "unbalanced quotes: {line}");
        labels.extend(parts.iter().skip(1).step_by(2).map(|s| s.to_string()));
    }
    labels
}

#[test]
fn mermaid_labels_escape_everything_mermaid_reads() {
    let dir = hostile_guides();
    let text = graph(dir.path(), GraphFormat::Mermaid);
    let labels = mermaid_labels(&text);
    for label in &labels {
        for raw in ['&', '<', '>', '`'] {
            assert!(!label.contains(raw), "raw {raw:?} in {label:?}");
        }
        // Every `#` starts an entity code.
        for (at, _) in label.match_indices('#') {
            let code = &label[at + 1..];
            let end = code.find(';').unwrap_or(0);
            assert!(
                end > 0 && code[..end].chars().all(|c| c.is_ascii_alphanumeric()),
                "a bare # in {label:?}"
            );
        }
    }
    let decoded: Vec<String> = labels.iter().map(|l| mermaid_decode(l)).collect();
    assert!(decoded.iter().any(|l| l == TITLE), "{decoded:?}");
    assert!(decoded.iter().any(|l| l == ASK), "{decoded:?}");
    assert!(
        decoded.iter().any(|l| l == &format!("× {LABEL}")),
        "the answer with a must-not rule is marked: {decoded:?}"
    );
}

#[test]
fn the_legend_explains_colours_and_the_mark_without_emoji() {
    let dir = hostile_guides();
    for format in [GraphFormat::Mermaid, GraphFormat::Dot] {
        let text = graph(dir.path(), format);
        assert!(text.contains("Forklaring"), "{text}");
        for kind in ["VEJLED", "GØR DET SAMMEN MED BORGEREN", "HENVIS", "MÅ IKKE"] {
            assert!(
                text.contains(&format!("\"{kind}\"")),
                "{kind} in the legend"
            );
        }
        assert!(text.contains("× ved et trin eller svar: en må-ikke-regel gælder der"));
        // Latin-1 and box drawing only: nothing that needs an emoji or symbol font.
        assert!(
            text.chars().all(|c| (c as u32) < 0x2000),
            "a character outside the common fonts in {text}"
        );
    }
    // The legend names only what the guide has: here all four kinds and the mark.
    let plain = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/clean");
    let loaded = load_paths(&[plain]);
    let guide = loaded.library.guide("hjaelp-med-mitid").expect("guide");
    let text = render(guide, &loaded.library, GraphFormat::Mermaid);
    let legend = text.split("subgraph legend").nth(1).expect("a legend");
    assert_eq!(
        legend.matches("legend_").count(),
        5,
        "four kinds and the mark"
    );
}

/// `dot` must be there in CI (.ci/run installs it); elsewhere its absence skips the compile.
fn have_dot() -> bool {
    if Command::new("dot").arg("-V").output().is_ok() {
        return true;
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "CI is set but graphviz `dot` is missing"
    );
    eprintln!("skipped: graphviz `dot` is not installed");
    false
}

#[test]
fn dot_labels_compile_and_read_as_written() {
    let dir = hostile_guides();
    let text = graph(dir.path(), GraphFormat::Dot);
    assert!(text.contains("&amp;"), "& is written as an entity");
    if !have_dot() {
        return;
    }
    let mut child = Command::new("dot")
        .arg("-Tplain")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("dot runs");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(text.as_bytes())
        .expect("write");
    let rendered = child.wait_with_output().expect("dot ends");
    let stderr = String::from_utf8_lossy(&rendered.stderr);
    assert!(
        rendered.status.success(),
        "dot rejected the graph: {stderr}"
    );
    assert!(stderr.is_empty(), "dot warned: {stderr}");
    // `-Tplain` shows each label as Graphviz reads it, quoted with `\"` and `\\`.
    let plain = String::from_utf8_lossy(&rendered.stdout);
    let quoted = |s: &str| format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""));
    assert!(plain.contains(&quoted(TITLE)), "{plain}");
    assert!(plain.contains(&quoted(ASK)), "{plain}");
    assert!(plain.contains(&quoted(&format!("× {LABEL}"))), "{plain}");
}

#[test]
fn doc_pages_embed_the_flowchart_link_addresses_and_name_scenario_outcomes() {
    let dir = hostile_guides();
    // An address inside a sentence, one in brackets with punctuation after it, and one that an
    // autolink cannot hold.
    let path = dir.path().join("fjendtlig.toml");
    let guide = std::fs::read_to_string(&path).expect("read").replace(
        r#"helper = "Giv borgeren nummeret.""#,
        r#"helper = "Se https://mitid.dk/hjaelp/ (eller https://mitid.dk/a_b?x=1&y=2). Ikke https://x.dk/<b>.""#,
    );
    std::fs::write(&path, guide).expect("write");
    let loaded = load_paths(&[dir.path().to_path_buf()]);
    let guide = loaded.library.guide("fjendtlig").expect("guide");
    let pages = vejviser::guide::doc::pages(&loaded.library);
    let page = pages
        .iter()
        .find(|p| p.path.ends_with("fjendtlig.md"))
        .expect("the guide's page");
    let chart = render(guide, &loaded.library, GraphFormat::Mermaid);
    assert!(
        page.text.contains(&format!("```mermaid\n{chart}```\n")),
        "{}",
        page.text
    );
    assert_eq!(
        page.text.matches("```").count(),
        2,
        "nothing ends the block early"
    );
    assert!(
        page.text.contains("- <https://mitid.dk>\n"),
        "{}",
        page.text
    );
    assert!(
        page.text.contains(
            "Se <https://mitid.dk/hjaelp/> (eller <https://mitid.dk/a_b?x=1&y=2>). Ikke https://x.dk/\\<b\\>."
        ),
        "{}",
        page.text
    );
    // Scenarios end at the outcome's badge and title, linked to it.
    assert!(
        page.text
            .contains("→ **MÅ IKKE:** [Den pårørende må ikke bruge borgerens MitID](#afvis)"),
        "{}",
        page.text
    );
    assert!(!page.text.contains("→ `afvis`"));
}
