//! Reports over one or many case logs (a municipality collects the files of all its counters):
//! counts by a chosen grouping, abandon rate, share that met a must-not rule, median duration.
//! Small counts are suppressed so no single case can be picked out.

mod aggregate;
pub mod disclose;
pub mod html;
mod render;
mod suppress;

pub use aggregate::{Dimension, Filter, Group, Report, ReportError, build, read_file, report_sql};
pub use disclose::{CellRow, Count, Published, PublishedRow, publish};
pub use render::{Shown, count_text, shown, to_csv, to_json, to_table};
pub use suppress::{Cell, MIN_COUNT, suppress, suppress_table};
