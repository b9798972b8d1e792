"""Writes the small synthetic program in this folder (seeded, stdlib only):
    python3 tests/data/program-scales/generate.py

What it is for (tests/analysis_sample.rs, golden tests/golden/analysis_program_scales.json):
- survey answers on every label set Mentorscope recognises besides the
  5-point agreement one — 7-point agreement, 5- and 7-point satisfaction,
  5-point frequency — with stray case and spacing, beside a 0–10
  "recommend" item (eNPS), another 0–10 item and a plain 1–5 number column
  (neither is part of the composite, METRICS.md M1);
- satisfaction that falls clearly between the first and the last wave
  (many respondents, so the Welch p lies far below 1e-12: a "worsened"
  verdict), three waves;
- team delivery with no planted change at launch ("no clear difference");
- open pairings that stopped meeting (quiet pairs) and two milestone kinds.
No real people.
"""
import csv
import datetime as dt
import os
import random

OUT = os.path.dirname(os.path.abspath(__file__))
rng = random.Random(20261202)
D = dt.date
AS_OF = D(2026, 1, 30)
LAUNCH = D(2025, 2, 3)
TEAMS = ["Platform", "Payments", "Mobile"]
LEVELS = ["L1", "L2", "L3", "L4"]
FIRST = ["Ada", "Bo", "Cai", "Dev", "Eli", "Fay", "Gus", "Hal", "Ivy", "Jo", "Kai", "Lu", "Mo", "Nia", "Oz"]
LAST = ["Brook", "Carver", "Dale", "Ember", "Frost", "Glenn", "Hart", "Iles", "Jorund", "Kell"]


def day(d0, d1):
    return d0 + dt.timedelta(days=rng.randrange((d1 - d0).days + 1))


def write(name, header, rows):
    with open(os.path.join(OUT, name), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(header)
        w.writerows(rows)


# ---------------------------------------------------------------- roster
people = []
for i in range(1, 301):
    hire = day(D(2022, 1, 3), D(2025, 12, 15))
    exit_ = None
    if rng.random() < 0.18:
        e = hire + dt.timedelta(days=rng.randrange(60, 900))
        exit_ = e if e <= AS_OF else None
    name = f"{FIRST[i % len(FIRST)]} {LAST[(i * 7) % len(LAST)]}{i}"
    email = name.lower().replace(" ", ".") + "@example.com"
    people.append({"id": f"S{i:04d}", "name": name, "email": email, "team": rng.choice(TEAMS),
                   "level": rng.choice(LEVELS), "hire": hire, "exit": exit_})
write("roster.csv", ["Employee ID", "Full Name", "Work Email", "Department", "Job Level", "Hire Date", "Termination Date"],
      [[p["id"], p["name"], p["email"], p["team"], p["level"], p["hire"].isoformat(),
        p["exit"].isoformat() if p["exit"] else ""] for p in people])

# ---------------------------------------------------------------- pairings, meetings
mentors = [p for p in people if p["level"] in ("L3", "L4") and p["hire"] < D(2024, 1, 1) and p["exit"] is None]
candidates = [p for p in people if p["hire"] >= D(2024, 3, 1) and p["hire"] <= D(2025, 9, 1)]
rng.shuffle(candidates)
mentees = candidates[:60]
pairings = []
for j, m in enumerate(mentees):
    start = max(LAUNCH, m["hire"] + dt.timedelta(days=rng.randrange(0, 40)))
    if j == 0:
        start = LAUNCH
    end = None
    if rng.random() < 0.3:
        end = start + dt.timedelta(days=rng.randrange(120, 300))
        end = end if end <= AS_OF else None
    if m["exit"] is not None:
        end = m["exit"]
        if end < start:
            start = m["hire"]
    cohort = "2025-Spring" if start < D(2025, 7, 1) else "2025-Fall"
    fmt = "In-house" if rng.random() < 0.6 else "External"
    pairings.append({"mentor": rng.choice(mentors), "mentee": m, "start": start, "end": end, "cohort": cohort, "format": fmt})
write("pairings.csv", ["Mentor Email", "Mentee Email", "Cohort", "Format", "Start Date", "End Date"],
      [[p["mentor"]["email"], p["mentee"]["email"], p["cohort"], p["format"], p["start"].isoformat(),
        p["end"].isoformat() if p["end"] else ""] for p in pairings])

TOPICS = ["Code review", "Testing", "Career growth", "On-call", "System design", "Feedback", "Estimation"]
meet_rows = []
for j, p in enumerate(pairings):
    stop = p["end"] or AS_OF
    if j % 6 == 0:  # a pairing still open that went quiet
        stop = min(stop, AS_OF - dt.timedelta(days=rng.randrange(35, 120)))
    t = p["start"] + dt.timedelta(days=rng.randrange(1, 10))
    while t <= stop:
        topics = rng.sample(TOPICS, rng.choice([1, 1, 2]))
        if rng.random() < 0.1:
            topics = [x.lower() for x in topics]
        meet_rows.append([f"{t.isoformat()} {rng.choice(['09:00', '13:30', '16:15'])}", p["mentor"]["email"],
                          p["mentee"]["email"], rng.choice([30, 45, 60, ""]), "; ".join(topics)])
        t += dt.timedelta(days=rng.randrange(10, 29))
meet_rows.sort()
write("meetings.csv", ["Meeting Date", "Mentor", "Mentee", "Duration (min)", "Topics"], meet_rows)

# ---------------------------------------------------------------- milestones
ms = []
for p in people:
    if rng.random() < 0.85:
        ms.append([p["id"], "First PR merged", (p["hire"] + dt.timedelta(days=rng.randrange(10, 120))).isoformat()])
    if rng.random() < 0.5:
        ms.append([p["id"], "First on-call shift", (p["hire"] + dt.timedelta(days=rng.randrange(90, 400))).isoformat()])
ms = [r for r in ms if r[2] <= AS_OF.isoformat()]
write("milestones.csv", ["Employee ID", "Milestone", "Date"], ms)

# ---------------------------------------------------------------- team metrics (no planted change)
tm = []
w = D(2024, 6, 3)
while w <= D(2026, 1, 26):
    for team in TEAMS:
        dep = rng.randrange(6, 19)
        inc = rng.randrange(0, 4)
        mttr = "" if inc == 0 or rng.random() < 0.2 else f"{rng.uniform(0.5, 9.0):.1f}"
        tm.append([team, w.isoformat(), dep, inc, mttr])
    w += dt.timedelta(days=7)
write("team-metrics.csv", ["Team", "Week Start", "Deployments", "Incidents", "MTTR (hours)"], tm)

# ---------------------------------------------------------------- surveys
AGREE7 = ["Strongly disagree", "Disagree", "Somewhat disagree", "Neither agree nor disagree", "Somewhat agree",
          "Agree", "Strongly agree"]
SAT5 = ["Very dissatisfied", "Dissatisfied", "Neither satisfied nor dissatisfied", "Satisfied", "Very satisfied"]
SAT7 = ["Extremely dissatisfied", "Moderately dissatisfied", "Slightly dissatisfied",
        "Neither satisfied nor dissatisfied", "Slightly satisfied", "Moderately satisfied", "Extremely satisfied"]
FREQ5 = ["Never", "Rarely", "Sometimes", "Often", "Always"]
ITEMS = [("I feel supported in my role", AGREE7),
         ("How satisfied are you with your career development?", SAT5),
         ("How satisfied are you with your onboarding?", SAT7),
         ("How often do you get useful feedback?", FREQ5)]
NPS = "How likely are you to recommend this team as a place to work? (0-10)"
OTHER10 = "How manageable is your workload? (0-10)"
PLAIN5 = "Rate our internal tools from 1 to 5"


def messy(label):
    r = rng.random()
    if r < 0.06:
        return "  " + label.upper() + " "
    if r < 0.12:
        return label.lower()
    return label


def answer(labels, latent):
    k = len(labels)
    x = round(1 + (latent - 1) * (k - 1) / 4 + rng.gauss(0, 0.9))
    return labels[min(k, max(1, x)) - 1]


WAVES = [("pre", D(2025, 1, 20), 3.8), ("6-month", D(2025, 7, 14), 3.4), ("post", D(2026, 1, 19), 2.9)]
for wave, d0, mean in WAVES:
    rows = []
    for p in people:
        if p["hire"] > d0 or (p["exit"] is not None and p["exit"] <= d0) or rng.random() > 0.8:
            continue
        latent = rng.gauss(mean, 0.5)
        when = dt.datetime.combine(day(d0, d0 + dt.timedelta(days=4)), dt.time(rng.randrange(8, 18), rng.randrange(60)))
        ans = []
        for _, labels in ITEMS:
            ans.append("" if rng.random() < 0.05 else messy(answer(labels, latent)))
        nps = min(10, max(0, round(2.2 * latent + rng.gauss(0, 1.2))))
        rows.append([when.strftime("%Y-%m-%d %H:%M:%S"), p["email"], *ans, nps, rng.randrange(0, 11),
                     rng.randrange(1, 6)])
    # Every level of every item appears in every wave, so each column's scale is unambiguous.
    for i, (_, labels) in enumerate(ITEMS):
        for lvl, lab in enumerate(labels):
            if not any(r[2 + i].strip().lower() == lab.lower() for r in rows):
                rows[(lvl * 7 + i) % len(rows)][2 + i] = lab
    rows.sort()
    write(f"survey-{wave}.csv", ["Timestamp", "Email Address", *[t for t, _ in ITEMS], NPS, OTHER10, PLAIN5], rows)
