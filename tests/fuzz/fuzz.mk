# tests/fuzz/fuzz.mk: the libFuzzer harnesses of tests/fuzz/, built with clang,
# AddressSanitizer and UndefinedBehaviorSanitizer. Included from the Makefile after
# BUILD, PKGS and Q are set; uses the Makefile's $(BUILD)/kiosk to build the packs
# of the seed corpus.
#
#   make fuzz              each harness for FUZZ_SECONDS (60) from the corpus
#   make fuzz-smoke        replay the corpus and the regressions, then fuzz each
#                          harness for FUZZ_SMOKE_SECONDS (10)
#   make fuzz-build        only build the harnesses
#
# The corpus is $(BUILD)/fuzz/corpus/<harness>/: the seeds of tests/fuzz/make_corpus.py
# and what the fuzzers add to it; $(BUILD)/fuzz/stress/ holds generated inputs too slow
# to fuzz from, only replayed. Reproducers of fixed bugs are committed in
# tests/fuzz/regress/<harness>/ and replayed every time. Crashes are written to
# $(BUILD)/fuzz/artifacts/<harness>/; replay one with `build/fuzz/fuzz_zip FILE`
# (FUZZ_VERBOSE=1 makes fuzz_zip say why it refuses an input). Needs clang and
# libclang-rt-14-dev (libFuzzer) on Debian 12.

FUZZ_CC       ?= clang
FUZZ_SECONDS  ?= 60
FUZZ_SMOKE_SECONDS ?= 10
FUZZ_DIR      := $(BUILD)/fuzz
FUZZ_NAMES    := zip ini markdown query vtt route png
FUZZ_BIN      := $(FUZZ_NAMES:%=$(FUZZ_DIR)/fuzz_%)
FUZZ_LIB_SRC  := $(sort $(wildcard src/core/*.c src/pack/*.c src/catalog/*.c src/text/*.c \
                   src/media/*.c) src/app/router.c)
FUZZ_LIB_OBJ  := $(FUZZ_LIB_SRC:%.c=$(FUZZ_DIR)/obj/%.o)
FUZZ_SAN      := -fsanitize=address,undefined -fno-sanitize-recover=undefined \
                 -fno-omit-frame-pointer
FUZZ_CFLAGS   := -std=c11 -D_GNU_SOURCE -O1 -g $(FUZZ_SAN) \
                 -Wall -Wextra -Wshadow -Wno-unused-parameter -Werror -Isrc -MMD -MP \
                 $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
FUZZ_LDLIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lpthread -lm

FUZZ_CORPUS   := $(FUZZ_DIR)/corpus
FUZZ_STAMP    := $(FUZZ_DIR)/corpus.made

.PHONY: fuzz fuzz-smoke fuzz-build fuzz-corpus

fuzz-build: $(FUZZ_BIN)

$(FUZZ_DIR)/obj/%.o: %.c
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  FUZZCC  $<")
	$(Q)$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link -c -o $@ $<

$(FUZZ_DIR)/libkiosk-fuzz.a: $(FUZZ_LIB_OBJ)
	@$(if $(Q),echo "  AR      $@")
	$(Q)rm -f $@ && ar rcs $@ $^

# the query harness installs the demo pack from the source tree
$(FUZZ_DIR)/obj/tests/fuzz/fuzz_query.o: FUZZ_CFLAGS += -DFUZZ_TOP='"$(CURDIR)"'

$(FUZZ_DIR)/fuzz_%: $(FUZZ_DIR)/obj/tests/fuzz/fuzz_%.o $(FUZZ_DIR)/libkiosk-fuzz.a
	@$(if $(Q),echo "  LINK    $@")
	$(Q)$(FUZZ_CC) $(FUZZ_SAN) -fsanitize=fuzzer -o $@ $^ $(FUZZ_LDLIBS)

$(FUZZ_STAMP): tests/fuzz/make_corpus.py tests/cli/gen_hostile.py $(BUILD)/kiosk
	@$(if $(Q),echo "  CORPUS  $(FUZZ_CORPUS)")
	$(Q)python3 tests/fuzz/make_corpus.py $(BUILD)/kiosk $(FUZZ_DIR)
	$(Q)touch $@

fuzz-corpus: $(FUZZ_STAMP)

# tests/fuzz/run.sh runs them and prints runs, executions per second and memory
fuzz: $(FUZZ_BIN) $(FUZZ_STAMP)
	$(Q)sh tests/fuzz/run.sh fuzz $(FUZZ_DIR) $(FUZZ_SECONDS) $(FUZZ_NAMES)

fuzz-smoke: $(FUZZ_BIN) $(FUZZ_STAMP)
	$(Q)sh tests/fuzz/run.sh replay $(FUZZ_DIR) $(FUZZ_NAMES)
	$(Q)sh tests/fuzz/run.sh fuzz $(FUZZ_DIR) $(FUZZ_SMOKE_SECONDS) $(FUZZ_NAMES)

-include $(FUZZ_LIB_OBJ:.o=.d) $(FUZZ_NAMES:%=$(FUZZ_DIR)/obj/tests/fuzz/fuzz_%.d)
