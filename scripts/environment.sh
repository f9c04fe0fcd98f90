# shellcheck shell=bash
# Sourced by both steps of action.yml that run a program (the install, `source
# environment.sh quiet`, and scripts/action.sh): the gate runs git, Python, pip and curl as the
# runner has them, never a program or a setting the checkout brings. A step before it may
# hand on the pull request's files through the job's environment: `echo
# "$GITHUB_WORKSPACE/tools" >> "$GITHUB_PATH"` put a `tools/git` the pull request added
# before git, which pointed the base branch at the change (budget +16.9%, "0 USD (0%)", exit
# 0); `cat ci/gate.env >> "$GITHUB_ENV"` set GIT_CONFIG_* to run the pull request's
# ci/hook.sh as core.fsmonitor, inside every git command of the gate, or PIP_FIND_LINKS to
# install cs-align's dependencies (PyYAML, click) from wheels the pull request commits
# (gate63). So: PATH and LD_LIBRARY_PATH lose their folders of the checkout (or relative
# ones); a HOME, XDG_CONFIG_HOME, CURL_HOME or PIP_* setting naming a path in the checkout
# (git's, curl's and pip's own settings, pip's wheels and indexes) goes; LD_PRELOAD and
# LD_AUDIT naming a file there go; every GIT_* variable goes (each tells git which
# repository, objects, refs, settings or programs to use). Said in a notice (unless
# `quiet`), but for git's network settings, which the gate never uses.
unset CDPATH BASH_ENV ENV
checkout=()
for top in "${GITHUB_WORKSPACE:-}" "$PWD"; do
  case "$top" in /*) ;; *) continue ;; esac
  top=$(cd -P -- "$top" 2>/dev/null && pwd -P) || continue
  if [ "$top" != / ]; then checkout+=("$top"); fi
done
# Whether the path $1 is one the pull request may fill: relative, or in the checkout.
from_checkout() {
  local real="$1" top
  case "$real" in /*) ;; *) return 0 ;; esac
  if [ -d "$real" ]; then real=$(cd -P -- "$real" 2>/dev/null && pwd -P) || real="$1"
  elif [ -d "${real%/*}/" ]; then real="$(cd -P -- "${real%/*}/" 2>/dev/null && pwd -P)/${real##*/}"
  fi
  for top in "${checkout[@]}"; do
    case "$real/" in "$top"/*) return 0 ;; esac
  done
  return 1
}
left_out=()
# The colon-separated folders of the variable $1, less those the pull request may fill.
keep_outside_checkout() {
  local entry kept=() entries
  IFS=: read -r -a entries <<< "${!1}"
  for entry in "${entries[@]}"; do
    if from_checkout "$entry"; then left_out+=("$1 entry ${entry:-(empty)}"); else kept+=("$entry"); fi
  done
  printf -v "$1" '%s' "$(IFS=:; printf '%s' "${kept[*]}")"
}
keep_outside_checkout PATH
if [ -n "${LD_LIBRARY_PATH:-}" ]; then keep_outside_checkout LD_LIBRARY_PATH; fi
for name in HOME XDG_CONFIG_HOME CURL_HOME LD_PRELOAD LD_AUDIT "${!PIP_@}"; do
  [ -n "${!name:-}" ] || continue
  IFS=$': \t\n' read -r -a words <<< "${!name}"
  for word in "${words[@]}"; do
    case "$name:$word" in
      # pip's words that name no path: a remote index, a switch (PIP_NO_INDEX=1), a name.
      PIP_*:*://* | PIP_*:) [[ "$word" == [Ff][Ii][Ll][Ee]://* ]] || continue ;;
      PIP_*:*/* | PIP_*:.*) ;;
      PIP_*:*) continue ;;
    esac
    word=${word#[Ff][Ii][Ll][Ee]://}
    if from_checkout "$word"; then left_out+=("$name"); unset "$name"; break; fi
  done
done
if [ -z "${HOME:-}" ]; then HOME=$(mktemp -d) && export HOME; fi
for name in "${!GIT_@}"; do
  case "$name" in
    # git's network settings (a proxy's certificates): the gate fetches nothing; unsaid.
    GIT_SSL_* | GIT_SSH* | GIT_HTTP_* | GIT_PROXY_* | GIT_ASKPASS | GIT_TERMINAL_PROMPT) ;;
    *) left_out+=("$name") ;;
  esac
  unset "$name"
done
if [ "${#left_out[@]}" -gt 0 ] && [ "${1:-}" != quiet ]; then
  said="the gate runs git, Python, pip and curl as the runner has them, never from the \
checkout: left out of its environment (set by the workflow or a step before it):"
  for name in "${left_out[@]}"; do said="$said $name,"; done
  said=${said%,}
  said=${said//%/%25}; said=${said//$'\r'/%0D}; said=${said//$'\n'/%0A}
  echo "::notice title=cs-align::$said"
fi
unset checkout left_out top name word words said
unset -f from_checkout keep_outside_checkout
