/* killafter.c: run a command and SIGKILL it after a delay given in microseconds,
 * for tests/cli/t_crash.sh (shell sleeps cannot go below a millisecond or so).
 *
 *   killafter [-t FILE] USEC COMMAND [ARG...]
 *
 * USEC < 0 never kills. The exit status is the command's, or 137 when it died of
 * SIGKILL (as a shell reports it), 128+N for another signal, 127 when it could not be
 * started. -t FILE writes the microseconds the command ran (until it exited or was
 * killed) to FILE, so that a test can measure a command's normal duration first. */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static long long now_us(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (long long)t.tv_sec * 1000000 + t.tv_nsec / 1000;
}

int main(int argc, char **argv)
{
	const char *tfile = NULL;
	long long usec, t0, dt;
	int status, argi = 1;
	pid_t pid;

	if (argc > 2 && !strcmp(argv[1], "-t")) {
		tfile = argv[2];
		argi = 3;
	}
	if (argc < argi + 2) {
		fputs("usage: killafter [-t FILE] USEC COMMAND [ARG...]\n", stderr);
		return 2;
	}
	usec = atoll(argv[argi]);
	t0 = now_us();
	pid = fork();
	if (pid < 0) {
		perror("killafter: fork");
		return 127;
	}
	if (pid == 0) {
		execvp(argv[argi + 1], argv + argi + 1);
		fprintf(stderr, "killafter: %s: %s\n", argv[argi + 1], strerror(errno));
		_exit(127);
	}
	if (usec >= 0) {
		struct timespec ts = { (time_t)(usec / 1000000), (long)(usec % 1000000) * 1000 };
		while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
			;
		kill(pid, SIGKILL);
	}
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR) {
			perror("killafter: waitpid");
			return 127;
		}
	dt = now_us() - t0;
	if (tfile) {
		FILE *f = fopen(tfile, "w");
		if (f) {
			fprintf(f, "%lld\n", dt);
			fclose(f);
		}
	}
	if (WIFSIGNALED(status))
		return 128 + WTERMSIG(status);
	return WEXITSTATUS(status);
}
