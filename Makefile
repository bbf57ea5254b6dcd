# kiosk: one Makefile, pkg-config for every library, objects in $(BUILD)/.
# `make V=1` shows the commands; `make SAN=1 BUILD=build/asan` builds with ASan and UBSan.

BUILD   ?= build
# the version: the first line of the Debian changelog, without the Debian revision
VERSION := $(shell head -1 packaging/debian/changelog 2>/dev/null | cut -d' ' -f2 | tr -d '()' | cut -d- -f1)
PKGS    := sdl2 SDL2_ttf SDL2_image libzip sqlite3 libunibreak fontconfig libcmark inih \
           libsodium libutf8proc libpng libjpeg libwebp \
           libhangul SDL2_mixer libsystemd cairo
CC      ?= cc
OPT     ?= -O2 -g
WARN    := -Wall -Wextra -Wshadow -Wno-unused-parameter -Werror
CFLAGS  := -std=c11 -D_GNU_SOURCE $(OPT) $(WARN) -Isrc -MMD -MP \
           $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
LDLIBS  := $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lpthread -lm
ifeq ($(SAN),1)
CFLAGS  += -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
LDFLAGS += -fsanitize=address,undefined
endif

ifeq ($(V),1)
Q :=
else
Q := @
endif

LIB_SRC  := $(sort $(wildcard src/core/*.c src/pack/*.c src/catalog/*.c src/text/*.c \
              src/media/*.c src/ui/*.c src/screens/*.c src/app/*.c))
CLI_SRC  := $(sort $(wildcard src/cli/*.c))
UNIT_SRC := $(sort $(wildcard tests/unit/test_*.c))
LIB_OBJ  := $(LIB_SRC:%.c=$(BUILD)/%.o)
CLI_OBJ  := $(CLI_SRC:%.c=$(BUILD)/%.o)
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)
BENCH_BIN := $(BUILD)/tests/bench_search $(BUILD)/tests/bench_text

DEMO_SRC := content-packs/defectors-day
DEMO_ZIP := $(BUILD)/defectors-day.zip
DEMO_KEY := $(BUILD)/demo-key
RUN_DATA := $(BUILD)/data

# keep the objects of test programs between runs
.SECONDARY:

.PHONY: all deps test check bench run clean unit-test cli-test demo
all: $(BUILD)/kiosk

deps:
	$(Q)sh packaging/install-deps.sh

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  CC      $<")
	$(Q)$(CC) $(CFLAGS) -c -o $@ $<

# `kiosk --version`: the version and every library's version at build time
$(BUILD)/src/cli/main.o: CFLAGS += -DKIOSK_VERSION='"$(VERSION)"' \
	-DKIOSK_LIBS='"$(shell for p in $(PKGS); do printf '%s %s, ' $$p $$(pkg-config --modversion $$p); done | sed 's/, $$//')"'
$(BUILD)/src/cli/main.o: packaging/debian/changelog

$(BUILD)/libkiosk.a: $(LIB_OBJ)
	@$(if $(Q),echo "  AR      $@")
	$(Q)rm -f $@ && ar rcs $@ $^

$(BUILD)/kiosk: $(CLI_OBJ) $(BUILD)/libkiosk.a
	@$(if $(Q),echo "  LINK    $@")
	$(Q)$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(BUILD)/tests/%: $(BUILD)/tests/unit/%.o $(BUILD)/libkiosk.a
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  LINK    $@")
	$(Q)$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(BUILD)/tests/pngdiff: $(BUILD)/tests/tools/pngdiff.o
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(BUILD)/tests/bench_search: $(BUILD)/tests/bench/bench_search.o $(BUILD)/libkiosk.a
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(BUILD)/tests/bench_text: $(BUILD)/tests/bench/bench_text.o $(BUILD)/libkiosk.a
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(DEMO_ZIP): $(BUILD)/kiosk $(shell find $(DEMO_SRC) -type f 2>/dev/null)
	$(Q)$(BUILD)/kiosk pack build $(DEMO_SRC) -o $@

# `make run` installs the demo pack signed, as a kiosk wants it, with a key made once
$(DEMO_KEY).key: | $(BUILD)/kiosk
	$(Q)$(BUILD)/kiosk key generate -o $(DEMO_KEY) >/dev/null

$(DEMO_ZIP).minisig: $(DEMO_ZIP) $(DEMO_KEY).key
	$(Q)$(BUILD)/kiosk pack sign $(DEMO_ZIP) --key $(DEMO_KEY).key >/dev/null

demo: $(DEMO_ZIP)

# The tests: unit tests of each module, then shell tests of every command.
test: deps
	$(Q)$(MAKE) --no-print-directory all $(UNIT_BIN) $(BUILD)/tests/pngdiff crash-tools
	$(Q)sh tests/run.sh $(BUILD)

# The same tests under AddressSanitizer and UndefinedBehaviorSanitizer.
check: test
	$(Q)$(MAKE) --no-print-directory SAN=1 OPT="-O1 -g" BUILD=build/asan all \
		$(UNIT_SRC:tests/unit/%.c=build/asan/tests/%) build/asan/tests/pngdiff crash-tools
	$(Q)ASAN_OPTIONS=detect_leaks=1 sh tests/run.sh build/asan
	$(Q)$(MAKE) --no-print-directory fuzz-smoke

bench: deps
	$(Q)$(MAKE) --no-print-directory all $(BENCH_BIN)
	$(Q)sh tests/bench/run.sh $(BUILD)
	$(Q)sh tests/bench/ui.sh $(BUILD)

run: deps
	$(Q)$(MAKE) --no-print-directory all demo $(DEMO_ZIP).minisig
	$(Q)mkdir -p $(RUN_DATA)/keys && cp $(DEMO_KEY).pub $(RUN_DATA)/keys/demo-key.pub
	$(Q)$(BUILD)/kiosk pack install $(DEMO_ZIP) --data $(RUN_DATA) --allow-downgrade
	$(Q)$(BUILD)/kiosk run --data $(RUN_DATA)

SOAK_SECONDS ?= 600
.PHONY: soak
# The soak test under ASan and LeakSanitizer: random taps, drags and language
# switches in the real window for SOAK_SECONDS, sampling memory.
soak: deps
	$(Q)$(MAKE) --no-print-directory SAN=1 OPT="-O1 -g" BUILD=build/asan all
	$(Q)SOAK_SECONDS=$(SOAK_SECONDS) sh tests/run.sh build/asan t_soak

clean:
	rm -rf build

include tests/torture.mk
include tests/fuzz/fuzz.mk

-include $(LIB_OBJ:.o=.d) $(CLI_OBJ:.o=.d) $(UNIT_SRC:%.c=$(BUILD)/%.d)
