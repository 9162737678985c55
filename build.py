#!/usr/bin/env python3
"""The main job: build dist/ from corpus/. Same as ``vietgov build`` (see ``--help``)."""

import sys

from vietgov.cli import main

if __name__ == "__main__":
    sys.exit(main(["build", *sys.argv[1:]]))
