//! Shared helpers of the generator: calendar dates and their export spellings, the seeded
//! random streams and draws, medians (plain and Kaplan-Meier) for the truth figures, and the
//! text encodings some exports use. Nothing here knows about people or files.

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime, Timelike, Weekday};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rand_distr::{LogNormal, Normal};

pub type Res<T> = Result<T, Box<dyn std::error::Error>>;

pub fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid calendar date")
}
/// Program launch: the earliest pairing start.
pub fn launch() -> NaiveDate {
    ymd(2025, 1, 6)
}
/// Data horizon: nothing happens after this day.
pub fn horizon() -> NaiveDate {
    ymd(2026, 6, 30)
}
pub fn plus(d: NaiveDate, n: i64) -> NaiveDate {
    d + Duration::days(n)
}
pub fn days_from(a: NaiveDate, b: NaiveDate) -> i64 {
    (b - a).num_days()
}
pub fn iso(d: NaiveDate) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day())
}
pub fn us_date(d: NaiveDate) -> String {
    format!("{}/{}/{}", d.month(), d.day(), d.year())
}
pub fn day_first(d: NaiveDate) -> String {
    format!("{:02}/{:02}/{:04}", d.day(), d.month(), d.year())
}
pub fn iso_minutes(t: NaiveDateTime) -> String {
    format!("{} {:02}:{:02}", iso(t.date()), t.hour(), t.minute())
}
pub fn iso_seconds(t: NaiveDateTime) -> String {
    format!(
        "{} {:02}:{:02}:{:02}",
        iso(t.date()),
        t.hour(),
        t.minute(),
        t.second()
    )
}
pub fn us_12h(t: NaiveDateTime) -> String {
    let h = t.hour();
    let h12 = match h % 12 {
        0 => 12,
        x => x,
    };
    let ampm = if h < 12 { "AM" } else { "PM" };
    format!(
        "{:02}/{:02}/{:04} {:02}:{:02}:{:02} {}",
        t.month(),
        t.day(),
        t.year(),
        h12,
        t.minute(),
        t.second(),
        ampm
    )
}
pub fn at(d: NaiveDate, h: u32, m: u32, s: u32) -> NaiveDateTime {
    d.and_time(NaiveTime::from_hms_opt(h, m, s).expect("valid time"))
}
pub fn is_weekend(d: NaiveDate) -> bool {
    matches!(d.weekday(), Weekday::Sat | Weekday::Sun)
}
pub fn weekday_on_or_after(mut d: NaiveDate) -> NaiveDate {
    while is_weekend(d) {
        d = plus(d, 1);
    }
    d
}
pub fn weekday_on_or_before(mut d: NaiveDate) -> NaiveDate {
    while is_weekend(d) {
        d = plus(d, -1);
    }
    d
}
pub fn cohort_of(start: NaiveDate) -> String {
    let season = if start.month() <= 6 { "Spring" } else { "Fall" };
    format!("{}-{}", start.year(), season)
}

/// One independent ChaCha8 stream per part of the data, so parts do not shift each other.
pub fn stream(seed: u64, id: u64) -> ChaCha8Rng {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    rng.set_stream(id);
    rng
}
pub fn below(rng: &mut ChaCha8Rng, n: usize) -> usize {
    let n = u32::try_from(n).expect("small collection");
    rng.random_range(0..n) as usize
}
pub fn int(rng: &mut ChaCha8Rng, lo: i64, hi: i64) -> i64 {
    rng.random_range(lo..=hi)
}
pub fn chance(rng: &mut ChaCha8Rng, p: f64) -> bool {
    rng.random_bool(p.clamp(0.0, 1.0))
}
pub fn pick<'a, T>(rng: &mut ChaCha8Rng, xs: &'a [T]) -> &'a T {
    &xs[below(rng, xs.len())]
}
pub fn weighted(rng: &mut ChaCha8Rng, weights: &[u32]) -> usize {
    let total: u32 = weights.iter().sum();
    let mut x = rng.random_range(0..total);
    for (i, w) in weights.iter().enumerate() {
        if x < *w {
            return i;
        }
        x -= w;
    }
    weights.len() - 1
}
pub fn shuffle<T>(rng: &mut ChaCha8Rng, xs: &mut [T]) {
    for i in (1..xs.len()).rev() {
        let j = below(rng, i + 1);
        xs.swap(i, j);
    }
}
pub fn date_between(rng: &mut ChaCha8Rng, lo: NaiveDate, hi: NaiveDate) -> NaiveDate {
    plus(lo, int(rng, 0, days_from(lo, hi)))
}
pub fn lognormal(median: f64, sigma: f64) -> LogNormal<f64> {
    LogNormal::new(median.ln(), sigma).expect("valid log-normal")
}
pub fn normal(mean: f64, sd: f64) -> Normal<f64> {
    Normal::new(mean, sd).expect("valid normal")
}

pub fn median_f64(values: &[f64]) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    let mut v = values.to_vec();
    v.sort_by(f64::total_cmp);
    let n = v.len();
    Some(if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2.0
    })
}
/// Kaplan-Meier median of (time, event observed) pairs: the first time survival drops to 0.5.
pub fn km_median(observations: &[(i64, bool)]) -> Option<i64> {
    let mut v = observations.to_vec();
    v.sort_by_key(|&(t, event)| (t, !event));
    let mut at_risk = v.len() as f64;
    let mut survival = 1.0;
    let mut i = 0;
    while i < v.len() {
        let t = v[i].0;
        let (mut events, mut censored) = (0.0, 0.0);
        while i < v.len() && v[i].0 == t {
            if v[i].1 {
                events += 1.0;
            } else {
                censored += 1.0;
            }
            i += 1;
        }
        if events > 0.0 {
            survival *= 1.0 - events / at_risk;
            if survival <= 0.5 {
                return Some(t);
            }
        }
        at_risk -= events + censored;
    }
    None
}
pub fn mean(values: &[f64]) -> f64 {
    if values.is_empty() {
        f64::NAN
    } else {
        values.iter().sum::<f64>() / values.len() as f64
    }
}
pub fn pct(num: usize, den: usize) -> f64 {
    if den == 0 {
        f64::NAN
    } else {
        100.0 * num as f64 / den as f64
    }
}
/// ASCII local part for an e-mail address: strips accents of the few letters the name lists use.
pub fn ascii_fold(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        let mapped = match c {
            'ë' | 'é' | 'è' => 'e',
            'Ł' | 'ł' => 'l',
            'ä' | 'á' | 'å' => 'a',
            'ö' | 'ø' | 'ó' => 'o',
            'ü' | 'ú' => 'u',
            'ñ' => 'n',
            'í' => 'i',
            c => c.to_ascii_lowercase(),
        };
        if mapped.is_ascii_alphanumeric() {
            out.push(mapped);
        }
    }
    out
}

/// Title-cases each dot-separated part: `ana.silva2@example.com` -> `Ana.Silva2@Example.com`.
pub fn title_email(email: &str) -> String {
    let mut out = String::new();
    let mut start = true;
    for c in email.chars() {
        if start {
            out.push(c.to_ascii_uppercase());
        } else {
            out.push(c);
        }
        start = c == '.' || c == '@';
    }
    out.replace(".Com", ".com")
}

/// Windows-1252 for the only non-ASCII letters the team file may carry; anything else is an error.
pub fn to_windows_1252(text: &str) -> Res<Vec<u8>> {
    let mut out = Vec::with_capacity(text.len());
    for c in text.chars() {
        match c {
            c if c.is_ascii() => out.push(c as u8),
            'é' => out.push(0xE9),
            'É' => out.push(0xC9),
            other => return Err(format!("cannot encode {other:?} in Windows-1252 here").into()),
        }
    }
    Ok(out)
}

/// Windows-1252 as Excel's "CSV" save writes it: a character the code page lacks becomes `?`
/// (`Łukasz` → `?ukasz`), as real Microsoft Forms exports re-saved by Excel show.
pub fn to_windows_1252_lossy(text: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(text.len());
    for c in text.chars() {
        let code = u32::from(c);
        let byte = match c {
            c if c.is_ascii() => c as u8,
            // Latin-1 and Windows-1252 agree from 0xA0 up.
            _ if (0xA0..=0xFF).contains(&code) => code as u8,
            '€' => 0x80,
            '…' => 0x85,
            '‘' => 0x91,
            '’' => 0x92,
            '“' => 0x93,
            '”' => 0x94,
            '–' => 0x96,
            '—' => 0x97,
            _ => b'?',
        };
        out.push(byte);
    }
    out
}

/// `4/14/2025 9:27:13`: Google Sheets' timestamp in a US locale (24-hour, no leading zeros).
pub fn us_24h_seconds(t: NaiveDateTime) -> String {
    format!(
        "{}/{}/{} {}:{:02}:{:02}",
        t.month(),
        t.day(),
        t.year(),
        t.hour(),
        t.minute(),
        t.second()
    )
}

/// `1/15/2026 9:27`: Microsoft Forms' start and completion times (no seconds).
pub fn us_24h_minutes(t: NaiveDateTime) -> String {
    format!(
        "{}/{}/{} {}:{:02}",
        t.month(),
        t.day(),
        t.year(),
        t.hour(),
        t.minute()
    )
}
