//! Date, number, identity and Likert-label parsing (see `src/lib.rs`).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| mentorscope_fuzz::values(data));
