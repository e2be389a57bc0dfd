#!/bin/sh
# Runs the C# stack program (Pulumi's YAML compiler hook, and any CLI verb: compile, synth, plan, validate).
# Builds only when a source is newer than the built assembly; build output goes to stderr so that stdout
# carries nothing but the program.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
dll="$root/stacks/bin/Release/net10.0/MlPlatform.Stacks.dll"
stale() {
  [ ! -f "$dll" ] && return 0
  changed=$(find "$root/stacks" "$root/src" "$root/Directory.Build.props" "$root/Directory.Packages.props" \
    -path '*/bin' -prune -o -path '*/obj' -prune -o \
    \( -name '*.cs' -o -name '*.csproj' -o -name '*.props' \) -newer "$dll" -print 2>/dev/null | head -n 1)
  [ -n "$changed" ]
}
if stale; then
  dotnet build "$root/stacks/MlPlatform.Stacks.csproj" -c Release --nologo -v quiet -clp:ErrorsOnly 1>&2
  touch "$dll"
fi
cd "$root"
exec dotnet "$dll" "$@"
