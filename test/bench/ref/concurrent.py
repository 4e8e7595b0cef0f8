"""Runs N copies of one command at once and reports whether they agree and how much memory each took.

usage: concurrent.py N -- CMD [ARGS...]
prints one JSON line: {"copies", "identical", "exitCodes", "maxRssKiB"}

The copies start together and run concurrently (the load a shared machine or a CI matrix puts on dln); each is
reaped with wait4(), so "maxRssKiB" lists every copy's own peak resident memory (KiB on Linux), and "identical"
says whether their standard outputs are byte for byte the same.
"""
import json
import os
import subprocess
import sys
import tempfile


def main() -> int:
    if len(sys.argv) < 4 or sys.argv[2] != '--':
        sys.stderr.write(__doc__ or '')
        return 2
    n = int(sys.argv[1])
    cmd = sys.argv[3:]
    with tempfile.TemporaryDirectory() as tmp:
        outs = [open(os.path.join(tmp, f'{i}.out'), 'wb+') for i in range(n)]
        children = [subprocess.Popen(cmd, stdout=o, stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL) for o in outs]
        rss = {}
        codes = {}
        for c in children:
            _, status, usage = os.wait4(c.pid, 0)
            c.returncode = os.waitstatus_to_exitcode(status)
            rss[c.pid] = usage.ru_maxrss
            codes[c.pid] = c.returncode
        texts = []
        for o in outs:
            o.seek(0)
            texts.append(o.read())
            o.close()
    print(json.dumps({
        'copies': n,
        'identical': all(t == texts[0] for t in texts),
        'exitCodes': [codes[c.pid] for c in children],
        'maxRssKiB': [rss[c.pid] for c in children],
    }))
    return 0


if __name__ == '__main__':
    sys.exit(main())
