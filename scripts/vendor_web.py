"""Copy the web page's front-end libraries from the npm registry into ``rasd/web/static/vendor``.

The page must work with no internet, so Leaflet, its marker-cluster plugin, d3 and Swagger UI (the OpenAPI
page at ``/docs``) are served by rasd itself.
Versions are pinned in ``web/package.json`` / ``web/package-lock.json``; this script installs exactly those
(``npm ci``), copies the distributed files and their licences, and writes ``vendor/VERSIONS.json`` with
each file's sha256 so a test can tell a hand-edited vendor file from the published one.

Usage: python scripts/vendor_web.py   (needs node and npm; run it when a version in web/package.json changes)
"""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WEB = ROOT / "web"
VENDOR = ROOT / "rasd" / "web" / "static" / "vendor"

#: package → (files under node_modules/<package>, destination folder under vendor/)
FILES = {
    "leaflet": (
        [
            "dist/leaflet.js",
            "dist/leaflet.css",
            "dist/images/layers.png",
            "dist/images/layers-2x.png",
            "dist/images/marker-icon.png",
            "dist/images/marker-icon-2x.png",
            "dist/images/marker-shadow.png",
            "LICENSE",
        ],
        "leaflet",
    ),
    "leaflet.markercluster": (
        [
            "dist/leaflet.markercluster.js",
            "dist/MarkerCluster.css",
            "dist/MarkerCluster.Default.css",
            "MIT-LICENCE.txt",
        ],
        "leaflet.markercluster",
    ),
    "d3": (["dist/d3.min.js", "LICENSE"], "d3"),
    # the OpenAPI page at /docs, served by rasd itself (FastAPI's default loads it from a CDN)
    "swagger-ui-dist": (
        ["swagger-ui-bundle.js", "swagger-ui.css", "favicon-32x32.png", "LICENSE", "NOTICE"],
        "swagger-ui",
    ),
}


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def main() -> None:
    subprocess.run(["npm", "ci", "--ignore-scripts", "--no-audit", "--no-fund"], cwd=WEB, check=True)
    lock = json.loads((WEB / "package-lock.json").read_text())["packages"]
    manifest = {}
    for package, (files, dest) in FILES.items():
        src = WEB / "node_modules" / package
        meta = lock[f"node_modules/{package}"]
        out = VENDOR / dest
        if out.exists():
            shutil.rmtree(out)
        copied = {}
        for rel in files:
            target = (
                out / Path(rel).name
                if not rel.startswith("dist/images/")
                else out / "images" / Path(rel).name
            )
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(src / rel, target)
            copied[str(target.relative_to(VENDOR))] = sha256(target)
        manifest[package] = {
            "version": meta["version"],
            "license": meta.get("license", ""),
            "integrity": meta["integrity"],
            "files": copied,
        }
    (VENDOR / "VERSIONS.json").write_text(json.dumps(manifest, indent=2) + "\n")
    names = ", ".join(f"{p} {m['version']}" for p, m in manifest.items())
    print(f"vendored {names} into {VENDOR}")


if __name__ == "__main__":
    main()
