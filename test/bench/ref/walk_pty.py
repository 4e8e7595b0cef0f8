"""Times the walkthrough as a user sees it: the seconds until its screen shows every step's verdict.

usage: walk_pty.py CMD [ARGS...]
Runs CMD in a pseudo-terminal (stdin and stdout, 100 columns by 40 rows), reads what it draws, and notes the
times at which the first frame (the first step's detail, "Step 1 of") appears and at which the progress line
first reads "checked N/N"; then types q and waits for the program to end.
Prints one JSON line: {"lastVerdictSeconds", "firstFrameSeconds", "tally": {"verified", "failed", …}, "exitCode"},
the tally read from that progress line. Exit 1 if the line never came.
"""
import fcntl
import json
import os
import pty
import re
import select
import struct
import sys
import termios
import time

CHECKED = re.compile(rb'checked (\d+)/\1 \xc2\xb7 ([^\x1b\r\n]*)')
# the progress line's counts, "10 ✓  0 ✗  0 ?", by glyph
GLYPHS = {'✓': 'verified', '✗': 'failed', '?': 'unchecked', '≈': 'tested'}
FIRST = re.compile(rb'Step 1 of')
TIMEOUT = 120.0


def main() -> int:
    if len(sys.argv) < 2:
        sys.stderr.write(__doc__ or '')
        return 2
    start = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:
        env = {k: v for k, v in os.environ.items() if k not in ('CI', 'CONTINUOUS_INTEGRATION')}
        env['TERM'] = 'xterm-256color'
        os.execvpe(sys.argv[1], sys.argv[1:], env)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack('HHHH', 40, 100, 0, 0))
    seen = b''
    first = last = tally = None
    while time.perf_counter() - start < TIMEOUT:
        ready, _, _ = select.select([fd], [], [], 0.5)
        if not ready:
            continue
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            break
        if not chunk:
            break
        now = time.perf_counter() - start
        # keep a tail long enough for a line to straddle two reads
        seen = (seen + chunk)[-8192:]
        if first is None and FIRST.search(seen):
            first = now
        done = CHECKED.search(seen)
        if done:
            last = now
            counts = re.findall(r'(\d+) (\S)', done[2].decode('utf8', 'replace').split('·')[0])
            tally = {GLYPHS.get(glyph, glyph): int(n) for n, glyph in counts}
            break
    if last is not None:
        os.write(fd, b'q')
    # drain until the program ends
    deadline = time.perf_counter() + 30
    while time.perf_counter() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.5)
        if ready:
            try:
                if not os.read(fd, 65536):
                    break
            except OSError:
                break
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            break
    else:
        os.kill(pid, 9)
        _, status = os.waitpid(pid, 0)
    try:
        _, status = os.waitpid(pid, 0)
    except ChildProcessError:
        pass
    print(json.dumps({'lastVerdictSeconds': last, 'firstFrameSeconds': first, 'tally': tally, 'exitCode': os.waitstatus_to_exitcode(status)}))
    return 0 if last is not None else 1


if __name__ == '__main__':
    sys.exit(main())
