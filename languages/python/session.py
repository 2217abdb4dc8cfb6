# Runbox session driver for Python: keeps one interpreter and one global namespace between calls.
# Protocol (one line each way): the first line in is the session's secret nonce; then "OP B64_ARG1 [B64_ARG2]"
# in, and for the n-th request (from 1) "\x1eRUNBOX NONCE n EXIT B64_STDOUT B64_STDERR" out, at the start
# of a line ("-" for empty), followed by " -1 B64_TABLE" when the call left a table. The host ignores every other
# line, so output of the code is never taken for a reply.
#   exec CODE         empties .runbox-figures/ (where plt.show() saves figures, returned with the call), then runs
#                     CODE in the session's globals, its last expression statement evaluated apart as a notebook
#                     does: a pandas DataFrame or Series there comes back as a table (JSON: columns, records, html,
#                     rows, truncated); a raised exception is exit 1 with its traceback
#   write NAME DATA   writes DATA (bytes) to NAME in the workspace, replacing (never following) a link there
import ast, base64, io, json, os, shutil, sys, traceback

session_globals = {"__name__": "__main__"}
FIGURES_DIR = "/box/.runbox-figures"
TABLE_ROWS = 1000


def clear_figures():
    """Removes what an earlier call left in FIGURES_DIR (a link there is removed, never followed)."""
    try:
        if os.path.islink(FIGURES_DIR) or not os.path.isdir(FIGURES_DIR):
            os.unlink(FIGURES_DIR)
        else:
            shutil.rmtree(FIGURES_DIR, ignore_errors=True)
    except OSError:
        pass


def run_cell(source):
    """Runs source in the session's globals; returns the value of its last statement when that is an expression."""
    tree = ast.parse(source, "<session>")
    last = tree.body.pop() if tree.body and isinstance(tree.body[-1], ast.Expr) else None
    exec(compile(tree, "<session>", "exec"), session_globals)
    if last is not None:
        return eval(compile(ast.Expression(last.value), "<session>", "eval"), session_globals)
    return None


def table(value):
    """The JSON of a pandas DataFrame or Series (its first TABLE_ROWS rows), or None for any other value."""
    pandas = sys.modules.get("pandas")
    if pandas is None or not isinstance(value, (pandas.DataFrame, pandas.Series)):
        return None
    frame = value.to_frame() if isinstance(value, pandas.Series) else value
    shown = frame.head(TABLE_ROWS)
    if not isinstance(shown.index, pandas.RangeIndex):
        shown = shown.reset_index()
    shown.columns = [str(c) for c in shown.columns]
    return json.dumps({
        "columns": list(shown.columns),
        "records": json.loads(shown.to_json(orient="records", date_format="iso", default_handler=str)),
        "html": frame.head(TABLE_ROWS).to_html(),
        "rows": len(frame),
        "truncated": len(frame) > TABLE_ROWS,
    }).encode()


def serve(nonce):
    # The nonce lives only in this frame, out of the session's globals.
    real_out = sys.stdout
    b64 = lambda b: base64.b64encode(b).decode() or "-"
    calls = 0

    def reply(code, out=b"", err=b"", tab=None):
        extra = "" if tab is None else " -1 " + b64(tab)
        real_out.write("\n\x1eRUNBOX %s %d %d %s %s%s\n" % (nonce, calls, code, b64(out), b64(err), extra))
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
            status, tab = 0, None
            clear_figures()
            try:
                value = run_cell(args[0].decode())
                try:
                    tab = table(value)
                except Exception:
                    traceback.print_exc()
            except SystemExit as e:
                status = e.code if isinstance(e.code, int) else (0 if e.code is None else 1)
            except BaseException:
                traceback.print_exc()
                status = 1
            finally:
                sys.stdout, sys.stderr, sys.stdin = real_out, sys.__stderr__, sys.__stdin__
            # As a process's exit status would be: sys.exit(256) is 0, sys.exit(-1) is 255.
            reply(status & 0xFF, out.getvalue().encode(), err.getvalue().encode(), tab)
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
