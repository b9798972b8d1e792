//! The generator's fixed vocabulary (teams, invented names, survey statements and answer
//! labels, meeting topics and notes, comment phrase pools per wave) and the planted effect
//! sizes, in one place so the README and the code cannot drift apart.

pub const TEAMS: [&str; 6] = [
    "Platform",
    "Payments",
    "Mobile",
    "Data",
    "Équipe Données",
    "R&D \"Labs\"",
];
/// Relative team sizes (roster) and weekly deployment base rates (team metrics).
pub const TEAM_WEIGHTS: [u32; 6] = [24, 20, 18, 16, 12, 10];
pub const TEAM_DEPLOY_RATE: [f64; 6] = [14.0, 11.0, 8.0, 6.0, 5.0, 3.0];

pub const FIRST_NAMES: &[&str] = &[
    "Ana", "Bram", "Chidi", "Dalia", "Emre", "Freya", "Goran", "Hana", "Idris", "Jonas", "Kaia",
    "Lior", "Mirela", "Nadia", "Oskar", "Priya", "Quinn", "Rafael", "Sana", "Tomas", "Ulla",
    "Vera", "Wen", "Yusuf", "Aino", "Elif", "Mateo", "Noor", "Ren", "Signe", "Tariq", "Ines",
    "Kofi", "Maren", "Niko", "Pilar", "Sven",
];
/// Non-ASCII names, drawn now and then (each part about 4% of the time).
pub const RARE_FIRST_NAMES: &[&str] = &["Zoë", "José", "Łukasz"];
pub const RARE_LAST_NAMES: &[&str] = &["Mäkinen", "Núñez", "Søndergaard"];
pub const LAST_NAMES: &[&str] = &[
    "Ashdown",
    "Brennick",
    "Calloway",
    "Dunmore",
    "Ellery",
    "Fairbrook",
    "Garrowby",
    "Hollins",
    "Ivesdale",
    "Jarrick",
    "Kestrel",
    "Lomasney",
    "Merriwell",
    "Northcote",
    "Oakhurst",
    "Pellham",
    "Quarrie",
    "Redfern",
    "Stowell",
    "Thistlewood",
    "Underhay",
    "Vantreight",
    "Westerby",
    "Yarrow",
    "Zellner",
    "Silva",
    "O'Danagh",
    "Brightwater",
    "Castellane",
    "Delacourt",
    "Farrowdale",
    "Halloran",
    "Marchetti",
];

pub const LIKERT: [&str; 5] = [
    "Strongly disagree",
    "Disagree",
    "Neither agree nor disagree",
    "Agree",
    "Strongly agree",
];
/// Microsoft Forms' default Likert columns say `Neutral` in the middle.
pub const LIKERT_MS_FORMS: [&str; 5] = [
    "Strongly disagree",
    "Disagree",
    "Neutral",
    "Agree",
    "Strongly agree",
];
pub const STATEMENTS: [&str; 5] = [
    "I feel supported in my role",
    "I know what is expected of me to grow",
    "I have someone to go to with technical questions",
    "I am satisfied with my career development",
    "I would like to still be working here in a year",
];
pub const NPS_QUESTION: &str =
    "How likely are you to recommend this team as a place to work? (0-10)";
pub const OPEN_QUESTION: &str = "What would help you most to grow here?";

/// Meeting topics: the program's skill areas and career topics.
pub const TOPICS: [&str; 10] = [
    "API design",
    "Database modeling",
    "Caching",
    "Observability",
    "Incident response",
    "Code review",
    "Testing",
    "Career growth",
    "Communication",
    "Promotion",
];
/// The planted coverage pattern: relative weight of each topic in `TOPICS` when a meeting's
/// topics are drawn. Code review, testing and career growth dominate; caching and database
/// modeling are rarely discussed.
pub const TOPIC_WEIGHTS: [u32; 10] = [12, 4, 2, 6, 9, 24, 18, 16, 6, 3];

pub const NOTES: &[&str] = &[
    "Discussed goals for next quarter.",
    "Walked through the PR backlog, agreed to pair on tests next week.",
    "Reviewed the design doc for the ledger service; follow-up next time.",
    "Talked about on-call nerves. Shadow shift planned.",
    "Mock promotion packet review, feedback: strong story, needs impact numbers.",
    "Short check-in.",
    "Career chat: interested in moving toward data engineering.",
    "Rescheduled from Tuesday.",
    "Went over feedback from the 1:1 with their manager, next steps agreed.",
    "Mentee said \"it finally clicked\" about the deploy pipeline.",
    "Action items:\n- read the incident runbook\n- book a shadow on-call shift",
    "Notes:\n1) testing strategy, flaky tests\n2) how to ask for reviews",
    "Code review etiquette, how to leave kind but clear comments",
    "Practised explaining a system design on the whiteboard",
];

/// Open answers before the program (and from people without a mentor later on): growth path,
/// feedback and onboarding troubles.
pub const COMMENTS_BEFORE: &[&str] = &[
    "Unclear growth path, I don't know what the next level looks like",
    "Hard to get feedback on my work",
    "Onboarding was confusing, too many docs and nobody to ask",
    "Confusing onboarding, I still don't know who owns what",
    "I don't know who to ask about the codebase",
    "Feedback only comes at review time, hard to know where I stand",
    "A clearer path from L2 to L3",
    "More structured goals, maybe a template.",
    "Hard to get time with senior engineers",
    "The growth path is unclear and promotions feel random",
];
/// Open answers of mentees once they have a mentor: the mentor, the 1:1s, a clearer growth
/// path, help with code review.
pub const COMMENTS_MENTORED: &[&str] = &[
    "My mentor helped me get unstuck more than once",
    "The 1:1s with my mentor are the most useful hour of my week",
    "Clearer growth path now, my mentor and I wrote down goals",
    "Code review help from my mentor, my PRs get merged faster",
    "Keep the mentor 1:1s, they really help",
    "Having a mentor made the first months much easier",
    "More mentor time, the 1:1s are great",
    "My mentor showed me what good code review looks like",
    "Clearer growth goals thanks to the mentor 1:1s",
    "Regular 1:1s with a mentor outside my team",
];
/// Open answers that fit any wave and anybody.
pub const COMMENTS_ANY: &[&str] = &[
    "Honestly it's fine as is",
    "Match mentors across teams",
    "Time! I can't find time for it.",
    "More pairing sessions, fewer status updates",
    "Better on-call shadowing",
    "Plus de sessions en français, s'il vous plaît",
    "Protected time in the sprint for learning",
    "n/a",
    "Group sessions with other mentees, e.g. monthly",
    "I'd like a mentor too",
];
/// Microsoft Forms answers are typed in Word-like boxes: curly apostrophes, and a dash that
/// Windows-1252 can hold.
pub const COMMENTS_MS_FORMS_EXTRA: &[&str] = &[
    "I’d like more time with my mentor – every two weeks is not enough",
    "Can’t think of anything",
];

pub const ALNUM: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

pub const GHOST_MENTEE: &str = "ghost.person@example.com";
pub const UNKNOWN_RESPONDENT: (&str, &str, &str) =
    ("Robin", "Tempworth", "robin.tempworth@example.com");
pub const SPECIAL_NOTE_SCRIPT: &str = "<script>alert(1)</script>";
pub const SPECIAL_NOTE_FORMULA: &str = "=SUM(A1:A2)";

/// Program formats of the pairings: in-house mentors meet every 2-3 weeks, external mentors
/// every 3-5 weeks.
pub const FORMATS: [&str; 2] = ["In-house", "External"];
pub const IN_HOUSE_SHARE: f64 = 0.7;
pub const MEETING_GAP_DAYS: [(i64, i64); 2] = [(14, 21), (21, 35)];

// Planted effect sizes (inputs to the generator; the README reports what the rows show).
pub const SURVEY_BASE: f64 = 3.2;
/// Composite shift of mentees (paired by the wave) and of everybody else, per wave in time
/// order: pre, 3-month, 12-month, post.
pub const SURVEY_SHIFT_MENTEE: [f64; 4] = [0.0, 0.15, 0.35, 0.5];
pub const SURVEY_SHIFT_OTHER: [f64; 4] = [0.0, 0.03, 0.07, 0.1];
/// Median days from hire to `First PR merged` by level L1..L5, without mentoring.
pub const RAMP_MEDIAN_BY_LEVEL: [f64; 5] = [85.0, 70.0, 55.0, 45.0, 40.0];
/// Within a level, a hire mentored during onboarding takes this share of the time.
pub const RAMP_MENTORED_FACTOR: f64 = 0.8;
/// Share leaving within 12 months of the index date by level L1..L5, without mentoring.
pub const LEAVE_12M_BY_LEVEL: [f64; 5] = [0.26, 0.22, 0.12, 0.09, 0.07];
/// Within a level, a mentee's 12-month leaving share is this multiple of the others'.
pub const LEAVE_MENTEE_FACTOR: f64 = 0.55;
pub const DEPLOY_UPLIFT: f64 = 1.15;
pub const CFR_BEFORE: f64 = 0.15;
pub const CFR_AFTER: f64 = 0.10;
pub const MTTR_MEDIAN_BEFORE: f64 = 4.0;
pub const MTTR_MEDIAN_AFTER: f64 = 3.2;
