# SPDX-License-Identifier: GPL-2.0-only
#
# Sourced by the scripts: makes sure Debian's packages for the build are
# there. As root it installs what is missing (apt-get update first);
# otherwise it prints the exact apt-get line and exits.

VMALOCK_BASE_PKGS="meson ninja-build pkg-config gcc g++ python3 liburcu-dev"
# TSan: Debian's clang-19 when the archive has it, else bookworm's clang-14.
VMALOCK_CLANG_PKGS_19="clang-19 libclang-rt-19-dev"
VMALOCK_CLANG_PKGS_14="clang-14 libclang-rt-14-dev"

vmalock_missing_pkgs() {
	local p missing=""
	for p in "$@"; do
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null |
			grep -q "install ok installed" || missing="$missing $p"
	done
	echo "$missing"
}

vmalock_apt_install() {
	if [ "$(id -u)" != 0 ]; then
		echo "vmalock: missing Debian packages:$*" >&2
		echo "vmalock: run as root:  apt-get update && apt-get install -y$*" >&2
		exit 1
	fi
	echo "vmalock: installing$*" >&2
	if [ -z "${VMALOCK_APT_UPDATED:-}" ]; then
		DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2 || return 1
		VMALOCK_APT_UPDATED=1
	fi
	# shellcheck disable=SC2086
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $* >&2
}

# The build flavours use the first installed of the compilers their
# table line names (scripts/lib/flavours).
vmalock_ensure_deps() {
	local missing
	missing=$(vmalock_missing_pkgs $VMALOCK_BASE_PKGS)
	if [ -n "$missing" ]; then
		vmalock_apt_install $missing || {
			echo "vmalock: apt-get install failed" >&2
			exit 1
		}
	fi

	missing=$(vmalock_missing_pkgs $VMALOCK_CLANG_PKGS_19)
	if [ -n "$missing" ] && ! vmalock_apt_install $missing 2>/dev/null; then
		missing=$(vmalock_missing_pkgs $VMALOCK_CLANG_PKGS_14)
		if [ -n "$missing" ]; then
			vmalock_apt_install $missing || {
				echo "vmalock: cannot install clang for TSan" >&2
				exit 1
			}
		fi
	fi
}

# The project's tests also check vmalock against the kernel's own tools
# (kunit_parser.py, kselftest_harness.h, scripts/kernel-doc, which needs
# perl), from Debian's linux-source-6.12;
# the tests extract what they need at test time. Without root, those
# tests are skipped (and say so).
VMALOCK_TEST_PKGS="linux-source-6.12 perl"

vmalock_ensure_test_deps() {
	local missing
	missing=$(vmalock_missing_pkgs $VMALOCK_TEST_PKGS)
	[ -z "$missing" ] && return
	if [ "$(id -u)" != 0 ]; then
		echo "vmalock: missing$missing: the tests against the kernel's" \
			"own tools will be skipped (as root: apt-get install -y$missing)" >&2
		return
	fi
	vmalock_apt_install $missing || {
		echo "vmalock: apt-get install failed" >&2
		exit 1
	}
}
