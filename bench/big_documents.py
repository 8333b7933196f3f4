"""Peak memory and time of one big document through ingest, check_index, re-parse and delete.

    .venv/bin/python bench/big_documents.py                 # 1, 5 and 20 MB
    .venv/bin/python bench/big_documents.py --sizes 1 5     # MB of text

Each size gets its own data folder (bench/out/big-N/site: SQLite database and Whoosh index, never var/)
and each step runs the product's own code in its own process under `/usr/bin/time -v`, which gives the
wall time and the peak resident memory of that process:

- ingest: `manage.py ingest FILE` (parse, store in one transaction, index on commit: what the admin
  upload's confirm does through the same archive.sync.ingest_bytes);
- check_index: `manage.py check_index` (every paragraph prepared and compared with the index);
- reparse: archive.sync.reparse_document, what the admin's re-parse action calls (old paragraphs leave
  the index, new ones are indexed on commit);
- delete: Document.delete(), what the admin's delete does (its paragraphs leave the index on commit);
- check_index again, which must find the index empty of the document and consistent.

Then the same file through the admin, as a person uploads it (`--admin`, on by default): gunicorn with
gunicorn.conf.py (1 worker) over another fresh data folder, a staff login, the upload page (parse and
preview), the confirm (parse again, store; a document of more than QARARAT_BACKGROUND_INDEX_PARAGRAPHS
paragraphs is indexed by a background `manage.py index_document`), the wait until the document's admin page
says it is fully indexed, then the admin's delete (confirmation page and POST). Printed: each request's
time, the worker's peak resident memory (VmHWM) and the background indexer's own time and peak.

The document is one real CFM resolution (fixtures/corpus/seeds/002_393cbb48b9883689.txt: its heading,
subject and preamble) whose operative part is made as long as asked by numbering, one after another, the
real paragraphs of the whole corpus as the parser cuts them (≈300 bytes each, as in the issue's 20 MB
file of 66,080 paragraphs). The target (issue 10): peak ≤ 150 MB + 100 MB per MB of text.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "out"
SEED = ROOT / "fixtures" / "corpus" / "seeds" / "002_393cbb48b9883689.txt"
PYTHON = sys.executable
MB = 1024 * 1024

STEPS = {
    "ingest": ["manage.py", "ingest", "{file}"],
    "check_index": ["manage.py", "check_index"],
    "reparse": [
        "manage.py",
        "shell",
        "-c",
        "from archive.models import Document; from archive.sync import reparse_document; "
        "r = reparse_document(Document.objects.get()); print(r.paragraphs_before, '->', r.paragraphs_after)",
    ],
    "check_index (after reparse)": ["manage.py", "check_index"],
    "delete": [
        "manage.py",
        "shell",
        "-c",
        "from archive.models import Document; print(Document.objects.get().delete())",
    ],
    "check_index (after delete)": ["manage.py", "check_index"],
}


def real_paragraphs() -> list[str]:
    """Every paragraph of the bundled corpus as the parser cuts them, numbers removed."""
    sys.path.insert(0, str(ROOT))
    from archive.ingest.parser import parse

    texts = []
    for path in sorted((ROOT / "fixtures" / "corpus").rglob("*")):
        if path.suffix.lower() not in {".txt", ".html", ".htm"} or path.name in {"MANIFEST.tsv", "README.md"}:
            continue
        try:
            parsed = parse(path.read_bytes(), path.name)
        except Exception:  # noqa: BLE001 - a file the parser refuses is simply not used
            continue
        texts += [p.text for p in parsed.paragraphs if len(p.text) > 40 and "\n" not in p.text]
    return texts


def make_document(size_mb: float, path: Path) -> int:
    """Write a resolution of about size_mb MB of UTF-8 text; how many operative paragraphs it has."""
    seed = SEED.read_text(encoding="utf-8")
    head = seed[seed.index("القرار الرقم 38/32- س\n") :]
    head = head[: re.search(r"^1\. ", head, re.M).start()]
    pool = real_paragraphs()
    # Just under the size asked: 20 MB is also the upload limit (QARARAT_MAX_UPLOAD_BYTES), which counts bytes.
    target = int(size_mb * MB) - 64 * 1024
    with path.open("w", encoding="utf-8") as out:
        out.write(head)
        written = len(head.encode())
        number = 0
        while written < target:
            text = pool[number % len(pool)]
            number += 1
            line = f"{number}. {text}\n\n"
            out.write(line)
            written += len(line.encode())
    return number


def run_step(name: str, argv: list[str], env: dict) -> dict:
    completed = subprocess.run(
        ["/usr/bin/time", "-v", PYTHON, *argv], cwd=ROOT, env=env, capture_output=True, text=True
    )
    stats = {}
    for line in completed.stderr.splitlines():
        key, _, value = line.strip().partition(": ")
        if key == "Maximum resident set size (kbytes)":
            stats["peak_mb"] = int(value) / 1024
        elif key.startswith("Elapsed (wall clock) time"):
            parts = [float(part) for part in value.split(":")]
            stats["seconds"] = sum(part * 60**i for i, part in enumerate(reversed(parts)))
    stats["ok"] = completed.returncode == 0
    stats["output"] = completed.stdout.strip().splitlines()[-1:] or [""]
    if not stats["ok"]:
        stats["error"] = completed.stderr.strip().splitlines()[-25:]
    return stats


def bench(size_mb: float) -> dict:
    folder = OUT / f"big-{size_mb:g}"
    shutil.rmtree(folder, ignore_errors=True)
    (folder / "site").mkdir(parents=True)
    document = folder / f"resolution-{size_mb:g}mb.txt"
    paragraphs = make_document(size_mb, document)
    text_mb = document.stat().st_size / MB
    env = {
        **os.environ,
        "QARARAT_DATA_DIR": str(folder / "site"),
        "DJANGO_SETTINGS_MODULE": "qararat.settings",
    }
    subprocess.run([PYTHON, "manage.py", "migrate", "--noinput", "-v", "0"], cwd=ROOT, env=env, check=True)
    result = {
        "size_mb": round(text_mb, 2),
        "operative_paragraphs": paragraphs,
        "target_peak_mb": 150 + 100 * text_mb,
    }
    for name, argv in STEPS.items():
        argv = [part.format(file=document) for part in argv]
        stats = run_step(name, argv, env)
        result[name] = stats
        status = "ok" if stats["ok"] else "FAILED"
        print(
            f"  {size_mb:g} MB  {name:<28} {stats.get('seconds', 0):8.1f} s  {stats.get('peak_mb', 0):8.0f} MB  "
            f"{status}  {stats['output'][0][:70]}",
            flush=True,
        )
        if not stats["ok"]:
            print("\n".join("      " + line for line in stats["error"]), flush=True)
            break
    return result


def admin_bench(size_mb: float) -> dict:
    sys.path.insert(0, str(ROOT))
    from tests import servers

    folder = OUT / f"big-{size_mb:g}"
    document = folder / f"resolution-{size_mb:g}mb.txt"
    if not document.exists():
        folder.mkdir(parents=True, exist_ok=True)
        make_document(size_mb, document)
    data = folder / "admin-site"
    shutil.rmtree(data, ignore_errors=True)
    data.mkdir(parents=True)
    password = "bench password 12345"
    env = servers.environment(
        data, GUNICORN_WORKERS="1", GUNICORN_LOG_LEVEL="warning", DJANGO_SUPERUSER_PASSWORD=password
    )
    manage = servers.manage_command(env)
    manage("migrate", "--noinput", "-v0")
    manage("createsuperuser", "--noinput", "--username", "bench", "--email", "bench@example.org")
    process, url = servers.start_gunicorn(env, ready_path="/api/sessions/")
    worker = int(Path(f"/proc/{process.pid}/task/{process.pid}/children").read_text().split()[0])
    result: dict = {}

    def timed(name: str, call):
        started = time.monotonic()
        response = call()
        peak = (
            int(re.search(r"VmHWM:\s+(\d+) kB", Path(f"/proc/{worker}/status").read_text()).group(1)) / 1024
        )
        result[name] = {
            "seconds": time.monotonic() - started,
            "status": response.status_code,
            "worker_peak_mb": peak,
        }
        print(
            f"  {size_mb:g} MB  admin {name:<22} {result[name]['seconds']:8.1f} s  HTTP {response.status_code}  "
            f"worker peak so far {peak:.0f} MB"
        )
        return response

    try:
        browser = servers.staff_browser(url, "bench", password)
        preview = timed(
            "upload + preview",
            lambda: servers.upload_preview(browser, url, document.name, document.read_bytes()),
        )
        stored = timed("confirm", lambda: servers.confirm_upload(browser, url, preview))
        pk = int(re.search(r"/admin/archive/document/(\d+)/change/", stored.text).group(1))
        change = f"{url}/admin/archive/document/{pk}/change/"
        started = time.monotonic()
        while "مفهرسة:" not in (page := browser.get(change).text):
            if "الفهرسة غير مكتملة" in page:
                raise RuntimeError("the background indexer stopped short")
            time.sleep(1)
        result["indexed after confirm"] = {"seconds": time.monotonic() - started}
        log = (
            (data / "logs" / "indexing.log").read_text() if (data / "logs" / "indexing.log").exists() else ""
        )
        done = re.search(r"paragraphs indexed in ([\d.]+) s \(peak memory (\d+) MB\)", log)
        result["background indexer"] = (
            {"seconds": float(done.group(1)), "peak_mb": int(done.group(2))}
            if done
            else "indexed within the request"
        )
        print(
            f"  {size_mb:g} MB  admin indexed, seen after     {result['indexed after confirm']['seconds']:8.1f} s  "
            f"(indexer: {result['background indexer']})"
        )
        timed("change page", lambda: browser.get(change))
        delete = timed(
            "delete confirmation", lambda: browser.get(f"{url}/admin/archive/document/{pk}/delete/")
        )
        timed(
            "delete",
            lambda: browser.post(
                delete.url,
                data={"csrfmiddlewaretoken": servers.csrf_token(delete.text), "post": "yes"},
                headers={"Referer": delete.url},
            ),
        )
        status = Path(f"/proc/{worker}/status").read_text()
        result["worker_peak_mb"] = int(re.search(r"VmHWM:\s+(\d+) kB", status).group(1)) / 1024
        print(f"  {size_mb:g} MB  admin worker peak memory    {result['worker_peak_mb']:8.0f} MB")
        left = (
            manage(
                "shell",
                "-c",
                "from archive.models import Document, Paragraph; "
                "print(Document.objects.count(), Paragraph.objects.count())",
            )
            .strip()
            .splitlines()[-1]
            .split()
        )
        result["left after delete"] = {"documents": int(left[0]), "paragraphs": int(left[1])}
        print(f"  {size_mb:g} MB  admin left after delete: {left[0]} documents, {left[1]} paragraphs")
        result["check_index"] = manage("check_index").strip().splitlines()[-1]
        print(f"  {size_mb:g} MB  admin check_index: {result['check_index']}")
    finally:
        servers.stop(process)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=float, nargs="+", default=[1, 5, 20], help="MB of text")
    parser.add_argument("--no-admin", dest="admin", action="store_false", help="skip the admin upload")
    parser.add_argument("--no-commands", dest="commands", action="store_false", help="skip the commands")
    args = parser.parse_args()
    OUT.mkdir(exist_ok=True)
    results = []
    for size in args.sizes:
        print(f"{size:g} MB document:", flush=True)
        result = bench(size) if args.commands else {"size_mb": size}
        if args.admin:
            result["admin"] = admin_bench(size)
        results.append(result)
    if not args.commands:
        (OUT / "big-documents-admin.json").write_text(
            json.dumps(results, indent=2, ensure_ascii=False) + "\n"
        )
        return
    print()
    print("| text | paragraphs | target peak | " + " | ".join(STEPS) + " |")
    print("| ---: | ---: | ---: | " + " | ".join("---:" for _ in STEPS) + " |")
    for r in results:
        cells = [
            f"{r[name]['seconds']:.1f} s, {r[name]['peak_mb']:.0f} MB"
            if name in r and r[name]["ok"]
            else "failed"
            for name in STEPS
        ]
        print(
            f"| {r['size_mb']} MB | {r['operative_paragraphs']:,} | ≤ {r['target_peak_mb']:.0f} MB | "
            + " | ".join(cells)
            + " |"
        )
    (OUT / "big-documents.json").write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
