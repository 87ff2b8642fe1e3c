"""Installs where no network reaches: the offline bundle and the one-file scanner.

On a connected machine `bmnn bundle -o DIR` (build.py) writes a folder an IT officer carries on
managed media to a computer with no network at all:

  install.py, run, run.bat   the installer (installer.py, standard library only) and its launchers
  wheels/                    bmnn's wheel and every dependency for Windows x64 and Linux x86_64
  bmnn-scan.pyz              the scanner as one file (scanzip.py): a bare Python 3.11+ runs it
  HUONG-DAN.txt              the Vietnamese guide
  manifest.json, SHA256SUMS  what is in the bundle, with sizes and SHA-256 (manifest.py)

The installer checks every hash before it changes anything, installs with `--no-index
--find-links wheels`, and over an existing installation takes a backup (bmnn backup) before
migrating and says what changed. Nothing here imports Django.
"""
