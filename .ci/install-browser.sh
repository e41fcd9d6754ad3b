#!/usr/bin/env bash
# Installs Debian's Chromium + ChromeDriver when missing (placeholder until the render issue lands).
exit 0
