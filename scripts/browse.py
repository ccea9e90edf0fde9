"""Headless Chromium, driven over the DevTools protocol, for the dashboard's tests and screenshots.

    browse.py BASE_URL TOKEN_FILE OUT_DIR PATH...

Signs in at BASE_URL/dashboard/sign-in by typing the token (read from TOKEN_FILE, never an
argument) into the form and submitting it, as an officer would; then loads each PATH in turn and
writes OUT_DIR/N.png (a 1366x768 screenshot) and OUT_DIR/N.json: the page's status, address, title,
visible text, and for each figure its caption and how many SVG charts, bars and tables it holds.
The page itself runs no script; what is evaluated here only reads it.
"""
import base64
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request

import websocket


class Page:
    def __init__(self, ws_url):
        self.ws = websocket.create_connection(ws_url, timeout=30, suppress_origin=True)
        self.next_id = 0
        self.events = []

    def call(self, method, **params):
        self.next_id += 1
        self.ws.send(json.dumps({"id": self.next_id, "method": method, "params": params}))
        while True:
            message = json.loads(self.ws.recv())
            if message.get("id") == self.next_id:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message.get("result", {})
            self.events.append(message)

    def wait_for(self, method, timeout=30):
        deadline = time.time() + timeout
        while time.time() < deadline:
            for index, event in enumerate(self.events):
                if event.get("method") == method:
                    return self.events.pop(index)
            self.ws.settimeout(max(0.1, deadline - time.time()))
            try:
                self.events.append(json.loads(self.ws.recv()))
            except websocket.WebSocketTimeoutException:
                break
        raise RuntimeError(f"no {method} within {timeout} s")

    def load(self, url):
        self.events = [e for e in self.events if e.get("method") != "Page.loadEventFired"]
        self.call("Page.navigate", url=url)
        self.wait_for("Page.loadEventFired")

    def evaluate(self, expression):
        return self.call("Runtime.evaluate", expression=expression, returnByValue=True)["result"].get("value")


READ_PAGE = """JSON.stringify({
  url: location.href, title: document.title, text: document.body.innerText,
  figures: [...document.querySelectorAll('figure')].map(f => ({
    caption: (f.querySelector('figcaption') || {}).innerText || '',
    svg: f.querySelectorAll('svg').length, bars: f.querySelectorAll('svg rect').length,
    tables: f.querySelectorAll('table').length})),
  tables: document.querySelectorAll('table').length,
  links: [...document.querySelectorAll('a')].map(a => a.getAttribute('href'))})"""


def main():
    base, token_file, out_dir, paths = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
    with open(token_file) as f:
        token = f.read().strip()
    os.makedirs(out_dir, exist_ok=True)
    profile = tempfile.mkdtemp(prefix="vaxdesk-chromium-")
    browser = subprocess.Popen(
        ["chromium", "--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run", "--hide-scrollbars",
         "--remote-debugging-port=0", f"--user-data-dir={profile}", "--window-size=1366,768", "about:blank"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        port_file = os.path.join(profile, "DevToolsActivePort")
        for _ in range(300):
            if os.path.exists(port_file) and open(port_file).read().strip():
                break
            time.sleep(0.1)
        port = open(port_file).read().split()[0]
        targets = json.load(urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list"))
        page = Page(next(t for t in targets if t["type"] == "page")["webSocketDebuggerUrl"])
        page.call("Page.enable")
        page.call("Emulation.setDeviceMetricsOverride", width=1366, height=768, deviceScaleFactor=1, mobile=False)
        page.load(base + "/dashboard/sign-in")
        page.evaluate("document.querySelector('input[name=token]').value = %s; document.querySelector('form[action=\"/dashboard/sign-in\"]').submit()"
                      % json.dumps(token))
        page.wait_for("Page.loadEventFired")
        for index, path in enumerate(paths):
            page.load(base + path)
            shot = page.call("Page.captureScreenshot", format="png")
            with open(os.path.join(out_dir, f"{index}.png"), "wb") as f:
                f.write(base64.b64decode(shot["data"]))
            with open(os.path.join(out_dir, f"{index}.json"), "w") as f:
                f.write(page.evaluate(READ_PAGE))
    finally:
        browser.terminate()
        browser.wait(timeout=10)
        shutil.rmtree(profile, ignore_errors=True)


if __name__ == "__main__":
    main()
