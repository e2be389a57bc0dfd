#!/bin/sh
# Records the SDK's public API in src/*/PublicAPI.Unshipped.txt after a deliberate API change: builds each library,
# adds every symbol the PublicApiAnalyzers report as undeclared (RS0016) and drops every declared symbol that no
# longer exists (RS0017). Review the diff like code; move lines to PublicAPI.Shipped.txt when a version ships.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
for project in "$root"/src/*/; do
  [ -f "$project/PublicAPI.Unshipped.txt" ] || continue
  log=$(mktemp)
  dotnet build "$project" --no-incremental -v q -clp:NoSummary -p:TreatWarningsAsErrors=false >"$log" 2>&1 || true
  python3 - "$project" "$log" <<'PY'
import re, sys
project, log = sys.argv[1], sys.argv[2]
# Building a project builds its references too: keep only what is reported against this project's own files.
text = "\n".join(l for l in open(log, encoding="utf-8").read().splitlines() if l.startswith(project))
added = sorted(set(re.findall(r"RS0016: Symbol '(.+?)' is not part of the declared public API", text)))
removed = set(re.findall(r"RS0017: Symbol '(.+?)' is part of the declared API, but", text))
for name in ("PublicAPI.Shipped.txt", "PublicAPI.Unshipped.txt"):
    path = project + name
    lines = [l for l in open(path, encoding="utf-8").read().splitlines() if l and l not in removed]
    if name.endswith("Unshipped.txt"):
        lines = [l for l in lines if l != "#nullable enable"]
        lines = ["#nullable enable"] + sorted(set(lines) | set(added))
    open(path, "w", encoding="utf-8", newline="\n").write("\n".join(lines) + "\n")
print(f"{project}: +{len(added)} -{len(removed)}")
PY
  rm -f "$log"
done
