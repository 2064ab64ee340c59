# The two Quickstart commands: `make demo` (offline demo site) and `make test` (the test suite).
.PHONY: demo test build release lint preview bench screenshot

build:
	scripts/install-system-packages
	swift build

# Release builds carry no DWARF: it costs about an eighth of a clean build's compile time, and symbol names
# (for backtraces and perf) stay in the binary. `swift build -c release` still builds with it.
RELEASE_FLAGS = -c release -debug-info-format none

release:
	scripts/install-system-packages
	swift build $(RELEASE_FLAGS) --product foresite

# Three targets: 40 simulated days each (not run --demo's 60) keep the whole command within 3 minutes.
demo: release
	.build/release/foresite run --demo --config site/demo.yml --demo-history 40
	@echo "Site written to docs/. Open docs/index.html, or preview it: .build/release/foresite preview"

test:
	scripts/install-system-packages
	swift build --build-tests
	swift test --skip-build --skip PreviewServerTests
	@# The preview's load test runs on its own: it measures the server, not a machine busy with training tests.
	swift test --skip-build --filter PreviewServerTests

lint:
	swift format lint --strict -r Sources Tests Benchmarks Package.swift

preview: release
	.build/release/foresite preview

bench:
	scripts/install-system-packages
	swift build $(RELEASE_FLAGS) --product foresite-bench
	.build/release/foresite-bench all

# Regenerates the README's picture from the demo site (needs `make demo` first; installs chromium as root).
screenshot:
	scripts/check-site docs site/screenshot.png
