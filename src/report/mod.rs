//! The review pack (being written).
