#include "cpu.h"

#include <sched.h>
#include <unistd.h>

int cpu_count(void)
{
	cpu_set_t set;
	long n;

	CPU_ZERO(&set);
	if (sched_getaffinity(0, sizeof(set), &set) == 0 && CPU_COUNT(&set) > 0)
		return CPU_COUNT(&set);
	n = sysconf(_SC_NPROCESSORS_ONLN);
	return n > 1 ? (int)(n > 4096 ? 4096 : n) : 1;
}

int cpu_helper_start(pthread_t *th, void *(*fn)(void *), void *arg)
{
	return cpu_count() > 1 && pthread_create(th, NULL, fn, arg) == 0;
}
