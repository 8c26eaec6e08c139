//! The site a helper works at: its id (written into the log), name, role, the services it
//! offers, and its own places. One national set of guides serves sites that practise
//! differently through `when`/`unless` on these services.

pub mod check;
pub mod setup;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use crate::guide::Loaded;
use crate::guide::diagnostic::Diagnostic;
use crate::guide::finding::{Finding, What};
use crate::guide::model::Audience;
use crate::guide::parse::{FileKind, GuideIdentity, Parsed, parse};
use crate::guide::source::SourceFile;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Site {
    /// The identifier written into the log for every case at this site.
    pub id: String,
    /// Shown in the status line; empty when no site file is loaded.
    pub name: String,
    pub role: Option<Audience>,
    pub offers: BTreeSet<String>,
    /// The file it came from, if any.
    pub file: Option<PathBuf>,
    /// The desk's own address, phone, opening hours and web page, printed at the top of the
    /// citizen's handout.
    pub contact: SiteContact,
}

/// How the citizen reaches this desk again (`[site] address`, `phone`, `hours`, `web`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SiteContact {
    pub address: Option<String>,
    pub phone: Option<String>,
    pub hours: Option<String>,
    pub web: Option<String>,
}

/// Said at a referral to a place of the desk's own kind (Borgerservice sending a citizen to
/// Borgerservice): what to do here instead.
pub fn own_desk_note(lang: crate::lang::Lang) -> &'static str {
    lang.pick(
        "Det er jer: borgeren er allerede det rette sted. Hjælp borgeren her, som I plejer (eller book en tid hos en kollega), i stedet for at henvise.",
        "That is you: the citizen is already in the right place. Help them here as your desk does (or book a time with a colleague) instead of referring.",
    )
}

/// The site id used when no site file is given.
pub const UNKNOWN_SITE: &str = "ukendt-sted";

impl Default for Site {
    fn default() -> Self {
        Site {
            id: UNKNOWN_SITE.to_string(),
            name: String::new(),
            role: None,
            offers: BTreeSet::new(),
            file: None,
            contact: SiteContact::default(),
        }
    }
}

impl Site {
    pub fn offering<I, S>(services: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        Site {
            offers: services.into_iter().map(Into::into).collect(),
            ..Site::default()
        }
    }

    pub fn offers(&self, service: &str) -> bool {
        self.offers.contains(service)
    }
}

/// Where to look for a site file when `--site` is not given: beside the case log, then in the
/// user's configuration folder. The first that exists wins.
pub fn site_candidates(db: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    if let Some(dir) = db.parent() {
        out.push(dir.join("site.toml"));
    }
    out.push(crate::paths::config_dir().join("site.toml"));
    out
}

/// Read a site file into the load (so its diagnostics render like any other), add its places to
/// the library (replacing shared places of the same id: the local Borgerservice's real phone
/// number replaces the placeholder), and return the site. `None` when the file is unusable;
/// the diagnostics say why. A volunteer or NGO site that offers a municipal-only service (see
/// `check::MUNICIPAL_ONLY`) gets an error and is used without that service.
pub fn apply_site(loaded: &mut Loaded, path: &Path) -> Option<Site> {
    let shown = path.display().to_string();
    let text = match crate::fsio::read_regular(path, crate::fsio::MAX_INPUT_BYTES) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(text) => text,
            Err(_) => {
                loaded
                    .diagnostics
                    .push(Diagnostic::at_path(Finding::NotUtf8, shown));
                return None;
            }
        },
        Err(err) => {
            loaded.diagnostics.push(Diagnostic::at_path(
                crate::guide::load::read_finding(err),
                shown,
            ));
            return None;
        }
    };
    let file = loaded.sources.add(SourceFile::new(shown, text));
    let text = loaded.sources.get(file).map_or("", |f| f.text.as_str());
    let identity = GuideIdentity {
        id: String::new(),
        area: String::new(),
        hash: String::new().into(),
    };
    let errors_before = loaded.diagnostics.iter().filter(|d| d.is_error()).count();
    let Some(Parsed::Site(parts)) = parse(
        FileKind::Site,
        file,
        text,
        identity,
        &mut loaded.diagnostics,
    ) else {
        return None;
    };
    for service in &parts.offers {
        if !loaded.library.services.contains_key(service.as_str()) {
            let known: Vec<&str> = loaded.library.services.keys().map(String::as_str).collect();
            loaded.diagnostics.push(Diagnostic::warning(
                Finding::UnknownReference {
                    id: service.value.clone(),
                    what: What::Service,
                    suggestion: crate::guide::suggest_closest(service, &known),
                },
                service.span.clone(),
            ));
        }
    }
    if let Some(id) = &parts.id
        && crate::privacy::looks_like_name(id)
    {
        loaded.diagnostics.push(Diagnostic::warning(
            Finding::IdLooksLikeName { what: What::Site },
            id.span.clone(),
        ));
    }
    let role_findings = check::check_site_file(&parts);
    for place in parts.places {
        loaded.library.places.insert(place.id.value.clone(), place);
    }
    let errors_after = loaded.diagnostics.iter().filter(|d| d.is_error()).count();
    if errors_after > errors_before {
        return None;
    }
    // A volunteer or NGO site that offers a municipal act is an error for `check`, and the
    // site is used without that service: the guides then refer the citizen to the municipality.
    loaded.diagnostics.extend(role_findings);
    let role = parts.role.map(|r| r.value);
    Some(Site {
        id: parts
            .id
            .map_or_else(|| UNKNOWN_SITE.to_string(), |t| t.value),
        name: parts.name.map(|t| t.value).unwrap_or_default(),
        role,
        offers: (parts.offers.into_iter())
            .map(|t| t.value)
            .filter(|service| check::may_offer(role, service))
            .collect(),
        file: Some(path.to_path_buf()),
        contact: SiteContact {
            address: parts.address.map(|t| t.value),
            phone: parts.phone.map(|t| t.value),
            hours: parts.hours.map(|t| t.value),
            web: parts.web.map(|t| t.value),
        },
    })
}
