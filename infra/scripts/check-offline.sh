#!/usr/bin/env bash
# Offline checks of the Terraform in infra/ (no terraform binary, no AWS account needed):
# installs the pinned parser from package-lock.json and runs the node --test suite.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
npm ci --no-audit --no-fund
npm test
