#!/usr/bin/env bash
# The corpus's fresh tests, replayed: each batch of real incidents scored by the rules of the day it was
# gathered, before any rule was written from it (docs/accuracy.md, "Fresh tests"). Where the validation slice
# is one fixed third that every later rule is measured on, a batch's first score is what a user with a new
# incident met that day: the out-of-sample view of how sure the answers are.
#
# For each batch below (the commit that added it, and the commit whose rules first scored it) it checks the
# rules' commit out in a worktree under ${FRESH_DIR:-/tmp/gatewaydoctor-fresh}, builds it (Maven, offline
# once the dependencies are in ~/.m2), scores the batch's files as they were added with that build's
# `replay --score --json`, and prints the batches' figures and one reliability table over all of them
# (src/bench/FreshTable.java). The rules are the day's, the calibration today's (rules/calibration.yaml is
# copied over theirs): the temperature is judged here, on answers no rule was written from. A new batch
# adds a line here when it lands.
# Usage: src/bench/fresh-tests.sh        (about a minute a batch)
set -euo pipefail
cd "$(dirname "$0")/../.."
dir="${FRESH_DIR:-/tmp/gatewaydoctor-fresh}"
mkdir -p "$dir"
batches=(
  # batch  added in  scored by the rules of
  "r 5f38227 a611a64"
  "s 9a1b040 e4bec31"
  "t 5c115c7 c8929f7"
  "u 7aba081 c67f973"
  "v e562478 ced4ec5"
  "w 71a3f04 cc1c2d9"
  "x 4fd5b48 ea68cce"
  "y e3449a1 1262337"
  "z fc60f08 ed6ad6f"
  "aa fa85039 82d8eda"
  "ab 22c653c fa950d9"
  "ac 52b0b12 56db72b"
  "ad b5a3b37 7d84236"
  "ae b0d3f93 a72b697"
  "af 0bd182f 9dba884"
  "ag f84fb6c 0fdf570"
  "ah 05f952f 6ec3a7c"
)
[ -f target/gatewaydoctor.jar ] || mvn -q -o package -DskipTests
scores=()
calibration=$(sha1sum rules/calibration.yaml | cut -c1-8)
for b in "${batches[@]}"; do
  read -r name added rules <<< "$b"
  out="$dir/batch-$name-$calibration.json"
  scores+=("$name=$out")
  [ -s "$out" ] && continue
  wt="$dir/rules-$rules"
  [ -d "$wt" ] || git worktree add -f --detach "$wt" "$rules" > /dev/null
  set_dir="$dir/set-$name"
  rm -rf "$set_dir" && mkdir -p "$set_dir"
  git diff --name-only --diff-filter=A "$added^" "$added" -- 'facts-samples/real/*.json' |
    while read -r f; do git show "$added:$f" > "$set_dir/$(basename "$f")"; done
  (cd "$wt" && [ -f target/gatewaydoctor.jar ] || mvn -q -o package -DskipTests > "$dir/build-$rules.log" 2>&1)
  rm -rf "$dir/rules-of-$name" && cp -r "$wt/rules" "$dir/rules-of-$name" && cp rules/calibration.yaml "$dir/rules-of-$name/"
  (cd "$wt" && java -jar target/gatewaydoctor.jar replay --score --json --rules "$dir/rules-of-$name" "$set_dir") > "$out"
done
java -cp target/gatewaydoctor.jar src/bench/FreshTable.java "${scores[@]}"
