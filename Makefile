# kiosk: one Makefile, pkg-config for every library, objects in $(BUILD)/.
# `make V=1` shows the commands; `make SAN=1 BUILD=build/asan` builds with ASan and UBSan.

BUILD   ?= build
# the version: the first line of the Debian changelog, without the Debian revision
VERSION := $(shell head -1 packaging/debian/changelog 2>/dev/null | cut -d' ' -f2 | tr -d '()' | cut -d- -f1)
PKGS    := sdl2 SDL2_ttf sqlite3 libunibreak fontconfig libcmark inih \
           libsodium libutf8proc libpng libjpeg libwebp \
           libhangul libsystemd libzstd opusfile vorbisfile ogg zlib
# loaded at run time (SDL_LoadObject), not linked: their headers only (media/audio.c,
# media/image.c, pack/ziplib.c, pack/sha256.c, cli/cmd_pack_preview.c); test programs that read
# and write PNGs link SDL2_image
DL_PKGS := SDL2_mixer SDL2_image libzip cairo libcrypto
CC      ?= cc
PKG_CONFIG ?= pkg-config
OPT     ?= -O2 -g
WARN    := -Wall -Wextra -Wshadow -Wno-unused-parameter -Werror
CFLAGS  := -std=c11 -D_GNU_SOURCE $(OPT) $(WARN) -Isrc -MMD -MP \
           $(shell $(PKG_CONFIG) --cflags $(PKGS) $(DL_PKGS) 2>/dev/null)
LDLIBS  := $(shell $(PKG_CONFIG) --libs $(PKGS) 2>/dev/null) -lpthread -lm
TEST_LDLIBS := $(LDLIBS) $(shell $(PKG_CONFIG) --libs SDL2_image 2>/dev/null)
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
BENCH_BIN := $(BUILD)/tests/bench_search $(BUILD)/tests/bench_text $(BUILD)/tests/bench_idle \
             $(BUILD)/tests/bench_floor

DEMO_SRC := content-packs/defectors-day
DEMO_ZIP ?= $(BUILD)/defectors-day.zip
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
	-DKIOSK_LIBS='"$(shell for p in $(PKGS) $(DL_PKGS); do printf '%s %s, ' $$p $$($(PKG_CONFIG) --modversion $$p); done | sed 's/, $$//')"'
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
	$(Q)$(CC) $(LDFLAGS) -o $@ $^ $(TEST_LDLIBS)

$(BUILD)/tests/pngdiff: $(BUILD)/tests/tools/pngdiff.o
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(LDFLAGS) -o $@ $^ $(TEST_LDLIBS)

$(BUILD)/tests/bench_search: $(BUILD)/tests/bench/bench_search.o $(BUILD)/libkiosk.a
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(BUILD)/tests/bench_text: $(BUILD)/tests/bench/bench_text.o $(BUILD)/libkiosk.a
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(BUILD)/tests/bench_idle: $(BUILD)/tests/bench/bench_idle.o
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(LDFLAGS) -o $@ $^

$(BUILD)/tests/bench_floor: $(BUILD)/tests/bench/bench_floor.o
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
	$(Q)sh tests/bench/keys.sh $(BUILD)
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

# --- installing and the Debian package (packaging/) ---------------------------
PREFIX ?= /usr/local
SYSTEMD_UNIT_DIR ?= /lib/systemd/system
ARCH ?= $(shell dpkg --print-architecture 2>/dev/null)
NATIVE_ARCH := $(shell dpkg --print-architecture 2>/dev/null)
DEB_OUT := build/deb/$(ARCH)
DEB_SRC := $(DEB_OUT)/kiosk-$(VERSION)
.PHONY: install package-data deb test-deb test-arm64

# what the package ships beside the program: the demo pack (trusted by its place,
# see src/app/firstrun.h)
package-data: $(DEMO_ZIP)

install: all package-data
	install -D -m 755 $(BUILD)/kiosk $(DESTDIR)$(PREFIX)/bin/kiosk
	install -D -m 644 $(DEMO_ZIP) $(DESTDIR)$(PREFIX)/share/kiosk/packs/defectors-day.zip
	if [ -d assets ]; then mkdir -p $(DESTDIR)$(PREFIX)/share/kiosk/assets && \
		cp -R --no-preserve=mode,ownership assets/. $(DESTDIR)$(PREFIX)/share/kiosk/assets/; fi
	install -D -m 644 packaging/kiosk.ini $(DESTDIR)/etc/kiosk/kiosk.ini
	install -D -m 644 packaging/systemd/kiosk.service $(DESTDIR)$(SYSTEMD_UNIT_DIR)/kiosk.service
	install -D -m 644 packaging/kiosk.1 $(DESTDIR)$(PREFIX)/share/man/man1/kiosk.1
	install -D -m 644 packaging/kiosk.bash-completion $(DESTDIR)$(PREFIX)/share/bash-completion/completions/kiosk

# `make deb [ARCH=arm64]`: packaging/debian assembled with a copy of the source tree
# in build/deb/ARCH/, built with dpkg-buildpackage (debhelper compat 13). Cross
# builds need crossbuild-essential-ARCH and the ARCH -dev packages (make deps-arm64);
# they skip dpkg's build-dependency check (-d), since libunibreak-dev is unpacked into
# build/ARCH-extra rather than installed (packaging/install-deps-arm64.sh says why).
deb:
	$(Q)rm -rf $(DEB_OUT) && mkdir -p $(DEB_SRC)
	$(Q)tar -c --exclude=./build --exclude=./.git --exclude='*.tmp-*' . | tar -x -C $(DEB_SRC)
	$(Q)cp -R packaging/debian $(DEB_SRC)/debian
ifneq ($(ARCH),$(NATIVE_ARCH))
	$(Q)$(MAKE) --no-print-directory $(DEMO_ZIP)
	$(Q)mkdir -p $(DEB_SRC)/packaging/prebuilt && cp $(DEMO_ZIP) $(DEB_SRC)/packaging/prebuilt/defectors-day.zip
	$(Q)cd $(DEB_SRC) && DEB_BUILD_OPTIONS=nocheck KIOSK_CROSS_EXTRA=$(CURDIR)/build/$(ARCH)-extra \
		dpkg-buildpackage -us -uc -b -d -a$(ARCH) -Pcross,nocheck >../build.log 2>&1 || \
		{ tail -30 ../build.log; echo "kiosk: make deb: the build failed; the whole log is $(DEB_OUT)/build.log"; exit 1; }
else
	$(Q)cd $(DEB_SRC) && DEB_BUILD_OPTIONS=nocheck dpkg-buildpackage -us -uc -b >../build.log 2>&1 || \
		{ tail -30 ../build.log; echo "kiosk: make deb: the build failed; the whole log is $(DEB_OUT)/build.log"; exit 1; }
endif
	$(Q)ls $(DEB_OUT)/kiosk_$(VERSION)-*_$(ARCH).deb

# the package built, then lintian (no errors) and checks of what it installs
test-deb: deb
	$(Q)sh tests/package/check-deb.sh $(DEB_OUT) $(ARCH)

# arm64: the cross-built package's kiosk run under qemu-user-static. deps-arm64
# installs the cross compiler, qemu and the arm64 libraries (several minutes, once).
.PHONY: deps-arm64
deps-arm64:
	$(Q)sh packaging/install-deps-arm64.sh build/arm64-extra

test-arm64: deps-arm64
	$(Q)$(MAKE) --no-print-directory all $(BUILD)/tests/pngdiff
	$(Q)$(MAKE) --no-print-directory deb ARCH=arm64
	$(Q)sh tests/package/check-arm64.sh build/deb/arm64 $(BUILD)

include tests/torture.mk
include tests/fuzz/fuzz.mk

-include $(LIB_OBJ:.o=.d) $(CLI_OBJ:.o=.d) $(UNIT_SRC:%.c=$(BUILD)/%.d)
