/*
 * lexicon.c -- the closed word classes of the annotation layer.
 *
 * These are grammar, like lib/dict/english.c, not vocabulary: the verbs that
 * introduce speech, the nouns that stand for it, pronouns, the verbs of
 * joining and leaving an agreement, the nouns of scheduled events, time
 * words. They live here rather than in the dictionary because the coder
 * must not see them (a new speech verb would change which statements the
 * coder drops). Every inflected form is listed, so a lookup is one probe of
 * a static hash table keyed by the folded-form hash every token already has.
 */
#include "extract/extract.h"

#include <pthread.h>
#include <string.h>

#include "text/text.h"

/* Forms of a verb, in this order: base, past (and participle), third
 * person, -ing, and optionally a participle of its own (withdrawn). */
typedef struct verb_forms {
    const char *forms;
    uint32_t cls;
    uint8_t action;        /* MA_* for membership verbs */
} verb_forms;

static const verb_forms VERBS[] = {
    /* Speech verbs that may take a clause without "that": Rubio said the
     * deal ... */
    {"say said says saying", LX_SAY | LX_SAY_BARE, 0},
    {"tell told tells telling", LX_SAY | LX_SAY_BARE, 0},
    {"claim claimed claims claiming", LX_SAY | LX_SAY_BARE, 0},
    {"insist insisted insists insisting", LX_SAY | LX_SAY_BARE, 0},
    {"argue argued argues arguing", LX_SAY | LX_SAY_BARE, 0},
    {"warn warned warns warning", LX_SAY, 0},       /* warn X against, warn of */
    {"add added adds adding", LX_SAY | LX_SAY_BARE, 0},
    {"assert asserted asserts asserting", LX_SAY | LX_SAY_BARE, 0},
    {"reply replied replies replying", LX_SAY | LX_SAY_BARE, 0},
    {"respond responded responds responding", LX_SAY, 0},
    {"write wrote writes writing written", LX_SAY | LX_SAY_BARE, 0},
    {"tweet tweeted tweets tweeting", LX_SAY | LX_SAY_BARE, 0},
    {"maintain maintained maintains maintaining", LX_SAY | LX_SAY_BARE, 0},
    {"contend contended contends contending", LX_SAY | LX_SAY_BARE, 0},
    {"allege alleged alleges alleging", LX_SAY | LX_SAY_BARE, 0},
    {"admit admitted admits admitting", LX_SAY | LX_SAY_BARE, 0},
    {"concede conceded concedes conceding", LX_SAY | LX_SAY_BARE, 0},
    {"believe believed believes believing", LX_SAY | LX_SAY_BARE, 0},
    /* Speech verbs that report a clause only with "that" (or a quotation):
     * "announced the deal" is an event, not speech. */
    {"state stated states stating", LX_SAY, 0},
    {"announce announced announces announcing", LX_SAY, 0},
    {"declare declared declares declaring", LX_SAY, 0},
    {"note noted notes noting", LX_SAY, 0},
    {"stress stressed stresses stressing", LX_SAY, 0},
    {"confirm confirmed confirms confirming", LX_SAY, 0},
    {"reiterate reiterated reiterates reiterating", LX_SAY, 0},
    {"emphasize emphasized emphasizes emphasizing", LX_SAY, 0},
    {"emphasise emphasised emphasises emphasising", LX_SAY, 0},
    {"explain explained explains explaining", LX_SAY, 0},
    {"acknowledge acknowledged acknowledges acknowledging", LX_SAY, 0},
    {"suggest suggested suggests suggesting", LX_SAY, 0},
    {"indicate indicated indicates indicating", LX_SAY, 0},
    {"report reported reports reporting", LX_SAY, 0},
    {"remark remarked remarks remarking", LX_SAY, 0},
    {"comment commented comments commenting", LX_SAY, 0},
    {"articulate articulated articulates articulating", LX_SAY, 0},
    {"underline underlined underlines underlining", LX_SAY, 0},
    {"underscore underscored underscores underscoring", LX_SAY, 0},
    {"highlight highlighted highlights highlighting", LX_SAY, 0},
    {"predict predicted predicts predicting", LX_SAY, 0},
    {"reveal revealed reveals revealing", LX_SAY, 0},
    {"disclose disclosed discloses disclosing", LX_SAY, 0},
    {"deny denied denies denying", LX_SAY, 0},
    {"recall recalled recalls recalling", LX_SAY, 0},
    {"observe observed observes observing", LX_SAY, 0},
    {"ask asked asks asking", LX_SAY, 0},
    {"caution cautioned cautions cautioning", LX_SAY, 0},
    {"complain complained complains complaining", LX_SAY, 0},
    {"boast boasted boasts boasting", LX_SAY, 0},
    {"joke joked jokes joking", LX_SAY, 0},
    {"quip quipped quips quipping", LX_SAY, 0},
    {"lament lamented laments lamenting", LX_SAY, 0},
    {"assure assured assures assuring", LX_SAY, 0},
    {"promise promised promises promising", LX_SAY, 0},
    {"vow vowed vows vowing", LX_SAY, 0},
    {"pledge pledged pledges pledging", LX_SAY, 0},
    {"estimate estimated estimates estimating", LX_SAY, 0},
    {"continue continued continues continuing", LX_SAY, 0},
    {"repeat repeated repeats repeating", LX_SAY, 0},
    {"exclaim exclaimed exclaims exclaiming", LX_SAY, 0},
    {"shout shouted shouts shouting", LX_SAY, 0},
    {"whisper whispered whispers whispering", LX_SAY, 0},
    {"counter countered counters countering", LX_SAY, 0},
    {"retort retorted retorts retorting", LX_SAY, 0},
    {"wonder wondered wonders wondering", LX_SAY, 0},
    {"mention mentioned mentions mentioning", LX_SAY, 0},
    {"point pointed points pointing", LX_SAY, 0},    /* pointed out (that) */
    {"urge urged urges urging", LX_SAY, 0},
    {"post posted posts posting", LX_SAY, 0},
    {"signal signalled signals signalling", LX_SAY, 0},
    /* Verbs that frame a partial quotation: called it "a disgrace". */
    {"call called calls calling", LX_SAY_PARTIAL, 0},
    {"describe described describes describing", LX_SAY_PARTIAL, 0},
    {"dub dubbed dubs dubbing", LX_SAY_PARTIAL, 0},
    {"term termed terms terming", LX_SAY_PARTIAL, 0},
    {"label labelled labels labelling", LX_SAY_PARTIAL, 0},
    {"praise praised praises praising", LX_SAY_PARTIAL, 0},
    {"criticize criticized criticizes criticizing", LX_SAY_PARTIAL, 0},
    {"criticise criticised criticises criticising", LX_SAY_PARTIAL, 0},
    {"welcome welcomed welcomes welcoming", LX_SAY_PARTIAL, 0},
    {"condemn condemned condemns condemning", LX_SAY_PARTIAL, 0},
    /* Membership of agreements. */
    {"join joined joins joining", LX_MEMBER, MA_JOINED},
    {"rejoin rejoined rejoins rejoining", LX_MEMBER, MA_JOINED},
    {"accede acceded accedes acceding", LX_MEMBER, MA_JOINED},
    {"embrace embraced embraces embracing", LX_MEMBER, MA_JOINED},
    {"enter entered enters entering", LX_MEMBER, MA_JOINED},
    {"sign signed signs signing", LX_MEMBER, MA_SIGNED},
    {"ratify ratified ratifies ratifying", LX_MEMBER, MA_RATIFIED},
    {"withdraw withdrew withdraws withdrawing withdrawn", LX_MEMBER, MA_WITHDREW},
    {"leave left leaves leaving", LX_MEMBER, MA_WITHDREW},
    {"quit quit quits quitting", LX_MEMBER, MA_WITHDREW},
    {"exit exited exits exiting", LX_MEMBER, MA_WITHDREW},
    {"abandon abandoned abandons abandoning", LX_MEMBER, MA_WITHDREW},
    {"renounce renounced renounces renouncing", LX_MEMBER, MA_WITHDREW},
    {"suspend suspended suspends suspending", LX_MEMBER, MA_SUSPENDED},
    {"negotiate negotiated negotiates negotiating", LX_MEMBER, MA_NEGOTIATING},
    /* Events that may be planned: "will visit", "are due to meet". */
    {"meet met meets meeting", LX_PLAN_VERB, PK_MEETING},
    {"visit visited visits visiting", LX_PLAN_VERB, PK_VISIT},
    {"travel travelled travels travelling", LX_PLAN_VERB, PK_VISIT},
    {"travel traveled travels traveling", LX_PLAN_VERB, PK_VISIT},
    {"fly flew flies flying flown", LX_PLAN_VERB, PK_VISIT},
    {"tour toured tours touring", LX_PLAN_VERB, PK_VISIT},
    {"vote voted votes voting", LX_PLAN_VERB, PK_VOTE},
    {"launch launched launches launching", LX_PLAN_VERB, PK_LAUNCH},
    {"elect elected elects electing", LX_PLAN_VERB, PK_ELECTION},
    {"inaugurate inaugurated inaugurates inaugurating", LX_PLAN_VERB, PK_CEREMONY},
    {"swear swore swears swearing sworn", LX_PLAN_VERB, PK_CEREMONY},
    {"go went goes going gone", LX_PLAN_VERB, PK_VISIT},
    {"hold held holds holding", LX_PLAN_VERB, PK_LIGHT},
    {"host hosted hosts hosting", LX_PLAN_VERB, PK_LIGHT},
    {"attend attended attends attending", LX_PLAN_VERB, PK_LIGHT},
    {"stage staged stages staging", LX_PLAN_VERB, PK_LIGHT},
    {"conduct conducted conducts conducting", LX_PLAN_VERB, PK_LIGHT},
    {"convene convened convenes convening", LX_PLAN_VERB, PK_LIGHT},
    /* Scheduled: "as the ceremony approaches". */
    {"approach approached approaches approaching", LX_PLAN, 0},
    {"loom loomed looms looming", LX_PLAN, 0},
};

typedef struct word_class {
    const char *words;     /* space-separated forms */
    uint32_t cls;
    uint8_t val;
} word_class;

static const word_class WORDS[] = {
    {"remarks remark statement statements comments words speech message letter interview "
     "tweet address testimony announcement declaration briefing communique op-ed",
     LX_SAY_NOUN, 0},
    {"according", LX_ACCORDING, 0},
    {"he him his she her hers himself herself", LX_PRON_HE, 0},
    {"they them their theirs themselves", LX_PRON_THEY, 0},
    {"it its itself", LX_PRON_IT, 0},
    {"i me my mine myself we us our ours ourselves", LX_PRON_SELF, 0},
    {"two both", LX_PAIR, 0},
    /* "the two countries" (val 0: non-person actors), "the two leaders"
     * (val 1: people). */
    {"countries nations sides states governments neighbours neighbors capitals allies", LX_PAIR_NOUN, 0},
    {"leaders presidents ministers men women", LX_PAIR_NOUN, 1},
    {"accord accords agreement agreements treaty treaties pact pacts deal convention "
     "protocol framework charter statute initiative", LX_AGR_NOUN, 0},
    {"visit visits trip trips tour", LX_EVENT_NOUN, PK_VISIT},
    {"meeting meetings conference forum session congress consultations rally", LX_EVENT_NOUN, PK_MEETING},
    {"talks negotiations round", LX_EVENT_NOUN, PK_TALKS},
    {"summit summits", LX_EVENT_NOUN, PK_SUMMIT},
    {"signing", LX_EVENT_NOUN, PK_SIGNING},
    {"vote votes referendum ballot", LX_EVENT_NOUN, PK_VOTE},
    {"election elections", LX_EVENT_NOUN, PK_ELECTION},
    {"ceremony inauguration celebration parade handover", LX_EVENT_NOUN, PK_CEREMONY},
    {"exercise exercises drills drill manoeuvres maneuvers", LX_EVENT_NOUN, PK_EXERCISE},
    {"launch", LX_EVENT_NOUN, PK_LAUNCH},
    {"upcoming forthcoming planned scheduled expected slated due pending anticipated "
     "imminent", LX_PLAN, 0},
    {"today tonight tomorrow yesterday week weeks weekend month months year years day days "
     "morning afternoon evening night spring summer autumn winter decade quarter hours",
     LX_TIME, 0},
    {"monday", LX_TIME | LX_WEEKDAY, 0}, {"tuesday", LX_TIME | LX_WEEKDAY, 1},
    {"wednesday", LX_TIME | LX_WEEKDAY, 2}, {"thursday", LX_TIME | LX_WEEKDAY, 3},
    {"friday", LX_TIME | LX_WEEKDAY, 4}, {"saturday", LX_TIME | LX_WEEKDAY, 5},
    {"sunday", LX_TIME | LX_WEEKDAY, 6},
    {"january jan.", LX_TIME | LX_MONTH, 1}, {"february feb.", LX_TIME | LX_MONTH, 2},
    {"march mar.", LX_TIME | LX_MONTH, 3}, {"april apr.", LX_TIME | LX_MONTH, 4},
    {"june jun.", LX_TIME | LX_MONTH, 6}, {"july jul.", LX_TIME | LX_MONTH, 7},
    {"august aug.", LX_TIME | LX_MONTH, 8}, {"september sept. sep.", LX_TIME | LX_MONTH, 9},
    {"october oct.", LX_TIME | LX_MONTH, 10}, {"november nov.", LX_TIME | LX_MONTH, 11},
    {"december dec.", LX_TIME | LX_MONTH, 12},
    {"withdrawal exit departure", LX_MEMBER_NOUN, MA_WITHDREW},
    {"accession", LX_MEMBER_NOUN, MA_JOINED},
    {"ratification", LX_MEMBER_NOUN, MA_RATIFIED},
    {"suspension", LX_MEMBER_NOUN, MA_SUSPENDED},
    {"next coming later this last early late mid following", LX_TIME_REL, 0},
    {"yesterday last ago earlier previous recently", LX_PAST_TIME, 0},
    {"analysts experts sources observers diplomats critics residents witnesses aides "
     "advisers advisors economists researchers scholars activists lawyers doctors "
     "students voters citizens people farmers teachers workers journalists reporters "
     "commentators negotiators engineers scientists professors officials",
     LX_PERSON_NOUN, 0},
    {"analyst expert source observer diplomat critic resident witness aide adviser "
     "advisor economist researcher scholar activist lawyer doctor student voter "
     "citizen person man woman farmer teacher worker journalist reporter commentator "
     "negotiator engineer scientist professor owner manager director chairman "
     "chairwoman spokesman spokeswoman spokesperson official prince princess emir king "
     "queen sheikh chancellor premier secretary envoy ambassador general commander chief "
     "pope cardinal mayor governor senator congressman congresswoman lawmaker minister "
     "president leader",
     LX_PERSON_NOUN | LX_SING, 0},
};

#define LEX_SLOTS 4096     /* a power of two, well above the forms listed */

static uint64_t lex_keys[LEX_SLOTS];
static ax_lex lex_vals[LEX_SLOTS];
static pthread_once_t lex_once = PTHREAD_ONCE_INIT;

static void lex_put(const char *w, size_t n, uint32_t cls, uint8_t val)
{
    uint64_t k = ac_map_key(ac_text_fold_hash(w, n));
    size_t i = ac_map_slot(k, LEX_SLOTS - 1);
    while (lex_keys[i] && lex_keys[i] != k)
        i = (i + 1) & (LEX_SLOTS - 1);
    if (!lex_keys[i]) {
        lex_keys[i] = k;
        lex_vals[i].cls = cls;
        lex_vals[i].val = val;
        return;
    }
    lex_vals[i].cls |= cls;
    if (!lex_vals[i].val)
        lex_vals[i].val = val;
}

static void lex_build(void)
{
    static const uint8_t FORM[5] = {VF_BASE, VF_PAST, VF_S, VF_ING, VF_PP};
    for (size_t v = 0; v < sizeof VERBS / sizeof VERBS[0]; v++) {
        const char *p = VERBS[v].forms;
        for (int f = 0; *p && f < 5; f++) {
            const char *e = strchr(p, ' ');
            size_t n = e ? (size_t)(e - p) : strlen(p);
            lex_put(p, n, VERBS[v].cls, (uint8_t)(VERBS[v].action | FORM[f]));
            p += n;
            while (*p == ' ')
                p++;
        }
    }
    for (size_t w = 0; w < sizeof WORDS / sizeof WORDS[0]; w++) {
        const char *p = WORDS[w].words;
        while (*p) {
            const char *e = strchr(p, ' ');
            size_t n = e ? (size_t)(e - p) : strlen(p);
            lex_put(p, n, WORDS[w].cls, WORDS[w].val);
            p += n;
            while (*p == ' ')
                p++;
        }
    }
}

void ax_lexicon_init(void)
{
    pthread_once(&lex_once, lex_build);
}

ax_lex ax_lexicon(uint64_t h)
{
    uint64_t k = ac_map_key(h);
    size_t i = ac_map_slot(k, LEX_SLOTS - 1);
    for (;;) {
        if (lex_keys[i] == k)
            return lex_vals[i];
        if (!lex_keys[i])
            return (ax_lex){0, 0};
        i = (i + 1) & (LEX_SLOTS - 1);
    }
}

const char *ax_action_name(int action)
{
    switch (action) {
    case MA_INTENT: return "intent";
    case MA_NEGOTIATING: return "negotiating";
    case MA_SIGNED: return "signed";
    case MA_RATIFIED: return "ratified";
    case MA_JOINED: return "joined";
    case MA_SUSPENDED: return "suspended";
    case MA_WITHDREW: return "withdrew";
    }
    return "";
}

const char *ax_kind_name(int kind)
{
    static const char *const NAMES[] = {"", "visit", "meeting", "talks", "summit", "signing",
                                        "vote", "election", "ceremony", "exercise", "launch", ""};
    return kind >= 0 && kind <= PK_LIGHT ? NAMES[kind] : "";
}
