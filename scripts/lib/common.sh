# SPDX-License-Identifier: GPL-2.0-only
#
# Sourced first by every script: strict mode, the Debian dependencies and
# the standard builds.
set -euo pipefail
# shellcheck source=deps.sh
. "$(dirname "${BASH_SOURCE[0]}")/deps.sh"
# shellcheck source=builds.sh
. "$(dirname "${BASH_SOURCE[0]}")/builds.sh"
