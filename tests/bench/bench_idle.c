/* bench_idle: what this machine charges for memory left alone a moment, to read
 * the figures of tests/bench/ui.sh by. The kiosk's attract loop draws one frame
 * every 8 s into its framebuffer, which on X11 is a MIT-SHM segment (8 MiB at
 * 1920x1080). A virtual machine whose host takes back or moves idle guest memory
 * makes the first write after a pause cost far more than on bare hardware, and
 * that cost lands in the kiosk's CPU time. Prints the time to write 8 MiB of a
 * System V shared memory segment again at once and after a pause of each length,
 * medians of RUNS. Then the first write to 8 MiB of memory just mapped (a page
 * fault a page, as a process start, an install or a new glyph cache pays for all it
 * allocates): on a host that backs guest memory only when it is first touched, this
 * is many times dearer than on bare hardware, and so are the rows that allocate.
 * Usage: bench_idle [PAUSE_MS...]   (default 0 1000 8000) */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/mman.h>
#include <sys/shm.h>
#include <time.h>

#define BYTES (8u << 20)
#define RUNS 3

static double now_ms(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

static void pause_ms(long ms)
{
	struct timespec t = { ms / 1000, (ms % 1000) * 1000000L };
	while (nanosleep(&t, &t) != 0)
		;
}

/* different bytes in every page, as a frame has: no page can be shared */
static void write_all(volatile uint32_t *p, uint32_t seed)
{
	for (size_t i = 0; i < BYTES / 4; i++)
		p[i] = (uint32_t)i * 2654435761u + seed;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

int main(int argc, char **argv)
{
	static const long dflt[] = { 0, 1000, 8000 };
	int id = shmget(IPC_PRIVATE, BYTES, IPC_CREAT | 0600);
	volatile uint32_t *p = id < 0 ? NULL : shmat(id, NULL, 0);
	uint32_t seed = 1;
	int n = argc > 1 ? argc - 1 : (int)(sizeof(dflt) / sizeof(dflt[0]));

	if (id >= 0)
		shmctl(id, IPC_RMID, NULL); /* gone with the process */
	if (!p || p == (void *)-1) {
		perror("bench_idle: shmget/shmat");
		return 1;
	}
	write_all(p, seed++); /* the pages exist from here on */
	printf("this machine: writing 8 MiB of shared memory again (median of %d), after a pause of", RUNS);
	for (int k = 0; k < n; k++) {
		long ms = argc > 1 ? atol(argv[k + 1]) : dflt[k];
		double t[RUNS];
		for (int r = 0; r < RUNS; r++) {
			double t0;
			write_all(p, seed++);
			pause_ms(ms);
			t0 = now_ms();
			write_all(p, seed++);
			t[r] = now_ms() - t0;
		}
		qsort(t, RUNS, sizeof(t[0]), cmp_double);
		printf("%s %ld ms: %.1f ms", k ? "," : "", ms, t[RUNS / 2]);
		fflush(stdout);
	}
	printf("\n");
	shmdt((const void *)p);
	{
		double t[RUNS];
		for (int r = 0; r < RUNS; r++) {
			double t0 = now_ms();
			void *m = mmap(NULL, BYTES, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
			if (m == MAP_FAILED) {
				perror("bench_idle: mmap");
				return 1;
			}
			write_all(m, seed++);
			t[r] = now_ms() - t0;
			munmap(m, BYTES);
		}
		qsort(t, RUNS, sizeof(t[0]), cmp_double);
		printf("this machine: the first write to 8 MiB just mapped (median of %d): %.1f ms, %.2f us a page\n",
		       RUNS, t[RUNS / 2], t[RUNS / 2] * 1e3 / (BYTES / 4096));
	}
	return 0;
}
