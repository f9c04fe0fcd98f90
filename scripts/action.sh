#!/usr/bin/env bash
# The script part of action.yml: check every plan (SARIF + Markdown summary), then diff each
# plan against INPUT_BASE_REF when given. Writes the Markdown to $GITHUB_STEP_SUMMARY and the
# exit code to $GITHUB_OUTPUT; never fails itself, so the SARIF upload still runs.
set -uo pipefail

out="${CS_ALIGN_OUT:-${RUNNER_TEMP:-/tmp}/cs-align}"
mkdir -p "$out"
summary="${GITHUB_STEP_SUMMARY:-$out/summary.md}"
read -r -a plans <<< "${INPUT_PLANS:?set INPUT_PLANS to the plans to check}"
read -r -a extra <<< "${INPUT_ARGS:-}"
fail_on="${INPUT_FAIL_ON:-error}"

cs-align check "${plans[@]}" --fail-on "$fail_on" \
  --format "sarif:$out/cs-align.sarif" --format "markdown:$out/check.md" \
  --format "json:$out/check.json" --format github
code=$?
cat "$out/check.md" >> "$summary"

if [ -n "${INPUT_BASE_REF:-}" ] && [ "$code" -ne 2 ]; then
  while IFS= read -r plan; do
    name=$(basename "$plan")
    cs-align diff --base-ref "$INPUT_BASE_REF" "$plan" --fail-on "$fail_on" "${extra[@]}" \
      --format "markdown:$out/diff-$name.md" --format github
    diff_code=$?
    [ -f "$out/diff-$name.md" ] && cat "$out/diff-$name.md" >> "$summary"
    if [ "$diff_code" -gt "$code" ]; then code=$diff_code; fi
  done < <(python -c 'import json, sys
for plan in json.load(open(sys.argv[1]))["plans"]:
    print(plan["path"])' "$out/check.json")
fi

echo "exit-code=$code" >> "${GITHUB_OUTPUT:-$out/output}"
exit 0
