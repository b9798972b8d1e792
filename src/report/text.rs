//! One paragraph per chart (being written).
use crate::analysis::Analysis;
use crate::charts::{ChartExtras, ChartKind};
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct Reading {
    pub kind: ChartKind,
    pub paragraph: String,
}

pub fn reading(kind: ChartKind, _a: &Analysis, _e: &ChartExtras) -> Reading {
    Reading {
        kind,
        paragraph: String::new(),
    }
}
