# SPDX-License-Identifier: GPL-2.0-only
"""What the Python scripts share (the package `lib`): scripts/bisect and
scripts/mutate import it from beside them; the tests get scripts/ on
PYTHONPATH from meson (meson.build's default test setup)."""
