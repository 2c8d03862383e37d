/*
 * transform.c -- what an event code becomes when it is intended, refused or
 * threatened rather than done.
 *
 * The dictionaries hold the plain, done meaning of a verb ("sign an
 * agreement": 057). The codebook gives the other moods their own codes:
 *   intent or future ("will sign", "plans to join")  -> 03x intent codes;
 *   refusal ("refused to meet")                      -> 12x reject codes;
 *   future or threatened force ("will attack")       -> 13x threat codes.
 * The tables map a code (four digits first, then its three-digit parent) to
 * its counterpart. A code with no counterpart keeps its meaning (intent to
 * criticise is still criticism, with mood "intent") or, for refusals, codes
 * nothing.
 */
#include <string.h>

#include "code/doc.h"

typedef struct map_row {
    const char *from, *to;
} map_row;

static const map_row INTENT[] = {
    {"040", "036"}, {"041", "036"}, {"042", "036"}, {"043", "036"}, {"044", "036"},
    {"045", "039"}, {"046", "036"},
    {"050", "032"}, {"051", "032"}, {"052", "032"}, {"053", "032"}, {"054", "032"},
    {"055", "032"}, {"056", "032"}, {"057", "030"},
    {"060", "031"}, {"061", "0311"}, {"062", "0312"}, {"063", "0313"}, {"064", "0314"},
    {"070", "033"}, {"071", "0331"}, {"072", "0332"}, {"073", "0333"}, {"074", "0334"},
    {"075", "033"},
    {"080", "035"}, {"081", "0351"}, {"082", "0352"}, {"083", "034"}, {"0831", "0341"},
    {"0832", "0342"}, {"0833", "0343"}, {"0834", "0344"}, {"084", "0353"},
    {"085", "0354"}, {"086", "0355"}, {"087", "0356"},
    {NULL, NULL}
};

static const map_row REJECT[] = {
    {"036", "125"}, {"030", "120"}, {"031", "121"}, {"032", "120"}, {"033", "122"},
    {"040", "125"}, {"041", "125"}, {"042", "125"}, {"043", "125"}, {"044", "125"},
    {"045", "126"}, {"046", "125"},
    {"050", "120"}, {"051", "120"}, {"052", "120"}, {"053", "120"}, {"054", "120"},
    {"055", "120"}, {"056", "120"}, {"057", "127"},
    {"060", "121"}, {"061", "1211"}, {"062", "1212"}, {"063", "121"}, {"064", "121"},
    {"070", "122"}, {"071", "1221"}, {"072", "1222"}, {"073", "1223"}, {"074", "1224"},
    {"075", "122"},
    {"080", "124"}, {"081", "1241"}, {"082", "1242"}, {"083", "123"}, {"0831", "1231"},
    {"0832", "1232"}, {"0833", "1233"}, {"0834", "1234"}, {"084", "1243"},
    {"085", "1244"}, {"086", "1245"}, {"087", "1246"},
    {NULL, NULL}
};

static const map_row THREAT[] = {
    {"140", "133"}, {"141", "133"}, {"142", "133"}, {"143", "133"}, {"144", "133"},
    {"145", "133"},
    {"150", "138"}, {"151", "138"}, {"152", "138"}, {"153", "138"}, {"154", "138"},
    {"160", "131"}, {"161", "1313"}, {"162", "1311"}, {"163", "1312"}, {"164", "134"},
    {"165", "135"}, {"166", "136"},
    {"170", "130"}, {"171", "137"}, {"172", "132"}, {"1721", "1321"}, {"1722", "1322"},
    {"1723", "1323"}, {"1724", "1324"}, {"173", "132"}, {"174", "132"}, {"175", "137"},
    {"180", "1383"}, {"181", "1383"}, {"182", "1383"}, {"183", "1383"}, {"184", "1383"},
    {"185", "1383"}, {"186", "1383"},
    {"190", "1384"}, {"191", "1381"}, {"192", "1382"}, {"193", "1384"}, {"194", "1384"},
    {"195", "1384"}, {"196", "1384"},
    {"200", "1383"}, {"201", "1383"}, {"202", "1383"}, {"203", "1383"}, {"204", "1385"},
    {NULL, NULL}
};

static const char *lookup(const ac_dict *d, const map_row *rows, const char *code)
{
    char parent[4];
    const char *keys[2] = {code, NULL};
    if (strlen(code) == 4) {
        memcpy(parent, code, 3);
        parent[3] = '\0';
        keys[1] = parent;
    }
    for (int k = 0; k < 2 && keys[k]; k++)
        for (const map_row *r = rows; r->from; r++)
            if (strcmp(r->from, keys[k]) == 0) {
                const ac_cameo_info *ci = ac_cameo_lookup(d, r->to);
                if (ci)
                    return ci->code;
                /* A table without the four-digit code: fall back to its parent. */
                if (strlen(r->to) == 4) {
                    char p[4];
                    memcpy(p, r->to, 3);
                    p[3] = '\0';
                    ci = ac_cameo_lookup(d, p);
                    if (ci)
                        return ci->code;
                }
                return NULL;
            }
    return NULL;
}

const char *ac_code_intent(const ac_dict *d, const char *code)
{
    return lookup(d, INTENT, code);
}

const char *ac_code_reject(const ac_dict *d, const char *code)
{
    return lookup(d, REJECT, code);
}

const char *ac_code_threat(const ac_dict *d, const char *code)
{
    return lookup(d, THREAT, code);
}
