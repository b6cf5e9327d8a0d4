# gatekeeper — two commands do everything on a fresh Debian machine with Swift:
#   make demo   installs what is missing, builds, runs the bundled example
#   make test   installs what is missing, builds, runs every test

SWIFT        ?= swift
APT_PACKAGES := libcurl4-openssl-dev libgit2-dev libarchive-dev pkg-config chromium
BIN          := .build/debug/gatekeeper
RELEASE_BIN  := .build/release/gatekeeper
PREFIX       ?= /usr/local
VERSION      := $(shell sed -n 's/.*static let gatekeeper = "\(.*\)"/\1/p' Sources/Gatekeeper/VersionInfo.swift)

.PHONY: all deps build release install dist test demo bench man fuzz reliability clean

all: build

# System libraries come from Debian; install only what is missing, one line each (scripts/deps.sh).
deps:
	@bash scripts/deps.sh $(APT_PACKAGES)

build: deps
	$(SWIFT) build

# The Swift runtime linked in: the binary runs where Swift is not installed.
release: deps
	$(SWIFT) build -c release --static-swift-stdlib --product gatekeeper

# Binary, man page and shell completions under $(PREFIX) (DESTDIR too, for packagers).
install: release
	bash scripts/install.sh $(RELEASE_BIN) $(DESTDIR)$(PREFIX)

# dist/gatekeeper-VERSION-linux-ARCH.tar.gz and its .sha256 (sha256sum format).
dist: release
	bash scripts/dist.sh $(RELEASE_BIN) $(VERSION)

# The dist tarball is built first: a test runs it with the toolchain out of reach.
test: dist
	$(SWIFT) build --build-tests
	GATEKEEPER_DIST=$(CURDIR)/dist/gatekeeper-$(VERSION)-linux-$(shell uname -m).tar.gz $(SWIFT) test --disable-xctest

demo: build
	@bash scripts/demo.sh $(BIN)

# Figures, not pass/fail: see Benchmarks/README.md.
# The Swift runtime is linked statically: a polling CLI's start-up is part of what is measured.
bench: deps
	$(SWIFT) build -c release --static-swift-stdlib --product gatekeeper
	$(SWIFT) build -c release --static-swift-stdlib --product gatekeeper-bench
	.build/release/gatekeeper-bench
	.build/release/gatekeeper-bench check
	.build/release/gatekeeper-bench rollout
	@# Start-up as users get it both ways: the make dist binary above (runtime linked in) against
	@# a plain `swift build -c release` (its own scratch folder, so neither overwrites the other).
	$(SWIFT) build -c release --product gatekeeper --scratch-path .build-plain
	.build/release/gatekeeper-bench check --runs 20 --against .build-plain/release/gatekeeper

# The man page, from the commands' own help (swift-argument-parser's generate-manual plugin).
man: build
	$(SWIFT) package --allow-writing-to-package-directory generate-manual --output-directory docs
	@ls docs/*.1

# libFuzzer + AddressSanitizer over each parser, FUZZ_SECONDS each (default 30); see scripts/fuzz.sh.
fuzz: deps
	bash scripts/fuzz.sh

# The fault matrix, recorded: runs the ReliabilityTests suites and writes docs/RELIABILITY.md
# (with the figures of the last `make fuzz`).
reliability: deps
	SWIFT=$(SWIFT) bash scripts/reliability.sh

clean:
	rm -rf .build out
