#!/usr/bin/env python3
"""Preview servers side by side: `site serve` and `hugo server` on one corpus.

For each server: the time from starting it until it answers, then ROUNDS times each
  - body: a sentence with a new token appended to the middle article's body and saved; the
    time until the article's page, fetched again and again, has the token;
  - communes: the newest article's `communes:` changed to another commune and saved; the time
    until the old commune's first page no longer lists it and the new one's does;
and the peak resident memory of the server process (VmHWM) at the end. The corpus is put back
as it was. Prints a Markdown table; medians and 95th percentiles in milliseconds.

usage: serve.py SITE_BIN CORPUS HUGO_SITE [ROUNDS]
"""
import http.client
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import time


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Client:
    """One keep-alive connection, reopened when the server closes it."""

    def __init__(self, port):
        self.port = port
        self.conn = None

    def get(self, path):
        for _ in range(2):
            try:
                if self.conn is None:
                    self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
                self.conn.request("GET", path)
                response = self.conn.getresponse()
                return response.status, response.read().decode("utf-8", "replace")
            except (OSError, http.client.HTTPException):
                self.conn = None
        return 0, ""


def wait_until(check, timeout=60.0):
    """Seconds until check() holds, polling as fast as the server answers."""
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        if check():
            return time.perf_counter() - start
        time.sleep(0.002)
    raise TimeoutError("the server never showed the change")


def save(path, text):
    """What an editor's save does: the whole file written again."""
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def articles_by_date(corpus):
    found = []
    for folder, _, files in os.walk(os.path.join(corpus, "content")):
        for name in files:
            if name.endswith(".md"):
                path = os.path.join(folder, name)
                with open(path, encoding="utf-8") as f:
                    head = f.read(2000)
                date = re.search(r'^date: "([^"]+)"', head, re.M)
                if date:
                    found.append((date.group(1), path))
    found.sort()
    return [path for _, path in found]


def title_of(path):
    with open(path, encoding="utf-8") as f:
        return re.search(r'^title: "(.*)"$', f.read(2000), re.M).group(1)


def communes_of(path):
    with open(path, encoding="utf-8") as f:
        return re.search(r"^communes: \[(.*)\]$", f.read(2000), re.M).group(1)


class Server:
    def __init__(self, name, command, ready, port, cwd=None):
        self.name = name
        started = time.perf_counter()
        self.process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, cwd=cwd)
        for line in self.process.stdout:
            if ready in line:
                break
        else:
            raise RuntimeError(f"{name} ended before it served")
        self.client = Client(port)
        wait_until(lambda: self.client.get("/")[0] != 0)
        self.startup = time.perf_counter() - started
        # Keep reading its output so that it never blocks on a full pipe; kept for the report.
        self.log = os.path.join("/tmp" if cwd is None else cwd, f"serve-bench-{os.getpid()}-{port}.log")
        with open(self.log, "w") as log:
            self.drain = subprocess.Popen(["cat"], stdin=self.process.stdout, stdout=log)

    def peak_mb(self):
        with open(f"/proc/{self.process.pid}/status") as f:
            return int(re.search(r"VmHWM:\s+(\d+)", f.read()).group(1)) / 1024

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=30)
        self.drain.wait(timeout=30)
        with open(self.log) as f:
            self.output = f.read()
        os.remove(self.log)

    def rebuild_ms(self):
        """The times the server reported for its rebuilds (`site serve`: "Rebuilt in N ms")."""
        return [int(ms) for ms in re.findall(r"^Rebuilt in (\d+) ms", self.output, re.M)]


def commune_links(client, article_path):
    _, html = client.get(article_path)
    return re.findall(r'href="([^"]*(?:dia-phuong|communes)/[^"]+)"', html)


def measure(server, corpus, rounds, pager):
    ordered = articles_by_date(corpus)
    middle, newest = ordered[len(ordered) // 2], ordered[-1]
    client = server.client
    originals = {path: open(path, encoding="utf-8").read() for path in (middle, newest)}
    body_ms, commune_ms = [], []
    try:
        middle_page = find_page(client, pager, title_of(middle))
        for round in range(rounds):
            token = f"mã-đo-{round}-{time.time_ns()}"
            save(middle, originals[middle] + f"\nCập nhật {token}.\n")
            body_ms.append(1000 * wait_until(lambda: token in client.get(middle_page)[1]))

        # The newest article moves from its first commune to one of the next article's, and back.
        newest_title = title_of(newest)
        newest_page = find_page(client, pager, newest_title)
        newest_codes = [c.strip() for c in communes_of(newest).split(",")]
        old_commune = commune_links(client, newest_page)[0]
        for other in reversed(ordered[:-1]):
            codes = [c.strip() for c in communes_of(other).split(",")]
            if any(code not in newest_codes for code in codes):
                break
        other_page = find_page(client, pager, title_of(other))
        position = next(i for i, code in enumerate(codes) if code not in newest_codes)
        new_commune = commune_links(client, other_page)[position]
        moved_codes = ", ".join([codes[position]] + newest_codes[1:])
        escaped = newest_title.replace("&", "&amp;").replace('"', "&quot;")
        shown = lambda html: newest_title in html or escaped in html
        for round in range(rounds):
            moved = round % 2 == 0
            save(newest, originals[newest].replace(f"communes: [{communes_of(newest)}]", f"communes: [{moved_codes if moved else communes_of(newest)}]"))
            commune_ms.append(1000 * wait_until(
                lambda: shown(client.get(new_commune)[1]) == moved and shown(client.get(old_commune)[1]) != moved))
    finally:
        for path, text in originals.items():
            save(path, text)
        time.sleep(1)
    return body_ms, commune_ms


def find_page(client, pager, title):
    """The address of the article titled `title`, from the home pages that list it."""
    for number in range(1, 5000):
        status, html = client.get("/bantin/" if number == 1 else pager.format(number))
        if status != 200:
            break
        match = re.search(r'href="([^"]+)"[^>]*>\s*' + re.escape(title.replace("&", "&amp;").replace('"', "&quot;")), html)
        if match:
            return match.group(1)
    raise RuntimeError(f"{title!r} not found on the home pages")


def p95(values):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]


def main():
    site_bin, corpus, hugo_site = sys.argv[1:4]
    rounds = int(sys.argv[4]) if len(sys.argv) > 4 else 20
    rows = []

    start = time.perf_counter()
    output = os.path.join(corpus, "serve-bench-public")
    subprocess.run([site_bin, "build", "--source", corpus, "--output", output, "--quiet"], check=True)
    build_s = time.perf_counter() - start
    shutil.rmtree(output, ignore_errors=True)

    port = free_port()
    bantin = Server("site serve", [site_bin, "serve", "--source", corpus, "--port", str(port)], "Serving at", port)
    body, communes = measure(bantin, corpus, rounds, "/bantin/trang/{}/")
    rows.append(("Bantin `site serve`", bantin.startup, body, communes, bantin.peak_mb()))
    bantin.stop()
    rebuilds = bantin.rebuild_ms()

    if shutil.which("hugo") and os.environ.get("BENCH_SERVE_HUGO", "1") != "0":
        port = free_port()
        hugo = Server("hugo server", ["hugo", "server", "-s", hugo_site, "--contentDir", os.path.join(corpus, "content"),
                                      "--port", str(port), "--bind", "127.0.0.1", "--cacheDir", os.path.join(corpus, "hugo-cache"),
                                      "--baseURL", f"http://127.0.0.1:{port}/bantin/", "--appendPort=false"],
                      "Web Server is available", port)
        body, communes = measure(hugo, corpus, rounds, "/bantin/page/{}/")
        rows.append(("`hugo server`", hugo.startup, body, communes, hugo.peak_mb()))
        hugo.stop()

    print(f"Preview servers, {len(articles_by_date(corpus))} articles, {rounds} edits of each kind "
          f"(fresh `site build` of the corpus: {build_s:.2f} s)\n")
    print("| server | start-up s | body edit → page, median ms | p95 ms | commune move → both pages, median ms | p95 ms | peak MB |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for name, startup, body, communes, peak in rows:
        print(f"| {name} | {startup:.2f} | {statistics.median(body):.0f} | {p95(body):.0f} | "
              f"{statistics.median(communes):.0f} | {p95(communes):.0f} | {peak:.0f} |")
    if rebuilds:
        # The edits alternate with putting the files back: both kinds are in these.
        print(f"\n`site serve` reported {len(rebuilds)} rebuilds: median {statistics.median(rebuilds):.0f} ms, "
              f"p95 {p95(rebuilds):.0f} ms, longest {max(rebuilds)} ms (body edits: median "
              f"{statistics.median(rebuilds[:rounds]):.0f} ms).")


if __name__ == "__main__":
    main()
