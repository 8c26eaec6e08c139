//! QR codes for the web addresses on a handout, as inline SVG (no image files, no network).

use qrcode::{Color, EcLevel, QrCode};

use super::escape::escape;

/// White border around the code, in modules: the four the standard asks for, so a phone's
/// camera finds it on any paper.
pub const QUIET_ZONE: usize = 4;

/// The dark modules of a code, row by row, with its width (without the quiet zone).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Modules {
    pub width: usize,
    pub dark: Vec<bool>,
}

impl Modules {
    pub fn is_dark(&self, x: usize, y: usize) -> bool {
        x < self.width && y < self.width && self.dark[y * self.width + x]
    }
}

/// The modules of the QR code of `data`; `None` when it is too long for any QR code.
pub fn modules(data: &str) -> Option<Modules> {
    let code = QrCode::with_error_correction_level(data.as_bytes(), EcLevel::M).ok()?;
    Some(Modules {
        width: code.width(),
        dark: code
            .to_colors()
            .into_iter()
            .map(|c| c == Color::Dark)
            .collect(),
    })
}

/// An SVG of the code: one path of unit squares in a viewBox of modules, so it prints sharp
/// at any size. `label` is its accessible name (the address).
pub fn svg(data: &str, label: &str) -> Option<String> {
    let modules = modules(data)?;
    let size = modules.width + 2 * QUIET_ZONE;
    let mut path = String::new();
    for y in 0..modules.width {
        for x in 0..modules.width {
            if modules.is_dark(x, y) {
                path.push_str(&format!("M{},{}h1v1h-1z", x + QUIET_ZONE, y + QUIET_ZONE));
            }
        }
    }
    Some(format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"qr\" viewBox=\"0 0 {size} {size}\" \
         role=\"img\" aria-label=\"{}\" shape-rendering=\"crispEdges\">\
         <rect width=\"{size}\" height=\"{size}\" fill=\"#fff\"/>\
         <path fill=\"#000\" d=\"{path}\"/></svg>",
        escape(label)
    ))
}

/// The dark modules drawn in an SVG made by [`svg`], read back from its path (for tests that
/// decode what is printed, not what was meant to be printed).
pub fn read_svg(svg: &str) -> Option<Modules> {
    let view = svg.split("viewBox=\"0 0 ").nth(1)?;
    let size: usize = view.split(' ').next()?.parse().ok()?;
    let width = size.checked_sub(2 * QUIET_ZONE)?;
    let d = svg.split(" d=\"").nth(1)?.split('"').next()?;
    let mut dark = vec![false; width * width];
    for square in d.split('M').filter(|s| !s.is_empty()) {
        let corner = square.strip_suffix("h1v1h-1z")?;
        let (x, y) = corner.split_once(',')?;
        let (x, y): (usize, usize) = (x.parse().ok()?, y.parse().ok()?);
        let (x, y) = (x.checked_sub(QUIET_ZONE)?, y.checked_sub(QUIET_ZONE)?);
        if x >= width || y >= width {
            return None;
        }
        dark[y * width + x] = true;
    }
    Some(Modules { width, dark })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_svg_draws_exactly_the_codes_modules() {
        let url = "https://www.borger.dk/boligstoette";
        let svg = svg(url, url).unwrap();
        assert_eq!(read_svg(&svg), modules(url));
        assert!(svg.contains("aria-label=\"https://www.borger.dk/boligstoette\""));
    }

    #[test]
    fn a_text_too_long_for_a_code_gives_none() {
        assert!(svg(&"x".repeat(8000), "x").is_none());
    }
}
