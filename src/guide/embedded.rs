//! The shipped `guides/` folder, compiled into the binary by `build.rs` so the program works
//! from any directory with no files beside it.

include!(concat!(env!("OUT_DIR"), "/embedded_guides.rs"));
