#!/usr/bin/env bash
# The "Check the citations" step of action.yml, as a file so that it can be linted and tested.
# In: PATHS ARGS FORMAT OUTPUT JOB_SUMMARY CACHE_DIR CHANGED_SINCE ARTIFACT RUN_URL (the
# action's inputs), GITHUB_OUTPUT, GITHUB_STEP_SUMMARY, RUNNER_TEMP.
# Out (in GITHUB_OUTPUT): exit-code, report, comment, reports, sarif, archive.
set -euo pipefail

output="${OUTPUT:-reports/citecheck.md}"
reports="$(dirname -- "$output")"
cache="${CACHE_DIR:-${RUNNER_TEMP:-/tmp}/citecheck-cache}"
mkdir -p -- "$reports" "$cache"
json="$reports/citecheck.json"
since=()
if [ -n "${CHANGED_SINCE:-}" ]; then since=(--changed-since "$CHANGED_SINCE"); fi

set +e
# $PATHS and $ARGS unquoted on purpose: patterns expand, options split.
# shellcheck disable=SC2086
citecheck verify ${PATHS:-letters/*.txt} ${ARGS:-} "${since[@]}" --cache-dir "$cache" --format json --output "$json"
status=$?
set -e
{
  echo "exit-code=$status"
  echo "reports=$reports"
  if [ -d "$cache/warc" ]; then echo "archive=$cache/warc"; fi
} >> "$GITHUB_OUTPUT"
if [ "$status" -eq 2 ] || [ ! -f "$json" ]; then
  exit 0  # no report: the action's last step fails the job
fi

citecheck report "$json" --format sarif --output "$reports/citecheck.sarif"
citecheck report "$json" --format html --output "$reports/citecheck.html"
if [ "${FORMAT:-md}" != json ] || [ "$output" != "$json" ]; then
  citecheck report "$json" --format "${FORMAT:-md}" --output "$output"
fi
comment="$reports/comment.md"
citecheck report "$json" --format md --output "$comment"
{
  echo
  echo "**Evidence**: the archived copies every verdict above was made from (WARC files and"
  echo "their CDXJ index) are the artifact \`${ARTIFACT:-citecheck-reports}-archive\` of"
  echo "[this run](${RUN_URL:-.}); the reports (JSON, HTML, SARIF) are the artifact"
  echo "\`${ARTIFACT:-citecheck-reports}\`."
} >> "$comment"
{
  echo "sarif=$reports/citecheck.sarif"
  echo "report=$output"
  echo "comment=$comment"
} >> "$GITHUB_OUTPUT"
if [ "${JOB_SUMMARY:-true}" = true ] && [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then
  cat -- "$comment" >> "$GITHUB_STEP_SUMMARY"
fi
