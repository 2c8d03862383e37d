/*
 * write.c -- events as JSON lines, PETRARCH2 TSV or PLOVER JSON.
 */
#include <stdio.h>
#include <string.h>

#include "code/doc.h"
#include "common/buf.h"

ac_status ac_json_escape(ac_buf *out, const char *s, size_t n)
{
    static const char hex[] = "0123456789abcdef";
    ac_status st = ac_buf_putc(out, '"');
    size_t run = 0;
    for (size_t i = 0; i < n && st == AC_OK; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x20 && c != '"' && c != '\\')
            continue;
        st = ac_buf_add(out, s + run, i - run);
        run = i + 1;
        char esc[7] = {'\\', 0, 0, 0, 0, 0, 0};
        switch (c) {
        case '"': esc[1] = '"'; break;
        case '\\': esc[1] = '\\'; break;
        case '\n': esc[1] = 'n'; break;
        case '\r': esc[1] = 'r'; break;
        case '\t': esc[1] = 't'; break;
        default:
            esc[1] = 'u'; esc[2] = '0'; esc[3] = '0';
            esc[4] = hex[c >> 4]; esc[5] = hex[c & 15];
        }
        if (st == AC_OK)
            st = ac_buf_add(out, esc, esc[1] == 'u' ? 6 : 2);
    }
    if (st == AC_OK)
        st = ac_buf_add(out, s + run, n - run);
    if (st == AC_OK)
        st = ac_buf_putc(out, '"');
    return st;
}

/* ,"key": */
static ac_status jkey(ac_buf *b, const char *key)
{
    ac_status st = ac_buf_add(b, ",\"", 2);
    st = st ?: ac_buf_puts(b, key);
    return st ?: ac_buf_add(b, "\":", 2);
}

static ac_status jstr(ac_buf *b, const char *key, const char *v)
{
    ac_status st = jkey(b, key);
    if (st == AC_OK)
        st = ac_json_escape(b, v ? v : "", v ? strlen(v) : 0);
    return st;
}

/* The sentence text, with line breaks folded to spaces for one-line output. */
static ac_status sentence_json(ac_buf *b, const ac_doc *doc, uint32_t sid)
{
    const ac_sentence *s = ac_doc_sentence(doc, sid);
    char small[2048];
    size_t n = s->len < sizeof small ? s->len : sizeof small - 1;
    memcpy(small, doc->text + s->start, n);
    for (size_t i = 0; i < n; i++)
        if (small[i] == '\n')
            small[i] = ' ';
    /* Do not cut a UTF-8 sequence when truncating. */
    while (n < s->len && n > 0 && ((unsigned char)small[n] & 0xC0) == 0x80)
        n--;
    return ac_json_escape(b, small, n);
}

static ac_status write_json(const ac_doc *doc, const ac_story *story, const ac_event *e, ac_buf *b)
{
    ac_status st = ac_buf_puts(b, "{\"story_id\":");
    st = st ?: ac_json_escape(b, story->id, strlen(story->id));
    st = st ?: jkey(b, "sentence_id");
    st = st ?: ac_buf_uint(b, e->sentence_id);
    st = st ?: jstr(b, "date", doc->date_str);
    st = st ?: jstr(b, "source", e->source);
    st = st ?: jstr(b, "target", e->target);
    st = st ?: jstr(b, "source_text", e->source_text);
    st = st ?: jstr(b, "target_text", e->target_text);
    st = st ?: jstr(b, "code", e->code);
    st = st ?: jstr(b, "root", e->root);
    st = st ?: ac_buf_printf(b, ",\"quad\":%d,\"goldstein\":%.1f", e->quad, e->goldstein);
    st = st ?: jstr(b, "plover", e->plover);
    st = st ?: jstr(b, "mood", ac_mood_name(e->mood));
    st = st ?: jstr(b, "verb_text", e->verb_text);
    st = st ?: jstr(b, "pattern", e->pattern);
    st = st ?: ac_buf_puts(b, ",\"sentence\":");
    st = st ?: sentence_json(b, doc, e->sentence_id);
    st = st ?: ac_buf_puts(b, "}\n");
    return st;
}

/* PETRARCH2: date, source, target, code, ids, url, source name, then the
 * actor texts and the event text. Dates as YYYYMMDD. */
static ac_status write_tsv(const ac_doc *doc, const ac_story *story, const ac_event *e, ac_buf *b)
{
    char date[16] = "";
    size_t k = 0;
    for (const char *p = doc->date_str; *p && k < 8; p++)
        if (*p != '-')
            date[k++] = *p;
    date[k] = '\0';
    return ac_buf_printf(b, "%s\t%s\t%s\t%s\t%s-%u\t%s\t%s\t%s\t%s\t%s\n", date, e->source,
                         e->target, e->code, story->id, e->sentence_id, story->url ? story->url : "",
                         story->source ? story->source : "", e->source_text, e->target_text,
                         e->verb_text);
}

static const char *sector_of(const char *code)
{
    /* The role part of a CAMEO actor code after a three-letter country. */
    return strlen(code) > 3 ? code + 3 : "";
}

static ac_status write_plover(const ac_doc *doc, const ac_story *story, const ac_event *e,
                              size_t idx, ac_buf *b)
{
    char country_s[4] = "", country_t[4] = "";
    memcpy(country_s, e->source, strlen(e->source) >= 3 ? 3 : 0);
    memcpy(country_t, e->target, strlen(e->target) >= 3 ? 3 : 0);
    ac_status st = ac_buf_puts(b, "{\"id\":");
    char id[512];
    snprintf(id, sizeof id, "%s-%u-%zu", story->id, e->sentence_id, idx);
    st = st ?: ac_json_escape(b, id, strlen(id));
    st = st ?: jstr(b, "date", doc->date_str);
    st = st ?: ac_buf_puts(b, ",\"event\":[");
    st = st ?: ac_json_escape(b, e->plover, strlen(e->plover));
    st = st ?: ac_buf_puts(b, "],\"actor\":[{\"code\":");
    st = st ?: ac_json_escape(b, country_s, strlen(country_s));
    st = st ?: jstr(b, "sector", sector_of(e->source));
    st = st ?: jstr(b, "entity_text", e->source_text);
    st = st ?: ac_buf_puts(b, "}],\"recipient\":[{\"code\":");
    st = st ?: ac_json_escape(b, country_t, strlen(country_t));
    st = st ?: jstr(b, "sector", sector_of(e->target));
    st = st ?: jstr(b, "entity_text", e->target_text);
    st = st ?: ac_buf_puts(b, "}]");
    st = st ?: ac_buf_printf(b, ",\"quad_code\":%d", e->quad);
    st = st ?: ac_buf_puts(b, ",\"mode\":[");
    if (e->mood != AC_MOOD_DONE && st == AC_OK)
        st = ac_json_escape(b, ac_mood_name(e->mood), strlen(ac_mood_name(e->mood)));
    st = st ?: ac_buf_puts(b, "]");
    st = st ?: jstr(b, "event_text", e->verb_text);
    st = st ?: ac_buf_puts(b, ",\"text\":");
    st = st ?: sentence_json(b, doc, e->sentence_id);
    st = st ?: jstr(b, "cameo", e->code);
    st = st ?: jstr(b, "coder", "accord " ACCORD_VERSION);
    st = st ?: jstr(b, "link", story->url);
    st = st ?: ac_buf_puts(b, "}\n");
    return st;
}

ac_status ac_write_events(const ac_doc *doc, const ac_story *story, ac_output_format fmt, ac_buf *out)
{
    ac_status st = AC_OK;
    for (size_t i = 0; i < doc->nevents && st == AC_OK; i++) {
        const ac_event *e = &doc->events[i];
        switch (fmt) {
        case AC_OUT_JSON: st = write_json(doc, story, e, out); break;
        case AC_OUT_TSV: st = write_tsv(doc, story, e, out); break;
        case AC_OUT_PLOVER: st = write_plover(doc, story, e, i, out); break;
        default: st = AC_EINVAL;
        }
    }
    return st;
}
