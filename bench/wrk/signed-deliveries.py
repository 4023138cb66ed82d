#!/usr/bin/env python3
"""Writes N signed GitHub workflow_run deliveries, one per line: signature, delivery id, body (each a new run).

wrk replays them (bench/wrk/github.lua): signing happens here, ahead of time, so the load generator spends its
CPU on requests only.  usage: signed-deliveries.py SECRET COUNT > deliveries.tsv
"""
import hashlib
import hmac
import json
import sys
import time

secret, count = sys.argv[1].encode(), int(sys.argv[2])
base = int(time.time() * 1000) * 1000
for i in range(count):
    run_id = base + i
    body = json.dumps({
        "action": "completed",
        "workflow_run": {
            "id": run_id, "name": "Deploy", "path": ".github/workflows/deploy.yml",
            "display_title": "Deploy D-2024-087", "event": "workflow_dispatch", "status": "completed",
            "conclusion": "success", "head_sha": "a9f3c1e0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6", "head_branch": "main",
            "run_attempt": 1, "run_started_at": "2024-04-10T09:15:00Z", "updated_at": "2024-04-10T09:16:30Z",
            "html_url": "https://github.com/acme/payments/actions/runs/%d" % run_id,
            "actor": {"login": "li.wei"}, "triggering_actor": {"login": "li.wei"},
        },
        "repository": {"full_name": "acme/payments"},
        "sender": {"login": "li.wei"},
    }, separators=(",", ":"))
    signature = hmac.new(secret, body.encode(), hashlib.sha256).hexdigest()
    sys.stdout.write("sha256=%s\tbench-%d\t%s\n" % (signature, run_id, body))
