"""A local OpenSearch 2.19 cluster for development and tests: N nodes, one JVM each (ops/opensearch/).

    python -m ops.opensearch_cluster run     # foreground (`make opensearch`); Ctrl-C or SIGTERM stops every node
    python -m ops.opensearch_cluster start   # background: returns once green; pids in DATA/node-i.pid
    python -m ops.opensearch_cluster status  # each node's pid and the cluster's health; exit 1 unless all run
    python -m ops.opensearch_cluster stop    # SIGTERM to every node, waits for each to close

Options (environment in brackets), the same for every command: --nodes 3 [QARARAT_OPENSEARCH_NODES],
--data var/opensearch [QARARAT_OPENSEARCH_DATA], --http-port 9200 [QARARAT_OPENSEARCH_HTTP_PORT] and
--transport-port 9300 [QARARAT_OPENSEARCH_TRANSPORT_PORT] (node i listens on base+i, 127.0.0.1 only),
--heap 512m per node [QARARAT_OPENSEARCH_HEAP]; more JVM options in QARARAT_OPENSEARCH_JAVA_OPTS.
`start` only starts the nodes that are not running, so after `kill -9` of one node's pid it brings that
node back. The launcher is built with Maven on first use and again when its sources change
(ops/opensearch/target). Standard library only: no Django, no virtualenv needed.
"""

import argparse
import os
import signal
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from json import loads
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PROJECT = ROOT / "ops" / "opensearch"
TARGET = PROJECT / "target"
LAUNCHER_CLASS = TARGET / "classes" / "qararat" / "Launcher.class"
SOURCES = (
    PROJECT / "pom.xml",
    PROJECT / "src" / "main" / "java" / "qararat" / "Launcher.java",
    PROJECT / "src" / "main" / "resources" / "log4j2.properties",
)
STOP_SECONDS = 60


@dataclass(frozen=True)
class Cluster:
    nodes: int
    data: Path
    http_port: int
    transport_port: int
    heap: str
    timeout: int

    def urls(self) -> list[str]:
        return [f"http://127.0.0.1:{self.http_port + i}" for i in range(self.nodes)]

    def pid_file(self, node: int) -> Path:
        return self.data / f"node-{node}.pid"

    def log_file(self, node: int) -> Path:
        return self.data / f"node-{node}" / "logs" / "stdout.log"


def build() -> str:
    """The launcher's classpath, running Maven first when the build is missing or older than its sources."""
    built = LAUNCHER_CLASS.stat().st_mtime if LAUNCHER_CLASS.exists() else 0
    if built < max(path.stat().st_mtime for path in SOURCES) or not (TARGET / "lib").is_dir():
        # captured: Debian's mvn writes colour resets even when quiet; shown only when the build fails
        maven = subprocess.run(
            ["mvn", "-q", "-B", "-f", str(PROJECT / "pom.xml"), "package"], capture_output=True
        )
        if maven.returncode:
            raise SystemExit(f"mvn package failed:\n{(maven.stdout + maven.stderr).decode(errors='replace')}")
    return f"{TARGET / 'classes'}{os.pathsep}{TARGET / 'lib' / '*'}"


def node_command(cluster: Cluster, node: int, classpath: str) -> list[str]:
    return [
        "java",
        f"-Xms{cluster.heap}",
        f"-Xmx{cluster.heap}",
        "-XX:+ExitOnOutOfMemoryError",
        "-Dfile.encoding=UTF-8",
        *os.environ.get("QARARAT_OPENSEARCH_JAVA_OPTS", "").split(),
        "-cp",
        classpath,
        "qararat.Launcher",
        *("--node", str(node), "--nodes", str(cluster.nodes), "--data", str(cluster.data)),
        *("--http-port", str(cluster.http_port), "--transport-port", str(cluster.transport_port)),
        *("--timeout", str(cluster.timeout)),
    ]


def running_pid(cluster: Cluster, node: int) -> int | None:
    """The node's pid if its pid file names a live launcher (not a reused pid of some other program)."""
    try:
        pid = int(cluster.pid_file(node).read_text())
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
    except (OSError, ValueError):
        return None
    return pid if b"qararat.Launcher" in cmdline else None


def alive(pid: int) -> bool:
    """Whether the process runs; a child that exited but is not reaped yet (state Z) does not."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def start_node(cluster: Cluster, node: int, classpath: str) -> subprocess.Popen:
    log = cluster.log_file(node)
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("ab") as out:
        # a session of its own: the terminal's Ctrl-C reaches only this script, which stops the nodes in order
        process = subprocess.Popen(
            node_command(cluster, node, classpath),
            stdout=out,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )
    cluster.pid_file(node).write_text(f"{process.pid}\n")
    return process


def health(cluster: Cluster) -> dict | None:
    """_cluster/health from the first node that answers, or None."""
    for url in cluster.urls():
        try:
            with urllib.request.urlopen(f"{url}/_cluster/health", timeout=2) as response:
                return loads(response.read())
        except OSError:
            continue
    return None


def why(cluster: Cluster, node: int) -> str:
    """The launcher's own failure lines from a node's log, and where the rest is."""
    log = cluster.log_file(node)
    lines = [line for line in log.read_text(errors="replace").splitlines() if line.startswith("OPENSEARCH ")]
    return "\n".join([*lines[-3:], f"(log: {log})"])


def wait_green(cluster: Cluster, started: dict[int, subprocess.Popen]) -> None:
    """Returns once the cluster is green with all nodes joined; SystemExit if a node dies or time runs out."""
    deadline = time.monotonic() + cluster.timeout
    while time.monotonic() < deadline:
        for node, process in started.items():
            if process.poll() is not None:
                raise SystemExit(f"node-{node} exited with {process.returncode}: {why(cluster, node)}")
        state = health(cluster)
        if state and state["status"] == "green" and state["number_of_nodes"] == cluster.nodes:
            return
        time.sleep(0.5)
    raise SystemExit(f"not green with {cluster.nodes} nodes after {cluster.timeout}s: {health(cluster)}")


def start(cluster: Cluster) -> dict[int, subprocess.Popen]:
    """Starts the nodes that are not running and waits for green; returns the processes it started."""
    cluster.data.mkdir(parents=True, exist_ok=True)
    classpath = build()
    began = time.monotonic()
    started = {
        node: start_node(cluster, node, classpath)
        for node in range(cluster.nodes)
        if running_pid(cluster, node) is None
    }
    try:
        wait_green(cluster, started)
    except BaseException:  # a failed or interrupted start leaves no half cluster behind
        for node, process in started.items():
            process.terminate()
            process.wait()
            cluster.pid_file(node).unlink()
        raise
    print(
        f"OPENSEARCH READY {','.join(cluster.urls())} ({time.monotonic() - began:.1f}s, data {cluster.data})"
    )
    return started


def stop(cluster: Cluster) -> int:
    """SIGTERM to every node with a pid file (whatever --nodes says), then waits for each; 1 if one hung."""
    pids = {}
    for pid_file in sorted(cluster.data.glob("node-*.pid")):
        pid = running_pid(cluster, int(pid_file.stem.removeprefix("node-")))
        if pid is not None:
            os.kill(pid, signal.SIGTERM)
            pids[pid_file] = pid
        pid_file.unlink()
    deadline = time.monotonic() + STOP_SECONDS
    while time.monotonic() < deadline and any(alive(pid) for pid in pids.values()):
        time.sleep(0.2)
    hung = [f"{pid_file.stem} (pid {pid})" for pid_file, pid in pids.items() if alive(pid)]
    if hung:
        print(f"still running after {STOP_SECONDS}s: {', '.join(hung)}", file=sys.stderr)
        return 1
    print(f"stopped {len(pids)} node(s)")
    return 0


def status(cluster: Cluster) -> int:
    pids = [running_pid(cluster, node) for node in range(cluster.nodes)]
    for node, pid in enumerate(pids):
        print(f"node-{node} {cluster.urls()[node]} " + (f"running, pid {pid}" if pid else "not running"))
    state = health(cluster)
    print(f"cluster {state['status']}, {state['number_of_nodes']} node(s)" if state else "cluster: no answer")
    return 0 if all(pids) else 1


def run(cluster: Cluster) -> int:
    """Foreground: start, then stop every node on Ctrl-C or SIGTERM (or once all of them have exited)."""
    already = [f"node-{node}" for node in range(cluster.nodes) if running_pid(cluster, node)]
    if already:
        raise SystemExit(f"{', '.join(already)} already running from {cluster.data}: `stop` them first")
    # SIGTERM becomes KeyboardInterrupt, like Ctrl-C
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    started = {}
    try:
        started = start(cluster)
        print("Ctrl-C stops the cluster")
        while any(process.poll() is None for process in started.values()):
            time.sleep(0.5)
        print("every node has exited", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        status = stop(cluster)
        for node, process in started.items():
            if process.wait() != 0:
                print(f"node-{node} exited with {process.returncode}", file=sys.stderr)
                status = 1
        return status


def parse(argv: list[str]) -> tuple[str, Cluster]:
    env = os.environ.get
    parser = argparse.ArgumentParser(
        prog="python -m ops.opensearch_cluster", description=__doc__.splitlines()[0]
    )
    parser.add_argument("command", choices=("run", "start", "stop", "status"))
    parser.add_argument("--nodes", type=int, default=env("QARARAT_OPENSEARCH_NODES", "3"))
    parser.add_argument(
        "--data", type=Path, default=env("QARARAT_OPENSEARCH_DATA", str(ROOT / "var" / "opensearch"))
    )
    parser.add_argument("--http-port", type=int, default=env("QARARAT_OPENSEARCH_HTTP_PORT", "9200"))
    parser.add_argument(
        "--transport-port", type=int, default=env("QARARAT_OPENSEARCH_TRANSPORT_PORT", "9300")
    )
    parser.add_argument(
        "--heap", default=env("QARARAT_OPENSEARCH_HEAP", "512m"), help="-Xms/-Xmx of each node"
    )
    parser.add_argument("--timeout", type=int, default=300, help="seconds to wait for green")
    args = parser.parse_args(argv)
    if args.nodes < 1:
        parser.error("--nodes must be at least 1")
    cluster = Cluster(
        args.nodes, args.data.resolve(), args.http_port, args.transport_port, args.heap, args.timeout
    )
    return args.command, cluster


def main(argv: list[str]) -> int:
    command, cluster = parse(argv)
    if command == "start":
        start(cluster)
        return 0
    return {"run": run, "stop": stop, "status": status}[command](cluster)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
