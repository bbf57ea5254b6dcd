# tests/torture.mk: the tools of the crash-safety tests and `make torture`.
# Included from the Makefile with `include tests/torture.mk` (after its rules).
#
#   crash-tools   $(BUILD)/tests/faultfs.so (the LD_PRELOAD shim of t_faults.sh) and
#                 $(BUILD)/tests/killafter (the SIGKILL timer of t_crash.sh); `make test`
#                 and `make check` must build it before tests/run.sh runs; and
#                 $(BUILD)/tests/failmalloc.so (the allocation-failure shim of t_nomem.sh)
#   torture       thousands of SIGKILLs (CRASH_ITERATIONS, default 3000) and the full
#                 fault matrix (every call, ENOSPC and EIO, one-shot and sticky, every
#                 scenario); `make torture SAN=1 BUILD=build/asan OPT="-O1 -g"` under ASan

CRASH_TOOLS := $(BUILD)/tests/faultfs.so $(BUILD)/tests/killafter $(BUILD)/tests/failmalloc.so
CRASH_ITERATIONS ?= 3000

.PHONY: crash-tools torture

crash-tools: $(CRASH_TOOLS)

# Built without $(CFLAGS) on purpose: the shim is preloaded into sanitized and plain
# builds alike, so it must not carry the sanitizer runtime itself.
$(BUILD)/tests/faultfs.so: tests/faultfs.c
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  CC      $@")
	$(Q)$(CC) -std=c11 -O2 -g -Wall -Wextra -Werror -fPIC -shared -o $@ $< -ldl

$(BUILD)/tests/failmalloc.so: tests/failmalloc.c
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  CC      $@")
	$(Q)$(CC) -std=c11 -O2 -g -Wall -Wextra -Werror -fPIC -shared -o $@ $<

$(BUILD)/tests/killafter: tests/killafter.c
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  CC      $@")
	$(Q)$(CC) -std=c11 -O2 -g -Wall -Wextra -Werror -o $@ $<

torture: deps
	$(Q)$(MAKE) --no-print-directory all crash-tools
	$(Q)CRASH_ITERATIONS=$(CRASH_ITERATIONS) sh tests/run.sh $(BUILD) t_crash
	$(Q)FAULT_MATRIX=full sh tests/run.sh $(BUILD) t_faults
