//! Temporary stand-in until the gazetteer crate lands.
#[derive(Clone, Copy, Default, PartialEq, Eq, Debug)]
pub struct TypeSet(pub u8);
#[derive(Clone, Copy, Default, Debug)]
pub struct GazMatch {
    pub types: TypeSet,
    pub begin: bool,
    pub len: u8,
}
pub struct Gazetteer;
static EMPTY: Gazetteer = Gazetteer;
impl Gazetteer {
    pub fn builtin() -> &'static Gazetteer {
        &EMPTY
    }
    pub fn annotate(&self, keys: &[&str]) -> Vec<GazMatch> {
        vec![GazMatch::default(); keys.len()]
    }
    pub fn word_types(&self, _: &str) -> TypeSet {
        TypeSet(0)
    }
    pub fn part_types(&self, _: &str) -> TypeSet {
        TypeSet(0)
    }
}
