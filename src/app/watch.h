/* watch.h: a thread that tells the main loop when the catalog was written or the
 * wall clock was set, so that the loop need not wake up to look.
 *
 * The catalog is written by another connection (the inbox worker, or `kiosk pack
 * install` from a shell): every commit in WAL mode writes DIR/catalog.db-wal, and a
 * checkpoint or a new catalog writes or renames DIR/catalog.db. inotify(7) on DIR
 * reports those writes (IN_MODIFY, IN_MOVED_TO, IN_CREATE, IN_DELETE) for names
 * that begin with the catalog's name; other files of the folder (stats.db, the
 * inbox) are not the catalog's and do not count, nor does the -shm index, which
 * every reader writes. Not IN_CLOSE_WRITE: a reader (kiosk shot, doctor) opens the
 * WAL for writing and closes it without writing, and must not wake the kiosk.
 *
 * The clock: a CLOCK_REALTIME timerfd armed with TFD_TIMER_CANCEL_ON_SET fails its
 * read with ECANCELED when the clock is set (timerfd_create(2)), which is when the
 * pack dates and opening hours must be judged again.
 *
 * Changes come in bursts (an install writes the WAL thousands of times): after a
 * call to `changed` the thread gathers what follows for WATCH_GATHER_MS before it
 * calls again, so the main loop looks once or twice per install, not per write. */
#ifndef KIOSK_WATCH_H
#define KIOSK_WATCH_H

#define WATCH_GATHER_MS 200

struct watch;

/* Start watching folder `dir` for writes to files whose names begin with `prefix`
 * (UTF-8, e.g. "catalog.db"), and the clock. `changed(ctx)` is called on the
 * watching thread (so it must only set an atomic flag and wake the main loop).
 * Returns NULL, and writes a line to stderr, when the folder cannot be watched
 * (no inotify, a folder that is not there yet): the caller then looks now and
 * then instead. Free with watch_stop. */
struct watch *watch_start(const char *dir, const char *prefix, void (*changed)(void *ctx), void *ctx);
/* 1 while the folder is watched; 0 once it was removed or renamed (IN_IGNORED) or
 * events were lost for good, when the caller must look now and then again. */
int watch_alive(struct watch *w);
/* Stop the thread and free. NULL is fine. */
void watch_stop(struct watch *w);

#endif
