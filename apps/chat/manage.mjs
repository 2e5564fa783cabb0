#!/usr/bin/env node
// Django's manage.py: the `manouche` command for this project (node manage.mjs <command>).
// It works even where the package manager did not link node_modules/.bin/manouche.
import 'manouche/bin';
