//! Bytes → detected encoding, shape and kind → records (see `src/lib.rs`).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    mentorscope_fuzz::import(data);
});
