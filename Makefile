# Bantin: the two set-up commands of the README are `make site` and `make test`.
SWIFT ?= swift
SITE_BIN = .build/release/site

.PHONY: site build test deps clean bench deploy

# libcmark-dev (and pkg-config, to find it) through apt, only when missing.
deps:
	@if ! pkg-config --exists libcmark 2>/dev/null; then \
		echo "Installing libcmark-dev and pkg-config with apt…"; \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq libcmark-dev pkg-config; \
	fi

build: deps
	$(SWIFT) build -c release --product site

# Builds the sample site into public/.
site: build
	$(SITE_BIN) build

test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

clean:
	rm -rf .build public

# Example deployment: copies public/ to a host with rsync (set DEST=user@host:/var/www/bantin/).
deploy: site
	@test -n "$(DEST)" || { echo "usage: make deploy DEST=user@host:/path/"; exit 2; }
	rsync -av --delete --exclude .bantin-output public/ "$(DEST)"
