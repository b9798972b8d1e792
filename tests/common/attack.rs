//! The curious reader's algebra, shared by the attacker suites
//! (`privacy_attack.rs` on generated programs, `privacy_attack_sample.rs`
//! on the sample program through the CLI). A published survey figure is a
//! sum over respondents' answers with coefficients the reader knows (who
//! is in the group, who answered what, the scale and its direction): a
//! row of a linear system. An answer, or the sum over a small group, is
//! recovered when its row lies in the span of the published rows.
//!
//! The span is computed exactly, over the prime field of p = 2^61 − 1:
//! every coefficient the reader uses is rational (1/m for a composite of m
//! items, 4/(points − 1) for a scale, the weights of an OLS fit of dummies
//! are rational too), so no tolerance decides a leak. Working mod p can
//! only make the span look larger than it is over the rationals (a false
//! alarm, with chance about rank/p), never smaller: it cannot miss a leak.
//! It must not decide anything from the answers' values: rows and targets
//! are built from who answered, never from what.

use std::collections::HashMap;

/// The field's prime, 2^61 − 1 (a Mersenne prime: reduction is a shift).
pub const P: u64 = (1 << 61) - 1;

fn reduce(x: u128) -> u64 {
    let mut r = ((x as u64) & P) + ((x >> 61) as u64 & P) + ((x >> 122) as u64);
    while r >= P {
        r -= P;
    }
    r
}

pub fn mul(a: u64, b: u64) -> u64 {
    reduce(u128::from(a) * u128::from(b))
}

pub fn add(a: u64, b: u64) -> u64 {
    let s = a + b;
    if s >= P {
        s - P
    } else {
        s
    }
}

pub fn sub(a: u64, b: u64) -> u64 {
    if a >= b {
        a - b
    } else {
        a + P - b
    }
}

pub fn neg(a: u64) -> u64 {
    sub(0, a)
}

pub fn pow(mut a: u64, mut e: u64) -> u64 {
    let mut r = 1;
    while e > 0 {
        if e & 1 == 1 {
            r = mul(r, a);
        }
        a = mul(a, a);
        e >>= 1;
    }
    r
}

/// The inverse of a non-zero element.
pub fn inv(a: u64) -> u64 {
    assert!(a != 0, "no inverse of 0");
    pow(a, P - 2)
}

/// An integer as a field element.
pub fn int(x: i64) -> u64 {
    let m = x.unsigned_abs() % P;
    if x < 0 {
        neg(m)
    } else {
        m
    }
}

/// num / den.
pub fn frac(num: i64, den: i64) -> u64 {
    mul(int(num), inv(int(den)))
}

/// A sparse row: (unknown, coefficient), coefficients non-zero mod p.
pub type Row = Vec<(usize, u64)>;

/// Adds `c` × unknown `x` to a row being built (kept as a map while it is
/// built; [`finish_row`] turns it into a [`Row`]).
pub fn put(row: &mut HashMap<usize, u64>, x: usize, c: u64) {
    let e = row.entry(x).or_insert(0);
    *e = add(*e, c);
}

pub fn finish_row(row: HashMap<usize, u64>) -> Row {
    let mut r: Row = row.into_iter().filter(|(_, c)| *c != 0).collect();
    r.sort_unstable();
    r
}

/// The span of the published rows over `n` unknowns, kept in reduced row
/// echelon form once [`Space::close`] has run.
pub struct Space {
    n: usize,
    /// Each row: pivot first (coefficient 1), the rest at higher columns.
    rows: Vec<Row>,
    pivot_of: Vec<Option<u32>>,
    closed: bool,
}

impl Space {
    pub fn new(n: usize) -> Space {
        Space {
            n,
            rows: Vec::new(),
            pivot_of: vec![None; n],
            closed: false,
        }
    }

    pub fn rank(&self) -> usize {
        self.rows.len()
    }

    pub fn unknowns(&self) -> usize {
        self.n
    }

    /// Reduces a dense vector against the pivots, columns from `from` up.
    fn reduce_dense(&self, v: &mut [u64], from: usize) {
        for c in from..self.n {
            let f = v[c];
            if f == 0 {
                continue;
            }
            if let Some(i) = self.pivot_of[c] {
                for &(j, x) in &self.rows[i as usize] {
                    v[j] = sub(v[j], mul(f, x));
                }
            }
        }
    }

    /// Adds a published row; whether it said anything new.
    pub fn add(&mut self, row: &[(usize, u64)]) -> bool {
        assert!(!self.closed, "rows are added before the space is closed");
        let Some(first) = row.iter().map(|(c, _)| *c).min() else {
            return false;
        };
        let mut v = vec![0u64; self.n];
        for &(c, x) in row {
            v[c] = add(v[c], x);
        }
        self.reduce_dense(&mut v, first);
        let Some(p) = (first..self.n).find(|&c| v[c] != 0) else {
            return false;
        };
        let s = inv(v[p]);
        let r: Row = (p..self.n)
            .filter(|&c| v[c] != 0)
            .map(|c| (c, mul(v[c], s)))
            .collect();
        self.pivot_of[p] = Some(self.rows.len() as u32);
        self.rows.push(r);
        true
    }

    /// Back-substitutes to the reduced echelon form, in which a target is
    /// tested in time proportional to its own size.
    pub fn close(&mut self) {
        if self.closed {
            return;
        }
        let mut order: Vec<usize> = (0..self.rows.len()).collect();
        order.sort_by_key(|&i| std::cmp::Reverse(self.rows[i][0].0));
        for i in order {
            let p = self.rows[i][0].0;
            if self.rows[i][1..]
                .iter()
                .all(|(c, _)| self.pivot_of[*c].is_none())
            {
                continue;
            }
            let mut v = vec![0u64; self.n];
            for &(c, x) in &self.rows[i] {
                v[c] = x;
            }
            // Every pivot row above p is already reduced: zero at every
            // other pivot, so one pass from p + 1 suffices.
            self.reduce_dense(&mut v, p + 1);
            self.rows[i] = (p..self.n)
                .filter(|&c| v[c] != 0)
                .map(|c| (c, v[c]))
                .collect();
        }
        self.closed = true;
    }

    /// Whether the target lies in the span: whether the reader can solve
    /// for it.
    pub fn contains(&self, t: &[(usize, u64)]) -> bool {
        assert!(self.closed, "close() the space before testing targets");
        // In reduced form the only combination that can give t is
        // Σ t[pivot] × row(pivot).
        let mut u: HashMap<usize, u64> = HashMap::new();
        for &(c, x) in t {
            put(&mut u, c, neg(x));
            if let Some(i) = self.pivot_of[c] {
                for &(j, y) in &self.rows[i as usize] {
                    put(&mut u, j, mul(x, y));
                }
            }
        }
        u.values().all(|v| *v == 0)
    }
}

/// The weights of an OLS coefficient on each observation: row `coef` of
/// (X'X)⁻¹X', exactly (mod p). `x` holds the design's rows (integers:
/// intercept, indicator and dummy columns). `None` when X'X is singular
/// (the fit publishes nothing then).
pub fn ols_weights(x: &[Vec<i64>], coef: usize) -> Option<Vec<u64>> {
    let p = x.first()?.len();
    // Solve (X'X) b = e_coef, then weights = X b (X'X symmetric).
    let mut a: Vec<Vec<u64>> = (0..p)
        .map(|i| {
            let mut row: Vec<u64> = (0..p)
                .map(|j| int(x.iter().map(|r| r[i] * r[j]).sum()))
                .collect();
            row.push(u64::from(i == coef));
            row
        })
        .collect();
    for col in 0..p {
        let piv = (col..p).find(|&r| a[r][col] != 0)?;
        a.swap(col, piv);
        let s = inv(a[col][col]);
        for v in a[col].iter_mut() {
            *v = mul(*v, s);
        }
        let pivot_row = a[col].clone();
        for (r, row) in a.iter_mut().enumerate() {
            if r != col && row[col] != 0 {
                let f = row[col];
                for (v, y) in row.iter_mut().zip(&pivot_row) {
                    *v = sub(*v, mul(f, *y));
                }
            }
        }
    }
    let b: Vec<u64> = a.iter().map(|r| r[p]).collect();
    Some(
        x.iter()
            .map(|r| {
                r.iter()
                    .zip(&b)
                    .fold(0, |acc, (xi, bi)| add(acc, mul(int(*xi), *bi)))
            })
            .collect(),
    )
}

/// Which published rows, with which weights, add up to a recovered
/// target (debugging aid): `None` when the target is not in their span.
/// Builds its own space over the rows augmented with their index, so it
/// costs a second solve; call it for a handful of targets.
pub fn combination(rows: &[Row], n: usize, t: &[(usize, u64)]) -> Option<Vec<(usize, u64)>> {
    let m = rows.len();
    let mut s = Space::new(n + m);
    for (i, r) in rows.iter().enumerate() {
        let mut a = r.clone();
        a.push((n + i, 1));
        s.add(&a);
    }
    s.close();
    // In reduced form Σ t[pivot] × row(pivot) is the only candidate; its
    // augmented part holds the weights.
    let mut u: HashMap<usize, u64> = HashMap::new();
    for &(c, x) in t {
        put(&mut u, c, neg(x));
        if let Some(i) = s.pivot_of[c] {
            for &(j, y) in &s.rows[i as usize] {
                put(&mut u, j, mul(x, y));
            }
        }
    }
    if u.iter().any(|(c, v)| *c < n && *v != 0) {
        return None;
    }
    let mut w: Vec<(usize, u64)> = u
        .into_iter()
        .filter(|(c, v)| *c >= n && *v != 0)
        .map(|(c, v)| (c - n, v))
        .collect();
    w.sort_unstable();
    Some(w)
}

/// A field element as a small fraction a/b (|a|, b < 2^30), if it is one
/// (rational reconstruction): for printing weights.
pub fn as_fraction(x: u64) -> Option<(i64, i64)> {
    let bound: i128 = 1 << 30;
    let (mut r0, mut r1) = (i128::from(P), i128::from(x));
    let (mut t0, mut t1) = (0i128, 1i128);
    while r1 >= bound {
        let q = r0 / r1;
        (r0, r1) = (r1, r0 - q * r1);
        (t0, t1) = (t1, t0 - q * t1);
    }
    if t1 == 0 || t1.abs() >= bound {
        return None;
    }
    let (a, b) = if t1 < 0 { (-r1, -t1) } else { (r1, t1) };
    Some((a as i64, b as i64))
}
