/* cpu.h: how many processors this process may run on, and helper threads that
 * start only when one of the others can run them. */
#ifndef KIOSK_CPU_H
#define KIOSK_CPU_H

#include <pthread.h>

/* The number of CPUs in the calling thread's affinity mask (sched_getaffinity(2)):
 * what taskset(1), a cgroup's cpuset or systemd's CPUAffinity= leave it; the
 * online CPUs when the mask cannot be read; at least 1. An install's helper
 * threads (checking the zip, preparing and tokenizing pages, hashing and copying
 * the file) start only when it is 2 or more: on one CPU they take turns with the
 * thread that waits for them, and the switches and hand-overs cost more than they
 * save (about 6 % of a 10,000-exhibit install's CPU time, pinned to one core). */
int cpu_count(void);

/* Start fn(arg) on a new thread (default attributes) when cpu_count() is 2 or
 * more: 1 when it started (the caller joins *th), 0 when there is one CPU or
 * pthread_create failed, and the caller then does the work itself. */
int cpu_helper_start(pthread_t *th, void *(*fn)(void *), void *arg);

#endif
