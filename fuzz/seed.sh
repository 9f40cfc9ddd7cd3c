#!/usr/bin/env bash
# Build the seed corpora fuzz/corpus/<target>/ from the real data in $MARSAD_DATA
# (default ../shared/data next to the repository) and fuzz/seeds/. See seed.py.
set -euo pipefail
cd "$(dirname "$0")"
exec python3 seed.py "$@"
