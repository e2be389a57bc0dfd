#!/bin/sh
# Records which functions the NativeAOT compiler runs in
# src/MlDeploy.Hosting/compiler-startup.order. Directory.Build.props hands that file to the AOT compiler (IlcOrderFile),
# which lays those methods out first and together: a `compile` run then maps a few contiguous pages of code instead of
# pages scattered over the whole executable (docs/BENCHMARKS.md, stop 16). Run it after a change that moves much of the
# compile path (new targets, a rewritten writer); a stale file costs only start-up time, never correctness, because the
# AOT compiler skips names it does not know and keeps the rest of the methods in their default order.
#
# Needs valgrind (callgrind counts every function a run enters, however briefly, which sampling cannot) and objcopy.
# The runs: the prod stack as Pulumi compiles it through compile.sh (the common path, so its methods come first), then
# plugin discovery (no stack: every stack of the example platform, so every target's planner, extractors and writers).
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for tool in valgrind objcopy python3; do
  command -v "$tool" >/dev/null || { echo "update-compiler-order.sh: $tool is needed" 1>&2; exit 1; }
done

# Unstripped, so callgrind sees the symbol table; the DWARF data is dropped because valgrind cannot read the AOT
# compiler's. IlcOrderFile is cleared so this build's layout does not depend on the file it regenerates.
dotnet publish "$root/stacks/MlPlatform.Stacks.csproj" -c Release --nologo -v quiet -clp:ErrorsOnly \
  -r linux-x64 -p:PublishAot=true -p:MlDeployCompileOnly=true -p:StripSymbols=false -p:IlcOrderFile= \
  -p:ArtifactsPath="$work/build" -o "$work/publish" >/dev/null
objcopy --strip-debug "$work/publish/MlPlatform.Stacks" "$work/MlPlatform.Stacks"

prod_config='{"ml-platform:profile":"production","ml-platform:fraud-scorer-image":"123456789012.dkr.ecr.eu-west-1.amazonaws.com/ml-platform-staging-fraud-scorer@sha256:3f1d6f3c9a5b7e2d4c8a1b0f9e7d6c5b4a3f2e1d0c9b8a7f6e5d4c3b2a1f0e9d","ml-platform:fraud-scorer-model-sha256":"04f64ddce5db1bd9f61e8a81f591cf2405f97dab9c48b29556f988cd541af840","ml-platform:subnetIds":"[\"subnet-1\",\"subnet-2\"]","ml-platform:securityGroupIds":"[\"sg-1\"]"}'
cd "$root"
# As compile.sh starts it, with the variables that make the program check its sources first (MlDeploy.Hosting's
# PublishedSources): a stamp newer than every source, so the check finds nothing to republish. The first run after a
# publish walks the sources and lists them beside the stamp; the recorded run is a later one, which reads that list.
touch "$work/stamp"
compile_prod() {
  PULUMI_PROJECT=ml-platform PULUMI_STACK=prod PULUMI_CONFIG="$prod_config" MLDEPLOY_PUBLISHED_STAMP="$work/stamp" \
    MLDEPLOY_PUBLISHED_SOURCES="$root/stacks:$root/src:$root/Directory.Build.props:$root/Directory.Packages.props" \
    MLDEPLOY_PUBLISHED_BY="$root/stacks/compile.sh" "$@" "$work/MlPlatform.Stacks" compile >/dev/null
}
compile_prod
[ -s "$work/.sources" ] || { echo "update-compiler-order.sh: the first run listed no sources beside its stamp" 1>&2; exit 1; }
compile_prod valgrind -q --tool=callgrind --callgrind-out-file="$work/prod.out"
env -u PULUMI_STACK -u PULUMI_CONFIG PULUMI_PROJECT=ml-platform \
  valgrind -q --tool=callgrind --callgrind-out-file="$work/discovery.out" "$work/MlPlatform.Stacks" compile >/dev/null

# The managed code's symbols: only the methods the AOT compiler emitted can be laid out (not the runtime's C++ or libc).
nm --defined-only "$work/MlPlatform.Stacks" >"$work/symbols"
readelf -S -W "$work/MlPlatform.Stacks" | awk '$2 == "__managedcode" { print $4, $6 }' >"$work/section"

python3 - "$root/src/MlDeploy.Hosting/compiler-startup.order" "$work/symbols" "$work/section" "$work/prod.out" "$work/discovery.out" <<'PY'
import re, sys
target, symbols, section, runs = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
start, size = (int(x, 16) for x in open(section).read().split())
managed = set()
for line in open(symbols, encoding="utf-8"):
    address, kind, name = line.split(maxsplit=2)
    name = name.strip()
    # File-scoped types (the regex source generator's) are named after a hash of their file's absolute path, which
    # differs in every clone and build folder: listing them would only churn the file.
    if kind in "tT" and start <= int(address, 16) < start + size and not re.search(r"_g_F[0-9A-F]{64}__", name):
        managed.add(name)
order, seen = [], set()
for run in runs:
    # Every function a run enters has a cost block ("fn="); callgrind names each once and refers to it by number after.
    names, entered = {}, set()
    for line in open(run, encoding="utf-8"):
        if m := re.match(r"^c?fn=\((\d+)\)(?: (\S+))?", line):
            name = names.setdefault(m.group(1), (m.group(2) or "").split("'")[0])
            if line.startswith("fn=") and name in managed:
                entered.add(name)
    # Sorted by name within each run (callgrind's numbering is not the order of execution): a stable file whose diff
    # shows what a change added to or removed from the compile path.
    for name in sorted(entered - seen):
        seen.add(name)
        order.append(name)
open(target, "w", encoding="utf-8", newline="\n").write("\n".join(order) + "\n")
print(f"{target}: {len(order)} methods")
PY
