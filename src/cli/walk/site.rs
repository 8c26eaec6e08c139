//! Where line mode thinks it is used: said on its first line (and in JSON), because the site
//! decides what the guides offer (`when`/`unless` services).

use serde_json::json;

use super::plain::plain;
use crate::lang::Lang;
use crate::site::Site;

/// The first line of line mode: where the program thinks it is used, which decides what the
/// guides offer (`when`/`unless` services).
pub fn site_line(site: &Site, lang: Lang) -> String {
    let label = lang.pick("Sted", "Site");
    if site.file.is_none() {
        return format!(
            "{label}: {}",
            lang.pick(
                "ingen site-fil er indlæst, så tjenester, der afhænger af stedet, er slået fra (se --site).",
                "no site file is loaded, so services that depend on the site are off (see --site).",
            )
        );
    }
    let name = if site.name.trim().is_empty() {
        plain(&site.id)
    } else {
        plain(&site.name)
    };
    match site.role {
        Some(role) => format!("{label}: {name} ({})", role_name(role, lang)),
        None => format!("{label}: {name}"),
    }
}

fn role_name(role: crate::guide::model::Audience, lang: Lang) -> &'static str {
    use crate::guide::model::Audience;
    match role {
        Audience::Borgerservice => lang.pick("Borgerservice", "citizen service centre"),
        Audience::Bibliotek => lang.pick("bibliotek", "library"),
        Audience::Frivillig => lang.pick("frivillig", "volunteer"),
        Audience::Ngo => "NGO",
    }
}

/// The site as JSON, for scripts.
pub fn site_json(site: &Site) -> serde_json::Value {
    use crate::guide::model::Audience;
    json!({
        "id": site.id,
        "name": crate::text::visible(&site.name),
        "role": site.role.map(Audience::code),
        "file": site.file.as_ref().map(|f| f.display().to_string()),
    })
}
