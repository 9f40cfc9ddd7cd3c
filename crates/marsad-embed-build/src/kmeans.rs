//! Spherical k-means (cosine similarity on unit vectors) with k-means++ seeding.
//!
//! Deterministic for a given seed: the seeding draws from one seeded generator over
//! points in index order, the assignment step is computed per point (in parallel,
//! results independent of scheduling) and every sum is taken sequentially in index
//! order.

use crate::rng::Rng;
use crate::w2v::dot;
use rayon::prelude::*;

/// Index and similarity of the centroid nearest to `x`.
fn nearest(x: &[f32], centroids: &[f32], dim: usize) -> (u32, f32) {
    let mut best = (0u32, f32::NEG_INFINITY);
    for (j, c) in centroids.chunks_exact(dim).enumerate() {
        let s = dot(x, c);
        if s > best.1 {
            best = (j as u32, s);
        }
    }
    best
}

/// Clusters the `n = points.len() / dim` unit-length rows into `k` clusters and
/// returns each row's cluster. Cluster ids are renumbered so that cluster 0 holds
/// row 0, the next new cluster met in row order is 1, and so on (with rows sorted by
/// frequency, low ids are the clusters of frequent words).
pub fn kmeans(points: &[f32], dim: usize, k: usize, max_iter: usize, seed: u64) -> Vec<u32> {
    let n = points.len() / dim;
    assert!(n > 0 && k > 0);
    let k = k.min(n);
    let row = |i: usize| &points[i * dim..(i + 1) * dim];
    let mut rng = Rng::new(seed);

    // k-means++: the next centre is drawn with probability ∝ squared distance
    // (2 − 2·cos for unit vectors) to the nearest centre so far.
    let mut centroids: Vec<f32> = Vec::with_capacity(k * dim);
    let first = rng.below(n as u64) as usize;
    centroids.extend_from_slice(row(first));
    let mut d2: Vec<f32> = (0..n)
        .into_par_iter()
        .map(|i| (2.0 - 2.0 * dot(row(i), row(first))).max(0.0))
        .collect();
    while centroids.len() < k * dim {
        let total: f64 = d2.iter().map(|&x| x as f64).sum();
        let next = if total <= 0.0 {
            rng.below(n as u64) as usize
        } else {
            let mut r = rng.next_f64() * total;
            let mut pick = n - 1;
            for (i, &x) in d2.iter().enumerate() {
                r -= x as f64;
                if r < 0.0 {
                    pick = i;
                    break;
                }
            }
            pick
        };
        let c = row(next).to_vec();
        centroids.extend_from_slice(&c);
        d2.par_iter_mut().enumerate().for_each(|(i, d)| {
            let nd = (2.0 - 2.0 * dot(row(i), &c)).max(0.0);
            if nd < *d {
                *d = nd;
            }
        });
    }

    // Lloyd iterations.
    let mut assign = vec![u32::MAX; n];
    for _ in 0..max_iter {
        let next: Vec<(u32, f32)> = (0..n)
            .into_par_iter()
            .map(|i| nearest(row(i), &centroids, dim))
            .collect();
        let changed = next
            .iter()
            .zip(&assign)
            .filter(|((a, _), b)| a != *b)
            .count();
        for (a, (c, _)) in assign.iter_mut().zip(&next) {
            *a = *c;
        }
        if changed * 1000 <= n {
            break;
        }
        // New centroids: normalized sums; an empty cluster takes the point that fits
        // its own centroid worst (a point not already used for that).
        let mut sums = vec![0f64; k * dim];
        let mut sizes = vec![0usize; k];
        for (i, &c) in assign.iter().enumerate() {
            let c = c as usize;
            sizes[c] += 1;
            for (s, x) in sums[c * dim..(c + 1) * dim].iter_mut().zip(row(i)) {
                *s += *x as f64;
            }
        }
        let mut worst: Vec<usize> = (0..n).collect();
        worst.sort_by(|&a, &b| next[a].1.total_cmp(&next[b].1).then(a.cmp(&b)));
        let mut worst = worst.into_iter();
        for c in 0..k {
            let dst = &mut centroids[c * dim..(c + 1) * dim];
            if sizes[c] == 0 {
                let i = worst.next().expect("more points than clusters");
                dst.copy_from_slice(row(i));
                continue;
            }
            let s = &sums[c * dim..(c + 1) * dim];
            let norm = s.iter().map(|x| x * x).sum::<f64>().sqrt();
            for (d, x) in dst.iter_mut().zip(s) {
                *d = if norm > 0.0 { (x / norm) as f32 } else { 0.0 };
            }
        }
    }

    // Renumber by first appearance.
    let mut map = vec![u32::MAX; k];
    let mut next_id = 0u32;
    for a in &mut assign {
        let m = &mut map[*a as usize];
        if *m == u32::MAX {
            *m = next_id;
            next_id += 1;
        }
        *a = *m;
    }
    assign
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn separates_two_blobs_and_is_reproducible() {
        let dim = 4;
        let mut rng = Rng::new(3);
        let mut pts = Vec::new();
        for i in 0..40 {
            let base = if i % 2 == 0 {
                [1.0, 0.0, 0.0, 0.0]
            } else {
                [0.0, 0.0, 1.0, 0.0]
            };
            let mut v: Vec<f32> = base
                .iter()
                .map(|b| b + (rng.next_f64() as f32 - 0.5) * 0.2)
                .collect();
            crate::w2v::normalize_rows(&mut v, dim);
            pts.extend(v);
        }
        let a = kmeans(&pts, dim, 2, 50, 9);
        for (i, &c) in a.iter().enumerate() {
            assert_eq!(c, (i % 2) as u32, "point {i}");
        }
        assert_eq!(a, kmeans(&pts, dim, 2, 50, 9));
    }
}
