/*
 * bench_corpus.c -- see bench_corpus.h.
 *
 * A sentence is a template whose {KEY} placeholders are expanded by expand():
 * actors ({S}, {O}), verb phrases ({EV}: subject, verb in one of several
 * moods and voices, object, tail), places, dates, numbers and quotes. The
 * word lists are real news vocabulary, so the dictionaries see the phrases
 * they would see in practice; some phrases are deliberately unknown to them
 * (surnames, "Mr. X", reporters' names) as in real text.
 *
 * bench_corpus_petr_xml() makes a corpus of real news sentences instead:
 * the <Sentence> records of a PETRARCH XML file, read with libxml2,
 * repeated to the size asked for.
 */
#include "bench_corpus.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#define N_(a) (sizeof(a) / sizeof((a)[0]))

typedef struct gen {
    uint64_t state;
    ac_buf *text;          /* the story being written */
    int plural;            /* the subject of the current clause is plural */
    int oom;
} gen;

/* splitmix64: small, fast, and the same on every platform. */
static uint64_t next64(gen *g)
{
    uint64_t z = (g->state += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

/* Uniform in [0, n). */
static size_t rnd(gen *g, size_t n)
{
    return (size_t)(((next64(g) >> 32) * (uint64_t)n) >> 32);
}

#define PICK(g, a) ((a)[rnd(g, N_(a))])

static void put(gen *g, const char *s)
{
    if (ac_buf_append(g->text, s, strlen(s)) != AC_OK)
        g->oom = 1;
}

static void putf_num(gen *g, const char *fmt, unsigned long v)
{
    char b[32];
    snprintf(b, sizeof b, fmt, v);
    put(g, b);
}

/* 12345 -> "12,345" */
static void put_thousands(gen *g, unsigned long v)
{
    if (v >= 1000) {
        put_thousands(g, v / 1000);
        putf_num(g, ",%03lu", v % 1000);
    } else {
        putf_num(g, "%lu", v);
    }
}

/* v/10^dec with dec decimals: put_decimal(g, 8145, 2) -> "81.45" */
static void put_decimal(gen *g, unsigned long v, int dec)
{
    unsigned long p = dec == 1 ? 10 : 100;
    putf_num(g, "%lu", v / p);
    putf_num(g, dec == 1 ? ".%01lu" : ".%02lu", v % p);
}

/* ---------------------------------------------------------------- word lists */

typedef struct country {
    const char *name, *adj, *capital;
} country;

static const country COUNTRIES[] = {
    {"Kazakhstan", "Kazakh", "Astana"},         {"China", "Chinese", "Beijing"},
    {"Russia", "Russian", "Moscow"},            {"Ukraine", "Ukrainian", "Kyiv"},
    {"Israel", "Israeli", "Jerusalem"},         {"Iran", "Iranian", "Tehran"},
    {"the United States", "U.S.", "Washington"}, {"Britain", "British", "London"},
    {"France", "French", "Paris"},              {"Germany", "German", "Berlin"},
    {"Turkey", "Turkish", "Ankara"},            {"India", "Indian", "New Delhi"},
    {"Pakistan", "Pakistani", "Islamabad"},     {"Japan", "Japanese", "Tokyo"},
    {"South Korea", "South Korean", "Seoul"},   {"North Korea", "North Korean", "Pyongyang"},
    {"Egypt", "Egyptian", "Cairo"},             {"Saudi Arabia", "Saudi", "Riyadh"},
    {"Qatar", "Qatari", "Doha"},                {"Syria", "Syrian", "Damascus"},
    {"Iraq", "Iraqi", "Baghdad"},               {"Brazil", "Brazilian", "Brasilia"},
    {"Mexico", "Mexican", "Mexico City"},       {"Venezuela", "Venezuelan", "Caracas"},
    {"Nigeria", "Nigerian", "Abuja"},           {"Kenya", "Kenyan", "Nairobi"},
    {"Ethiopia", "Ethiopian", "Addis Ababa"},   {"Poland", "Polish", "Warsaw"},
    {"Hungary", "Hungarian", "Budapest"},       {"Serbia", "Serbian", "Belgrade"},
    {"Armenia", "Armenian", "Yerevan"},         {"Azerbaijan", "Azerbaijani", "Baku"},
    {"Uzbekistan", "Uzbek", "Tashkent"},        {"Indonesia", "Indonesian", "Jakarta"},
    {"Vietnam", "Vietnamese", "Hanoi"},         {"the Philippines", "Philippine", "Manila"},
    {"Australia", "Australian", "Canberra"},    {"Canada", "Canadian", "Ottawa"},
    {"South Africa", "South African", "Pretoria"}, {"Afghanistan", "Afghan", "Kabul"},
};

typedef struct person {
    const char *adj, *title, *name, *surname;
    int female;
} person;

static const person PEOPLE[] = {
    {"Kazakh", "President", "Kassym-Jomart Tokayev", "Tokayev", 0},
    {"Israeli", "Prime Minister", "Benjamin Netanyahu", "Netanyahu", 0},
    {"Chinese", "Foreign Minister", "Wang Yi", "Wang", 0},
    {"Chinese", "President", "Xi Jinping", "Xi", 0},
    {"Russian", "President", "Vladimir Putin", "Putin", 0},
    {"Russian", "Foreign Minister", "Sergei Lavrov", "Lavrov", 0},
    {"Ukrainian", "President", "Volodymyr Zelenskiy", "Zelenskiy", 0},
    {"U.S.", "Secretary of State", "Antony Blinken", "Blinken", 0},
    {"U.S.", "President", "Joe Biden", "Biden", 0},
    {"French", "President", "Emmanuel Macron", "Macron", 0},
    {"German", "Chancellor", "Olaf Scholz", "Scholz", 0},
    {"British", "Foreign Secretary", "David Cameron", "Cameron", 0},
    {"Turkish", "President", "Tayyip Erdogan", "Erdogan", 0},
    {"Indian", "Prime Minister", "Narendra Modi", "Modi", 0},
    {"Japanese", "Prime Minister", "Fumio Kishida", "Kishida", 0},
    {"Iranian", "Foreign Minister", "Hossein Amir-Abdollahian", "Amir-Abdollahian", 0},
    {"Egyptian", "President", "Abdel Fattah al-Sisi", "Sisi", 0},
    {"Saudi", "Foreign Minister", "Prince Faisal bin Farhan", "Faisal", 0},
    {"Pakistani", "Prime Minister", "Shehbaz Sharif", "Sharif", 0},
    {"South Korean", "President", "Yoon Suk Yeol", "Yoon", 0},
    {"Brazilian", "President", "Luiz Inacio Lula da Silva", "Lula", 0},
    {"Mexican", "Foreign Minister", "Alicia Barcena", "Barcena", 1},
    {"Nigerian", "President", "Bola Tinubu", "Tinubu", 0},
    {"Kenyan", "President", "William Ruto", "Ruto", 0},
    {"Polish", "Foreign Minister", "Radoslaw Sikorski", "Sikorski", 0},
    {"Hungarian", "Prime Minister", "Viktor Orban", "Orban", 0},
    {"Serbian", "President", "Aleksandar Vucic", "Vucic", 0},
    {"Uzbek", "President", "Shavkat Mirziyoyev", "Mirziyoyev", 0},
    {"Indonesian", "Foreign Minister", "Retno Marsudi", "Marsudi", 1},
    {"Australian", "Foreign Minister", "Penny Wong", "Wong", 1},
    {"Canadian", "Prime Minister", "Justin Trudeau", "Trudeau", 0},
    {"Armenian", "Prime Minister", "Nikol Pashinyan", "Pashinyan", 0},
    {"Azerbaijani", "President", "Ilham Aliyev", "Aliyev", 0},
    {"Qatari", "Prime Minister", "Sheikh Mohammed bin Abdulrahman Al Thani", "Al Thani", 0},
};

static const char *const GROUPS[] = {
    "troops", "soldiers", "police", "protesters", "officials", "rebels", "lawmakers",
    "diplomats", "negotiators", "forces", "militants", "farmers", "students",
    "border guards", "security forces", "opposition leaders", "defence officials",
};

static const char *const BODIES[] = {
    "government", "Foreign Ministry", "Defence Ministry", "military", "parliament",
    "central bank", "navy", "embassy", "Interior Ministry", "prime minister's office",
};

static const char *const INSTITUTIONS[] = {
    "the U.S. State Department", "the Pentagon", "the Kremlin", "the White House",
    "NATO", "the United Nations", "the U.N. Security Council", "the European Union",
    "the European Commission", "the African Union", "the World Bank",
    "the International Monetary Fund", "the IMF", "ASEAN", "OPEC",
    "the International Committee of the Red Cross", "the World Health Organization",
    "Hamas", "Hezbollah", "the Taliban", "Amnesty International", "Human Rights Watch",
    "the IAEA", "the U.N. refugee agency", "the Organization of American States",
};

typedef struct verb {
    const char *base, *past, *tail;
    int passive;           /* "X was <past> by Y" reads well */
} verb;

static const verb VERBS[] = {
    {"meet with", "met with", "", 0},
    {"hold talks with", "held talks with", " on {TOPIC}", 0},
    {"accuse", "accused", " of {CRIME}", 1},
    {"criticize", "criticized", " over {TOPIC}", 1},
    {"condemn", "condemned", " over {TOPIC}", 1},
    {"sign an agreement with", "signed an agreement with", " on {TOPIC}", 0},
    {"sign a trade deal with", "signed a trade deal with", "", 0},
    {"visit", "visited", "", 1},
    {"attend a summit hosted by", "attended a summit hosted by", "", 0},
    {"attack", "attacked", "", 1},
    {"pledge aid to", "pledged aid to", "", 0},
    {"pledge {MONEY} in aid to", "pledged {MONEY} in aid to", "", 0},
    {"impose sanctions on", "imposed sanctions on", " over {TOPIC}", 0},
    {"threaten", "threatened", " with {CONSEQ}", 1},
    {"praise", "praised", " for its role in {TOPIC}", 1},
    {"welcome", "welcomed", "", 1},
    {"host", "hosted", " for talks on {TOPIC}", 1},
    {"urge", "urged", " to {ACTION}", 1},
    {"call on", "called on", " to {ACTION}", 0},
    {"reject a proposal from", "rejected a proposal from", "", 0},
    {"expel diplomats from", "expelled diplomats from", "", 0},
    {"agree to cooperate with", "agreed to cooperate with", " on {TOPIC}", 0},
    {"warn", "warned", " against {ACTING}", 1},
    {"speak by phone with", "spoke by phone with", "", 0},
    {"express support for", "expressed support for", "", 0},
    {"blame", "blamed", " for {TOPIC}", 1},
    {"negotiate with", "negotiated with", " over {TOPIC}", 0},
    {"send troops to", "sent troops to", "", 0},
    {"offer to mediate between", "offered to mediate between", " and {O}", 0},
    {"provide humanitarian aid to", "provided humanitarian aid to", "", 0},
    {"arrest", "arrested", " on suspicion of {CRIME}", 1},
    {"fire rockets at", "fired rockets at", "", 0},
    {"cooperate with", "cooperated with", " on {TOPIC}", 0},
    {"thank", "thanked", " for its support", 1},
    {"invite", "invited", " to visit {CITY}", 1},
    {"apologize to", "apologized to", "", 0},
    {"demand compensation from", "demanded compensation from", "", 0},
    {"recognize", "recognized", "", 1},
    {"boycott", "boycotted", "", 1},
    {"investigate", "investigated", "", 1},
};

static const char *const TOPICS[] = {
    "regional security", "the war in Ukraine", "energy cooperation", "the nuclear programme",
    "trade and investment", "the ceasefire", "migration", "climate change",
    "the release of prisoners", "water sharing", "the disputed border", "arms control",
    "food security", "the humanitarian situation in Gaza", "visa rules", "the gas pipeline",
};

static const char *const CRIMES[] = {
    "violating the ceasefire", "spying", "interfering in its internal affairs",
    "supplying weapons to rebels", "human rights abuses", "election fraud",
    "shelling civilian areas", "corruption", "smuggling fuel across the border",
};

static const char *const ACTIONS[] = {
    "withdraw its forces", "release the detained journalists", "return to the negotiating table",
    "respect the ceasefire", "open the border crossing", "hold free elections",
    "stop the attacks", "allow aid convoys into the region", "lift the blockade",
};

static const char *const ACTINGS[] = {
    "any escalation", "sending weapons to the region", "interfering in the elections",
    "closing the border", "expanding the settlements", "testing missiles",
};

static const char *const CONSEQS[] = {
    "retaliation", "new sanctions", "a trade embargo", "military action",
    "legal action", "the suspension of aid",
};

static const char *const WEEKDAYS[] = {
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
};

static const char *const MONTHS_AP[] = {
    "Jan.", "Feb.", "March", "April", "May", "June",
    "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec.",
};

static const char *const MONTHS[] = {
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
};

static const char *const QUOTES[] = {
    "We will not accept any attempt to change the borders by force",
    "This is a very difficult moment for all of us",
    "We are ready to continue the dialogue, but not at any price",
    "The situation remains tense but under control",
    "Our position has not changed",
    "Nobody in this region wants another war",
    "We hope to reach an agreement before the end of the year",
    "It's too early to say what this means for the talks",
    "We've done everything we could, and we'll keep doing it",
};

static const char *const REPORTERS[] = {
    "Olzhas Auyezov", "Maria Tsvetkova", "Tom Balmforth", "Humeyra Pamuk",
    "Andrew Osborn", "Mark Heinrich", "Emily Rose", "Kanishka Singh", "Jonathan Oatis",
};

static const char *const INDEXES[] = {
    "S&P 500", "Nikkei", "FTSE 100", "DAX", "Hang Seng", "KASE index", "Sensex",
};

/* Event sentences. {EV} is a clause: actor, verb phrase, actor, tail. */
static const char *const EVENT_TEMPLATES[] = {
    "{EV}{ADJUNCT}{CONTEXT}.",
    "{EV}{ADJUNCT}{CONTEXT}.",
    "{EV}{ADJUNCT}{CONTEXT}.",
    "On {WEEKDAY}, {EV}{CONTEXT}.",
    "{S} said on {WEEKDAY} that {EV}{ADJUNCT}.",
    "{EV} and {VP}, {SAIDBY}.",
    "In a statement released late on {WEEKDAY}, {EV}{CONTEXT}.",
    "{EV}, a spokesman for {INST} told reporters in {CITY} on {DATE}.",
    "\"{QUOTE},\" {HE} said after {EVP}.",
    "Earlier this month, {EVP} in what analysts described as a sign of {MOODWORD} ties between the two countries.",
};

/* Sentences without events: markets, weather, quotes, attribution. */
static const char *const FILLER_TEMPLATES[] = {
    "The benchmark {INDEX} {MOVED} {D1}% to {N5}.{N2} points in early trading on {WEEKDAY}.",
    "Oil prices {MOVED} ${D2} to ${PRICE} a barrel, while gold traded at ${N4} an ounce.",
    "The dollar was at {N3}.{N1} yen, up from {N3}.{N1} yen late on {WEEKDAY} in New York.",
    "Temperatures in {CITY} are forecast to reach {N2} degrees Celsius by the end of the week, the weather service said.",
    "Heavy rain is expected across the region through {DATE}, with up to {N2} millimetres falling in some areas.",
    "\"{QUOTE},\" Mr. {SURNAME} told reporters at a news conference in {CITY} on {WEEKDAY}.",
    "\"{QUOTE},\" {HE} said, adding that a decision was expected within {N1} weeks.",
    "{HE_CAP} spoke on condition of anonymity because {HE} was not authorized to speak to the media.",
    "Details of the meeting were not immediately available, and no joint statement was issued after the talks in {CITY}.",
    "The ministry did not respond to a request for comment outside regular business hours on {WEEKDAY}.",
    "The talks lasted about {N1} hours, according to a person familiar with the matter, who said both sides had agreed to meet again in {MONTH}.",
    "Inflation reached {D1}% in {MONTH}, up from {D1}% a month earlier, the statistics office said on {WEEKDAY}.",
    "The economy grew {D1} percent in the third quarter of {YEAR} compared with a year earlier, slightly below the {D1} percent forecast by economists polled by Reuters.",
    "The report, which runs to {N3} pages, is due to be published on {DATE}.",
    "About {N4} people attended the ceremony in the centre of {CITY}, local officials said.",
    "The company, which employs more than {N4} people, reported a net profit of ${D1} billion for {YEAR}.",
    "Reporting by {REPORTER} in {CITY} and {REPORTER} in {CITY}; Writing by {REPORTER}; Editing by {REPORTER}.",
    "The conflict has displaced more than {D1} million people since {YEAR}, according to U.N. estimates.",
    "Elections are scheduled for {DATE}, and opinion polls show a close race between the two main parties.",
    "Traffic was disrupted for several hours on the main road between the airport and the city centre.",
    "The visit comes a week after a similar trip to {CITY} by senior officials from both countries, who discussed {TOPIC} and {TOPIC}.",
    "Analysts said the move was largely symbolic and would have little effect on trade, which reached ${N2}.{N1} billion last year.",
    "Schools in {CITY} will remain closed until {DATE} because of the heat wave, the mayor's office said.",
    "Mr. {SURNAME}, who took office in {YEAR}, has made the fight against corruption a priority of his term.",
    "The new terminal, built at a cost of ${N3} million, will handle up to {N2} million passengers a year.",
    "The central bank kept its key rate unchanged at {D1}% on {WEEKDAY}, saying inflation remained above its target and that it would review the decision in {MONTH}.",
    "Trading volumes were thin ahead of a public holiday, and analysts expected prices to remain volatile until the release of key economic data on {DATE}.",
    "The ceremony was attended by about {N3} guests, including former ministers, business leaders and representatives of foreign embassies in {CITY}.",
};

static const char *const CONTEXTS[] = {
    "", "", ", the latest sign of {MOODWORD} relations between the two countries",
    ", days after talks in {CITY} ended without agreement",
    ", in a move likely to anger {S}",
    ", as fighting continued near the border for a {ORD} day",
    ", although details of the deal were not made public",
    ", according to a readout published by the {ADJ} side",
    ", two sources familiar with the matter told Reuters",
    " amid growing concern over {TOPIC}",
};

static const char *const ORDINALS[] = {"second", "third", "fourth", "fifth", "sixth"};

static const char *const ADJUNCTS[] = {
    "", " on {WEEKDAY}", " in {CITY} on {DATE}", " at a meeting in {CITY} on {WEEKDAY}, {SAIDBY}",
    " during a two-day visit to {CITY} that ended on {DATE}", " during a visit to {CITY}",
    ", state media reported", ", according to a statement from {INST}",
    " after {N1} months of tension", " for the first time since {YEAR}",
    " at a summit in {CITY} on {WEEKDAY}", ", officials said", " on the sidelines of the U.N. General Assembly",
};

static const char *const MOVED[] = {"rose", "fell", "gained", "slipped", "climbed", "dropped"};
static const char *const MOODWORDS[] = {"warming", "cooling", "improving", "worsening"};
static const char *const SAIDBY[] = {
    "officials said", "the ministry said in a statement", "state television reported",
    "according to diplomats briefed on the talks", "a government spokesperson said",
};

/* ---------------------------------------------------------------- expansion */

static void expand(gen *g, const char *tpl);

/* Writes an actor phrase; returns 1 when it is plural ("Russian troops"). */
static int put_actor(gen *g)
{
    size_t r = rnd(g, 100);
    if (r < 30) {
        const person *p = &PICK(g, PEOPLE);
        if (rnd(g, 10) < 7) {
            put(g, p->adj);
            put(g, " ");
            put(g, p->title);
            put(g, " ");
            put(g, p->name);
        } else {
            /* "the Kazakh president": no name, title in lower case. */
            char title[64];
            size_t k = 0;
            for (; p->title[k] && k < sizeof title - 1; k++)
                title[k] = (char)(p->title[k] >= 'A' && p->title[k] <= 'Z' ? p->title[k] - 'A' + 'a'
                                                                            : p->title[k]);
            title[k] = '\0';
            put(g, "the ");
            put(g, p->adj);
            put(g, " ");
            put(g, title);
        }
    } else if (r < 50) {
        const country *c = &PICK(g, COUNTRIES);
        put(g, c->adj);
        put(g, " ");
        put(g, PICK(g, GROUPS));
        return 1;
    } else if (r < 65) {
        const country *c = &PICK(g, COUNTRIES);
        put(g, "the ");
        put(g, c->adj);
        put(g, " ");
        put(g, PICK(g, BODIES));
    } else if (r < 85) {
        put(g, PICK(g, INSTITUTIONS));
    } else {
        const country *c = &PICK(g, COUNTRIES);
        put(g, rnd(g, 5) ? c->name : c->capital);
    }
    return 0;
}

/* A verb phrase without its subject, in one of several moods and voices;
 * g->plural tells the number of the subject. */
static void put_vp(gen *g, const verb *v, int allow_passive)
{
    size_t r = rnd(g, 100);
    static const char *const INTENT[] = {"plans to ", "intends to ", "wants to ", "is set to ", "is expected to "};
    static const char *const INTENT_PL[] = {"plan to ", "intend to ", "want to ", "are set to ", "are expected to "};
    static const char *const NEG[] = {"did not ", "will not ", "refused to ", "has not "};
    const char *has = g->plural ? "have " : "has ";
    static const char *const COND[] = {"could ", "might ", "would "};
    if (r < 55) {
        expand(g, v->past);
    } else if (r < 63) {
        put(g, "will ");
        expand(g, v->base);
    } else if (r < 72) {
        put(g, g->plural ? PICK(g, INTENT_PL) : PICK(g, INTENT));
        expand(g, v->base);
    } else if (r < 79) {
        const char *n = PICK(g, NEG);
        put(g, n[0] == 'h' && g->plural ? "have not " : n);
        expand(g, n[0] == 'h' ? v->past : v->base);
    } else if (r < 84) {
        put(g, PICK(g, COND));
        expand(g, v->base);
    } else if (r < 90) {
        put(g, has);
        expand(g, v->past);
    } else if (allow_passive && v->passive) {
        put(g, g->plural ? "were " : "was ");
        expand(g, v->past);
        put(g, " by");
    } else {
        expand(g, v->past);
    }
    put(g, " ");
    put_actor(g);
    expand(g, v->tail);
}

static void put_date(gen *g)
{
    put(g, PICK(g, MONTHS_AP));
    putf_num(g, " %lu", (unsigned long)(1 + rnd(g, 28)));
}

static void put_key(gen *g, const char *k, size_t n)
{
#define IS(s) (n == sizeof(s) - 1 && !memcmp(k, s, n))
    if (IS("EV")) {
        g->plural = put_actor(g);
        put(g, " ");
        put_vp(g, &PICK(g, VERBS), 1);
    } else if (IS("EVP")) {
        const verb *v = &PICK(g, VERBS);
        put_actor(g);
        put(g, " ");
        expand(g, v->past);
        put(g, " ");
        put_actor(g);
        expand(g, v->tail);
    } else if (IS("CONTEXT")) {
        expand(g, PICK(g, CONTEXTS));
    } else if (IS("ORD")) {
        put(g, PICK(g, ORDINALS));
    } else if (IS("ADJ")) {
        put(g, PICK(g, COUNTRIES).adj);
    } else if (IS("VP")) {
        put_vp(g, &PICK(g, VERBS), 0);
    } else if (IS("S") || IS("O")) {
        put_actor(g);
    } else if (IS("INST")) {
        put(g, PICK(g, INSTITUTIONS));
    } else if (IS("CITY")) {
        put(g, PICK(g, COUNTRIES).capital);
    } else if (IS("WEEKDAY")) {
        put(g, PICK(g, WEEKDAYS));
    } else if (IS("DATE")) {
        put_date(g);
    } else if (IS("MONTH")) {
        put(g, PICK(g, MONTHS));
    } else if (IS("YEAR")) {
        putf_num(g, "%lu", (unsigned long)(1991 + rnd(g, 33)));
    } else if (IS("ADJUNCT")) {
        expand(g, PICK(g, ADJUNCTS));
    } else if (IS("TOPIC")) {
        put(g, PICK(g, TOPICS));
    } else if (IS("CRIME")) {
        put(g, PICK(g, CRIMES));
    } else if (IS("ACTION")) {
        put(g, PICK(g, ACTIONS));
    } else if (IS("ACTING")) {
        put(g, PICK(g, ACTINGS));
    } else if (IS("CONSEQ")) {
        put(g, PICK(g, CONSEQS));
    } else if (IS("QUOTE")) {
        put(g, PICK(g, QUOTES));
    } else if (IS("SURNAME")) {
        put(g, PICK(g, PEOPLE).surname);
    } else if (IS("REPORTER")) {
        put(g, PICK(g, REPORTERS));
    } else if (IS("HE")) {
        put(g, rnd(g, 4) ? "he" : "she");
    } else if (IS("HE_CAP")) {
        put(g, rnd(g, 4) ? "He" : "She");
    } else if (IS("SAIDBY")) {
        put(g, PICK(g, SAIDBY));
    } else if (IS("MOODWORD")) {
        put(g, PICK(g, MOODWORDS));
    } else if (IS("INDEX")) {
        put(g, PICK(g, INDEXES));
    } else if (IS("MOVED")) {
        put(g, PICK(g, MOVED));
    } else if (IS("MONEY")) {
        put(g, "$");
        putf_num(g, "%lu", (unsigned long)(1 + rnd(g, 900)));
        put(g, rnd(g, 3) ? " million" : " billion");
    } else if (IS("N1")) {
        putf_num(g, "%lu", (unsigned long)(2 + rnd(g, 8)));
    } else if (IS("N2")) {
        putf_num(g, "%lu", (unsigned long)(10 + rnd(g, 90)));
    } else if (IS("N3")) {
        putf_num(g, "%lu", (unsigned long)(100 + rnd(g, 900)));
    } else if (IS("N4")) {
        put_thousands(g, (unsigned long)(1000 + rnd(g, 9000)));
    } else if (IS("N5")) {
        put_thousands(g, (unsigned long)(1000 + rnd(g, 40000)));
    } else if (IS("D1")) {
        put_decimal(g, (unsigned long)(1 + rnd(g, 150)), 1);
    } else if (IS("D2")) {
        put_decimal(g, (unsigned long)(5 + rnd(g, 400)), 2);
    } else if (IS("PRICE")) {
        put_decimal(g, (unsigned long)(6000 + rnd(g, 4000)), 2);
    } else {
        if (ac_buf_append(g->text, k - 1, n + 2) != AC_OK)   /* unknown: keep "{KEY}" */
            g->oom = 1;
    }
#undef IS
}

static void expand(gen *g, const char *tpl)
{
    const char *p = tpl;
    while (*p) {
        const char *open = strchr(p, '{');
        if (!open) {
            put(g, p);
            return;
        }
        if (open > p && ac_buf_append(g->text, p, (size_t)(open - p)) != AC_OK)
            g->oom = 1;
        const char *close = strchr(open, '}');
        if (!close) {
            put(g, open);
            return;
        }
        put_key(g, open + 1, (size_t)(close - open - 1));
        p = close + 1;
    }
}

/* Upper-cases the first letter of the sentence that starts at text[from]
 * (templates may begin with an actor such as "the Kremlin"). */
static void capitalise(ac_buf *text, size_t from)
{
    if (from < text->len && text->data[from] >= 'a' && text->data[from] <= 'z')
        text->data[from] = (char)(text->data[from] - 'a' + 'A');
}

/* Day n (0-based) after 2023-01-01 as "YYYY-MM-DD". */
static void day_to_date(unsigned n, char out[11])
{
    static const unsigned MDAYS[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    unsigned y = 2023, m = 0;
    for (;;) {
        unsigned ylen = (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)) ? 366 : 365;
        if (n < ylen)
            break;
        n -= ylen;
        y++;
    }
    for (;; m++) {
        unsigned ml = MDAYS[m] + (m == 1 && (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)));
        if (n < ml)
            break;
        n -= ml;
    }
    snprintf(out, 11, "%04u-%02u-%02u", y % 10000, (m + 1) % 100, (n + 1) % 100);
}

ac_status bench_corpus_generate(uint64_t seed, size_t sentences, ac_buf *out,
                                bench_corpus_info *info)
{
    bench_corpus_info tmp;
    if (!info)
        info = &tmp;
    memset(info, 0, sizeof *info);
    ac_buf text = {0}, title = {0};
    gen g = {seed, &text, 0, 0};
    size_t left = sentences;
    while (left > 0 && !g.oom) {
        size_t n = 10 + rnd(&g, 21);
        if (n > left)
            n = left;
        ac_buf_reset(&text);
        size_t in_para = 0, para_len = 1 + rnd(&g, 4);
        for (size_t i = 0; i < n; i++) {
            if (i > 0) {
                if (++in_para == para_len) {
                    put(&g, "\n\n");
                    in_para = 0;
                    para_len = 1 + rnd(&g, 4);
                } else {
                    put(&g, " ");
                }
            }
            size_t from = text.len;
            /* The first sentence of a story usually carries its event. */
            if (i == 0 ? rnd(&g, 10) < 8 : rnd(&g, 100) < 42) {
                expand(&g, PICK(&g, EVENT_TEMPLATES));
                info->event_sentences++;
            } else {
                expand(&g, PICK(&g, FILLER_TEMPLATES));
            }
            capitalise(&text, from);
        }
        g.text = &title;
        ac_buf_reset(&title);
        const country *a = &PICK(&g, COUNTRIES), *b = &PICK(&g, COUNTRIES);
        put(&g, a->adj);
        put(&g, " and ");
        put(&g, b->adj);
        put(&g, " officials discuss ");
        put(&g, PICK(&g, TOPICS));
        g.text = &text;

        char id[32], date[11];
        snprintf(id, sizeof id, "bench-%06zu", info->stories + 1);
        day_to_date((unsigned)rnd(&g, 730), date);
        char head[128];
        int hl = snprintf(head, sizeof head, "{\"id\":\"%s\",\"date\":\"%s\",\"source\":\"accord bench\",\"title\":",
                          id, date);
        if (ac_buf_append(out, head, (size_t)hl) != AC_OK ||
            ac_json_escape(out, title.data, title.len) != AC_OK ||
            ac_buf_append(out, ",\"text\":", 8) != AC_OK ||
            ac_json_escape(out, text.data, text.len) != AC_OK ||
            ac_buf_append(out, "}\n", 2) != AC_OK)
            g.oom = 1;
        info->stories++;
        info->sentences += n;
        info->text_bytes += text.len;
        left -= n;
    }
    ac_buf_free(&text);
    ac_buf_free(&title);
    return g.oom ? AC_ENOMEM : AC_OK;
}

/* ---- PETRARCH XML ------------------------------------------------------------ */

typedef struct petr_record {
    char *id, *date, *source, *text;
} petr_record;

/* The attribute `name` of node, or "" (malloc'd either way; NULL on OOM). */
static char *attr(xmlNode *node, const char *name)
{
    xmlChar *v = xmlGetProp(node, (const xmlChar *)name);
    char *s = strdup(v ? (const char *)v : "");
    xmlFree(v);
    return s;
}

/* The text of node with runs of whitespace made one space, trimmed. */
static char *collapsed_text(xmlNode *node)
{
    xmlChar *v = xmlNodeGetContent(node);
    if (!v)
        return NULL;
    char *s = (char *)v, *w = s;
    int space = 1;
    for (char *r = s; *r; r++) {
        int ws = *r == ' ' || *r == '\n' || *r == '\t' || *r == '\r';
        if (ws && !space)
            *w++ = ' ';
        else if (!ws)
            *w++ = *r;
        space = ws;
    }
    while (w > s && w[-1] == ' ')
        w--;
    *w = '\0';
    char *out = strdup(s);
    xmlFree(v);
    return out;
}

static void json_field(ac_buf *out, const char *name, const char *value, int *oom)
{
    char key[32];
    snprintf(key, sizeof key, "\"%s\":", name);
    if (ac_buf_append(out, key, strlen(key)) != AC_OK || ac_json_escape(out, value, strlen(value)) != AC_OK)
        *oom = 1;
}

ac_status bench_corpus_petr_xml(const char *path, size_t sentences, ac_buf *out,
                                bench_corpus_info *info, char *msg, size_t cap)
{
    bench_corpus_info tmp;
    if (!info)
        info = &tmp;
    memset(info, 0, sizeof *info);
    xmlDoc *doc = xmlReadFile(path, NULL, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
                                              XML_PARSE_HUGE);
    if (!doc) {
        snprintf(msg, cap, "%s: cannot be read as XML", path);
        return AC_EIO;
    }
    petr_record *rec = NULL;
    size_t n = 0, rcap = 0;
    int oom = 0;
    xmlNode *root = xmlDocGetRootElement(doc);
    for (xmlNode *s = root ? root->children : NULL; s && !oom; s = s->next) {
        if (s->type != XML_ELEMENT_NODE || strcmp((const char *)s->name, "Sentence") != 0)
            continue;
        xmlNode *t = s->children;
        while (t && !(t->type == XML_ELEMENT_NODE && strcmp((const char *)t->name, "Text") == 0))
            t = t->next;
        if (!t)
            continue;
        if (n == rcap) {
            rcap = rcap ? rcap * 2 : 64;
            petr_record *nr = realloc(rec, rcap * sizeof *nr);
            if (!nr) {
                oom = 1;
                break;
            }
            rec = nr;
        }
        petr_record *r = &rec[n];
        r->id = attr(s, "id");
        r->source = attr(s, "source");
        r->text = collapsed_text(t);
        /* "20080806" -> "2008-08-06"; anything else is left out. */
        char *d = attr(s, "date");
        r->date = NULL;
        if (d && strlen(d) == 8 && strspn(d, "0123456789") == 8) {
            r->date = malloc(11);
            if (r->date)
                snprintf(r->date, 11, "%.4s-%.2s-%.2s", d, d + 4, d + 6);
        } else if (d) {
            r->date = strdup("");
        }
        free(d);
        if (!r->id || !r->source || !r->text || !r->date) {
            oom = 1;
        } else if (r->text[0]) {
            n++;
            continue;
        }
        free(r->id);                /* out of memory, or an empty <Text> */
        free(r->source);
        free(r->text);
        free(r->date);
    }
    xmlFreeDoc(doc);
    ac_status st = AC_OK;
    if (oom) {
        st = AC_ENOMEM;
        snprintf(msg, cap, "out of memory");
    } else if (n == 0) {
        st = AC_EPARSE;
        snprintf(msg, cap, "%s: no <Sentence> with a non-empty <Text> under the root element", path);
    }
    for (size_t i = 0; st == AC_OK && i < sentences; i++) {
        const petr_record *r = &rec[i % n];
        char id[512];
        if (i < n)
            snprintf(id, sizeof id, "%s", r->id);
        else
            snprintf(id, sizeof id, "%s#%zu", r->id, i / n);
        ac_buf_append(out, "{", 1);
        json_field(out, "id", id, &oom);
        ac_buf_append(out, ",", 1);
        json_field(out, "date", r->date, &oom);
        ac_buf_append(out, ",", 1);
        json_field(out, "source", r->source, &oom);
        ac_buf_append(out, ",", 1);
        json_field(out, "text", r->text, &oom);
        if (ac_buf_append(out, "}\n", 2) != AC_OK || oom) {
            st = AC_ENOMEM;
            snprintf(msg, cap, "out of memory");
            break;
        }
        info->stories++;
        info->sentences++;
        info->text_bytes += strlen(r->text);
    }
    info->records = n;
    for (size_t i = 0; i < n; i++) {
        free(rec[i].id);
        free(rec[i].source);
        free(rec[i].text);
        free(rec[i].date);
    }
    free(rec);
    return st;
}
