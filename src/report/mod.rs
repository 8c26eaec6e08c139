//! Reports over one or many case logs (a municipality collects the files of all its counters):
//! counts by a chosen grouping, abandon rate, share that met a must-not rule, median duration.
//! What a shared report may show is decided in one place, [`disclose`] (the cell key method
//! with base-5 rounding); `--exact` shows everything, for use inside the municipality only.
//! The app's own statistics screen publishes the same way.

mod aggregate;
pub mod disclose;
pub mod html;
mod model;
mod render;

pub use aggregate::{Report, ReportError, build, read_file, report_sql};
pub use disclose::{Count, MIN_COUNT, Published, PublishedRow, publish};
pub use model::{CellRow, Dimension, Filter, Group};
pub use render::{to_csv, to_json, to_table};
