#!/usr/bin/env node
// The manouche command for the benchmark project (manouche resolves from tools/bench/node_modules).
import 'manouche/bin';
