# Bantin: the two set-up commands of the README are `make site` and `make test`.
SWIFT ?= swift
SITE_BIN = .build/release/site

.PHONY: site build test test-fast test-thread-sanitizer deps clean bench deploy

# libcmark-dev (and pkg-config, to find it) through apt, only when missing; libcurl's too, which
# the static release binary links because site serve's HTTP library (FlyingFox) imports
# FoundationNetworking; and zlib's, which site serve keeps its list pages deflated with.
deps:
	@if ! pkg-config --exists libcmark libcurl zlib 2>/dev/null; then \
		echo "Installing libcmark-dev, libcurl4-openssl-dev, zlib1g-dev and pkg-config with apt…"; \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq libcmark-dev libcurl4-openssl-dev zlib1g-dev pkg-config; \
	fi

# The Swift runtime and Foundation linked into the binary (no dozen shared libraries to load and
# call through). Measured side by side, alternated: a fresh 10,000-article build takes 10-14%
# less time, start-up 4 ms instead of 14 ms; the output is byte for byte the same.
build: deps
	$(SWIFT) build -c release --product site --static-swift-stdlib

# Builds the sample site into public/.
site: build
	$(SITE_BIN) build

test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build
	$(MAKE) test-thread-sanitizer

# The tests without the slow suites (tag `slow`: killed builds, fuzzing) and without the thread
# sanitizer: a few seconds, for the edit-test loop. `make test` runs everything.
test-fast: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build --skip "KillTests|MutationFuzzTests"

# The parallel build and the publishing tests (writes from many threads, the background listing of
# the output), built again with the thread sanitizer (own build folder: other flags); any race it reports fails.
test-thread-sanitizer: deps
	$(SWIFT) build --build-tests --sanitize=thread --scratch-path .build-tsan
	TSAN_OPTIONS=halt_on_error=1 $(SWIFT) test --skip-build --sanitize=thread --scratch-path .build-tsan --filter "ParallelBuildTests|MarkdownRendererTests|PublishTests|PreviewSiteTests"

# Times Bantin against Hugo and cmark on generated corpora; writes bench/results.md.
# BENCH_SIZES="1000 10000" BENCH_RUNS=3 make bench for a shorter run (default: 1000 10000 50000, 3 runs).
bench: build
	bash bench/run.sh

clean:
	rm -rf .build .build-tsan public .public.bantin-*

# Example deployment: copies public/ to a host with rsync (set DEST=user@host:/var/www/bantin/).
deploy: site
	@test -n "$(DEST)" || { echo "usage: make deploy DEST=user@host:/path/"; exit 2; }
	rsync -av --delete --exclude .bantin-output public/ "$(DEST)"
