#!/usr/bin/env python3
"""Drives LossLab in JupyterLab 4 in headless Chromium, as a person would, and reports what it saw.

It starts JupyterLab on loopback with a Jupyter configuration of its own (plotly's renderer on or
off), opens a notebook that uses every magic, runs it, and records: how soon the kernel showed
"Idle"; how many figure outputs there are and how many drew; the progress bar and the live
training curve while %%compare ran; whether a slider moved its curve; what still draws after the
first figure's cell is re-run, the notebook saved and opened again; what a committed tutorial
shows when opened untrusted; and every error the browser console logged. It writes the report
as JSON and screenshots beside it; the test that runs it judges them.

Usage: jupyterlab_check.py NOTEBOOK TUTORIAL CONFIG_DIR OUT_DIR PORT renderer|no-renderer
(CONFIG_DIR: the Jupyter configuration to start from, as tools/serve_plotly.py left it)
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request

from playwright.sync_api import sync_playwright

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync"]
TOKEN = "losslab-check"

# The figure outputs of the notebook on show (not of one in a hidden tab): each drawn by plotly's
# renderer or from LossLab's HTML. Drawn means an SVG plot, or the picture plotly's renderer keeps
# in the notebook and shows when it is opened again.
FIGURE_OUTPUTS = """const figureOutputs = () => Array.from(document.querySelectorAll(
    '.jp-NotebookPanel:not(.lm-mod-hidden) .jp-OutputArea-output')).filter(o =>
    o.matches('.jp-RenderedPlotly') || o.querySelector('.losslab-figure'));
const isDrawn = o => o.querySelector('.main-svg') !== null ||
    Array.from(o.querySelectorAll('img.plot-img')).some(i => i.src.startsWith('data:image') && i.style.display !== 'none');"""
FIGURES = "() => { " + FIGURE_OUTPUTS + """
    return figureOutputs().map(o => ({drawn: isDrawn(o),
        text: (o.querySelector('.losslab-figure') || o).textContent.slice(0, 200)})); }"""
SHOW_UNDRAWN = "() => { " + FIGURE_OUTPUTS + """
    const o = figureOutputs().find(o => !isDrawn(o));
    if (o) { o.scrollIntoView(); } return o !== undefined; }"""
SCROLL_DOWN = """() => { const s = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-WindowedPanel-outer');
    if (s) { s.scrollBy(0, s.clientHeight * 0.8); } }"""
STATUS = """() => { const e = document.querySelector('.jp-Notebook-ExecutionIndicator');
    return e ? e.getAttribute('data-status') : null; }"""
# The progress bars' values and the number of points of each drawn figure's first trace.
LIVE = """() => ({
    bars: Array.from(document.querySelectorAll('progress')).map(p => p.value),
    points: Array.from(document.querySelectorAll('.js-plotly-plot')).map(g =>
        g.data && g.data[0] && g.data[0].x ? g.data[0].x.length : 0)})"""
BUSY = """() => document.querySelectorAll('.jp-InputArea-prompt').length > 0 &&
    Array.from(document.querySelectorAll('.jp-InputArea-prompt')).some(p => p.textContent.includes('*'))"""


def start_lab(root, config_dir, port, renderer):
    home = tempfile.mkdtemp(prefix="lab-")
    env = dict(os.environ, JUPYTER_CONFIG_DIR=config_dir, JUPYTER_DATA_DIR=os.path.join(home, "data"),
               JUPYTER_RUNTIME_DIR=os.path.join(home, "runtime"))
    if not renderer:
        subprocess.run([sys.executable, "-m", "jupyter", "labextension", "disable", "--level=user", "jupyterlab-plotly"],
                       env=env, check=True, capture_output=True)
    log = open(os.path.join(home, "lab.log"), "w")
    lab = subprocess.Popen([sys.executable, "-m", "jupyter", "lab", "--no-browser", "--ip=127.0.0.1", f"--port={port}",
                            f"--IdentityProvider.token={TOKEN}", f"--ServerApp.root_dir={root}", "--allow-root",
                            f"--LabApp.workspaces_dir={os.path.join(home, 'workspaces')}"],
                           env=env, stdout=log, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/api/status?token={TOKEN}", timeout=2)
            return lab
        except OSError:
            if lab.poll() is not None:
                break
            time.sleep(0.5)
    lab.kill()
    sys.exit("JupyterLab did not start: " + open(os.path.join(home, "lab.log")).read()[-3000:])


def figures_once_shown(page, expected, limit=60):
    """The figure outputs, once {expected} of them have drawn or the time is up. JupyterLab draws
    outputs as they come into view, so it scrolls to each that has not drawn, and down the
    notebook while outputs are missing."""
    deadline = time.monotonic() + limit
    while True:
        figures = page.evaluate(FIGURES)
        complete = len(figures) >= expected and all(f["drawn"] for f in figures)
        if complete or time.monotonic() > deadline:
            return figures
        if not page.evaluate(SHOW_UNDRAWN):
            page.evaluate(SCROLL_DOWN)
        time.sleep(0.5)


def figure_outputs_in(notebook):
    """How many figure outputs a notebook file holds."""
    with open(notebook, encoding="utf-8") as file:
        cells = json.load(file)["cells"]
    return sum(1 for cell in cells for output in cell.get("outputs", [])
               if "application/vnd.plotly.v1+json" in output.get("data", {})
               or "losslab-figure" in "".join(output.get("data", {}).get("text/html", "")))


def open_notebook(page, port, name):
    """Opens the notebook alone (a reset workspace reopens nothing else) and waits for its cells."""
    page.goto(f"http://127.0.0.1:{port}/lab/tree/{name}?reset&token={TOKEN}")
    page.wait_for_selector(f".lm-TabBar-tab.lm-mod-current:has-text('{name}')", timeout=60_000)
    page.wait_for_selector(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook .jp-Cell", timeout=60_000)


def seconds_until_idle(page, limit):
    started = time.monotonic()
    while time.monotonic() - started < limit:
        if page.evaluate(STATUS) == "idle":
            return round(time.monotonic() - started, 1)
        time.sleep(0.2)
    return None


def run_all_watching_live_output(page, limit):
    page.locator(".jp-Notebook").first.click()
    page.get_by_role("menuitem", name="Run").click()
    page.get_by_text("Run All Cells", exact=True).click()
    samples = []
    started = time.monotonic()
    time.sleep(1)
    while time.monotonic() - started < limit:
        samples.append(page.evaluate(LIVE))
        if not page.evaluate(BUSY) and page.evaluate(STATUS) == "idle":
            return samples
        time.sleep(0.1)
    raise TimeoutError(f"the notebook did not finish in {limit} s")


def move_slider(page):
    """Clicks the far end of the first slider's rail; returns the curve's path before and after."""
    figure = page.locator(".js-plotly-plot:has(.slider-rail-rect)").first
    path = figure.locator(".scatterlayer .trace path.js-line").first
    before = path.get_attribute("d")
    for attempt in range(3):
        figure.scroll_into_view_if_needed()
        time.sleep(1)
        grip = figure.locator(".slider-grip-rect").first.bounding_box()
        rail = figure.locator(".slider-rail-rect").first.bounding_box()
        page.mouse.move(grip["x"] + grip["width"] / 2, grip["y"] + grip["height"] / 2)
        page.mouse.down()
        page.mouse.move(rail["x"] + rail["width"] - 2, grip["y"] + grip["height"] / 2, steps=10)
        page.mouse.up()
        deadline = time.monotonic() + 5
        while path.get_attribute("d") == before and time.monotonic() < deadline:
            time.sleep(0.2)
        if path.get_attribute("d") != before:
            break
    return before, path.get_attribute("d")


def rerun_first_figure_cell_save_and_reopen(page, port, name, expected):
    cell = page.locator(".jp-CodeCell:has(.jp-RenderedPlotly), .jp-CodeCell:has(.losslab-figure)").first
    cell.locator(".jp-InputArea-editor").click()
    page.keyboard.press("Shift+Enter")
    time.sleep(1)
    deadline = time.monotonic() + 120
    while page.evaluate(BUSY) and time.monotonic() < deadline:
        time.sleep(0.2)
    page.keyboard.press("Escape")
    page.keyboard.press("Control+s")
    time.sleep(2)
    open_notebook(page, port, name)
    return figures_once_shown(page, expected)


def copy_with_kernel_of(source, model, target):
    """Copies a notebook, naming the kernel another names, so it opens without asking for one."""
    with open(model, encoding="utf-8") as file:
        kernelspec = json.load(file)["metadata"]["kernelspec"]
    with open(source, encoding="utf-8") as file:
        copy = json.load(file)
    copy["metadata"]["kernelspec"] = kernelspec
    with open(target, "w", encoding="utf-8") as file:
        json.dump(copy, file)


def main(notebook, tutorial, config_dir, out_dir, port, renderer_flag):
    renderer = renderer_flag == "renderer"
    root = tempfile.mkdtemp(prefix="lab-root-")
    shutil.copy(notebook, root)
    name, tutorial_name = os.path.basename(notebook), os.path.basename(tutorial)
    copy_with_kernel_of(tutorial, notebook, os.path.join(root, tutorial_name))
    os.makedirs(out_dir, exist_ok=True)
    report = {"renderer": renderer}
    lab = start_lab(root, config_dir, int(port), renderer)
    errors = []
    try:
        with sync_playwright() as playwright:
            context = playwright.chromium.launch_persistent_context(
                tempfile.mkdtemp(prefix="chromium-"), executable_path=CHROMIUM, headless=True, args=CHROMIUM_FLAGS,
                viewport={"width": 1400, "height": 1000})
            page = context.new_page()
            page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
            page.on("pageerror", lambda e: errors.append(str(e)))

            open_notebook(page, port, name)
            report["secondsUntilIdle"] = seconds_until_idle(page, 60)
            report["live"] = run_all_watching_live_output(page, 600)
            report["figures"] = figures_once_shown(page, 1)
            page.screenshot(path=os.path.join(out_dir, "jupyterlab-run.png"))
            report["slider"] = move_slider(page)
            page.screenshot(path=os.path.join(out_dir, "jupyterlab-slider.png"))
            report["reopened"] = rerun_first_figure_cell_save_and_reopen(page, port, name, len(report["figures"]))
            page.screenshot(path=os.path.join(out_dir, "jupyterlab-reopened.png"))

            open_notebook(page, port, tutorial_name)
            report["untrustedExpected"] = figure_outputs_in(tutorial)
            report["untrusted"] = figures_once_shown(page, report["untrustedExpected"], 30)
            page.screenshot(path=os.path.join(out_dir, "jupyterlab-untrusted.png"))
            context.close()
    finally:
        lab.terminate()
        lab.wait(30)
    report["consoleErrors"] = errors
    with open(os.path.join(out_dir, "report.json"), "w") as out:
        json.dump(report, out, indent=1)


if __name__ == "__main__":
    if len(sys.argv) != 7:
        sys.exit(__doc__)
    main(*sys.argv[1:])
