//! Small random draws shared by the generator's stages.
//!
//! Every draw goes through one seeded [`Rand`] (ChaCha8, portable and stable across
//! platforms and versions), in a fixed order, so one seed always gives the same file.

use rand::Rng;
use rand_chacha::ChaCha8Rng;

/// The generator's random source.
pub(crate) type Rand = ChaCha8Rng;

/// An index drawn with probability proportional to `weights` (non-negative, not all zero).
pub(crate) fn weighted(rng: &mut Rand, weights: &[f64]) -> usize {
    let total: f64 = weights.iter().sum();
    let mut x = rng.random::<f64>() * total;
    for (i, w) in weights.iter().enumerate() {
        if x < *w {
            return i;
        }
        x -= w;
    }
    weights.iter().rposition(|w| *w > 0.0).unwrap_or(0)
}

/// One element of a non-empty table.
pub(crate) fn pick<'a, T>(rng: &mut Rand, items: &'a [T]) -> &'a T {
    &items[rng.random_range(0..items.len())]
}

/// True with probability `p`.
pub(crate) fn chance(rng: &mut Rand, p: f64) -> bool {
    rng.random::<f64>() < p
}

/// A uniform draw from `lo..=hi`.
pub(crate) fn between(rng: &mut Rand, lo: usize, hi: usize) -> usize {
    rng.random_range(lo..=hi.max(lo))
}

/// A uniform real in `lo..hi`.
pub(crate) fn real(rng: &mut Rand, lo: f64, hi: f64) -> f64 {
    lo + rng.random::<f64>() * (hi - lo)
}

/// A standard normal draw (Box–Muller).
pub(crate) fn gaussian(rng: &mut Rand) -> f64 {
    let u1 = rng.random::<f64>().max(1e-12);
    let u2 = rng.random::<f64>();
    (-2.0 * u1.ln()).sqrt() * (std::f64::consts::TAU * u2).cos()
}

/// A point uniform in the disk of radius `r` around the origin.
pub(crate) fn in_disk(rng: &mut Rand, r: f64) -> (f64, f64) {
    let d = r * rng.random::<f64>().sqrt();
    let a = rng.random::<f64>() * std::f64::consts::TAU;
    (d * a.cos(), d * a.sin())
}

/// Rounded to 10 m, so coordinates print short.
pub(crate) fn round2(x: f64) -> f64 {
    let r = (x * 100.0).round() / 100.0;
    if r == 0.0 {
        0.0
    } else {
        r
    }
}

/// A multiple of `step` drawn uniformly from `lo..=hi` (both multiples of `step`).
pub(crate) fn stepped(rng: &mut Rand, lo: u32, hi: u32, step: u32) -> u32 {
    let n = (hi - lo) / step;
    lo + step * rng.random_range(0..=n)
}
