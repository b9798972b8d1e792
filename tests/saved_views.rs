//! The saved dashboard the app shows at launch (migration 0004): it is
//! returned only for the same controls and only while the data is as it
//! was when it was computed. Every write that can change an analysis moves
//! the store's generation on, whichever connection makes it, so a saved
//! view can never outlive the data it was computed from.

use mentorscope::api::{self, Controls, Program};
use mentorscope::ingest::{self, ImportOptions};
use mentorscope::store::ItemScale;
use mentorscope::Store;

mod common;

fn import(store: &mut Store, name: &str) {
    ingest::import_file(store, &common::sample(name), &ImportOptions::default()).unwrap();
}

/// Computes the dashboard for `controls` as the app does and saves it.
fn show(store: &Store, controls: &Controls) -> api::Dashboard {
    let program = Program::load(store).unwrap();
    let d = api::dashboard(&program, controls).unwrap();
    api::save_dashboard(store, &program, controls, &d).unwrap();
    d
}

#[test]
fn every_change_to_the_data_moves_the_generation_on() {
    let db = common::temp_db();
    let mut store = common::open(&db);
    let mut seen = vec![store.generation().unwrap()];
    let mut moved = |store: &Store, what: &str| {
        let g = store.generation().unwrap();
        assert!(
            g > *seen.last().unwrap(),
            "{what} left the generation at {g}"
        );
        seen.push(g);
    };
    for (f, _) in mentorscope::sample::FILES {
        import(&mut store, f);
        moved(&store, f);
    }
    // Reading changes nothing.
    let g = store.generation().unwrap();
    mentorscope::analysis::analyze(&store, &Default::default()).unwrap();
    store.status().unwrap();
    assert_eq!(store.generation().unwrap(), g);

    let item = "I know what is expected of me to grow";
    store.set_item_reverse(item, true).unwrap();
    moved(&store, "a reverse-coded mark");
    let recommend = "How likely are you to recommend this team as a place to work? (0-10)";
    store
        .mark_item(recommend, None, Some(Some(ItemScale::new(0, 10).unwrap())))
        .unwrap();
    moved(&store, "a declared scale");

    // Another process (the command line) on its own connection.
    let mut cli = common::open(&db);
    let last = cli.imports().unwrap().last().unwrap().id;
    cli.undo(last).unwrap();
    moved(&store, "an undo by another connection");

    // A rematch takes meetings out of `unmatched_meetings`.
    let sql = rusqlite::Connection::open(&db.path).unwrap();
    sql.execute(
        "INSERT INTO unmatched_meetings (import_id, started_at, title, duration_min, attendees, reason, line)
         VALUES ((SELECT MIN(id) FROM imports), '2025-01-01T10:00:00', 'sync', 30, 'a; b', 'no pairing', 2)",
        [],
    )
    .unwrap();
    moved(&store, "an unmatched meeting kept");
    sql.execute("DELETE FROM unmatched_meetings", []).unwrap();
    moved(&store, "an unmatched meeting matched");
}

#[test]
fn a_saved_dashboard_is_given_back_only_for_the_same_controls_and_data() {
    let db = common::temp_db();
    let mut store = common::open(&db);
    let all = Controls::default();
    assert!(
        api::saved_dashboard(&store, &all).is_none(),
        "a new database has none"
    );
    for f in [
        "roster.csv",
        "pairings.csv",
        "meetings.csv",
        "survey-pre.csv",
        "survey-post.csv",
    ] {
        import(&mut store, f);
    }
    let shown = show(&store, &all);
    assert_eq!(api::saved_dashboard(&store, &all), Some(shown.clone()));

    // Other controls: not this one.
    let team = shown.choices.teams[0].clone();
    let one_team = Controls {
        team: Some(team),
        ..Controls::default()
    };
    assert!(api::saved_dashboard(&store, &one_team).is_none());
    // Only the dashboard a launch opens on (no filters) is kept: one
    // shown with a filter does not replace it.
    let filtered = show(&store, &one_team);
    assert_ne!(filtered, shown);
    assert!(api::saved_dashboard(&store, &one_team).is_none());
    assert_eq!(api::saved_dashboard(&store, &all), Some(shown.clone()));
    // Blank fields are "not set", as everywhere in the controls.
    let blank = Controls {
        cohort: Some(" ".into()),
        ..Controls::default()
    };
    assert_eq!(api::saved_dashboard(&store, &blank), Some(shown.clone()));

    // A later import: the saved one is out of date and not given back,
    // even though it is still in the file.
    import(&mut store, "milestones.csv");
    assert!(api::saved_dashboard(&store, &all).is_none());

    // Computed again on the new data, it is saved and given back again,
    // and it differs (the milestones make the ramp-up card).
    let again = show(&store, &all);
    assert_ne!(again, shown);
    assert_eq!(api::saved_dashboard(&store, &all), Some(again.clone()));

    // A dashboard computed from older data (a slow reader that started
    // before the import) does not replace a newer one.
    let old_program = {
        let fresh = common::temp_db();
        let mut other = common::open(&fresh);
        import(&mut other, "roster.csv");
        Program::load(&other).unwrap()
    };
    assert!(old_program.generation < store.generation().unwrap());
    api::save_dashboard(&store, &old_program, &all, &shown).unwrap();
    assert_eq!(api::saved_dashboard(&store, &all), Some(again));
}

/// The launch dashboard saved from other data, or by another build, is
/// given back marked provisional (with why, for the window's notice) and
/// otherwise as it was saved; never when the saved one is current, for
/// other controls, or when it cannot be read.
#[test]
fn an_out_of_date_launch_dashboard_is_given_back_only_as_provisional() {
    let db = common::temp_db();
    let mut store = common::open(&db);
    let all = Controls::default();
    assert!(
        api::provisional_dashboard(&store, &all).is_none(),
        "none saved"
    );
    for f in ["roster.csv", "pairings.csv", "meetings.csv"] {
        import(&mut store, f);
    }
    let shown = show(&store, &all);
    assert_eq!(shown.provisional, None);
    // Current: given back as it is, not as provisional.
    assert!(api::provisional_dashboard(&store, &all).is_none());

    // The data changed (outside the app): the saved one, marked.
    import(&mut store, "milestones.csv");
    assert!(api::saved_dashboard(&store, &all).is_none());
    let earlier = api::provisional_dashboard(&store, &all).expect("provisional");
    let why = earlier.provisional.clone().expect("marked");
    assert!(why.contains("data has changed"), "{why}");
    assert_eq!(
        api::Dashboard {
            provisional: None,
            ..earlier
        },
        shown
    );
    // Only for the controls a launch opens with.
    let one_team = Controls {
        team: Some(shown.choices.teams[0].clone()),
        ..Controls::default()
    };
    assert!(api::provisional_dashboard(&store, &one_team).is_none());

    // Saved by another build from this data: marked as such.
    let now = show(&store, &all);
    assert!(api::provisional_dashboard(&store, &all).is_none());
    rusqlite::Connection::open(&db.path)
        .unwrap()
        .execute(
            "UPDATE view_cache SET key = 'mentorscope 0.0.1 schema 1' WHERE view = 'dashboard'",
            [],
        )
        .unwrap();
    assert!(api::saved_dashboard(&store, &all).is_none());
    let earlier = api::provisional_dashboard(&store, &all).expect("provisional");
    let why = earlier.provisional.clone().expect("marked");
    assert!(why.contains("earlier version"), "{why}");
    assert_eq!(earlier.cards, now.cards);

    // A body this build cannot read (an older shape): nothing, not an error.
    rusqlite::Connection::open(&db.path)
        .unwrap()
        .execute(
            "UPDATE view_cache SET body = '{\"cards\": 3}' WHERE view = 'dashboard'",
            [],
        )
        .unwrap();
    assert!(api::provisional_dashboard(&store, &all).is_none());
}
