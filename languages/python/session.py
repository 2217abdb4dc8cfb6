# Runbox session driver for Python: keeps one interpreter and one global namespace between calls.
# Protocol (one line each way): the first line in is the session's secret nonce; then "OP B64_ARG1 [B64_ARG2]"
# in, and for the n-th request (from 1) "\x1eRUNBOX NONCE n EXIT B64_STDOUT B64_STDERR" out, at the start
# of a line ("-" for empty). The host ignores every other line, so output of the code is never taken for a reply.
#   exec CODE         runs CODE in the session's globals; a raised exception is exit 1 with its traceback
#   write NAME DATA   writes DATA (bytes) to NAME in the workspace, replacing (never following) a link there
import base64, io, os, sys, traceback

session_globals = {"__name__": "__main__"}


def serve(nonce):
    # The nonce lives only in this frame, out of the session's globals.
    real_out = sys.stdout
    b64 = lambda b: base64.b64encode(b).decode() or "-"
    calls = 0

    def reply(code, out=b"", err=b""):
        real_out.write("\n\x1eRUNBOX %s %d %d %s %s\n" % (nonce, calls, code, b64(out), b64(err)))
        real_out.flush()

    for line in sys.stdin:
        parts = line.split()
        if not parts:
            continue
        calls += 1
        op, args = parts[0], [base64.b64decode(a) for a in parts[1:]]
        if op == "exec":
            out, err = io.StringIO(), io.StringIO()
            sys.stdout, sys.stderr, sys.stdin = out, err, io.StringIO("")
            status = 0
            try:
                exec(compile(args[0].decode(), "<session>", "exec"), session_globals)
            except SystemExit as e:
                status = e.code if isinstance(e.code, int) else (0 if e.code is None else 1)
            except BaseException:
                traceback.print_exc()
                status = 1
            finally:
                sys.stdout, sys.stderr, sys.stdin = real_out, sys.__stderr__, sys.__stdin__
            # As a process's exit status would be: sys.exit(256) is 0, sys.exit(-1) is 255.
            reply(status & 0xFF, out.getvalue().encode(), err.getvalue().encode())
        elif op == "write":
            # Written beside its name, then renamed over it: a link left at the name is replaced, never followed.
            try:
                name = args[0].decode()
                parent = os.path.realpath(os.path.dirname(os.path.join("/box", name)))
                if parent != "/box" and not parent.startswith("/box/"):
                    raise OSError("a link on the way to %s leads out of the workspace" % name)
                tmp = os.path.join(parent, ".runbox-upload-%d" % os.getpid())
                if os.path.lexists(tmp):
                    os.unlink(tmp)
                fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o644)
                with os.fdopen(fd, "wb") as f:
                    f.write(args[1] if len(args) > 1 else b"")
                os.replace(tmp, os.path.join(parent, os.path.basename(name)))
                reply(0)
            except OSError as e:
                reply(1, b"", str(e).encode())
        else:
            reply(2, b"", b"unknown op")


serve(sys.stdin.readline().strip())
