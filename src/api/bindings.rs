//! The TypeScript types of the desktop UI, generated from the Rust types of
//! this module. `ui/src/generated/api.ts` is this function's output,
//! committed; the test below fails when it drifts (run it with
//! `UPDATE_BINDINGS=1` to rewrite the file).

use ts_rs::{Config, TS};

use super::*;

macro_rules! declarations {
    ($cfg:expr; $($t:ty),* $(,)?) => {{
        let mut out = Vec::new();
        $( out.push(format!("export {}", <$t as TS>::decl($cfg))); )*
        out
    }};
}

/// The whole generated file.
pub fn typescript() -> String {
    // serde_json writes 64-bit integers as plain numbers; every count here
    // is far below 2^53.
    let cfg = Config::new().with_large_int("number");
    let decls = declarations!(&cfg;
        ErrorView, SplitChoice, Controls, FilterChoices, HiddenFilter,
        ComparisonKind, VerdictView, Card, ChartChoice, Dashboard,
        ImportRecordView, StatusView,
        StatCell, StatRow, StatTable, ChartView, Comparison,
        PairingStatus, PairingRow, PersonRow, PeopleQuery, PeopleTable,
        KindChoice, FieldChoice, FilePreview, ImportRequest, ImportProgress,
        ProblemView, ImportReportView, ImportOutcome, ProblemsExport,
        SheetChoice, MeetingView,
        PackRequest, PackProgress, PackResult, ChartFormat,
        DocSpan, DocListItem, DocBlock, DocView, LicenceView, AboutView,
        FrameworkChoice, TemplateRequest, TemplateWritten,
        SurveyItemView, ItemMarkRequest,
    );
    let mut s = String::from(
        "// Generated from src/api/*.rs by `mentorscope::api::bindings::typescript()`.\n\
         // Do not edit: change the Rust types, then run\n\
         //   UPDATE_BINDINGS=1 cargo test --lib api::bindings\n\n",
    );
    for d in decls {
        s.push_str(&d);
        s.push_str("\n\n");
    }
    s.truncate(s.trim_end().len());
    s.push('\n');
    s
}

#[cfg(test)]
mod tests {
    #[test]
    fn generated_typescript_matches_the_committed_file() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("ui/src/generated/api.ts");
        let fresh = super::typescript();
        if std::env::var_os("UPDATE_BINDINGS").is_some() {
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, &fresh).unwrap();
        }
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            committed == fresh,
            "ui/src/generated/api.ts is out of date with src/api/*.rs; run `UPDATE_BINDINGS=1 cargo test --lib api::bindings` and commit the file"
        );
    }
}
