//! The truth figures of the README, measured on the generated rows (never copied from the
//! planted inputs): rows per file, the population and its level mix, every survey wave,
//! ramp-up and retention per level (raw vs within-level), formats, topic coverage, open
//! answers and delivery.

use std::fmt::Write as _;

use crate::model::{is_mentored_hire, Person, SurveyAnswer, TeamWeek, Wave, World};
use crate::surveys::{group_answers, paired_change, summarise, wave_group};
use crate::util::*;
use crate::vocab::*;

pub fn report(w: &World, seed: u64, counts: &[(&str, usize)]) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "Seed {seed}, {} people. Regenerating with the same seed and people count gives the same figures.",
        w.people.len()
    );
    let _ = writeln!(s);
    let _ = writeln!(
        s,
        "### Rows written\n\nData rows, header rows not counted:\n"
    );
    for (file, n) in counts {
        let _ = writeln!(s, "- `{file}`: {n}");
    }
    let _ = writeln!(s);
    population(&mut s, w);
    surveys(&mut s, w);
    ramp_up(&mut s, w);
    retention(&mut s, w);
    formats_and_topics(&mut s, w);
    delivery(&mut s, w);
    s
}

fn level_mix(people: &[&Person]) -> String {
    let mut parts = Vec::new();
    for level in 1..=5u8 {
        let n = people.iter().filter(|p| p.level == level).count();
        parts.push(format!("L{level} {:.0}%", pct(n, people.len())));
    }
    parts.join(", ")
}

fn population(s: &mut String, w: &World) {
    let people = &w.people;
    let end = horizon();
    let post_hires = people.iter().filter(|p| p.hire >= launch()).count();
    let leavers = people.iter().filter(|p| p.term.is_some()).count();
    let eligible = people.iter().filter(|p| p.eligible).count();
    let eligible_mentees = people.iter().filter(|p| p.eligible && p.mentee).count();
    let mentees = people.iter().filter(|p| p.mentee).count();
    let mut mentor_ids: Vec<usize> = w.pairings.iter().map(|p| p.mentor).collect();
    mentor_ids.sort_unstable();
    mentor_ids.dedup();
    let _ = writeln!(s, "### Population\n");
    let _ = writeln!(
        s,
        "- hired on/after launch (2025-01-06): {post_hires} ({:.0}%); with a termination date: {leavers}",
        pct(post_hires, people.len())
    );
    let _ = writeln!(
        s,
        "- eligible for mentoring (L1-L2, hired since 2023-07-01, employed at launch or hired later): {eligible}; \
         of them mentees: {eligible_mentees} ({:.0}%)",
        pct(eligible_mentees, eligible)
    );
    let _ = writeln!(
        s,
        "- mentees in total: {mentees} (the rest are recent L3 hires); distinct mentors: {}",
        mentor_ids.len()
    );
    // The selection effect, as the comparisons see it: everybody hired since 2024-01-01.
    let since: Vec<&Person> = people
        .iter()
        .filter(|p| p.hire >= ymd(2024, 1, 1))
        .collect();
    let m: Vec<&Person> = since.iter().copied().filter(|p| p.mentee).collect();
    let o: Vec<&Person> = since.iter().copied().filter(|p| !p.mentee).collect();
    let _ = writeln!(
        s,
        "- level mix of people hired since 2024-01-01 (the ramp-up and retention population): mentees ({}) {}; \
         everyone else ({}) {}",
        m.len(),
        level_mix(&m),
        o.len(),
        level_mix(&o)
    );
    let mut cohorts: Vec<(String, usize)> = Vec::new();
    for p in &w.pairings {
        let c = cohort_of(p.start);
        match cohorts.iter_mut().find(|(name, _)| *name == c) {
            Some(entry) => entry.1 += 1,
            None => cohorts.push((c, 1)),
        }
    }
    let cohort_list: Vec<String> = cohorts.iter().map(|(c, n)| format!("{c} {n}")).collect();
    let open = w.pairings.iter().filter(|p| p.end.is_none()).count();
    let on_launch = w.pairings.iter().filter(|p| p.start == launch()).count();
    let _ = writeln!(
        s,
        "- pairings: {} ({}); open (no End Date): {open}; starting on 2025-01-06: {on_launch}; earliest start: {}",
        w.pairings.len(),
        cohort_list.join(", "),
        w.pairings.iter().map(|p| p.start).min().map(iso).unwrap_or_default()
    );
    let cutoff = plus(end, -60);
    let quiet_measured = w
        .pairings
        .iter()
        .filter(|p| p.end.is_none() && p.start <= cutoff)
        .filter(|p| {
            let mentor = &people[p.mentor].email;
            let mentee = &people[p.mentee].email;
            !w.meetings
                .iter()
                .any(|m| &m.mentor == mentor && &m.mentee == mentee && m.at.date() >= cutoff)
        })
        .count();
    let quiet_planted = w.pairings.iter().filter(|p| p.quiet).count();
    let _ = writeln!(
        s,
        "- quiet pairings (open, started by {}, no meeting on/after {}): {quiet_measured} (planted: {quiet_planted})",
        iso(cutoff),
        iso(cutoff)
    );
    let post = &w.surveys[Wave::Post.index()];
    let _ = writeln!(
        s,
        "- meetings naming `{GHOST_MENTEE}`: {}; post-survey responses from an address not on the roster: {}",
        w.meetings.iter().filter(|m| m.mentee == GHOST_MENTEE).count(),
        post.iter()
            .filter(|r| r.person.is_none() && r.email != "anonymous")
            .count()
    );
    let _ = writeln!(s);
}

fn surveys(s: &mut String, w: &World) {
    let people = &w.people;
    let pre = &w.surveys[Wave::Pre.index()];
    let _ = writeln!(
        s,
        "### Survey\n\nComposite = mean of the answered Q1-Q5 mapped 1-5; eNPS = % 9-10 minus % 0-6; every response \
         counts (the Google Forms double submission twice, anonymous and off-roster responses in \"all\" only). \
         Mentees = mentees whose first pairing had started when the wave closed (at baseline: everyone who \
         later became a mentee); their change is against the baseline answers of the same group. Many \
         later-wave mentees are 2025 hires who were not there for the baseline, and the baseline mentee group \
         is small at the default size, so its eNPS is noisy.\n"
    );
    let _ = writeln!(
        s,
        "| wave | file | responses | composite | eNPS | mentees n | mentees composite | change since baseline | others n | others composite | change since baseline |"
    );
    let _ = writeln!(
        s,
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"
    );
    for wave in Wave::ALL {
        let answers = &w.surveys[wave.index()];
        let all = summarise(&answers.iter().collect::<Vec<_>>());
        let m = wave_group(people, answers, wave, true);
        let o = wave_group(people, answers, wave, false);
        let (dm, dn) = if wave == Wave::Pre {
            ("".to_string(), "".to_string())
        } else {
            (
                format!(
                    "{:+.2}",
                    m.composite - wave_group(people, pre, wave, true).composite
                ),
                format!(
                    "{:+.2}",
                    o.composite - wave_group(people, pre, wave, false).composite
                ),
            )
        };
        let _ = writeln!(
            s,
            "| {} | `{}` | {} | {:.2} | {:+.0} | {} | {:.2} | {dm} | {} | {:.2} | {dn} |",
            wave.name(),
            wave.file(),
            all.n,
            all.composite,
            all.enps,
            m.n,
            m.composite,
            o.n,
            o.composite
        );
    }
    let _ = writeln!(s);
    for wave in [Wave::ThreeMonth, Wave::TwelveMonth, Wave::Post] {
        let later = &w.surveys[wave.index()];
        let (pm, cm) = paired_change(people, pre, later, wave, true);
        let (po, co) = paired_change(people, pre, later, wave, false);
        let _ = writeln!(
            s,
            "- same people at baseline and {}: mentees {cm:+.2} (n={pm}), others {co:+.2} (n={po})",
            wave.name()
        );
    }
    let rates: Vec<String> = Wave::ALL
        .iter()
        .map(|&wave| {
            let scope = people.iter().filter(|p| wave.in_scope(p)).count();
            let answered = people.iter().filter(|p| p.answered[wave.index()]).count();
            format!(
                "{} {answered}/{scope} ({:.0}%)",
                wave.name(),
                pct(answered, scope)
            )
        })
        .collect();
    let _ = writeln!(
        s,
        "- response rates (people who answered / people employed during the wave): {}",
        rates.join(", ")
    );
    let three = &w.surveys[Wave::ThreeMonth.index()];
    let twelve = &w.surveys[Wave::TwelveMonth.index()];
    let mut emails: Vec<&str> = three.iter().map(|r| r.email.as_str()).collect();
    emails.sort_unstable();
    let doubles = emails.windows(2).filter(|p| p[0] == p[1]).count();
    let _ = writeln!(
        s,
        "- double submissions in `survey-3-month.csv`: {doubles}; anonymous responses in `survey-12-month.csv`: {}",
        twelve.iter().filter(|r| r.email == "anonymous").count()
    );
    // Open answers: how many, and how many name the mentor, per wave.
    let mut parts = Vec::new();
    for wave in Wave::ALL {
        let answers = &w.surveys[wave.index()];
        let written: Vec<&SurveyAnswer> =
            answers.iter().filter(|r| !r.comment.is_empty()).collect();
        let mentor = written
            .iter()
            .filter(|r| r.comment.to_lowercase().contains("mentor"))
            .count();
        let feedback = written
            .iter()
            .filter(|r| {
                let c = r.comment.to_lowercase();
                c.contains("growth path") || c.contains("feedback") || c.contains("onboarding")
            })
            .count();
        parts.push(format!(
            "{} {}/{} written, {mentor} mention a mentor, {feedback} a growth path, feedback or onboarding",
            wave.name(),
            written.len(),
            answers.len()
        ));
    }
    let _ = writeln!(s, "- open answers: {}", parts.join("; "));
    let post = &w.surveys[Wave::Post.index()];
    let mentee_post = group_answers(people, post, Wave::Post, true);
    let _ = writeln!(
        s,
        "- post-wave mentees who wrote something: {}, of them naming their mentor: {}",
        mentee_post.iter().filter(|r| !r.comment.is_empty()).count(),
        mentee_post
            .iter()
            .filter(|r| r.comment.to_lowercase().contains("mentor"))
            .count()
    );
    let _ = writeln!(s);
}

/// Kaplan-Meier median days to `First PR merged` of a group, with counts.
fn ramp_figures(w: &World, group: &[usize]) -> (usize, usize, Option<i64>) {
    let end = horizon();
    let observations: Vec<(i64, bool)> = group
        .iter()
        .map(|&i| {
            let p = &w.people[i];
            match w
                .milestones
                .iter()
                .find(|m| m.person == i && m.kind == "First PR merged")
            {
                Some(m) => (days_from(p.hire, m.date), true),
                None => (days_from(p.hire, p.term.unwrap_or(end).min(end)), false),
            }
        })
        .collect();
    let events = observations.iter().filter(|o| o.1).count();
    (group.len(), events, km_median(&observations))
}

fn km_text(km: Option<i64>) -> String {
    km.map_or_else(|| "n/a".to_string(), |d| d.to_string())
}

fn ramp_up(s: &mut String, w: &World) {
    let people = &w.people;
    let _ = writeln!(
        s,
        "### Ramp-up\n\nHires on/after launch; days from Hire Date to `First PR merged`, Kaplan-Meier median (censored \
         at Termination Date or 2026-06-30). Mentored hire = paired within 30 days of hire. Per level the \
         mentored hires are faster; pooled, most of that gap disappears because the mentored hires are mostly \
         L1-L2, who ramp slower.\n"
    );
    let _ = writeln!(
        s,
        "| level | mentored hires | KM median | other hires | KM median | planted median (mentored / other) |"
    );
    let _ = writeln!(s, "| --- | --- | --- | --- | --- | --- |");
    let hires = |mentored: bool, level: Option<u8>| -> Vec<usize> {
        (0..people.len())
            .filter(|&i| {
                let p = &people[i];
                p.hire >= launch()
                    && is_mentored_hire(p) == mentored
                    && level.is_none_or(|l| p.level == l)
            })
            .collect()
    };
    for level in 1..=5u8 {
        let (mn, _, mk) = ramp_figures(w, &hires(true, Some(level)));
        let (on, _, ok) = ramp_figures(w, &hires(false, Some(level)));
        let base = RAMP_MEDIAN_BY_LEVEL[usize::from(level - 1)];
        let _ = writeln!(
            s,
            "| L{level} | {mn} | {} | {on} | {} | {:.0} / {base:.0} |",
            km_text(mk),
            km_text(ok),
            base * RAMP_MENTORED_FACTOR
        );
    }
    let (mn, me, mk) = ramp_figures(w, &hires(true, None));
    let (on, oe, ok) = ramp_figures(w, &hires(false, None));
    let _ = writeln!(
        s,
        "| all levels (raw) | {mn} ({me} reached it) | {} | {on} ({oe} reached it) | {} | |",
        km_text(mk),
        km_text(ok)
    );
    // As Mentorscope's comparison groups them: everyone hired since 2024, mentees vs the rest.
    let since = |mentee: bool| -> Vec<usize> {
        (0..people.len())
            .filter(|&i| people[i].hire >= ymd(2024, 1, 1) && people[i].mentee == mentee)
            .collect()
    };
    let (an, ae, ak) = ramp_figures(w, &since(true));
    let (bn, be, bk) = ramp_figures(w, &since(false));
    let _ = writeln!(
        s,
        "\n- everyone hired since 2024-01-01, mentees vs the rest (Mentorscope's default groups; 2024 hires who \
         joined an intake ramped up before they were paired): mentees {an} ({ae} reached it), KM median {} days; \
         the rest {bn} ({be}), {} days",
        km_text(ak),
        km_text(bk)
    );
    let oncall = w
        .milestones
        .iter()
        .filter(|m| m.kind == "First on-call shift")
        .count();
    let _ = writeln!(
        s,
        "- `First on-call shift` rows: {oncall}; people hired since 2024-01-01: {}",
        people.iter().filter(|p| p.hire >= ymd(2024, 1, 1)).count()
    );
    let _ = writeln!(s);
}

fn retention(s: &mut String, w: &World) {
    let people = &w.people;
    let end = horizon();
    let _ = writeln!(
        s,
        "### Retention\n\n12 months from the index date: first pairing start for mentees, otherwise the later of \
         Hire Date and launch; only people employed on their index date whose index date + 365 days <= 2026-06-30; \
         retained = no Termination Date on or before index + 365 days. Mentorscope measures from the hire date \
         instead, so a 2024 hire who joined an intake cannot have left before being paired; that favours mentees \
         a little beyond the planted factor, raw and adjusted alike.\n"
    );
    let _ = writeln!(
        s,
        "| level | mentees retained | % | others retained | % | planted leaving (mentees / others) |"
    );
    let _ = writeln!(s, "| --- | --- | --- | --- | --- | --- |");
    let group = |mentee: bool, level: Option<u8>| -> (usize, usize) {
        let g: Vec<&Person> = people
            .iter()
            .filter(|p| p.mentee == mentee && level.is_none_or(|l| p.level == l))
            .filter(|p| {
                let t0 = p.retention_index();
                p.employed_on(t0) && plus(t0, 365) <= end
            })
            .collect();
        let kept = g
            .iter()
            .filter(|p| p.term.is_none_or(|t| t > plus(p.retention_index(), 365)))
            .count();
        (kept, g.len())
    };
    for level in 1..=5u8 {
        let (mk, mn) = group(true, Some(level));
        let (ok, on) = group(false, Some(level));
        let leave = LEAVE_12M_BY_LEVEL[usize::from(level - 1)];
        let _ = writeln!(
            s,
            "| L{level} | {mk}/{mn} | {} | {ok}/{on} | {} | {:.0}% / {:.0}% |",
            pct_text(mk, mn),
            pct_text(ok, on),
            100.0 * leave * LEAVE_MENTEE_FACTOR,
            100.0 * leave
        );
    }
    let (mk, mn) = group(true, None);
    let (ok, on) = group(false, None);
    let _ = writeln!(
        s,
        "| all levels (raw) | {mk}/{mn} | {} | {ok}/{on} | {} | |",
        pct_text(mk, mn),
        pct_text(ok, on)
    );
    let _ = writeln!(s);
}

fn pct_text(num: usize, den: usize) -> String {
    if den == 0 {
        "n/a".to_string()
    } else {
        format!("{:.1}%", pct(num, den))
    }
}

fn formats_and_topics(s: &mut String, w: &World) {
    let people = &w.people;
    let _ = writeln!(s, "### Formats and topics\n");
    for (f, name) in FORMATS.iter().enumerate() {
        let mentees = people.iter().filter(|p| p.format == Some(f)).count();
        let pairs: Vec<(&str, &str)> = w
            .pairings
            .iter()
            .filter(|p| people[p.mentee].format == Some(f))
            .map(|p| {
                (
                    people[p.mentor].email.as_str(),
                    people[p.mentee].email.as_str(),
                )
            })
            .collect();
        let meetings = w
            .meetings
            .iter()
            .filter(|m| pairs.contains(&(m.mentor.as_str(), m.mentee.as_str())))
            .count();
        let (lo, hi) = MEETING_GAP_DAYS[f];
        let _ = writeln!(
            s,
            "- `{name}`: {mentees} mentees, {} pairings, {meetings} meetings ({:.1} per pairing; planted cadence every {lo}-{hi} days)",
            pairs.len(),
            meetings as f64 / pairs.len().max(1) as f64
        );
    }
    let total = w.meetings.len();
    let mut counts: Vec<(&str, usize)> = TOPICS
        .iter()
        .map(|t| {
            let n = w
                .meetings
                .iter()
                .filter(|m| m.topics.split("; ").any(|x| x.eq_ignore_ascii_case(t)))
                .count();
            (*t, n)
        })
        .collect();
    counts.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let list: Vec<String> = counts
        .iter()
        .map(|(t, n)| format!("{t} {n} ({:.0}%)", pct(*n, total)))
        .collect();
    let _ = writeln!(
        s,
        "- meetings per topic (a meeting names 1-3 topics; {total} meetings): {}",
        list.join(", ")
    );
    let _ = writeln!(s);
}

fn delivery(s: &mut String, w: &World) {
    let _ = writeln!(
        s,
        "### Delivery\n\nTeam-weeks before launch: Week Start < 2025-01-06; after: Week Start >= 2025-01-06.\n"
    );
    let before: Vec<&TeamWeek> = w.weeks.iter().filter(|t| t.week < launch()).collect();
    let after: Vec<&TeamWeek> = w.weeks.iter().filter(|t| t.week >= launch()).collect();
    let stats = |ws: &[&TeamWeek]| {
        let deploys: Vec<f64> = ws.iter().map(|t| t.deployments as f64).collect();
        let dep: u64 = ws.iter().map(|t| t.deployments).sum();
        let inc: u64 = ws.iter().map(|t| t.incidents).sum();
        let cfrs: Vec<f64> = ws.iter().filter_map(|t| t.cfr).collect();
        let mttrs: Vec<f64> = ws.iter().filter_map(|t| t.mttr).collect();
        (
            ws.len(),
            mean(&deploys),
            inc as f64 / dep as f64,
            mean(&cfrs),
            mean(&mttrs),
        )
    };
    let (nb, db, pb, cb, mb) = stats(&before);
    let (na, da, pa, ca, ma) = stats(&after);
    let _ = writeln!(
        s,
        "- team-weeks: {nb} before, {na} after; weeks with 0 deployments (blank rate): {}; weeks with 0 incidents (blank MTTR): {}",
        w.weeks.iter().filter(|t| t.cfr.is_none()).count(),
        w.weeks.iter().filter(|t| t.mttr.is_none()).count()
    );
    let _ = writeln!(
        s,
        "- deployments per team-week: {db:.2} -> {da:.2} ({:+.1}%)",
        100.0 * (da / db - 1.0)
    );
    let _ = writeln!(
        s,
        "- change failure rate, pooled (incidents / deployments): {pb:.3} -> {pa:.3}; mean of weekly rates: {cb:.3} -> {ca:.3}"
    );
    let _ = writeln!(
        s,
        "- MTTR, mean of weekly values (hours): {mb:.2} -> {ma:.2} ({:+.1}%)",
        100.0 * (ma / mb - 1.0)
    );
}
