/* pin.h: the technician PIN: stored as a libsodium crypto_pwhash_str hash
 * (Argon2id, salt and cost inside the string) and checked with a lock-out.
 *
 * Where: the file kiosk.pin beside the config file in use (/etc/kiosk/kiosk.pin
 * for the system kiosk), else $XDG_CONFIG_HOME/kiosk/kiosk.pin. Not inside the
 * config itself: the config is a hand-edited Debian conffile (a program rewriting
 * it would drop comments and make every upgrade ask about local changes) and inih
 * only reads. Beside it, it is set by whoever may change the config (root for the
 * system kiosk), and is written 0640 with the config file's group, so that the
 * kiosk's user can read it but not change it.
 *
 * Lock-out: after PIN_TRIES wrong PINs in a row, no PIN is checked for
 * PIN_LOCK_MS; each further wrong PIN doubles that time, up to PIN_LOCK_MAX_MS.
 * A right PIN clears it. The state is the caller's (the PIN pad screen keeps it). */
#ifndef KIOSK_PIN_H
#define KIOSK_PIN_H

#include <stddef.h>
#include <stdint.h>

struct config;
struct err;

#define PIN_MIN_DIGITS 4
#define PIN_MAX_DIGITS 12
#define PIN_HASH_MAX 128          /* crypto_pwhash_STRBYTES */
#define PIN_TRIES 5
#define PIN_LOCK_MS 30000         /* the first lock-out: 30 s */
#define PIN_LOCK_MAX_MS 3600000   /* at most an hour */
/* Argon2id cost: libsodium's "interactive" operations with 16 MiB rather than its
 * 64 MiB, so that a check fits in the kiosk's memory budget (DESIGN.md, 60 MiB);
 * with at most a few guesses an hour, the lock-out is what protects a short PIN */
#define PIN_MEMLIMIT (16u << 20)

/* 0 when pin is PIN_MIN_DIGITS to PIN_MAX_DIGITS ASCII digits, else -1 with a
 * message saying so. */
int pin_valid(const char *pin, struct err *e);

/* Hash pin into out (NUL-terminated, at most PIN_HASH_MAX bytes). */
int pin_hash(const char *pin, char out[PIN_HASH_MAX], struct err *e);

/* The PIN file for config c (see above), a new string. */
char *pin_path(const struct config *c);

/* Write the hash of pin to path atomically (0640, the group of `group_of` when
 * given and present). */
int pin_store(const char *path, const char *pin, const char *group_of, struct err *e);

/* Read the hash stored at path. 1 read, 0 no PIN is set (no file), -1 error. */
int pin_load(const char *path, char out[PIN_HASH_MAX], struct err *e);

struct pin_guard {
	int wrong;            /* wrong PINs in a row */
	int64_t locked_until; /* ms, in the caller's clock; 0 when not locked */
};

enum pin_result {
	PIN_RIGHT = 0,
	PIN_WRONG,            /* wrong; *wait_ms says how long a lock-out now runs, 0 none */
	PIN_LOCKED            /* not checked: locked for *wait_ms more */
};

/* Check pin against hash at now_ms (a monotonic clock in ms), keeping the lock-out
 * in g (zero-initialised once by the caller). wait_ms may be NULL. */
enum pin_result pin_check(struct pin_guard *g, const char *hash, const char *pin, int64_t now_ms,
			  int64_t *wait_ms);

#endif
