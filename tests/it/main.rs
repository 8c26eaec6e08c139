//! The integration tests, as one binary: one module per area (each was its own binary, each
//! linking the whole crate). A new top-level `tests/NAME.rs` still runs as its own binary, since
//! autotests stay on; moving it here as `mod NAME;` makes it share this one link.
//!
//! The modules share one process and run on parallel threads: no test may set environment
//! variables or the current directory of the process, or use a fixed path or port; give
//! children their environment with `Command::env` and each test its own temporary folder.

// Kept at tests/common (not tests/it/common): benches/central.rs includes common/pg.rs by path.
#[path = "../common/mod.rs"]
mod common;

mod authoring;
mod bad_input;
mod big_folder;
mod catalogue;
mod central_config;
mod central_end_to_end;
mod central_outbox;
mod central_report;
mod central_server;
mod central_ship;
mod central_status;
mod central_tallies;
mod change_alerts;
mod check_cli;
mod cli_ecosystem;
mod dates;
mod disclosure_attacks;
mod disclosure_properties;
mod first_run;
mod first_run_paste;
mod format_additions;
mod format_extensions;
mod graph;
mod handout_chromium;
mod handout_html;
mod handout_translations;
mod handout_tui;
mod hostile;
mod io_hardening;
mod library_safety;
mod literals;
mod log;
mod log_archive;
mod log_durability;
mod log_hardening;
mod outcome_first_screen;
mod outcome_view;
mod own_desk;
mod privacy_lint;
mod properties;
mod report;
mod report_html;
mod scenarios;
mod schema;
mod search_queries;
mod search_ranking;
mod site;
mod theme_contrast;
mod toml_test_suite;
mod translation_properties;
mod translations;
mod tui_links;
mod tui_render;
mod tui_scroll;
mod tui_state;
mod tui_terminal;
mod tui_translated;
mod walk;
mod walk_hardening;
mod walk_line_mode;
mod walk_transcripts;
