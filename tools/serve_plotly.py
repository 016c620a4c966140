#!/usr/bin/env python3
"""Has a Jupyter server serve LossLab's plotly.js, which notebook figures load when a page lacks it.

Copies the library to STATIC_DIR/losslab/plotly.min.js and adds STATIC_DIR to the server's
extra_static_paths in CONFIG_DIR/jupyter_server_config.json, keeping whatever else that file
says. The server then serves the library at {base_url}static/losslab/plotly.min.js.

Usage: serve_plotly.py CONFIG_DIR STATIC_DIR PLOTLY.min.js
"""
import json
import os
import shutil
import sys


def serve(config_dir, static_dir, library):
    os.makedirs(os.path.join(static_dir, "losslab"), exist_ok=True)
    shutil.copyfile(library, os.path.join(static_dir, "losslab", "plotly.min.js"))
    os.makedirs(config_dir, exist_ok=True)
    config_file = os.path.join(config_dir, "jupyter_server_config.json")
    config = {}
    if os.path.exists(config_file):
        with open(config_file, encoding="utf-8") as file:
            config = json.load(file)
    paths = config.setdefault("ServerApp", {}).setdefault("extra_static_paths", [])
    if static_dir not in paths:
        paths.append(static_dir)
    with open(config_file, "w", encoding="utf-8") as file:
        json.dump(config, file, indent=1)


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    serve(*sys.argv[1:])
