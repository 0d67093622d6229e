#!/usr/bin/env bash
# An apt repository of the .deb files in DEB_DIR, signed with a key made on first use:
#   REPO_DIR/pool/main/h/harbourmaster/*.deb
#   REPO_DIR/dists/stable/main/binary-<arch>/Packages(.gz)
#   REPO_DIR/dists/stable/{Release,InRelease,Release.gpg}
#   REPO_DIR/harbourmaster.gpg    the public key, for signed-by= in sources.list
# The secret key lives in HM_REPO_GNUPGHOME (default: REPO_DIR.gnupg beside REPO_DIR, outside what is
# published). Keep it: a new key means every machine must fetch the new harbourmaster.gpg.
# Usage: packaging/deb/repo.sh DEB_DIR REPO_DIR   (run again to republish; the key is reused)
set -euo pipefail
umask 022
debs=${1:?usage: repo.sh DEB_DIR REPO_DIR}
repo=${2:?usage: repo.sh DEB_DIR REPO_DIR}
for tool in dpkg-scanpackages apt-ftparchive gpg; do
  command -v "$tool" >/dev/null || { echo "repo: $tool not found (apt-get install dpkg-dev apt-utils gnupg)" >&2; exit 1; }
done
shopt -s nullglob
files=("$debs"/*.deb)
[ ${#files[@]} -gt 0 ] || { echo "repo: no .deb files in $debs" >&2; exit 1; }
mkdir -p "$repo"
repo=$(cd "$repo" && pwd)
export GNUPGHOME=${HM_REPO_GNUPGHOME:-$repo.gnupg}
suite=stable
component=main

# The signing key: ed25519, no passphrase (the repository is signed unattended), no expiry.
mkdir -p "$GNUPGHOME"
chmod 0700 "$GNUPGHOME"
# gpg starts an agent for this home; stop it on the way out so nothing is left running.
trap 'gpgconf --kill gpg-agent >/dev/null 2>&1 || true' EXIT
fingerprint() { gpg --batch --with-colons --list-secret-keys 2>/dev/null | awk -F: '$1 == "fpr" {print $10; exit}'; }
if [ -z "$(fingerprint)" ]; then
  gpg --batch --quiet --pinentry-mode loopback --passphrase '' \
    --quick-gen-key "Harbourmaster apt repository <harbourmaster@localhost>" ed25519 sign never
  echo "repo: new signing key in $GNUPGHOME"
fi
key=$(fingerprint)

# Pool and indexes are rebuilt from DEB_DIR each time: the repository holds exactly those packages.
rm -rf "$repo/pool" "$repo/dists"
pool=pool/$component/h/harbourmaster
mkdir -p "$repo/$pool"
cp "${files[@]}" "$repo/$pool/"
archs=$(for f in "${files[@]}"; do dpkg-deb --field "$f" Architecture; done | sort -u | tr '\n' ' ')
archs=${archs% }
dist=$repo/dists/$suite
for arch in $archs; do
  dir=$dist/$component/binary-$arch
  mkdir -p "$dir"
  # Run from the repository root: Filename: fields are relative to it, as apt expects.
  (cd "$repo" && dpkg-scanpackages --multiversion --arch "$arch" pool /dev/null 2>/dev/null) >"$dir/Packages"
  gzip -9n --keep "$dir/Packages"
done
apt-ftparchive \
  -o APT::FTPArchive::Release::Origin=Harbourmaster \
  -o APT::FTPArchive::Release::Label=Harbourmaster \
  -o APT::FTPArchive::Release::Suite="$suite" \
  -o APT::FTPArchive::Release::Codename="$suite" \
  -o APT::FTPArchive::Release::Architectures="$archs" \
  -o APT::FTPArchive::Release::Components="$component" \
  -o APT::FTPArchive::Release::Description="Harbourmaster packages" \
  release "$dist" >"$repo/Release.partial"
mv "$repo/Release.partial" "$dist/Release"
gpg --batch --yes --quiet --local-user "$key" --clearsign --output "$dist/InRelease" "$dist/Release"
gpg --batch --yes --quiet --local-user "$key" --armor --detach-sign --output "$dist/Release.gpg" "$dist/Release"
gpg --batch --yes --export "$key" >"$repo/harbourmaster.gpg"
echo "repo: $repo (${#files[@]} packages, $archs, key $key)"
