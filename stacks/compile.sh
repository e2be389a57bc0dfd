#!/bin/sh
# Runs the C# stack program: Pulumi's YAML compiler hook (`compile`, run before every preview and update) and the
# CLI verbs (synth, plan, validate, and verify, which runs from a JIT build: see below).
#
# The program is published once into stacks/bin/compiler/ and republished only when a source is newer than that
# publish (one build at a time). It is published NativeAOT (a native executable: no runtime to start, nothing to
# JIT-compile); when that fails (no native toolchain, or code the AOT compiler rejects) ReadyToRun, and when that
# fails too, plain JIT-compiled IL. A build says on stderr what it starts (a first build takes a minute or two), each
# fallback and why, and which of the three it used; on a terminal a line also counts the seconds while it works. A run
# that does not build prints nothing of its own. stdout carries nothing but the program's output.
#
# MLDEPLOY_COMPILER=readytorun or =jit starts the fallback chain further down, e.g. where the native toolchain is
# missing; changing it republishes.
set -eu
# Set only when the published program runs this script to republish (see the end); the program's hand-over variables
# are this script's to set, never inherited.
rebuild_for=${MLDEPLOY_REBUILD_FOR:-}
unset MLDEPLOY_REBUILD_FOR MLDEPLOY_PUBLISHED_STAMP MLDEPLOY_PUBLISHED_SOURCES MLDEPLOY_PUBLISHED_BY
# Pulumi runs this before every preview: the path that does not build starts no process but the program
# (parameter expansion instead of dirname, builtin tests instead of find).
case "$0" in
  */*) cd -P -- "${0%/*}/.." ;;
  *) cd -P .. ;;
esac
root=$PWD
out="$root/stacks/bin/compiler"
stamp="$out/.published"

# The project's stack program: the one C# project in stacks/ (another Pulumi project links this script into its own
# stacks/ folder, e.g. examples/composition/*). The SDK sources it builds from are the nearest src/MlDeploy.Core above.
proj=
for f in "$root"/stacks/*.csproj; do proj=$f; done
if [ ! -f "$proj" ]; then
  echo "compile.sh: no C# project in $root/stacks" 1>&2
  exit 1
fi
program=${proj##*/}
program=${program%.csproj}
sdk=$root
while [ -n "$sdk" ] && [ ! -d "$sdk/src/MlDeploy.Core" ]; do sdk=${sdk%/*}; done

# `verify` calls cloud APIs after `pulumi up`: the NativeAOT program leaves it out (its HTTP stack and AWSSDK.Core's
# credential chain would cost every `compile` start-up; docs/BENCHMARKS.md), so it runs from a JIT build, built on
# demand beside the published program. Build messages go to stderr; stdout carries only verify's lines.
if [ "${1:-}" = verify ]; then
  log="$root/stacks/bin/verifier.log"
  mkdir -p "$root/stacks/bin"
  if ! dotnet build "$proj" -c Release --nologo -v quiet -clp:ErrorsOnly -p:PublishAot=false \
    -p:ArtifactsPath="$root/stacks/bin/verifier-build" >"$log" 2>&1; then
    cat "$log" 1>&2
    exit 1
  fi
  exec dotnet "$root/stacks/bin/verifier-build/bin/$program/release/$program.dll" "$@"
fi

# The stamp holds how the program was published, how it was asked to be (MLDEPLOY_COMPILER) and that the program checks
# its sources itself (see below); its modification time is when that publish started.
published() {
  [ -f "$stamp" ] || return 1
  read -r _ requested checks <"$stamp"
  [ "$requested" = "${MLDEPLOY_COMPILER:-nativeaot}" ] && [ "$checks" = checks-sources ]
}

# The runtime identifier of this machine (native code needs one); empty when unknown.
rid() {
  case "$(uname -s)-$(uname -m)" in
    Linux-x86_64) r=linux-x64 ;;
    Linux-aarch64 | Linux-arm64) r=linux-arm64 ;;
    Darwin-arm64) r=osx-arm64 ;;
    Darwin-x86_64) r=osx-x64 ;;
    *) r= ;;
  esac
  if [ -n "$r" ] && [ "${r#linux-}" != "$r" ] && ldd --version 2>&1 | grep -qi musl; then
    r="linux-musl-${r#linux-}"
  fi
  echo "$r"
}

# Publishes into a fresh folder; build output goes to that kind of publish's log only.
publish() {
  log="$root/stacks/bin/compiler-$1.log"
  echo "compile.sh: building the stack program as $2 (a first build takes a minute or two)" 1>&2
  shift 2
  rm -rf "$next"
  dotnet publish "$proj" -c Release --nologo -v quiet -clp:ErrorsOnly \
    -p:ArtifactsPath="$root/stacks/bin/compiler-build" -o "$next" "$@" >"$log" 2>&1
}

# On a terminal, one line that counts the seconds while a build runs (overwritten in place, cleared when done), so a
# first build does not look hung; in logs and under Pulumi (stderr not a terminal) nothing.
ticking=
start_ticker() {
  [ -t 2 ] || return 0
  (
    s=0
    # Sleeping in the background and waiting lets the TERM from stop_ticker end the sleep too, not only this loop.
    trap 'kill "$nap" 2>/dev/null; exit 0' TERM
    while :; do
      sleep 5 &
      nap=$!
      wait "$nap"
      s=$((s + 5))
      printf '\r\033[Kcompile.sh: building... %ss' "$s" 1>&2
    done
  ) &
  ticking=$!
}

stop_ticker() {
  [ -n "$ticking" ] || return 0
  kill "$ticking" 2>/dev/null || true
  wait "$ticking" 2>/dev/null || true
  ticking=
  printf '\r\033[K' 1>&2
}

# Compile errors in the stack program fail every kind of publish: no point trying the next one.
source_error() {
  grep -q ': error CS' "$log"
}

build() {
  next="$root/stacks/bin/compiler-next"
  rm -f "$root"/stacks/bin/compiler-*.log
  mkdir -p "$root/stacks/bin"
  # Sources saved while the build runs are newer than this mark, so the next run rebuilds.
  touch "$root/stacks/bin/compiler-started"
  r=$(rid)
  requested=${MLDEPLOY_COMPILER:-nativeaot}
  mode=$requested
  why="MLDEPLOY_COMPILER=$mode"
  case "$mode" in
    nativeaot) why= ;;
    readytorun | jit) ;;
    *) echo "compile.sh: MLDEPLOY_COMPILER must be nativeaot, readytorun or jit, not '$mode'" 1>&2; exit 2 ;;
  esac
  if [ -z "$r" ] && [ "$mode" != jit ]; then
    # Native code (NativeAOT and ReadyToRun alike) is built for one runtime identifier.
    why="no runtime identifier known for $(uname -sm)"
    mode=jit
  fi
  start_ticker
  trap stop_ticker EXIT
  if [ "$mode" = nativeaot ] && ! publish nativeaot NativeAOT -r "$r" -p:PublishAot=true -p:MlDeployCompileOnly=true; then
    why="the NativeAOT publish failed (log: $log)"
    if source_error; then
      mode=jit
    else
      mode=readytorun
    fi
  fi
  if [ "$mode" = readytorun ] && ! publish readytorun ReadyToRun -r "$r" --self-contained false -p:PublishAot=false -p:PublishReadyToRun=true; then
    why="${why:+$why; }the ReadyToRun publish failed (log: $log)"
    mode=jit
  fi
  if [ "$mode" = jit ] && ! publish jit "JIT-compiled IL" -p:PublishAot=false; then
    # Nothing was published: show why (the compile errors) and keep the previous program, if any.
    stop_ticker
    cat "$log" 1>&2
    exit 1
  fi
  stop_ticker
  trap - EXIT
  rm -rf "$out"
  mv "$next" "$out"
  echo "$mode $requested checks-sources" >"$stamp"
  touch -r "$root/stacks/bin/compiler-started" "$stamp"
  # The log of the publish that worked; those of failed ones stay for the message below to point at.
  rm -f "$log" "$root/stacks/bin/compiler-started"
  case "$mode" in
    nativeaot) echo "compile.sh: published the stack program as NativeAOT" 1>&2 ;;
    readytorun) echo "compile.sh: published the stack program as ReadyToRun: $why" 1>&2 ;;
    *) echo "compile.sh: published the stack program as JIT-compiled IL: $why" 1>&2 ;;
  esac
}

# Whether a source changed since the publish is the published program's own first check (MlDeploy.Hosting's
# PublishedSources): a walk here, with the shell's `-nt` statting every source and the stamp, cost more than the whole
# program. The program is told the stamp and the sources; when one is newer it runs this script again with
# MLDEPLOY_REBUILD_FOR naming it (for a source added or deleted, its folder, which that made newer), and that run
# republishes unless another run already did since the edit. The program lists the sources beside the stamp
# (.sources), so a republish (which replaces the folder) starts a new list.
if [ -n "$rebuild_for" ] || ! published; then
  mkdir -p "$root/stacks/bin"
  if command -v flock >/dev/null 2>&1; then
    # One build at a time; whoever waited finds it done.
    exec 9>"$root/stacks/bin/.compiler.lock"
    flock 9
  fi
  if ! published || { [ -n "$rebuild_for" ] && [ "$rebuild_for" -nt "$stamp" ]; }; then
    build
  fi
  exec 9>&-
fi
if [ -z "$rebuild_for" ]; then
  # This run's program checks; one started to republish does not check again (a source dated in the future would
  # otherwise republish forever; as before, it republishes on every run).
  sources="$root/stacks"
  [ -n "$sdk" ] && sources="$sources:$sdk/src:$sdk/Directory.Build.props:$sdk/Directory.Packages.props"
  export MLDEPLOY_PUBLISHED_STAMP="$stamp" MLDEPLOY_PUBLISHED_SOURCES="$sources" MLDEPLOY_PUBLISHED_BY="$root/stacks/${0##*/}"
fi
read -r mode _ <"$stamp"
if [ "$mode" = nativeaot ]; then
  exec "$out/$program" "$@"
fi
exec dotnet "$out/$program.dll" "$@"
