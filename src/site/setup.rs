//! Knowing the desk from the first minute: the kinds of desk, the services each usually
//! offers, and writing the helper's choice to the site file. Without a site file every
//! `when`/`unless` service is off, so a Borgerservice counter would be told to refer citizens to
//! Borgerservice; the first start therefore asks.

use std::collections::BTreeSet;
use std::path::Path;

use super::Site;
use crate::fsio::{ReadError, WriteError};
use crate::guide::model::Audience;

/// The kinds of desk, in the order the first-run screen lists them.
pub const ROLES: [Audience; 4] = [
    Audience::Borgerservice,
    Audience::Bibliotek,
    Audience::Frivillig,
    Audience::Ngo,
];

/// The services a desk of this kind usually offers (ids from `guides/services.toml`); the helper
/// can change them before saving. Borgerservice fills in applications with the citizen and takes
/// the Digital Post exemption; library and volunteer app-cafés help with apps; an NGO or social
/// worker fills in applications with the citizen. Taking the exemption is a municipal act, so it
/// is never pre-set for a volunteer or NGO desk.
pub fn usual_services(role: Audience) -> &'static [&'static str] {
    match role {
        Audience::Borgerservice => &["udfyld-sammen-med-borger", "modtag-fritagelse"],
        Audience::Bibliotek | Audience::Frivillig => {
            &["mobilepay", "apple-id", "rejsekort", "eboks-app"]
        }
        Audience::Ngo => &["udfyld-sammen-med-borger"],
    }
}

/// The site chosen on the setup screen: `name` is what the status line shows, `file` where
/// it is saved (none: it holds until the program ends).
pub fn chosen_site(
    role: Audience,
    offers: BTreeSet<String>,
    name: &str,
    file: Option<&Path>,
) -> Site {
    Site {
        id: role.code().to_string(),
        name: name.to_string(),
        role: Some(role),
        offers,
        file: file.map(Path::to_path_buf),
        contact: super::SiteContact::default(),
    }
}

/// Why a site file could not be written.
#[derive(Debug, thiserror::Error)]
pub enum SetupError {
    #[error(transparent)]
    Write(#[from] WriteError),
    /// The existing file cannot be read (a folder, a device, too large).
    #[error(transparent)]
    Read(#[from] ReadError),
    /// The existing file is not TOML any more; it is left as it is.
    #[error("{0}")]
    NotToml(String),
}

/// Write `site` to its file. A file that exists keeps everything but its `[site]` role,
/// offers (and id and name, if it had none): its places, comments and order stay as the author
/// wrote them. A new file gets comments that say what each line means.
pub fn save(site: &Site) -> Result<(), SetupError> {
    let Some(path) = &site.file else {
        return Ok(());
    };
    let text = match crate::fsio::read_regular(path, crate::fsio::MAX_INPUT_BYTES) {
        Ok(bytes) => {
            let old = String::from_utf8_lossy(&bytes).into_owned();
            updated(&old, site)?
        }
        Err(ReadError::NotFound) => new_file(site),
        Err(err) => return Err(err.into()),
    };
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(WriteError::from)?;
    }
    crate::fsio::write_replacing(path, text.as_bytes())?;
    Ok(())
}

impl SetupError {
    pub fn message(&self, lang: crate::lang::Lang) -> String {
        match self {
            SetupError::Write(err) => err.message(lang),
            SetupError::Read(err) => err.message(lang),
            SetupError::NotToml(err) => format!(
                "{}: {err}",
                lang.pick(
                    "site-filen er ikke gyldig TOML og er ikke ændret; ret den i en editor",
                    "the site file is not valid TOML and was not changed; fix it in an editor",
                )
            ),
        }
    }
}

fn offers_array(site: &Site) -> toml_edit::Array {
    site.offers.iter().map(String::as_str).collect()
}

/// `old` with the site's role and offers replaced, everything else kept.
fn updated(old: &str, site: &Site) -> Result<String, SetupError> {
    let mut doc: toml_edit::DocumentMut = old
        .parse()
        .map_err(|e: toml_edit::TomlError| SetupError::NotToml(e.to_string()))?;
    if !doc.contains_key("format") {
        doc["format"] = toml_edit::value(1);
    }
    let table = doc
        .entry("site")
        .or_insert_with(|| toml_edit::Item::Table(toml_edit::Table::new()));
    let Some(table) = table.as_table_like_mut() else {
        return Err(SetupError::NotToml(String::from("[site] is not a table")));
    };
    if !table.contains_key("id") {
        table.insert("id", toml_edit::value(site.id.as_str()));
    }
    if !table.contains_key("name") && !site.name.is_empty() {
        table.insert("name", toml_edit::value(site.name.as_str()));
    }
    if let Some(role) = site.role {
        table.insert("role", toml_edit::value(role.code()));
    }
    table.insert("offers", toml_edit::value(offers_array(site)));
    Ok(doc.to_string())
}

fn new_file(site: &Site) -> String {
    let quote = |s: &str| toml_edit::Value::from(s).to_string();
    let role = site.role.map_or("", Audience::code);
    format!(
        "# Stedets indstillinger for vejviser, gemt fra skærmen \"Sted\" (tasten i).\n\
         # Ret dem dér, eller her i en editor. Se assets/site.example.toml for alle muligheder,\n\
         # fx jeres egen adresse og telefon under [places.borgerservice].\n\
         \n\
         format = 1\n\
         \n\
         [site]\n\
         # Skrives i sagsloggen ved hver sag. Kun a-z, tal og bindestreg.\n\
         id = {}\n\
         name = {}\n\
         # borgerservice, bibliotek, frivillig eller ngo\n\
         role = {}\n\
         # Det, I tilbyder (ids fra guides/services.toml).\n\
         offers = {}\n",
        quote(&site.id),
        quote(&site.name),
        quote(role),
        offers_array(site),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site(file: &Path) -> Site {
        chosen_site(
            Audience::Bibliotek,
            ["mobilepay", "rejsekort"].map(String::from).into(),
            "Biblioteket",
            Some(file),
        )
    }

    #[test]
    fn no_usual_service_of_a_volunteer_or_ngo_desk_is_the_municipal_exemption() {
        for role in [Audience::Frivillig, Audience::Ngo] {
            assert!(!usual_services(role).contains(&"modtag-fritagelse"));
        }
        assert!(usual_services(Audience::Borgerservice).contains(&"udfyld-sammen-med-borger"));
        assert!(usual_services(Audience::Bibliotek).contains(&"mobilepay"));
    }

    #[test]
    fn a_new_file_reads_back_as_the_site_chosen() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub").join("site.toml");
        let chosen = site(&path);
        save(&chosen).unwrap();
        let mut loaded = crate::guide::load_embedded();
        loaded.diagnostics.clear();
        let back = crate::site::apply_site(&mut loaded, &path).unwrap();
        assert!(loaded.diagnostics.is_empty(), "{:?}", loaded.diagnostics);
        assert_eq!(back, chosen);
    }

    #[test]
    fn changing_an_authors_file_keeps_its_places_and_comments() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("site.toml");
        let old = "format = 1\n\n# Vores sted\n[site]\nid = \"koege-bib\"\nname = \"Køge Bibliotek\"\nrole = \"frivillig\"\noffers = [\"eboks-app\"]\n\n[places.app-cafe]\nname = \"App-caféen\" # tirsdage\n";
        std::fs::write(&path, old).unwrap();
        save(&site(&path)).unwrap();
        let new = std::fs::read_to_string(&path).unwrap();
        assert!(new.contains("# Vores sted"), "{new}");
        assert!(new.contains("id = \"koege-bib\""), "{new}");
        assert!(new.contains("name = \"Køge Bibliotek\""), "{new}");
        assert!(new.contains("role = \"bibliotek\""), "{new}");
        assert!(
            new.contains("offers = [\"mobilepay\", \"rejsekort\"]"),
            "{new}"
        );
        assert!(new.contains("name = \"App-caféen\" # tirsdage"), "{new}");
    }

    #[test]
    fn a_file_that_is_not_toml_is_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("site.toml");
        std::fs::write(&path, "[site\n").unwrap();
        assert!(matches!(save(&site(&path)), Err(SetupError::NotToml(_))));
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "[site\n");
    }
}
