/*
 * tone.c -- GDELT V2Tone-style figures of a story.
 *
 * GDELT's tone is the percentage of positive words minus the percentage of
 * negative words, out of all words; polarity is the sum of the two,
 * activity the percentage of "active" words, self reference the percentage
 * of first-person pronouns. accord counts its own `tone` entries (positive
 * and negative words and phrases, counted in actors.c while the trie is
 * walked), takes as active the words that head one of its verb patterns
 * (the event verbs and nouns of the coder), and counts every word token (the
 * possessive 's excepted) as a word. The mean Goldstein score of the events
 * is written beside these (json.c).
 */
#include "extract/extract.h"

void ax_count_tone(ac_annotation *a)
{
    const ac_tok *t = a->doc->toks;
    const ac_word *w = a->dict->words;
    for (uint32_t i = 0; i < a->ntok; i++) {
        if (!(t[i].flags & TK_WORD) || (t[i].flags & TK_POSS))
            continue;
        a->words++;
        if (t[i].word && (w[w[t[i].word].base].flags & WF_HEAD))
            a->active++;
        /* "US" is the country, not "us". */
        if ((a->lex[i].cls & LX_PRON_SELF) && !(t[i].flags & TK_UPPER))
            a->self++;
    }
}
