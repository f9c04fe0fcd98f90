#!/usr/bin/env bash
# The script part of action.yml. Inputs arrive only through the environment (INPUT_*).
#
#  1. check every plan, judged by the policy at the base ref (SARIF, Markdown, JSON, one
#     annotation per finding);
#  2. diff each plan that exists, is new, or was deleted against the base ref; a plan moved
#     where the plans input does not reach fails the run;
#  3. one SARIF for code scanning (the check's findings plus tripped guardrails);
#  4. one sticky pull-request comment, created or updated in place under a hidden marker,
#     and the same text in the job summary;
#  5. the exit code to $GITHUB_OUTPUT. The script itself never fails, so uploads still run.
set -uo pipefail
# Git, Python and curl as the runner has them, never a program or setting of the checkout
# handed on through the job's environment (see environment.sh: gate63).
# shellcheck source=scripts/environment.sh
source "${BASH_SOURCE[0]%/*}/environment.sh"
# Helpers run as `python -I`: isolated mode keeps the checkout (files the pull request
# controls, such as a json.py) off sys.path and ignores PYTHON* variables.
py() { python -I "$@"; }

out="${CS_ALIGN_OUT:-${RUNNER_TEMP:-/tmp}/cs-align}"
mkdir -p "$out"
out=$(cd "$out" && pwd)  # absolute: the run may judge from a merge made elsewhere (below)
summary="${GITHUB_STEP_SUMMARY:-$out/summary.md}"
plans_text="${INPUT_PLANS:?set INPUT_PLANS to the plans to check}"
args_text="${INPUT_ARGS:-}"
# --fail-on only when the workflow sets it: otherwise the base's config decides (its
# `fail_on: warning` was overridden by an "error" default, review attack31 A4).
fail_on=()
if [ -n "${INPUT_FAIL_ON:-}" ]; then fail_on=(--fail-on "$INPUT_FAIL_ON"); fi
marker="<!-- cs-align-report -->"

: > "$out/notes.md"
# A previous run's outputs (the same folder run twice) are never read as this run's.
rm -f "$out/check.sarif" "$out/check.md" "$out/check.json" "$out/cs-align.sarif"
# A problem of the run itself: an annotation, a line in the comment, and exit code 2.
# A workflow command of LEVEL ($1) and a line of the comment's notes after the lead $2 saying
# $3, which may hold a ref name (the base-ref input, the base branch's name) or git's words:
# each written inert, so that a second line of the input is no workflow command of its own
# and a `<!--` or `**` in a branch's name no markup in the comment (gate63).
tell() {
  py -c 'import sys
from cs_align.escaping import github_data, markdown_prose
level, lead, said, notes = sys.argv[1:]
print(f"::{level} title=cs-align::{github_data(said)}", flush=True)
with open(notes, "a", encoding="utf-8") as out:
    out.write(f"> **{lead}** {markdown_prose(said)}\n")' "$1" "$2" "$3" "$out/notes.md" \
    || echo "::$1 title=cs-align::cs-align could not say why (Python failed)"
}
unusable() {
  tell error "cs-align could not judge this change:" "$1"
  code=2
}
code=0
# Words between spaces, tabs or lines, a word in double or single quotes kept whole: a name
# holding a space ("plans/north east/") was two names that do not exist, so such a folder
# could not be gated at all (review attack56, attack59). A backslash is a character like
# any other. `read` read one line, so a YAML block (`plans: |` with a folder a line, `args: |`
# with a guardrail a line) kept its first line alone, and the folders and guardrails below
# it went ungated without a word (review attack56 e).
words() {
  if [[ "$1" != *[\"\']* ]]; then  # no quote: bash splits it, no Python started
    local split
    read -r -a split <<< "${1//[$'\n\r\t']/ }"
    if [ "${#split[@]}" -gt 0 ]; then printf '%s\0' "${split[@]}"; fi
    return 0
  fi
  py -c 'import shlex, sys
split = shlex.shlex(sys.argv[1], posix=True)
split.whitespace_split, split.escape, split.commenters = True, "", ""
try:
    words = list(split)
except ValueError:
    sys.exit(f"{sys.argv[2]}: a quote is not closed (a name in quotes ends with the quote it "
             "starts with)")
sys.stdout.write("".join(word + "\0" for word in words))' "$1" "$2"
}
plans=()
extra=()
unreadable=""
if words "$plans_text" plans > "$out/plans.z" 2> "$out/words.err" \
  && words "$args_text" args > "$out/args.z" 2> "$out/words.err"; then
  mapfile -d '' -t plans < "$out/plans.z"
  mapfile -d '' -t extra < "$out/args.z"
else
  unusable "the $(tail -n 1 "$out/words.err")"
  unreadable=1
fi
# Each diff counts an organisation's plans in every top folder the check gates, as the check
# does: a line moved between two gated folders is no line gone.
gated=()
for path in "${plans[@]}"; do gated+=("--gated=$path"); done  # one word: never a flag
# A reviewed change of policy, accepted for both commands: `args` reach `diff` alone, so a
# change to the config that the check reported could not be accepted at all.
accept=()
case "${INPUT_ALLOW_POLICY_CHANGE:-false}" in
  true) accept=(--allow-policy-change) ;;
  false | "") ;;
  *) unusable "allow-policy-change is true or false (the workflow sets another value)" ;;
esac
# Changes approved one by one, by the ids the policy-changed findings give them (spaces,
# commas or lines between: a YAML block's second line was dropped by `read`, review
# attack47 A09): only those, as they read, pass; cs-align refuses a word that is no id.
# Unset is none (under `set -u` it stopped the script).
approve_text="${INPUT_APPROVE_POLICY_CHANGE:-}"
read -r -a approved <<< "${approve_text//[$'\n\r\t,']/ }"
for id in "${approved[@]}"; do
  case "$id" in
    # The finding's fix pasted whole ("--approve-policy-change ID ...", review attack48 B05).
    --approve-policy-change) ;;
    *) accept+=(--approve-policy-change "$id") ;;
  esac
done

base="${INPUT_BASE_REF:-}"
if [ -z "$base" ] && [ -n "${GITHUB_BASE_REF:-}" ]; then
  # A pull request: judge it by its base branch's policy, named in full. The short name
  # origin/<base> would be a tag's first: a tag refs/tags/origin/main (actions/checkout with
  # fetch-depth 0 fetches every tag) would choose the "trusted" side.
  base="refs/remotes/origin/$GITHUB_BASE_REF"
elif [ -z "$base" ] && [ "${GITHUB_EVENT_NAME:-}" = merge_group ]; then
  # A merge queue's run has no GITHUB_BASE_REF: its base is the commit the queue merges
  # onto. Without it the change would be judged by its own policy.
  base=$(py -c 'import json, os
print(json.load(open(os.environ["GITHUB_EVENT_PATH"]))["merge_group"]["base_sha"])' 2>/dev/null)
  if [ -z "$base" ]; then
    unusable "a merge_group run whose event names no merge_group.base_sha: set the base-ref input"
  fi
fi
# The pull request's head merged into the base's tip ($1 and $2, commits), as GitHub
# merges it, in a worktree under $out (removed when the script ends): no hook, no LFS
# download, no signing key is used, and the user's checkout is left as it is.
remade=""
remake_merge() {
  remade="$out/merged"
  git worktree remove --force "$remade" >/dev/null 2>&1
  rm -rf "$remade"
  git worktree prune >/dev/null 2>&1  # one an earlier run left registered
  trap 'git -C "$start_dir" worktree remove --force "$remade" >/dev/null 2>&1' EXIT
  # Neither command runs a hook: `worktree add` runs post-checkout (git-lfs installs one),
  # `merge` post-merge (review attack53b).
  GIT_LFS_SKIP_SMUDGE=1 git -c core.hooksPath=/dev/null worktree add --quiet --detach \
    "$remade" "$1" >/dev/null 2>&1 \
    && GIT_LFS_SKIP_SMUDGE=1 git -C "$remade" -c core.hooksPath=/dev/null \
      -c commit.gpgSign=false -c user.name=cs-align -c user.email=cs-align@localhost \
      merge --quiet --no-ff --no-edit "$2" >/dev/null 2>&1
}
start_dir=$PWD
# The base and the history between it and HEAD must be in the checkout: actions/checkout's
# default, fetch-depth: 1, fetches the checked-out commit alone, so the base ref was missing,
# the base-tip test below skipped without a word and the check failed on the missing ref,
# with the upload failing on no SARIF (review attack52b). One message, naming the fix; the
# check and diffs are not run (nothing could judge the change).
shallow=$(git rev-parse --is-shallow-repository 2>/dev/null)
fetch_all="check out with fetch-depth: 0 (actions/checkout's default, fetch-depth: 1, \
fetches the checked-out commit alone)"
unjudged="$unreadable"  # nothing to judge: the inputs cannot be read
base_sha=""
if [ -n "$base" ] && [ "$code" -eq 0 ]; then
  base_sha=$(git rev-parse --verify --quiet --end-of-options "$base^{commit}" 2>/dev/null)
  if [ -z "$base_sha" ]; then
    if [ "$shallow" = true ]; then
      unusable "the checkout has no $base to judge the change by: it is shallow; $fetch_all"
    else
      unusable "the checkout has no $base to judge the change by: name a revision it has (a \
full refname such as refs/remotes/origin/main, or a commit id) in the base-ref input, and check \
out with fetch-depth: 0"
    fi
    unjudged=1
  fi
fi
# The change under review must be what is checked out: on pull_request_target actions/checkout
# takes the base branch unless told otherwise, and the gate judged main against main, passing
# every pull request (review attack50 A05). The pull request's head commit must be in HEAD's
# history (the merge commit of a pull_request run has it as a parent).
head_sha=""
if [ -n "$base" ] && [ -f "${GITHUB_EVENT_PATH:-}" ]; then
  head_sha=$(py -c 'import json, sys
pull = json.load(open(sys.argv[1], encoding="utf-8")).get("pull_request") or {}
print((pull.get("head") or {}).get("sha") or "")' "$GITHUB_EVENT_PATH" 2>/dev/null)
fi
if [ -z "$unjudged" ] && [ -n "$head_sha" ] && [ "$shallow" = true ] \
  && ! git merge-base --is-ancestor "$head_sha" HEAD 2>/dev/null; then
  # A shallow checkout cannot show the head commit in HEAD's history, held or not.
  unusable "the checkout is shallow, so it cannot show the pull request's head commit \
($head_sha) in its history: $fetch_all"
  unjudged=1
elif [ -z "$unjudged" ] && [ -n "$head_sha" ] \
  && ! git merge-base --is-ancestor "$head_sha" HEAD 2>/dev/null; then
  unusable "the checkout does not hold the pull request's head commit ($head_sha): the gate would \
judge the base branch, not the change; check out the pull request merged into its base (on \
pull_request_target, actions/checkout with ref: refs/pull/\${{ github.event.pull_request.number }}/merge \
and fetch-depth: 0)"
fi
# What is judged must be what merging gives: the base's tip in HEAD's history. A checkout of
# the pull request's own head (on pull_request_target, ref: head.sha) behind its base was
# judged apart from the base's later commits: a branch that raised a volume passed beside its
# base's staff of the time, and merged beside the base's cut staff, misaligned, unjudged
# (review attack52 A03). A pull_request run's merge commit has the base as a parent.
if [ -n "$base_sha" ] && [ "$code" -eq 0 ]; then
  if [ "$shallow" = true ] && ! git merge-base --is-ancestor "$base_sha" HEAD 2>/dev/null; then
    unusable "the checkout is shallow, so it cannot show $base ($base_sha) in its history: \
$fetch_all"
    unjudged=1
  elif ! git merge-base --is-ancestor "$base_sha" HEAD 2>/dev/null; then
    # GitHub's merge of the pull request made before the base moved on (main merged
    # something between the event and actions/checkout's fetch, or the run was re-run
    # later): a re-run checks out the same merge, so refusing it kept a busy repository's
    # pull requests red until a push (review attack52b F4). The merge is made again on the
    # base's tip, in a worktree of its own, and that is what is judged: what merging the pull
    # request gives now, with every plan and policy file the base changed since. Only for
    # GitHub's merge of the pull request's head onto an ancestor of the base's tip: a
    # checkout of the head alone behind its base is still refused below (attack52 A03).
    merged_onto=$(git rev-parse --verify --quiet HEAD^1 2>/dev/null)
    if [ -n "$head_sha" ] && [ -n "$merged_onto" ] \
      && [ "$(git rev-parse --verify --quiet HEAD^2 2>/dev/null)" = "$head_sha" ] \
      && git merge-base --is-ancestor "$merged_onto" "$base_sha" 2>/dev/null; then
      if remake_merge "$base_sha" "$head_sha"; then
        said="GitHub's merge commit ($(git rev-parse HEAD)) merged the pull request into an older \
$base ($merged_onto); $base has moved on since, so the change is judged merged into $base as it is \
now ($base_sha), a merge made here"
        tell notice "Note:" "$said."
        cd "$remade" || unusable "cannot enter the merge made on $base ($remade)"
      else
        unusable "the checkout is the pull request merged into an older $base ($merged_onto): \
$base has moved on since ($base_sha), and the pull request does not merge cleanly into it; update \
the pull request's branch with $base, so that a new run judges it merged into $base as it is now"
      fi
    else
      unusable "the checkout does not hold $base ($base_sha): the gate would judge the change apart \
from what the base gained since, not what merging it gives; check out the pull request merged into \
its base (on pull_request_target, actions/checkout with ref: \
refs/pull/\${{ github.event.pull_request.number }}/merge), or bring the branch up to date"
    fi
  fi
fi
policy=()
if [ -n "$base" ]; then
  policy=(--policy-ref "$base")
elif [ "$code" -eq 0 ]; then
  # A push or a manual run: nothing to judge the change against. Said, not silent: the
  # plans are judged by their own policy and nothing is diffed.
  why="no base revision on a ${GITHUB_EVENT_NAME:-local} run: the plans are judged by the"
  why="$why policy they carry and no plan is diffed (set the base-ref input to gate changes)"
  tell warning "Note:" "$why"
fi

: > "$out/check-annotations.txt"
: > "$out/diff-annotations.txt"
rm -f "$out/check-code" "$out/notes-diffs.md" "$out/diffs.tsv"
# A plan moved to a path the check does not read (another folder of plans/, another top
# folder, a renamed folder) is carried on by a plan this workflow never checks again: the
# move passed, and the next change edited it ungated (review attack38 B11). It fails the
# run as a change of policy would, unless the workflow's args accept policy changes.
accepted=""
case " ${accept[*]} " in *" --allow-policy-change "*) accepted=1 ;; esac
for word in "${extra[@]}"; do [ "$word" = --allow-policy-change ] && accepted=1; done
gone_failed=""
diff_code=0
if [ -z "$unjudged" ]; then
  if [ -n "$base" ]; then
    # Every plan the check reads is diffed; so is every file that was a plan at the base,
    # by cs-align's own reading of it, and is no plan the check read now: deleted, renamed
    # away, or turned into something else at the same path (a strategy-shaped file, a link,
    # a submodule). git lists the files the pull request deletes, changes or changes the
    # type of NUL-separated, so that no name is quoted. cs-align decides what became of
    # each: a plan the change moved (renamed, or rewritten under a new name for the same
    # organisation) gets the diff of the plan that carries it on, shown once; a deleted one
    # is judged as deleted; one that is no plan now is unusable.
    # Without the merge base (a shallow checkout) git cannot say what the change deletes:
    # that fails the run (below) instead of diffing no deleted plan.
    # Every such file, with no pathspec: git reads a plans word its own way (`*` crosses
    # folders, `**/` is no "any folders"), so `plans/**/*.yaml`, which the check reads as
    # reaching plans/acme.yaml, listed no plans/acme.yaml deleted and the deletion passed
    # unjudged (review attack58). cs_align.action keeps the files the plans words reach,
    # read as the check reads them (its --gated words).
    git diff -z --name-only --no-renames --diff-filter=DMT --end-of-options \
      "$base...HEAD" -- > "$out/gone.z" 2> "$out/gone.err" || gone_failed=1
  fi
  # The check, then each plan's diff, `cs-align diff --base-ref "$base" ... -- PLAN`, all in
  # one process (cs_align.action, which also reads gone.z and says a move out of the gate):
  # a process a plan spent most of a many-plan run starting Python, and the check one more.
  # The check's arguments go NUL-separated in a file (no word of the plans input can be
  # read as another's), its annotations to check-annotations.txt, its exit code to
  # check-code. Diffs that fail the run are listed in diffs.tsv as blocking, the others as
  # passing, each in the order diffed; the moves' notes are in notes-diffs.md.
  # The plans last, after `--`: each word of the plans input is a path, never a flag (a
  # word --help there printed the check's help, exit 0, every plan unjudged; --fail-on info
  # set the check's level; review attack56b A1).
  printf '%s\0' "${policy[@]}" "${fail_on[@]}" "${accept[@]}" \
    --format "sarif:$out/check.sarif" --format "markdown:$out/check.md" \
    --format "json:$out/check.json" --format github -- "${plans[@]}" > "$out/check-args"
  py -m cs_align.action --check "$out" "$base" "$accepted" --base-ref "$base" \
    "${fail_on[@]}" "${accept[@]}" "${gated[@]}" "${extra[@]}" >> "$out/diff-annotations.txt"
  diff_code=$?
  # No code written: the process stopped before the check ended (its own code says why).
  check_code=$(cat "$out/check-code" 2>/dev/null) || check_code=$diff_code
  if [ "$check_code" -gt "$code" ]; then code=$check_code; fi
fi

# Plans and policy files whose diff GitHub hides from the reviewer (review attack31 A8:
# `-diff`, `binary` or `linguist-generated` in .gitattributes collapse or blank a change the
# gate judges correctly but a person signs off unread): a warning, and a line in the comment;
# so do GitHub's own rules for generated files where no attribute says either way (attack49 A02).
# The policy files are the config names and every file the check read as policy, from its
# JSON: strategy files and their `extends` targets, the config, waiver files (attack39 F15).
# And every plan the check read, by its JSON too: git's pathspec reads a plans word its own
# way, so with `plans: plans/**/*.yaml` `ls-files` listed no plans/acme.yaml, and a plan
# marked -diff went unsaid (review attack58).
policy_read=()
if [ -f "$out/check.json" ]; then
  mapfile -d '' -t policy_read < <(py -c 'import json, os, sys
names = set()
for plan in json.load(open(sys.argv[1], encoding="utf-8"))["plans"]:
    names.update(plan.get("strategy_files", []), plan.get("waiver_files", []))
    names.update(filter(None, [plan.get("path")]))
    names.update(filter(None, [plan.get("config")]))
# A file read at the base is named <base>:<path>; one outside the repository has no diff.
names = {n.removeprefix(f"{sys.argv[2]}:") if sys.argv[2] else n for n in names}
for name in sorted(names):
    if not os.path.isabs(name) and not name.startswith("../"):
        sys.stdout.write(name + "\0")' "$out/check.json" "$base")
fi
{
  git ls-files -z -- "${plans[@]}" .cs-align.yaml .cs-align.yml pyproject.toml 2>/dev/null
  if [ "${#policy_read[@]}" -gt 0 ]; then
    git --literal-pathspecs ls-files -z -- "${policy_read[@]}" 2>/dev/null
  fi
} | sort -zu |
  git check-attr --cached -z --stdin diff binary linguist-generated 2>/dev/null |
  py -c 'import os, sys
from cs_align.escaping import code, github_data
from cs_align.linguist import generated
fields = sys.stdin.buffer.read().split(b"\0")
hidden, unmarked = {}, []
def hides(attr, value):
    # linguist-generated with any value but false collapses a diff (yes, 1 …: attack41 B12)
    if attr == b"diff":
        return value == b"unset"
    if attr == b"binary":
        return value in (b"set", b"true")
    return value not in (b"unspecified", b"unset", b"false")
def text(name):
    # What GitHub reads of the file: the checkout is the commit under review. A link is
    # shown as the path it holds, never read through.
    try:
        if os.path.islink(name) or not os.path.isfile(name):
            return ""
        with open(name, "rb") as f:
            return f.read().decode("utf-8", "replace")
    except OSError:
        return ""
for name, attr, value in zip(fields[0::3], fields[1::3], fields[2::3]):
    if hides(attr, value):
        hidden.setdefault(name.decode("utf-8", "replace"), []).append(attr.decode())
    elif attr == b"linguist-generated" and value == b"unspecified":
        # No attribute either way: GitHub asks Linguist, whose rules read the path and
        # the text alone (review attack49 A02: plans/__generated__/, a .yml plan ending
        # in a `# recorded_with: VCR` comment).
        unmarked.append(name.decode("utf-8", "replace"))
with open(sys.argv[1], "a", encoding="utf-8") as notes:
    for name, attrs in hidden.items():
        marks = ", ".join(attrs)
        said = f"{name}: .gitattributes ({marks}) hides its diff from review on GitHub"
        print(f"::warning title=cs-align::{github_data(said)}")
        notes.write(f"> **Note:** {code(name)} is marked {marks} in .gitattributes: GitHub "
                    "hides its diff from review.\n")
    for name in unmarked:
        if name in hidden:
            continue
        why = generated(name, text(name))
        if why is None:
            continue
        said = (f"{name}: GitHub reads it as a generated file ({why}) and hides its diff "
                "from review")
        print(f"::warning title=cs-align::{github_data(said)}")
        notes.write(f"> **Note:** GitHub reads {code(name)} as a generated file ({why}): it "
                    "hides its diff from review.\n")' "$out/notes.md"

blocking=()  # the diffs that fail the run (exit 1 or 2), then those that pass
passing=()
if [ -n "$base" ] && [ -f "$out/check.json" ]; then
  if [ -n "$gone_failed" ]; then
    unusable "cannot tell which plans the change deletes against $base ($(tail -n 1 \
      "$out/gone.err" | tr -d '\r')): check out with fetch-depth: 0"
  fi
  if [ -f "$out/notes-diffs.md" ]; then cat "$out/notes-diffs.md" >> "$out/notes.md"; fi
  if [ "$diff_code" -gt "$code" ]; then code=$diff_code; fi
  if [ -f "$out/diffs.tsv" ]; then
    while IFS=$'\t' read -r verdict d; do
      if [ "$verdict" = blocking ]; then blocking+=("$d"); else passing+=("$d"); fi
    done < "$out/diffs.tsv"
    rm -f "$out/diffs.tsv"
  fi
fi

# One annotation per finding (check and diff print the same line for a new finding), what
# fails the run first: GitHub shows only the first 10 errors of a step, and a tripped
# guardrail printed after every finding of every plan was never shown (review out29 R2).
# Past ten of a level, the tenth says how many more the log has (review user50 G1), counted
# over the check and every diff together, as GitHub counts the step.
{
  grep -F 'title=guardrail' "$out/diff-annotations.txt"
  grep -vF 'title=guardrail' "$out/diff-annotations.txt"
  cat "$out/check-annotations.txt"
} | awk '!seen[$0]++' | py -m cs_align.reporters.github

# One SARIF for code scanning: the check's results, plus each diff's tripped guardrails.
py - "$out" <<'PY'
import glob, json, os, sys
out = sys.argv[1]
path = os.path.join(out, "check.sarif")
if os.path.exists(path):
    log = json.load(open(path, encoding="utf-8"))
    run = log["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    for name in sorted(glob.glob(os.path.join(out, "diff-*.sarif"))):
        other = json.load(open(name, encoding="utf-8"))["runs"][0]
        known = {r["id"] for r in rules}
        for rule in other["tool"]["driver"]["rules"]:
            if rule["id"].startswith("guardrail/") and rule["id"] not in known:
                rules.append(rule)
        for result in other["results"]:
            if result["ruleId"].startswith("guardrail/"):
                result.pop("ruleIndex", None)
                run["results"].append(result)
    for result in run["results"]:
        result["ruleIndex"] = [r["id"] for r in rules].index(result["ruleId"])
    with open(os.path.join(out, "cs-align.sarif"), "w", encoding="utf-8") as f:
        json.dump(log, f, indent=2)
PY

# The comment, what fails the run first (see cs_align.prcomment): the job summary has all
# of it that fits GitHub's 1 MiB, the pull-request comment what fits.
{
  if [ -s "$out/notes.md" ]; then printf 'notes\t%s\n' "$out/notes.md"; fi
  for d in "${blocking[@]}"; do printf 'blocking\t%s\n' "$d"; done
  if [ -f "$out/check.md" ]; then printf 'check\t%s\n' "$out/check.md"; fi
  for d in "${passing[@]}"; do printf 'passing\t%s\n' "$d"; done
} > "$out/parts.tsv"
py -m cs_align.prcomment "$out" "$base" "<sub>cs-align · exit code $code · ${GITHUB_SHA:-local}</sub>"
cat "$out/comment.md" >> "$summary"

# Why the sticky comment may still show an earlier run: ours could not be updated, or the
# comments could not be listed to find it. A comment-author the token does not post as (an
# input of the workflow the pull request may edit), or an API failure, left the last run's
# "passes" in the pull request while this run failed, unsaid (gate63).
stale=""
post_comment() {
  local event_path="${GITHUB_EVENT_PATH:-}" token="${INPUT_GITHUB_TOKEN:-}"
  local author="${INPUT_COMMENT_AUTHOR:-github-actions[bot]}"
  case "${GITHUB_EVENT_NAME:-}" in pull_request|pull_request_target) ;; *) return 1 ;; esac
  [ -n "$token" ] && [ -f "$event_path" ] && [ -n "${GITHUB_REPOSITORY:-}" ] || return 1
  local number api
  number=$(py -c 'import json, sys
print((json.load(open(sys.argv[1])).get("pull_request") or {}).get("number") or "")' "$event_path")
  [ -n "$number" ] || return 1
  api="${GITHUB_API_URL:-https://api.github.com}/repos/$GITHUB_REPOSITORY"
  py -c 'import json, sys
body = open(sys.argv[1], encoding="utf-8").read()  # within the 65,536 characters allowed
json.dump({"body": body}, open(sys.argv[2], "w"))' "$out/comment-short.md" "$out/comment.json"
  local auth=(-H "Authorization: Bearer $token" -H "Accept: application/vnd.github+json")
  local existing="" page
  for page in 1 2 3 4 5 6 7 8 9 10; do
    curl -fsSL "${auth[@]}" "$api/issues/$number/comments?per_page=100&page=$page" \
      -o "$out/comments.json" || { stale="its comments could not be listed"; return 1; }
    # Only a comment of our own is updated: anyone can paste the marker into theirs.
    existing=$(py -c 'import json, sys
comments = json.load(open(sys.argv[1]))
ours = [c for c in comments if (c.get("user") or {}).get("login") == sys.argv[3]]
print(next((str(c["id"]) for c in ours if sys.argv[2] in (c.get("body") or "")), ""))
if not comments: sys.exit(3)' "$out/comments.json" "$marker" "$author")
    [ $? -eq 3 ] && break
    [ -n "$existing" ] && break
  done
  if [ -n "$existing" ]; then
    curl -fsSL -X PATCH "${auth[@]}" "$api/issues/comments/$existing" \
      --data-binary "@$out/comment.json" -o /dev/null \
      || { stale="its comment $existing could not be updated (as $author)"; return 1; }
  else
    curl -fsSL -X POST "${auth[@]}" "$api/issues/$number/comments" \
      --data-binary "@$out/comment.json" -o /dev/null
  fi
}
if post_comment; then
  echo "comment=posted" >> "${GITHUB_OUTPUT:-$out/output}"
else
  echo "comment=summary-only" >> "${GITHUB_OUTPUT:-$out/output}"
  if [ -n "$stale" ]; then
    said="the pull request's cs-align comment may show an earlier run's result, not this \
run's (exit code $code): $stale; this run's result is in the job summary"
    said=${said//%/%25}; said=${said//$'\r'/%0D}; said=${said//$'\n'/%0A}
    echo "::warning title=cs-align::$said"
  fi
fi

# No SARIF when nothing was judged (the base missing): the upload step is skipped rather than
# failing on a missing file.
if [ ! -f "$out/cs-align.sarif" ]; then echo "sarif=none" >> "${GITHUB_OUTPUT:-$out/output}"; fi
echo "exit-code=$code" >> "${GITHUB_OUTPUT:-$out/output}"
exit 0
