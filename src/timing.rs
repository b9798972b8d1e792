//! With `MENTORSCOPE_TIMINGS` set, the wall time of each step of an import
//! or an analysis goes to stderr: profiling on a machine where the release
//! binary has no symbols. Off by default; labels only, never data.

use std::sync::OnceLock;
use std::time::{Duration, Instant};

pub fn enabled() -> bool {
    static ON: OnceLock<bool> = OnceLock::new();
    *ON.get_or_init(|| std::env::var_os("MENTORSCOPE_TIMINGS").is_some())
}

/// Runs `f`, printing how long it took.
pub fn timed<T>(label: &str, f: impl FnOnce() -> T) -> T {
    if !enabled() {
        return f();
    }
    let t0 = Instant::now();
    let out = f();
    eprintln!("timing {label}: {:.3} s", t0.elapsed().as_secs_f64());
    out
}

/// Time summed over many short spans (one per row), printed once when the
/// tally is dropped.
pub struct Tally {
    label: &'static str,
    total: Duration,
    on: bool,
}

impl Tally {
    pub fn new(label: &'static str) -> Tally {
        Tally {
            label,
            total: Duration::ZERO,
            on: enabled(),
        }
    }

    /// The start of a span, when timings are on.
    pub fn start(&self) -> Option<Instant> {
        self.on.then(Instant::now)
    }

    pub fn stop(&mut self, start: Option<Instant>) {
        if let Some(t0) = start {
            self.total += t0.elapsed();
        }
    }
}

impl Drop for Tally {
    fn drop(&mut self) {
        if self.on {
            eprintln!("timing {}: {:.3} s", self.label, self.total.as_secs_f64());
        }
    }
}
