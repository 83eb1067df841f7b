#!/usr/bin/env python3
"""Fill the winget, scoop and Chocolatey manifests from a release's artifacts (issue 14).

    packaging/generate.py --version 1.2.3 --artifacts dist --repo OWNER/linkctl --out dist/manifests

Reads dist/linkctl-VERSION-win-x64.zip and -win-arm64.zip (the archives the release workflow
publishes), computes their SHA-256 (and checks it against the .sha256 file beside each, when
there is one), and writes:
  winget/Linkctl.Linkctl.yaml, .installer.yaml, .locale.en-US.yaml  (multi-file manifest 1.10.0:
      a zip with a portable linkctl.exe and the command alias `linkctl`)
  scoop/linkctl.json   (with checkver and autoupdate, so scoop's own tooling follows new tags)
  chocolatey/linkctl.nuspec and chocolatey/tools/chocolateyinstall.ps1
Nothing is downloaded: the hashes are of the files given. tests/Linkctl.Tests/Packaging checks
the output against the vendored schemas in packaging/schemas.
"""
import argparse
import hashlib
import json
import pathlib
import re
import sys

IDENTIFIER = "Linkctl.Linkctl"
MANIFEST_VERSION = "1.10.0"
DESCRIPTION = "Filesystem links that just work: symbolic links, junctions and hard links, with diagnosis and fixes for Windows' symlink privilege."
ARCHES = {"x64": "win-x64", "arm64": "win-arm64"}  # winget Architecture -> our RID


def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest().upper()


def yaml_scalar(value):
    # Quoted always: a version like 1.10 or a word like "yes" must stay a string.
    return "'" + str(value).replace("'", "''") + "'"


def yaml(doc, schema):
    lines = [f"# yaml-language-server: $schema={schema}", ""]

    def emit(value, indent, key=None):
        pad = "  " * indent
        if isinstance(value, dict):
            if key is not None:
                lines.append(f"{pad}{key}:")
                indent += 1
                pad = "  " * indent
            for k, v in value.items():
                if isinstance(v, (dict, list)):
                    emit(v, indent, k)
                else:
                    lines.append(f"{pad}{k}: {yaml_scalar(v)}")
        elif isinstance(value, list):
            lines.append(f"{pad}{key}:")
            for item in value:
                if isinstance(item, dict):
                    first = True
                    for k, v in item.items():
                        lead = f"{pad}- " if first else f"{pad}  "
                        first = False
                        if isinstance(v, (dict, list)):
                            raise ValueError("nested collections inside list items are not needed here")
                        lines.append(f"{lead}{k}: {yaml_scalar(v)}")
                else:
                    lines.append(f"{pad}- {yaml_scalar(item)}")

    emit(doc, 0)
    return "\n".join(lines) + "\n"


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--version", required=True)
    p.add_argument("--artifacts", required=True, type=pathlib.Path)
    p.add_argument("--repo", required=True, help="OWNER/NAME on GitHub, for the download URLs")
    p.add_argument("--out", required=True, type=pathlib.Path)
    a = p.parse_args()
    if not re.fullmatch(r"\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?", a.version):
        sys.exit(f"generate.py: version {a.version!r} is not MAJOR.MINOR.PATCH[-PRERELEASE] (the git tag without its v)")

    base = f"https://github.com/{a.repo}/releases/download/v{a.version}"
    files = {}
    for arch, rid in ARCHES.items():
        name = f"linkctl-{a.version}-{rid}.zip"
        path = a.artifacts / name
        if not path.is_file():
            sys.exit(f"generate.py: {path} is missing: the release must have the {rid} archive before its manifests are made")
        digest = sha256(path)
        side = path.with_name(name + ".sha256")
        if side.is_file():
            stated = side.read_text().split()[0].upper()
            if stated != digest:
                sys.exit(f"generate.py: {side} says {stated} but {name} hashes to {digest}: the artifacts do not match")
        files[arch] = (f"{base}/{name}", digest)

    v = a.version
    winget = a.out / "winget"
    winget.mkdir(parents=True, exist_ok=True)
    common = {"PackageIdentifier": IDENTIFIER, "PackageVersion": v}
    (winget / f"{IDENTIFIER}.yaml").write_text(yaml(
        {**common, "DefaultLocale": "en-US", "ManifestType": "version", "ManifestVersion": MANIFEST_VERSION},
        f"https://aka.ms/winget-manifest.version.{MANIFEST_VERSION}.schema.json"))
    installer = {
        **common,
        "InstallerType": "zip",
        "NestedInstallerType": "portable",
        "NestedInstallerFiles": [{"RelativeFilePath": "linkctl.exe", "PortableCommandAlias": "linkctl"}],
        "Commands": ["linkctl"],
        "Installers": [{"Architecture": arch, "InstallerUrl": url, "InstallerSha256": digest} for arch, (url, digest) in files.items()],
        "ManifestType": "installer",
        "ManifestVersion": MANIFEST_VERSION,
    }
    (winget / f"{IDENTIFIER}.installer.yaml").write_text(yaml(installer, f"https://aka.ms/winget-manifest.installer.{MANIFEST_VERSION}.schema.json"))
    (winget / f"{IDENTIFIER}.locale.en-US.yaml").write_text(yaml({
        **common,
        "PackageLocale": "en-US",
        "Publisher": "linkctl contributors",
        "PackageName": "linkctl",
        "PackageUrl": f"https://github.com/{a.repo}",
        "License": "MIT",
        "LicenseUrl": f"https://github.com/{a.repo}/blob/v{v}/LICENSE",
        "ShortDescription": DESCRIPTION,
        "Moniker": "linkctl",
        "Tags": ["symlink", "junction", "hardlink", "mklink"],
        "ReleaseNotesUrl": f"https://github.com/{a.repo}/releases/tag/v{v}",
        "ManifestType": "defaultLocale",
        "ManifestVersion": MANIFEST_VERSION,
    }, f"https://aka.ms/winget-manifest.defaultLocale.{MANIFEST_VERSION}.schema.json"))

    scoop = a.out / "scoop"
    scoop.mkdir(parents=True, exist_ok=True)
    template = f"https://github.com/{a.repo}/releases/download/v$version/linkctl-$version-"
    (scoop / "linkctl.json").write_text(json.dumps({
        "version": v,
        "description": DESCRIPTION,
        "homepage": f"https://github.com/{a.repo}",
        "license": "MIT",
        "architecture": {
            "64bit": {"url": files["x64"][0], "hash": files["x64"][1].lower()},
            "arm64": {"url": files["arm64"][0], "hash": files["arm64"][1].lower()},
        },
        "bin": "linkctl.exe",
        "checkver": {"github": f"https://github.com/{a.repo}"},
        "autoupdate": {
            "architecture": {
                "64bit": {"url": template + "win-x64.zip"},
                "arm64": {"url": template + "win-arm64.zip"},
            },
            "hash": {"url": "$url.sha256"},
        },
    }, indent=4) + "\n")

    choco = a.out / "chocolatey"
    (choco / "tools").mkdir(parents=True, exist_ok=True)
    (choco / "linkctl.nuspec").write_text(f"""<?xml version="1.0" encoding="utf-8"?>
<package xmlns="http://schemas.microsoft.com/packaging/2015/06/nuspec.xsd">
  <metadata>
    <id>linkctl</id>
    <version>{v}</version>
    <title>linkctl</title>
    <authors>linkctl contributors</authors>
    <projectUrl>https://github.com/{a.repo}</projectUrl>
    <licenseUrl>https://github.com/{a.repo}/blob/v{v}/LICENSE</licenseUrl>
    <requireLicenseAcceptance>false</requireLicenseAcceptance>
    <tags>symlink junction hardlink mklink cli</tags>
    <summary>Filesystem links that just work.</summary>
    <description>{DESCRIPTION}</description>
  </metadata>
  <files>
    <file src="tools\\**" target="tools" />
  </files>
</package>
""")
    (choco / "tools" / "chocolateyinstall.ps1").write_text(f"""$ErrorActionPreference = 'Stop'
# Generated by packaging/generate.py for linkctl {v}: the x64 archive, checked by its SHA-256.
Install-ChocolateyZipPackage -PackageName 'linkctl' -UnzipLocation (Split-Path -Parent $MyInvocation.MyCommand.Definition) `
  -Url64bit '{files["x64"][0]}' -Checksum64 '{files["x64"][1]}' -ChecksumType64 'sha256'
""")
    print(f"generate.py: manifests for {v} in {a.out}")


if __name__ == "__main__":
    main()
