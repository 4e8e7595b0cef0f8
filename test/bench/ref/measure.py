"""Runs one command and reports its wall time and peak resident memory, the same way for dln and references.

usage: measure.py TIMEOUT_SECONDS STDOUT_FILE STDERR_FILE -- CMD [ARGS...]
prints one JSON line: {"wallSeconds", "maxRssKiB", "exitCode", "timedOut"}

Peak RSS comes from wait4() on the child itself (ru_maxrss, KiB on Linux), so each measurement is exactly one
process tree and no other child of this wrapper contributes. Output goes straight to files, not through pipes,
so a large answer costs the measured process nothing extra.
"""
import json
import os
import signal
import subprocess
import sys
import threading
import time


def main() -> int:
    if len(sys.argv) < 6 or sys.argv[4] != '--':
        sys.stderr.write(__doc__ or '')
        return 2
    timeout = float(sys.argv[1])
    cmd = sys.argv[5:]
    timed_out = threading.Event()
    with open(sys.argv[2], 'wb') as out, open(sys.argv[3], 'wb') as err:
        start = time.perf_counter()
        child = subprocess.Popen(cmd, stdout=out, stderr=err, stdin=subprocess.DEVNULL, start_new_session=True)

        def kill() -> None:
            timed_out.set()
            try:
                os.killpg(child.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass

        timer = threading.Timer(timeout, kill)
        timer.start()
        _, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - start
        timer.cancel()
        child.returncode = os.waitstatus_to_exitcode(status)  # reaped here; keeps Popen from waiting again
    print(json.dumps({
        'wallSeconds': wall,
        'maxRssKiB': usage.ru_maxrss,
        'exitCode': child.returncode,
        'timedOut': timed_out.is_set(),
    }))
    return 0


if __name__ == '__main__':
    sys.exit(main())
