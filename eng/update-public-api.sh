#!/usr/bin/env bash
# Regenerates the public API baselines (src/*/PublicAPI.Unshipped.txt) from the code: builds each package, adds every
# public symbol the analyzers report as undeclared (RS0016) and removes every entry whose symbol is gone (RS0017),
# until the package builds. It works from the build's diagnostics rather than `dotnet format`, because the code fix
# does not see the symbols of Razor components (the admin package). Run it after changing a package's public surface
# (or after a merge), then review the diff of the .txt files: it is the change to the surface. PublicAPI.Shipped.txt
# is edited by hand when a version is released (move the lines over).
#
#   bash eng/update-public-api.sh            # every package
#   bash eng/update-public-api.sh Core       # one package (the part after "Integrations.")
set -euo pipefail
cd "$(dirname "$0")/.."

packages=("$@")
if [ ${#packages[@]} -eq 0 ]; then
  # Dependencies first: a package is built against the packages it references as they are now.
  packages=(Core Storage.InMemory Storage.EfCore AspNetCore AspNetCore.Admin Client)
fi

log=$(mktemp)
trap 'rm -f "$log"' EXIT

for package in "${packages[@]}"; do
  dir="src/Integrations.$package"
  [ -f "$dir/Integrations.$package.csproj" ] || { echo "no project $dir/Integrations.$package.csproj" >&2; exit 1; }
  for file in PublicAPI.Shipped.txt PublicAPI.Unshipped.txt; do
    [ -f "$dir/$file" ] || printf '#nullable enable\n' > "$dir/$file"
  done

  built=0
  for attempt in 1 2 3 4; do
    if dotnet build "$dir/Integrations.$package.csproj" -c Release -nologo -v q -clp:NoSummary >"$log" 2>&1; then
      echo "Integrations.$package: baseline up to date"
      built=1
      break
    fi
    changed=$(python3 - "$dir" "$log" <<'PY'
import re, sys
directory, log = sys.argv[1], sys.argv[2]
project = directory.rstrip('/').split('/')[-1]
added, removed = set(), set()
for line in open(log, encoding='utf-8', errors='replace'):
    if f'{project}.csproj]' not in line:
        continue  # a diagnostic of a referenced project
    m = re.search(r"error RS0016: Symbol '(.*)' is not part of the declared public API", line)
    if m:
        added.add(m.group(1))
    m = re.search(r"error RS0017: Symbol '(.*)' is part of the declared API, but is either not public or could not be found", line)
    if m:
        removed.add(m.group(1))
path = f'{directory}/PublicAPI.Unshipped.txt'
entries = [l.rstrip('\n') for l in open(path, encoding='utf-8') if l.strip() and not l.startswith('#nullable')]
kept = [e for e in entries if e not in removed]
result = sorted(set(kept) | added, key=lambda e: (e.lstrip('~').replace('static ', '').replace('abstract ', '').replace('virtual ', '').replace('override ', '').replace('const ', '').lower(), e))
with open(path, 'w', encoding='utf-8', newline='\n') as f:
    f.write('#nullable enable\n')
    f.writelines(e + '\n' for e in result)
print(len(added) + len(removed))
PY
)
    if [ "$changed" = "0" ]; then
      echo "Integrations.$package does not build, and not because of its baseline:" >&2
      grep -E "error" "$log" | sort -u >&2 || cat "$log" >&2
      exit 1
    fi
    echo "Integrations.$package: $changed baseline entries added or removed"
  done
  [ "$built" = 1 ] || { echo "Integrations.$package still does not build after updating its baseline" >&2; exit 1; }
done
