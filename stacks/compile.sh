#!/bin/sh
# Runs the C# stack program: Pulumi's YAML compiler hook (`compile`, run before every preview and update) and the
# CLI verbs (synth, plan, validate).
#
# The program is published once into stacks/bin/compiler/, ReadyToRun (precompiled to native code, so starting it
# JIT-compiles almost nothing), and republished only when a source is newer than that publish. Its intermediate
# files live under stacks/bin/compiler-build/, apart from the obj/ and bin/ folders of ordinary builds. Build
# output goes to stderr: stdout carries nothing but the program's own output.
#
# MLDEPLOY_READY_TO_RUN=0 publishes without ReadyToRun (slower start-up; needs no runtime or crossgen2 packs).
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
out="$root/stacks/bin/compiler"
dll="$out/MlPlatform.Stacks.dll"
stamp="$out/.published"

stale() {
  [ -f "$dll" ] && [ -f "$stamp" ] || return 0
  changed=$(find "$root/stacks" "$root/src" "$root/Directory.Build.props" "$root/Directory.Packages.props" \
    -path '*/bin' -prune -o -path '*/obj' -prune -o \
    \( -name '*.cs' -o -name '*.csproj' -o -name '*.props' -o -name '*.targets' \) -newer "$stamp" -print 2>/dev/null | head -n 1)
  [ -n "$changed" ]
}

# The runtime identifier of this machine, for the ReadyToRun (native code) publish; empty when unknown.
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

publish() {
  dotnet publish "$root/stacks/MlPlatform.Stacks.csproj" -c Release --nologo -v quiet -clp:ErrorsOnly \
    -p:ArtifactsPath="$root/stacks/bin/compiler-build" -o "$out" "$@"
}

build() {
  mkdir -p "$out"
  # Sources saved while the build runs are newer than this mark, so the next run rebuilds.
  touch "$stamp.next"
  r=$(rid)
  if [ -n "$r" ] && [ "${MLDEPLOY_READY_TO_RUN:-1}" != 0 ]; then
    log="$out/.publish.log"
    if publish -r "$r" --self-contained false -p:PublishReadyToRun=true >"$log" 2>&1; then
      rm -f "$log"
      mv "$stamp.next" "$stamp"
      return 0
    fi
    # Compile errors fail the plain publish too, which prints them; anything else (e.g. no crossgen2 pack
    # offline) falls back to a JIT-compiled program.
    echo "compile.sh: the ReadyToRun publish failed (log: $log); retrying without ReadyToRun" 1>&2
  fi
  publish 1>&2
  mv "$stamp.next" "$stamp"
}

if stale; then
  mkdir -p "$out"
  if command -v flock >/dev/null 2>&1; then
    # One build at a time; whoever waited finds it done.
    exec 9>"$root/stacks/bin/.compiler.lock"
    flock 9
  fi
  if stale; then
    build
  fi
  exec 9>&-
fi
cd "$root"
exec dotnet "$dll" "$@"
