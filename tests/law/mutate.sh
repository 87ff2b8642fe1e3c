#!/usr/bin/env bash
# Mutation testing of the law layer (issue 14): mutmut 3 mutates src/bmnn/law/ and runs the law
# tests against every mutant; a mutant no test kills is a rule that could change unseen.
#
#   tests/law/mutate.sh                      # every module of src/bmnn/law
#   tests/law/mutate.sh src/bmnn/law/copying.py   # one module (a glob is fine)
#
# It works in a scratch copy of the working tree (mutmut writes mutants/ beside the sources) and
# prints mutmut's results there. Gentle on a shared machine: niced, one child unless
# MUTATE_CHILDREN says otherwise. MUTATE_DIR chooses the copy (default /tmp/bmnn-mutate);
# MUTATE_REV takes the sources and tests from a commit instead of the working tree;
# MUTATE_TESTS replaces the test selection (default tests/law).
# mutmut is a developer tool in the dev extras (./test installs it).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
work=${MUTATE_DIR:-/tmp/bmnn-mutate}
only=${1:-src/bmnn/law/*}
children=${MUTATE_CHILDREN:-1}
tests=${MUTATE_TESTS:-tests/law}

rm -rf "$work"
mkdir -p "$work"
if [ -n "${MUTATE_REV:-}" ]; then
  git -C "$root" archive "$MUTATE_REV" src tests pyproject.toml README.md | tar -x -C "$work"
else
  (cd "$root" && tar --exclude=__pycache__ -cf - src tests pyproject.toml README.md) | tar -x -C "$work"
fi
# pyproject.toml has no [tool.mutmut] section, so mutmut reads this one.
{
  echo "[mutmut]"
  echo "source_paths = src"
  echo "only_mutate = $only"
  echo "pytest_add_cli_args = -p no:cacheprovider"
  echo "pytest_add_cli_args_test_selection ="
  for t in $tests; do echo "    $t"; done
  echo "also_copy = README.md"
  echo "use_git_change_detection = false"
} >"$work/setup.cfg"

export BMNN_TESTING=1 BMNN_DATA_DIR="$work/data"
mkdir -p "$BMNN_DATA_DIR"
cd "$work"
nice -n 19 "$root/.venv/bin/mutmut" run --max-children "$children" >mutmut.log 2>&1 || true
"$root/.venv/bin/mutmut" results --all true >results.txt 2>&1 || true
tail -n 3 mutmut.log | tr '\r' '\n' | tail -n 2
python3 - results.txt <<'EOF'
import collections, sys
counts = collections.Counter(line.rsplit(": ", 1)[-1].strip() for line in open(sys.argv[1]) if ": " in line)
total = sum(counts.values())
killed = counts.get("killed", 0) + counts.get("timeout", 0)
print(f"{killed}/{total} killed ({100 * killed / max(total, 1):.1f} %):", dict(counts))
EOF
