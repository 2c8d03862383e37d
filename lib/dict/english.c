/*
 * english.c -- the closed-class English words the coder needs to know.
 *
 * These are grammar, not vocabulary: auxiliaries and modals (for mood and
 * voice), negators, the verbs and nouns that take "to" and mark intent,
 * refusal or threat, pronouns, subordinators (clause boundaries), and the
 * speech verbs that introduce reported speech. Each flag is explained in
 * dict.h. Verb forms (plans, planned, planning) are generated at compile
 * time for entries with inflect = 1; irregular forms come from
 * dict/irregular.txt.
 */
#include "dict/builder.h"

#define V 1   /* inflect as a verb */
#define N 0

const ac_english_word AC_ENGLISH[] = {
    /* Determiners. */
    {"the", WF_DET, N}, {"a", WF_DET, N}, {"an", WF_DET, N}, {"this", WF_DET, N},
    {"these", WF_DET, N}, {"those", WF_DET, N}, {"some", WF_DET, N}, {"any", WF_DET, N},
    {"each", WF_DET, N}, {"every", WF_DET, N}, {"another", WF_DET, N}, {"such", WF_DET, N},
    {"both", WF_DET, N}, {"all", WF_DET, N}, {"several", WF_DET, N}, {"many", WF_DET, N},
    {"new", WF_DET, N}, {"further", WF_DET | WF_ADV, N}, {"more", WF_DET, N},
    {"no", WF_DET | WF_NEG, N},
    /* Prepositions. */
    {"of", WF_PREP, N}, {"in", WF_PREP, N}, {"on", WF_PREP, N}, {"at", WF_PREP, N},
    {"with", WF_PREP, N}, {"to", WF_PREP | WF_TO, N}, {"from", WF_PREP, N},
    {"by", WF_PREP | WF_BY, N}, {"for", WF_PREP, N}, {"about", WF_PREP, N},
    {"against", WF_PREP, N}, {"into", WF_PREP, N}, {"onto", WF_PREP, N},
    {"over", WF_PREP, N}, {"under", WF_PREP, N}, {"between", WF_PREP, N},
    {"among", WF_PREP, N}, {"amid", WF_PREP, N}, {"during", WF_PREP, N},
    {"through", WF_PREP, N}, {"toward", WF_PREP, N}, {"towards", WF_PREP, N},
    {"across", WF_PREP, N}, {"near", WF_PREP, N}, {"via", WF_PREP, N},
    {"within", WF_PREP, N}, {"without", WF_PREP, N}, {"upon", WF_PREP, N},
    {"despite", WF_PREP, N}, {"per", WF_PREP, N}, {"around", WF_PREP, N},
    /* "after" and "before" open clauses as often as phrases: boundaries. */
    {"after", WF_PREP | WF_SUBORD, N}, {"before", WF_PREP | WF_SUBORD, N},
    {"beyond", WF_PREP, N}, {"behind", WF_PREP, N}, {"alongside", WF_PREP, N},
    {"regarding", WF_PREP, N}, {"following", WF_PREP, N}, {"including", WF_PREP, N},
    {"like", WF_PREP, N}, {"than", WF_PREP, N},
    /* Auxiliaries and modals. */
    {"be", WF_BE, N}, {"is", WF_BE, N}, {"are", WF_BE, N}, {"was", WF_BE, N},
    {"were", WF_BE, N}, {"been", WF_BE, N}, {"being", WF_BE, N}, {"am", WF_BE, N},
    {"get", WF_BE, V}, {"got", WF_BE, N}, {"gotten", WF_BE, N},
    {"have", WF_HAVE | WF_LIGHT, N}, {"has", WF_HAVE | WF_LIGHT, N},
    {"had", WF_HAVE | WF_LIGHT, N}, {"having", WF_HAVE | WF_LIGHT, N},
    {"do", WF_DO, N}, {"does", WF_DO, N}, {"did", WF_DO, N},
    {"will", WF_FUTURE, N}, {"shall", WF_FUTURE, N}, {"wo", WF_FUTURE, N},
    {"would", WF_COND, N}, {"could", WF_COND, N}, {"might", WF_COND, N},
    {"may", WF_COND, N}, {"should", WF_COND, N}, {"can", WF_COND, N},
    {"must", WF_COND, N}, {"ca", WF_COND, N},
    /* Negators. */
    {"not", WF_NEG, N}, {"n't", WF_NEG, N}, {"never", WF_NEG, N}, {"nor", WF_NEG, N},
    {"neither", WF_NEG, N},
    /* Verbs taking "to" that mark intent, refusal, failure, threat. */
    {"plan", WF_INTENT | WF_INTENTN, V}, {"intend", WF_INTENT, V}, {"want", WF_INTENT, V},
    {"seek", WF_INTENT, V}, {"hope", WF_INTENT, V}, {"aim", WF_INTENT | WF_INTENTN, V},
    {"agree", WF_INTENT, V}, {"decide", WF_INTENT, V}, {"prepare", WF_INTENT, V},
    {"pledge", WF_INTENT | WF_INTENTN, V}, {"promise", WF_INTENT | WF_INTENTN, V},
    {"vow", WF_INTENT, V}, {"offer", WF_INTENT | WF_INTENTN, V},
    {"propose", WF_INTENT, V}, {"wish", WF_INTENT | WF_INTENTN, V},
    {"resolve", WF_INTENT, V}, {"opt", WF_INTENT, V}, {"choose", WF_INTENT, V},
    {"strive", WF_INTENT, V}, {"expect", WF_INTENT | WF_EXPECT, V},
    {"move", WF_INTENT | WF_INTENTN, V}, {"look", WF_INTENT, V},
    {"commit", WF_INTENT, V}, {"undertake", WF_INTENT, V}, {"seek", WF_INTENT, V},
    {"ready", WF_INTENT, N}, {"willing", WF_INTENT, N}, {"eager", WF_INTENT, N},
    {"keen", WF_INTENT, N}, {"determined", WF_INTENT, N}, {"prepared", WF_INTENT, N},
    {"refuse", WF_REFUSE, V}, {"decline", WF_REFUSE, V},
    {"fail", WF_FAIL, V},
    {"threaten", WF_THREAT, V},
    /* be ~ to: future. */
    {"set", WF_EXPECT, N}, {"due", WF_EXPECT, N}, {"scheduled", WF_EXPECT, N},
    {"slated", WF_EXPECT, N}, {"poised", WF_EXPECT, N}, {"likely", WF_EXPECT, N},
    {"expected", WF_EXPECT, N}, {"going", WF_EXPECT, N}, {"about", WF_PREP, N},
    /* Nouns that take "to" and mark intent. */
    {"intent", WF_INTENTN, N}, {"intention", WF_INTENTN, N}, {"decision", WF_INTENTN, N},
    {"bid", WF_INTENTN, N}, {"readiness", WF_INTENTN, N}, {"willingness", WF_INTENTN, N},
    {"desire", WF_INTENTN, N}, {"commitment", WF_INTENTN, N}, {"effort", WF_INTENTN, N},
    {"attempt", WF_INTENTN, N}, {"proposal", WF_INTENTN, N}, {"ambition", WF_INTENTN, N},
    {"goal", WF_INTENTN, N}, {"plans", WF_INTENTN, N}, {"intentions", WF_INTENTN, N},
    {"efforts", WF_INTENTN, N}, {"announcement", WF_INTENTN, N},
    /* Pronouns. */
    {"he", WF_PRON, N}, {"she", WF_PRON, N}, {"it", WF_PRON, N}, {"they", WF_PRON, N},
    {"we", WF_PRON, N}, {"i", WF_PRON, N}, {"him", WF_PRON, N}, {"them", WF_PRON, N},
    {"his", WF_POSSPRON, N}, {"her", WF_POSSPRON, N}, {"its", WF_POSSPRON, N},
    {"their", WF_POSSPRON, N}, {"our", WF_POSSPRON, N}, {"my", WF_POSSPRON, N},
    /* Subordinators: clause boundaries. */
    {"that", WF_SUBORD | WF_RELATIVE, N}, {"which", WF_SUBORD | WF_RELATIVE, N},
    {"who", WF_SUBORD | WF_RELATIVE, N}, {"whom", WF_SUBORD | WF_RELATIVE, N},
    {"whose", WF_SUBORD | WF_RELATIVE, N}, {"while", WF_SUBORD, N},
    {"whereas", WF_SUBORD, N}, {"because", WF_SUBORD, N}, {"although", WF_SUBORD, N},
    {"though", WF_SUBORD, N}, {"when", WF_SUBORD, N}, {"whenever", WF_SUBORD, N},
    {"since", WF_SUBORD, N}, {"until", WF_SUBORD, N}, {"where", WF_SUBORD, N},
    {"whether", WF_SUBORD, N}, {"as", WF_SUBORD, N}, {"but", WF_SUBORD, N},
    {"if", WF_SUBORD | WF_IF, N}, {"unless", WF_SUBORD | WF_IF, N},
    {"and", WF_AND, N}, {"or", WF_AND, N}, {"nor", WF_AND, N},
    /* Speech verbs: reported speech. */
    {"say", WF_SAY, V}, {"tell", WF_SAY, V}, {"state", WF_SAY, V}, {"announce", WF_SAY, V},
    {"declare", WF_SAY, V}, {"add", WF_SAY, V}, {"note", WF_SAY, V}, {"stress", WF_SAY, V},
    {"insist", WF_SAY, V}, {"claim", WF_SAY, V}, {"warn", WF_SAY, V}, {"confirm", WF_SAY, V},
    {"reiterate", WF_SAY, V}, {"emphasize", WF_SAY, V}, {"emphasise", WF_SAY, V},
    {"argue", WF_SAY, V}, {"assert", WF_SAY, V}, {"explain", WF_SAY, V},
    {"write", WF_SAY, V}, {"tweet", WF_SAY, V}, {"acknowledge", WF_SAY, V},
    {"suggest", WF_SAY, V}, {"indicate", WF_SAY, V}, {"report", WF_SAY, V},
    {"believe", WF_SAY, V}, {"reply", WF_SAY, V}, {"respond", WF_SAY, V},
    {"remark", WF_SAY, V}, {"comment", WF_SAY, V}, {"articulate", WF_SAY, V},
    {"underline", WF_SAY, V}, {"highlight", WF_SAY, V}, {"predict", WF_SAY, V},
    /* Adverbs that may sit inside a verb group. */
    {"also", WF_ADV, N}, {"already", WF_ADV, N}, {"still", WF_ADV, N}, {"just", WF_ADV, N},
    {"now", WF_ADV, N}, {"soon", WF_ADV, N}, {"recently", WF_ADV, N},
    {"reportedly", WF_ADV, N}, {"formally", WF_ADV, N}, {"officially", WF_ADV, N},
    {"finally", WF_ADV, N}, {"again", WF_ADV, N}, {"even", WF_ADV, N},
    {"only", WF_ADV, N}, {"jointly", WF_ADV, N}, {"publicly", WF_ADV, N},
    {"immediately", WF_ADV, N}, {"allegedly", WF_ADV, N}, {"once", WF_ADV, N},
    {"then", WF_ADV, N}, {"later", WF_ADV, N}, {"earlier", WF_ADV, N}, {"yet", WF_ADV, N},
    {"ever", WF_ADV, N}, {"previously", WF_ADV, N}, {"subsequently", WF_ADV, N},
    {"repeatedly", WF_ADV, N}, {"personally", WF_ADV, N}, {"directly", WF_ADV, N},
    {"separately", WF_ADV, N}, {"briefly", WF_ADV, N}, {"reluctantly", WF_ADV, N},
    {"longer", WF_ADV, N}, {"originally", WF_ADV, N}, {"eventually", WF_ADV, N},
    /* Light verbs: their subject is the source of an event noun after them. */
    {"hold", WF_LIGHT, V}, {"make", WF_LIGHT, V}, {"pay", WF_LIGHT, V},
    {"launch", WF_LIGHT, V}, {"carry", WF_LIGHT, V}, {"conduct", WF_LIGHT, V},
    {"stage", WF_LIGHT, V}, {"take", WF_LIGHT, V}, {"give", WF_LIGHT, V},
    {"host", WF_LIGHT, V}, {"attend", WF_LIGHT, V}, {"participate", WF_LIGHT, V},
    {"begin", WF_LIGHT, V}, {"start", WF_LIGHT, V}, {"open", WF_LIGHT, V},
    {"resume", WF_LIGHT, V}, {"continue", WF_LIGHT, V}, {"complete", WF_LIGHT, V},
    {"mount", WF_LIGHT, V}, {"wage", WF_LIGHT, V}, {"order", WF_LIGHT, V},
    {"lead", WF_LIGHT, V}, {"join", WF_LIGHT, V}, {"issue", WF_LIGHT, V},
    {"reach", WF_LIGHT, V}, {"sign", WF_LIGHT, V}, {"receive", WF_LIGHT, V},
};

const size_t AC_ENGLISH_COUNT = sizeof AC_ENGLISH / sizeof AC_ENGLISH[0];
