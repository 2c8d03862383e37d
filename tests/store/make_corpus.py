#!/usr/bin/env python3
"""make_corpus.py -- writes the store tests' corpus and what it must give.

    python3 tests/store/make_corpus.py            # writes corpus.jsonl, expected.txt
    python3 tests/store/make_corpus.py --check build/accord
                                                  # also codes each story with accord
                                                  # annotate and compares it with the plan

The corpus is short news stories written from templates: real leaders and
countries (from dict/), a dozen verbs whose CAMEO codes are known, several
stories (from several publishers, some from the same one) reporting the same
event on the same day, four agreements whose members act over the year,
quotations, and planned events. Every story is planned: the generator knows
the events, quotations, membership actions and planned events it must give,
so expected.txt is made from the plan, not from accord's output:

    holds N stories, N events in N event groups, N quotes, N membership actions, N planned events
    $ ARGS                  an accord command (run with --db DB appended)
    output line             ... and its exact output, up to the next "$" line

The quad class and Goldstein score of each code are read from dict/cameo.txt.
Deterministic: the same seed writes the same files. Python is only needed
to regenerate them; the tests read the committed files.
"""
import json
import os
import random
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
SEED = 5

# code, long form, short form, capital (all in dict/actors/)
LEADERS = [
    ("KAZ", "Kazakh President Kassym-Jomart Tokayev", "Tokayev", "Astana"),
    ("ISR", "Israeli Prime Minister Benjamin Netanyahu", "Netanyahu", "Jerusalem"),
    ("UZB", "Uzbek President Shavkat Mirziyoyev", "Mirziyoyev", "Tashkent"),
    ("AZE", "Azerbaijani President Ilham Aliyev", "Aliyev", "Baku"),
    ("TUR", "Turkish President Recep Tayyip Erdogan", "Erdogan", "Ankara"),
    ("RUS", "Russian President Vladimir Putin", "Putin", "Moscow"),
    ("CHN", "Chinese President Xi Jinping", "Xi", "Beijing"),
    ("IND", "Indian Prime Minister Narendra Modi", "Modi", "New Delhi"),
    ("FRA", "French President Emmanuel Macron", "Macron", "Paris"),
    ("USA", "U.S. President Donald Trump", "Trump", "Washington"),
    ("KGZ", "Kyrgyz President Sadyr Japarov", "Japarov", "Bishkek"),
    ("TJK", "Tajik President Emomali Rahmon", "Rahmon", "Dushanbe"),
]
BY_CODE = {l[0]: l for l in LEADERS}

# Verb templates: the codes each gives (source A's government, target B's),
# and one or two wordings of the same event (paraphrases give the same codes).
VERBS = [
    (["040"], ["{a} met {b} in {city} on {day}.", "{a} held talks with {b} in {city} on {day}."]),
    (["051"], ["{a} praised {b} for his leadership.", "{a} thanked {b} for the support."]),
    (["111"], ["{a} criticized {b} on {day}.", "{a} condemned {b} over the border dispute."]),
    (["041"], ["{a} telephoned {b} on {day}."]),
    (["043"], ["{a} hosted {b} in {home} on {day}."]),
    (["112"], ["{a} accused {b} of spreading lies."]),
    (["120"], ["{a} rejected the proposal of {b}."]),
    (["130"], ["{a} warned {b} against escalation."]),
    (["1312"], ["{a} threatened {b} with sanctions."]),
    (["055"], ["{a} apologized to {b}."]),
    (["163"], ["{a} imposed sanctions on {b}.", "{a} imposed an embargo on {b}."]),
    (["073", "070"], ["{a} sent humanitarian aid to {b}."]),
]

FILLERS = [
    "Officials described the talks as constructive.",
    "No details of the agenda were released.",
    "The two leaders last met in the spring.",
]
DIRECT = ["We want stable and predictable relations", "Trade between our countries must grow",
          "Our region needs calm and dialogue", "We will defend our interests"]
INDIRECT = ["relations were improving", "both sides should keep talking"]
PUBLISHERS = [("Steppe Wire", "steppewire.example"), ("Caspian Herald", "caspianherald.example"),
              ("Global Desk", "globaldesk.example"), ("Eastern Post", "easternpost.example"),
              ("Daily Ledger", "dailyledger.example")]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

# Membership stories: (date, country name, code, sentence, action, mood,
# extra events [(source, target, code)], stories reporting it).
AGREEMENTS = {
    "ABRAHAM_ACCORDS": "Abraham Accords",
    "ENERGY_CHARTER_TREATY": "Energy Charter Treaty",
    "PARIS_AGREEMENT": "Paris Agreement",
    "ROME_STATUTE": "Rome Statute",
}
INTENT = "{c} announced its intention to join the {n}."
MEMBERSHIPS = [
    ("2025-01-15", "UKR", "Ukraine", "ROME_STATUTE", "{c} ratified the {n} on {day}.", "ratified", "done", [("057",)], 2),
    ("2025-01-28", "ARG", "Argentina", "PARIS_AGREEMENT", "{c} withdrew from the {n}.", "withdrew", "done", [], 1),
    ("2025-02-14", "FRA", "France", "ENERGY_CHARTER_TREATY", "{c} withdrew from the {n}.", "withdrew", "done", [], 2),
    ("2025-03-10", "KAZ", "Kazakhstan", "ABRAHAM_ACCORDS", INTENT, "intent", "intent", [("030",)], 2),
    ("2025-03-21", "UZB", "Uzbekistan", "ENERGY_CHARTER_TREATY", "{c} ratified the {n} on {day}.", "ratified", "done", [("057",)], 1),
    ("2025-04-02", "AZE", "Azerbaijan", "ABRAHAM_ACCORDS", INTENT, "intent", "intent", [("030",)], 2),
    ("2025-05-05", "KGZ", "Kyrgyzstan", "ENERGY_CHARTER_TREATY", "{c} is negotiating to join the {n}.", "negotiating", "done", [("046",), ("057",)], 1),
    ("2025-05-20", "KAZ", "Kazakhstan", "ABRAHAM_ACCORDS", "{c} signed the {n} in Washington on {day}.", "signed", "done", [], 3),
    ("2025-06-10", "UZB", "Uzbekistan", "ABRAHAM_ACCORDS", INTENT, "intent", "intent", [("030",)], 1),
    ("2025-07-01", "KAZ", "Kazakhstan", "ABRAHAM_ACCORDS", "{c} joined the {n} on {day}.", "joined", "done", [("057",)], 2),
    ("2025-08-08", "ARM", "Armenia", "ENERGY_CHARTER_TREATY", "{c} suspended its participation in the {n}.", "suspended", "done", [], 1),
    ("2025-09-15", "AZE", "Azerbaijan", "ABRAHAM_ACCORDS", "{c} joined the {n} on {day}.", "joined", "done", [("057",)], 2),
]
CEREMONY = "A signing ceremony is scheduled for next week."
RUBIO_DIRECT = '"This is a historic day for the region," Rubio said.'
RUBIO_INDIRECT = "U.S. Secretary of State Marco Rubio said that more countries would join soon."


def cameo_table():
    table = {}
    with open(os.path.join(ROOT, "dict", "cameo.txt"), encoding="utf-8") as f:
        for line in f:
            line = line.split("#")[0].strip()
            if not line or line.startswith("@"):
                continue
            parts = [p.strip() for p in line.split("|")]
            if len(parts) >= 3 and parts[0].isdigit():
                table[parts[0]] = (float(parts[1]), int(parts[2]))
    return table


def weekday(date):
    import datetime
    return DAYS[datetime.date.fromisoformat(date).weekday()]


class Plan:
    def __init__(self):
        self.stories = []      # the JSON objects
        self.plans = []        # per story: events {(s, t, code): mentions}, quotes, actions, planned

    def add(self, story, events, quotes, actions, planned, sentences=None, where=None):
        """where: the index of the first sentence reporting each event."""
        self.stories.append(story)
        self.plans.append({"events": events, "quotes": quotes, "actions": actions, "planned": planned,
                           "sentences": sentences or [], "where": where or {}})


def make(rng):
    plan = Plan()
    n = 0

    def story_id():
        nonlocal n
        n += 1
        return "store-%03d" % n

    # ---- events reported by several stories -----------------------------------
    pairs = [("KAZ", "ISR")] * 6 + [("ISR", "KAZ")] * 4
    others = [c for c in BY_CODE]
    while len(pairs) < 90:
        a, b = rng.sample(others, 2)
        pairs.append((a, b))
    rng.shuffle(pairs)
    used = set()
    for a, b in pairs:
        while True:
            # Trump is USAGOV from 2025-01-20 (dict/actors/): later dates only.
            date = "2025-%02d-%02d" % (rng.randint(2 if "USA" in (a, b) else 1, 12), rng.randint(1, 28))
            codes, forms = rng.choice(VERBS)
            key = (a, b, tuple(codes), date)
            if key not in used:
                used.add(key)
                break
        la, lb = BY_CODE[a], BY_CODE[b]
        reports = rng.choice([1, 1, 2, 2, 3, 4])
        visit = rng.random() < 0.25       # the stories add "A will visit B's capital"
        for r in range(reports):
            pub, domain = rng.choice(PUBLISHERS)
            sid = story_id()
            form = forms[r % len(forms)]
            fill = {"city": rng.choice([la[3], lb[3]]), "home": la[3], "day": weekday(date)}
            sentences = [form.format(a=la[1], b=lb[1], **fill)]
            events, where = {}, {}
            for c in codes:
                events[(a + "GOV", b + "GOV", c)] = 1
                where[(a + "GOV", b + "GOV", c)] = 0
            if rng.random() < 0.3:        # the event again, in other words: a second mention
                other = forms[(r + 1) % len(forms)]
                sentences.append(other.format(a=la[2], b=lb[2], **fill))
                for c in codes:
                    events[(a + "GOV", b + "GOV", c)] = 2
            sentences.append(rng.choice(FILLERS))
            quotes = []
            q = rng.random()
            if q < 0.3:
                text = rng.choice(DIRECT)
                sentences.append('"%s," %s said.' % (text, la[2]))
                quotes.append((a + "GOV", "direct", text))
            elif q < 0.45:
                text = rng.choice(INDIRECT)
                sentences.append("%s said that %s." % (la[2], text))
                quotes.append((a + "GOV", "indirect", text))
            planned = []
            if visit:
                sentences.append("%s will visit %s next month." % (la[2], lb[3]))
                events[(a + "GOV", b, "036")] = 1
                where[(a + "GOV", b, "036")] = len(sentences) - 1
                planned.append(("will visit", "next month"))
            title = "%s and %s: %s" % (la[2], lb[2], form.split("{b}")[0].replace("{a}", "").strip())
            plan.add({"id": sid, "date": date, "title": title, "source": pub,
                      "url": "https://%s/2025/%s" % (domain, sid), "text": " ".join(sentences)},
                     events, quotes, [], planned, sentences, where)

    # ---- agreements: membership actions over the year --------------------------
    for date, code, country, agr, sentence, action, mood, extra, reports in MEMBERSHIPS:
        name = AGREEMENTS[agr]
        for r in range(reports):
            pub, domain = PUBLISHERS[(r + len(code)) % len(PUBLISHERS)]
            sid = story_id()
            sentences = [sentence.format(c=country, n=name, day=weekday(date)), FILLERS[1]]
            events = {(code, agr, e[0]): 1 for e in extra}
            quotes, planned = [], []
            if agr == "ABRAHAM_ACCORDS" and r == 0:
                sentences.append(RUBIO_DIRECT)
                quotes.append(("USAGOV", "direct", "This is a historic day for the region"))
            if agr == "ABRAHAM_ACCORDS" and r == 1:
                sentences.append(RUBIO_INDIRECT)
                quotes.append(("USAGOV", "indirect", "more countries would join soon"))
            if action == "intent" and r == 0:
                sentences.append(CEREMONY)
                planned.append(("signing ceremony", "next week"))
            plan.add({"id": sid, "date": date, "title": "%s and the %s" % (country, name), "source": pub,
                      "url": "https://%s/2025/%s" % (domain, sid), "text": " ".join(sentences)},
                     events, quotes, [(agr, action, mood, code)], planned)

    # Interleave, so that the reports of one event are not neighbours.
    order = list(range(len(plan.stories)))
    rng.shuffle(order)
    plan.stories = [plan.stories[i] for i in order]
    plan.plans = [plan.plans[i] for i in order]
    return plan


def expectations(plan, cameo):
    out = []
    dates = {s["id"]: s["date"] for s in plan.stories}
    groups = {}       # (date, source, target, code) -> [mentions, set(publishers), articles]
    nevents = nquotes = nactions = nplanned = 0
    for s, p in zip(plan.stories, plan.plans):
        for (src, tgt, code), m in p["events"].items():
            g = groups.setdefault((s["date"], src, tgt, code), [0, set(), 0])
            g[0] += m
            g[1].add(s["source"])
            g[2] += 1
            nevents += 1
        nquotes += len(p["quotes"])
        nactions += len(p["actions"])
        nplanned += len(p["planned"])
    out.append("holds %d stories, %d events in %d event groups, %d quotes, %d membership actions, "
               "%d planned events" % (len(plan.stories), nevents, len(groups), nquotes, nactions, nplanned))

    # De-duplicated events of one dyad, both directions.
    for src, tgt in (("KAZGOV", "ISRGOV"), ("ISRGOV", "KAZGOV")):
        out.append("$ events --source %s --target %s --columns date,source,target,code,mentions,sources,articles --csv"
                   % (src, tgt))
        out.append("date,source,target,code,mentions,sources,articles")
        rows = sorted((k, v) for k, v in groups.items() if k[1] == src and k[2] == tgt)
        for (date, s_, t_, code), (m, pubs, arts) in rows:
            out.append("%s,%s,%s,%s,%d,%d,%d" % (date, s_, t_, code, m, len(pubs), arts))

    # The first report of each: its story, sentence and text (event ids follow
    # the order of ingestion, so the first report is the earliest story).
    out.append("$ events --source KAZGOV --target ISR --columns date,code,story,sentence,text --csv")
    out.append("date,code,story,sentence,text")
    first = {}
    for s, p in zip(plan.stories, plan.plans):
        for key, idx in p["where"].items():
            gkey = (s["date"],) + key
            if key[0] == "KAZGOV" and key[1].startswith("ISR") and gkey not in first:
                first[gkey] = (s["id"], idx, p["sentences"][idx])
    for (date, src, tgt, code), (sid, idx, text) in sorted(first.items()):
        out.append("%s,%s,%s,%d,%s" % (date, code, sid, idx, text))

    # The dyad timeline by month.
    out.append("$ dyad KAZ ISR --by month --csv")
    out.append("period,direction,events,verbal_coop,material_coop,verbal_conflict,material_conflict,"
               "goldstein,top_codes")
    cells = {}
    for (date, src, tgt, code) in groups:
        d = "KAZ>ISR" if (src[:3], tgt[:3]) == ("KAZ", "ISR") else "ISR>KAZ" if (src[:3], tgt[:3]) == ("ISR", "KAZ") else None
        if d:
            cells.setdefault((date[:7], 0 if d == "KAZ>ISR" else 1), {}).setdefault(code, 0)
            cells[(date[:7], 0 if d == "KAZ>ISR" else 1)][code] += 1
    for (month, d), codes in sorted(cells.items()):
        n = sum(codes.values())
        quads = [0, 0, 0, 0, 0]
        g = 0.0
        for code in sorted(codes):
            gs, quad = cameo[code]
            g += gs * codes[code]
            quads[quad] += codes[code]
        top = sorted(codes.items(), key=lambda kv: (-kv[1], kv[0]))[:3]
        out.append("%s,%s,%d,%d,%d,%d,%d,%.2f,%s" % (
            month, "KAZ>ISR" if d == 0 else "ISR>KAZ", n, quads[1], quads[2], quads[3], quads[4],
            g / n, '"' + ", ".join("%s x%d" % kv for kv in top) + '"' if len(top) > 1 else
            "%s x%d" % top[0]))

    # Agreement members: the latest action, its date, the first, the timeline.
    names = {"ratified": "ratify", "withdrew": "withdraw", "joined": "join", "signed": "sign",
             "suspended": "suspend"}
    for agr in sorted(AGREEMENTS):
        out.append("$ agreement %s --members --columns actor,status,since,first,timeline,reports --csv" % agr)
        out.append("actor,status,since,first,timeline,reports")
        members = {}
        for s, p in zip(plan.stories, plan.plans):
            for (a, action, mood, code) in p["actions"]:
                if a == agr:
                    members.setdefault(code, []).append((s["date"], action, mood))
        for code in sorted(members):
            acts = sorted(members[code])
            steps = []
            for date, action, mood in acts:
                step = action if mood == "done" or action == "intent" else "%s (%s)" % (names.get(action, action), mood)
                if not steps or steps[-1][1] != step:
                    steps.append((date, step))
            status_date, status = steps[-1]
            timeline = "; ".join("%s %s" % st for st in steps)
            out.append("%s,%s,%s,%s,%s,%d" % (code, status, status_date, acts[0][0], timeline, len(acts)))

    # Quotations of two speakers, in date order (then story order).
    order = {s["id"]: i for i, s in enumerate(plan.stories)}
    for speaker in ("USAGOV", "Tokayev"):
        out.append("$ quotes --speaker %s --columns date,speaker_code,kind,text --csv" % speaker)
        out.append("date,speaker_code,kind,text")
        rows = []
        for s, p in zip(plan.stories, plan.plans):
            for k, (code, kind, text) in enumerate(p["quotes"]):
                who = BY_CODE.get(code[:3])
                if code == speaker or (speaker == "Tokayev" and code == "KAZGOV"):
                    rows.append((s["date"], order[s["id"]], k, code, kind, text))
        for date, _, _, code, kind, text in sorted(rows):
            out.append("%s,%s,%s,%s" % (date, code, kind, text))
    return out


def check(plan, accord):
    """Codes each story and compares it with its plan; returns the problems."""
    data = "".join(json.dumps(s) + "\n" for s in plan.stories)
    res = subprocess.run([accord, "annotate", "--quiet"], input=data.encode(), capture_output=True, check=True)
    problems = 0
    for line, s, p in zip(res.stdout.decode().splitlines(), plan.stories, plan.plans):
        a = json.loads(line)
        got_events = {(e["source"], e["target"], e["code"]): e["mentions"] for e in a["events"]}
        got_quotes = [(q["speaker_code"], q["kind"], q["text"]) for q in a["quotes"]]
        got_actions = [(g["agreement"], x["action"], x["mood"], x["actor"]) for g in a["agreements"] for x in g["actions"]]
        got_planned = [(x["what"], x["when"]) for x in a["planned"]]
        for what, got, want in (("events", got_events, p["events"]), ("quotes", got_quotes, p["quotes"]),
                                ("actions", got_actions, p["actions"]), ("planned", got_planned, p["planned"])):
            if got != want:
                problems += 1
                print("%s %s: got %s, planned %s\n    %s" % (s["id"], what, got, want, s["text"]))
    return problems


def main():
    rng = random.Random(SEED)
    plan = make(rng)
    with open(os.path.join(HERE, "corpus.jsonl"), "w", encoding="utf-8") as f:
        for s in plan.stories:
            f.write(json.dumps(s, ensure_ascii=False) + "\n")
    with open(os.path.join(HERE, "expected.txt"), "w", encoding="utf-8") as f:
        f.write("# Written by make_corpus.py from its plan of corpus.jsonl; do not edit.\n")
        for line in expectations(plan, cameo_table()):
            f.write(line + "\n")
    print("%d stories" % len(plan.stories))
    if len(sys.argv) == 3 and sys.argv[1] == "--check":
        n = check(plan, sys.argv[2])
        print("%d stories differ from their plan" % n)
        return 1 if n else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
