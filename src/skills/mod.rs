//! Skills (M8) apart from importing and analysing them: the rating scales
//! (`scale`), the built-in skill frameworks a manager starts from
//! (`frameworks`, data files in `src/skills/frameworks/`), and the
//! ready-to-fill assessment sheet (`template`).
//!
//! It reads no program data except the roster handed to the template, and
//! computes no statistic.

pub mod frameworks;
pub mod scale;
pub mod template;
