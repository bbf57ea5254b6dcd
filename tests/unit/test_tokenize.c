/* test_tokenize.c: the tokens a document gives FTS5, worked out ahead
 * (token_recorder_run) and given back (tokenize_expect), are those the tokenizer
 * gives by itself: each token of tokenize_run and each word's short prefixes, once,
 * in the order they first come. */
#include "test.h"
#include "catalog/tokenize.h"
#include "core/buf.h"
#include "core/utf8.h"
#include "core/xalloc.h"

#include <sqlite3.h>
#include <stdlib.h>

struct ref {
	struct buf out;  /* tokens shown, one a line */
	char **seen;
	size_t n, cap;
};

static void give(struct ref *r, const char *tok, int n)
{
	for (size_t i = 0; i < r->n; i++)
		if ((int)strlen(r->seen[i]) == n && !memcmp(r->seen[i], tok, (size_t)n))
			return;
	r->seen = xgrow(r->seen, &r->cap, r->n + 1, sizeof(*r->seen));
	r->seen[r->n++] = xstrndup(tok, (size_t)n);
	buf_add(&r->out, tok, (size_t)n);
	buf_addc(&r->out, '\n');
}

/* The rule of tokenize.h, written out: a word's first 1 to 3 characters after
 * TOKEN_PREFIX_MARK, when shorter than the word; CJK and marked tokens have none. */
static int reference(void *ctx, int colocated, const char *tok, int n, int start, int end)
{
	struct ref *r = ctx;
	size_t i = 0, j = 0;
	int32_t c;

	(void)start;
	(void)end;
	give(r, tok, n);
	if (colocated || n <= 0 || tok[0] == TOKEN_PREFIX_MARK || tok[0] == TOKEN_ONSET_MARK)
		return SQLITE_OK;
	c = utf8_next(tok, (size_t)n, &j);
	if (c >= 0x80 && utf8_is_cjk(c))
		return SQLITE_OK;
	for (int k = 1; k <= 3; k++) {
		char p[1 + 3 * 4];
		utf8_next(tok, (size_t)n, &i);
		if (i >= (size_t)n)
			break;
		p[0] = TOKEN_PREFIX_MARK;
		memcpy(p + 1, tok, i);
		give(r, p, (int)i + 1);
	}
	return SQLITE_OK;
}

static char *recorded(struct token_recorder *rec, struct token_list *l, const char *text)
{
	struct buf b = BUF_INIT;

	token_recorder_run(rec, text, (int)strlen(text), l);
	for (size_t i = 0; i < token_list_count(l); i++) {
		int n;
		const char *t = token_list_token(l, i, &n);
		buf_add(&b, t, (size_t)n);
		buf_addc(&b, '\n');
	}
	return buf_detach(&b, NULL);
}

/* The bytes of an FTS5 table's index, in hexadecimal, to compare two tables. */
static char *index_of(sqlite3 *db, const char *table)
{
	char *sql = xasprintf("SELECT id, block FROM %s_data ORDER BY id", table);
	struct buf b = BUF_INIT;
	sqlite3_stmt *st;

	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK) {
		while (sqlite3_step(st) == SQLITE_ROW) {
			const unsigned char *v = sqlite3_column_blob(st, 1);
			int n = sqlite3_column_bytes(st, 1);
			buf_addf(&b, "%lld:", (long long)sqlite3_column_int64(st, 0));
			for (int i = 0; i < n; i++)
				buf_addf(&b, "%02x", v[i]);
			buf_addc(&b, '\n');
		}
		sqlite3_finalize(st);
	}
	free(sql);
	return buf_detach(&b, NULL);
}

static int insert(sqlite3 *db, const char *table, const char *text)
{
	char *sql = xasprintf("INSERT INTO %s(x) VALUES (?1)", table);
	sqlite3_stmt *st;
	int rc = -1;

	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK) {
		sqlite3_bind_text(st, 1, text, -1, SQLITE_STATIC);
		rc = sqlite3_step(st) == SQLITE_DONE ? 0 : -1;
		sqlite3_finalize(st);
	}
	free(sql);
	return rc;
}

int main(void)
{
	static const char *const docs[] = {
		"한국 사람들이 한국어로 한국의 역사를 말한다. 사람 사람 사람",
		/* a circled syllable folds to the syllable as a word, before the syllable */
		"\xe3\x89\xae 가나다 가가 \xe3\x89\xae가",
		"The ferryman ferried the families: the family's ferry, FERRY, fer.",
		"ㄱㄴㄷ ㄱㄴ 가나다라 ㄱ 한글 ｆａｍｉｌｙ 漢字 漢字 かな かな",
		"",
		"a",
	};
	struct token_recorder *rec = token_recorder_new();
	struct token_list *l = token_list_new(), *other = token_list_new();
	struct tokenize_replay *replay = NULL;
	sqlite3 *db = NULL;

	/* and a long page: more tokens than the tables of a page start with (thousands
	 * of words and syllable pairs, seen once and again), then a short one after it */
	struct buf big = BUF_INIT;
	uint32_t x = 1;
	for (int i = 0; i < 6000; i++) {
		char syl[4];
		x = x * 1103515245u + 12345u; /* an LCG (ISO C's rand example) */
		buf_addf(&big, "w%x ", (x >> 16) % 4000);
		for (int k = 0; k < 3; k++) { /* a run of syllables: bigrams */
			x = x * 1103515245u + 12345u;
			syl[utf8_put(syl, (int32_t)(0xAC00 + (x >> 16) % 600))] = 0;
			buf_adds(&big, syl);
		}
		if (i % 7 == 0)
			buf_adds(&big, ". ");
	}
	const char *more[] = { big.data, docs[0], big.data, docs[3] };

	for (size_t d = 0; d < sizeof(docs) / sizeof(*docs) + sizeof(more) / sizeof(*more); d++) {
		struct ref r = { BUF_INIT, NULL, 0, 0 };
		const char *text = d < sizeof(docs) / sizeof(*docs) ? docs[d] : more[d - sizeof(docs) / sizeof(*docs)];
		char *got;

		tokenize_run(text, (int)strlen(text), 0, reference, &r);
		got = recorded(rec, l, text);
		CHECK(got && !strcmp(got, r.out.data), "the tokens recorded for a document of %zu bytes", strlen(text));
		if (text == big.data)
			CHECK(r.n > 10000, "the long page gives %zu tokens", r.n);
		free(got);
		for (size_t i = 0; i < r.n; i++)
			free(r.seen[i]);
		free(r.seen);
		buf_release(&r.out);
	}
	buf_release(&big);

	/* FTS5 indexes the same, whether it is given the recorded tokens or not, and a
	 * list for other text is not given */
	CHECK(sqlite3_open(":memory:", &db) == SQLITE_OK && tokenize_register(db, &replay) == 0 && replay,
	      "the tokenizer registers");
	CHECK(sqlite3_exec(db,
			   "CREATE VIRTUAL TABLE a USING fts5(x, tokenize='kiosk', detail=none);"
			   "CREATE VIRTUAL TABLE b USING fts5(x, tokenize='kiosk', detail=none);"
			   "CREATE VIRTUAL TABLE c USING fts5(x, tokenize='kiosk', detail=none);",
			   NULL, NULL, NULL) == SQLITE_OK, "the tables are made");
	token_recorder_run(rec, docs[2], (int)strlen(docs[2]), other);
	for (size_t d = 0; d < sizeof(docs) / sizeof(*docs); d++) {
		int n = (int)strlen(docs[d]);
		token_recorder_run(rec, docs[d], n, l);
		CHECK(insert(db, "a", docs[d]) == 0, "document %zu indexed", d);
		tokenize_expect(replay, 0, docs[d], n, l);
		CHECK(insert(db, "b", docs[d]) == 0, "document %zu indexed from its recorded tokens", d);
		/* expected: the tokens of another document, for this one's text length */
		tokenize_expect(replay, 0, docs[d], n, d == 2 ? l : other);
		if (d == 2)
			tokenize_expect(replay, 1, "not this text", 13, other);
		CHECK(insert(db, "c", docs[d]) == 0, "document %zu indexed with another's tokens expected", d);
		tokenize_expect(replay, 0, NULL, 0, NULL);
		tokenize_expect(replay, 1, NULL, 0, NULL);
	}
	{
		char *a = index_of(db, "a"), *b = index_of(db, "b"), *c = index_of(db, "c");
		CHECK(strlen(a) > 100 && !strcmp(a, b), "the index made from recorded tokens is the same");
		CHECK(strcmp(a, c) != 0, "a recorded list is given for the text it is expected for, whatever it holds");
		free(a);
		free(b);
		free(c);
	}
	sqlite3_close(db);
	token_list_free(l);
	token_list_free(other);
	token_recorder_free(rec);
	return test_failures;
}
