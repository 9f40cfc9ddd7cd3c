//! Word vectors learned in-project (skip-gram word2vec over unlabeled news, the
//! same run as [`crate::clusters`]), stored as i8 unit vectors (`MVEC`, written by
//! `marsad-embed-build --vectors`). Keys are `marsad_text::key::base_key` forms;
//! every number is `<NUM>`.

use std::collections::HashMap;
use std::io;
use std::sync::LazyLock;

/// The committed vectors.
static BUILTIN_VECTORS: &[u8] = include_bytes!("../data/vectors.bin");

static BUILTIN: LazyLock<Result<Vectors, String>> =
    LazyLock::new(|| Vectors::from_bytes(BUILTIN_VECTORS).map_err(|e| e.to_string()));

/// A word → vector table.
pub struct Vectors {
    dim: usize,
    index: HashMap<Box<str>, u32>,
    data: Vec<i8>,
}

impl Vectors {
    /// The committed table, loaded on first use.
    pub fn builtin() -> Result<&'static Vectors, String> {
        BUILTIN
            .as_ref()
            .map_err(|e| format!("the embedded word vectors cannot be loaded: {e}"))
    }

    /// Parse the `MVEC` format.
    pub fn from_bytes(b: &[u8]) -> io::Result<Vectors> {
        let bad = |why: &str| io::Error::new(io::ErrorKind::InvalidData, format!("vectors: {why}"));
        let rest = b.strip_prefix(b"MVEC").ok_or_else(|| bad("not MVEC"))?;
        let u32_at = |o: usize| -> io::Result<usize> {
            Ok(u32::from_le_bytes(
                rest.get(o..o + 4)
                    .ok_or_else(|| bad("truncated"))?
                    .try_into()
                    .expect("4 bytes"),
            ) as usize)
        };
        let (dim, count) = (u32_at(0)?, u32_at(4)?);
        if dim == 0 || dim > 4096 {
            return Err(bad("bad dimension"));
        }
        let mut pos = 8;
        let mut index = HashMap::with_capacity(count);
        let mut data = Vec::with_capacity(count * dim);
        for i in 0..count {
            let len = *rest.get(pos).ok_or_else(|| bad("truncated"))? as usize;
            let key = rest
                .get(pos + 1..pos + 1 + len)
                .ok_or_else(|| bad("truncated"))?;
            let key = std::str::from_utf8(key).map_err(|_| bad("key is not UTF-8"))?;
            let row = rest
                .get(pos + 1 + len..pos + 1 + len + dim)
                .ok_or_else(|| bad("truncated"))?;
            index.insert(Box::from(key), i as u32);
            data.extend(row.iter().map(|&x| x as i8));
            pos += 1 + len + dim;
        }
        Ok(Vectors { dim, index, data })
    }

    pub fn dim(&self) -> usize {
        self.dim
    }

    pub fn len(&self) -> usize {
        self.index.len()
    }

    pub fn is_empty(&self) -> bool {
        self.index.is_empty()
    }

    /// Write the vector of `key` (scaled back to unit length) into `out`; false
    /// (and zeros) for an unknown key.
    pub fn fill(&self, key: &str, out: &mut [f32]) -> bool {
        match self.index.get(key) {
            Some(&i) => {
                let row = &self.data[i as usize * self.dim..(i as usize + 1) * self.dim];
                for (o, &x) in out.iter_mut().zip(row) {
                    *o = f32::from(x) / 127.0;
                }
                true
            }
            None => {
                out.iter_mut().for_each(|o| *o = 0.0);
                false
            }
        }
    }
}
