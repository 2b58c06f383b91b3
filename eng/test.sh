#!/usr/bin/env bash
# The test command: every test project once at the machine's widest vector width, then the kernel suite and the
# library suite (GEMM) again with 256-bit, 128-bit, no AVX-512 and no hardware intrinsics, so the Vector512, Vector256,
# Vector128 and scalar bodies and GEMM micro-kernels all run and are each held bit for bit to the GEMM reference
# (STYLE.md #12; on .NET 10 DOTNET_EnableAVX512F=0 does nothing, PreferredVectorBitWidth does).
set -euo pipefail
cd "$(dirname "$0")/.."

log=$(mktemp)
trap 'rm -f "$log"' EXIT

run() {
  echo "== $*"
  "$@" 2>&1 | tee -a "$log"
}

dotnet build Numerics.sln -c Release -warnaserror
run dotnet test Numerics.sln -c Release --no-build
# DOTNET_EnableAVX512=0 also runs the paths written for machines without AVX-512 (e.g. the two-step 2^k scaling).
for setting in DOTNET_PreferredVectorBitWidth=256 DOTNET_PreferredVectorBitWidth=128 DOTNET_EnableAVX512=0 DOTNET_EnableHWIntrinsic=0; do
  run env "$setting" dotnet test tests/Numerics.Kernels.Tests -c Release --no-build
  run env "$setting" dotnet test tests/Numerics.Tests -c Release --no-build
done

# One closing line for the whole run, summed over every dotnet test summary above.
passed=$(grep -oE 'Passed: +[0-9]+' "$log" | awk '{s += $2} END {print s + 0}')
failed=$(grep -oE 'Failed: +[0-9]+' "$log" | awk '{s += $2} END {print s + 0}')
skipped=$(grep -oE 'Skipped: +[0-9]+' "$log" | awk '{s += $2} END {print s + 0}')
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
