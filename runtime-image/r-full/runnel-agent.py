#!/usr/bin/env python3
"""Runnel's in-sandbox agent: the session container's main process.

The server keeps one attached stdin/stdout stream to this process and multiplexes runs over it
as newline-delimited JSON; lib/containers/agent-protocol.ts is the contract. stdout carries
protocol lines only; diagnostics go to stderr. Standard library only: the image has no PyPI.
"""
import codecs
import contextlib
import json
import os
import selectors
import signal
import subprocess
import sys
import threading
import time
import traceback

VERSION = 1
CHUNK_BYTES = 65536
CANCEL_GRACE_S = 0.5
# After the program's group is killed its pipes normally reach EOF at once; a process that left
# the group (setsid) could hold them open forever, so reading stops after this.
DRAIN_S = 0.2
START_FAILED = 127
# cgroup v2, then v1 (still what Docker 20.10 hosts often run): both count the OOM killer's
# kills in an "oom_kill N" line. Overridable so tests can stand in for the OOM killer.
OOM_COUNTER_FILES = os.environ.get(
    "RUNNEL_MEMORY_EVENTS", "/sys/fs/cgroup/memory.events:/sys/fs/cgroup/memory/memory.oom_control"
).split(":")

_out_lock = threading.Lock()
_runs_lock = threading.Lock()
_runs = {}


def emit(event):
    line = json.dumps(event, ensure_ascii=False, separators=(",", ":")) + "\n"
    with _out_lock:
        try:
            sys.stdout.buffer.write(line.encode("utf-8", "replace"))
            sys.stdout.buffer.flush()
        except OSError:
            pass  # the server went away; stdin EOF will shut the agent down


def emit_error(run_id, message):
    emit({"type": "error", "id": run_id, "message": message})


def log(message):
    print(f"runnel-agent: {message}", file=sys.stderr, flush=True)


def after(seconds, fn, *args):
    # Daemon timers, so a pending timeout never keeps the agent alive at shutdown.
    timer = threading.Timer(seconds, fn, args)
    timer.daemon = True
    timer.start()
    return timer


def oom_kills():
    for path in OOM_COUNTER_FILES:
        try:
            with open(path, encoding="ascii") as counters:
                for line in counters:
                    key, _, value = line.partition(" ")
                    if key == "oom_kill":
                        return int(value)
        except (OSError, ValueError):
            continue
    return None


def list_artifacts(directory):
    if not directory:
        return []
    try:
        with os.scandir(directory) as entries:
            files = [e for e in entries if e.is_file(follow_symlinks=False)]
            return sorted((e.name, e.stat(follow_symlinks=False).st_size) for e in files)
    except OSError:
        return []


def killpg(pgid, sig):
    with contextlib.suppress(ProcessLookupError):
        os.killpg(pgid, sig)


def exit_event(run_id, code, sig=None, timed_out=False, cancelled=False, oom_killed=False,
               truncated=False, duration_ms=0):
    return {"type": "exit", "id": run_id, "exitCode": code, "signal": sig, "timedOut": timed_out,
            "cancelled": cancelled, "oomKilled": oom_killed, "truncated": truncated,
            "durationMs": duration_ms}


def signal_name(returncode):
    if returncode is None or returncode >= 0:
        return None
    try:
        return signal.Signals(-returncode).name
    except ValueError:
        return f"SIG{-returncode}"


class BadRequest(Exception):
    pass


def require(condition, message):
    if not condition:
        raise BadRequest(message)


def is_int(value):
    return isinstance(value, int) and not isinstance(value, bool)


def is_relative_path(path):
    return (isinstance(path, str) and path and not path.startswith("/") and "\0" not in path
            and ".." not in path.split("/"))


def write_files(files, cwd):
    # The block's own source, written by the sandbox user just before it runs. A link planted
    # at the same name is replaced, not followed.
    for f in files:
        full = os.path.join(cwd or os.getcwd(), f["path"])
        os.makedirs(os.path.dirname(full) or ".", exist_ok=True)
        with contextlib.suppress(FileNotFoundError):
            os.unlink(full)
        fd = os.open(full, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o644)
        with open(fd, "w", encoding="utf-8") as out:
            out.write(f["content"])


def check_run_request(req):
    argv, env = req.get("argv"), req.get("env", {})
    require(isinstance(argv, list) and argv and all(isinstance(a, str) for a in argv),
            "argv must be a non-empty list of strings.")
    require(isinstance(env, dict) and all(isinstance(v, str) for v in env.values()),
            "env must map names to string values.")
    for name in ("cwd", "artifactsDir"):
        require(isinstance(req.get(name, ""), str), f"{name} must be a string.")
    files = req.get("files", [])
    require(isinstance(files, list) and all(
        isinstance(f, dict) and is_relative_path(f.get("path")) and isinstance(f.get("content"), str) for f in files),
        "files must be a list of {path, content} with relative paths inside the working directory.")
    require(is_int(req.get("timeoutMs")) and req["timeoutMs"] > 0,
            "timeoutMs must be a positive integer.")
    require(is_int(req.get("outputCapBytes")) and req["outputCapBytes"] >= 0,
            "outputCapBytes must be a non-negative integer.")


class Run:
    def __init__(self, req):
        self.id = req["id"]
        self.cap = req["outputCapBytes"]
        self.artifacts_dir = req.get("artifactsDir") or None
        self.lock = threading.Lock()
        self.exited = self.timed_out = self.cancelled = self.truncated = False
        self.emitted_bytes = 0
        self.decoders = {s: codecs.getincrementaldecoder("utf-8")("replace") for s in ("stdout", "stderr")}

    def start(self, req):
        env = {**os.environ, **req.get("env", {})}
        if self.artifacts_dir:
            os.makedirs(self.artifacts_dir, mode=0o700, exist_ok=True)
            os.chmod(self.artifacts_dir, 0o700)
            env["RUNNEL_ARTIFACTS_DIR"] = self.artifacts_dir
        write_files(req.get("files", []), req.get("cwd"))
        self.oom_before = oom_kills()
        self.started_at = time.monotonic()
        self.proc = subprocess.Popen(
            req["argv"], cwd=req.get("cwd") or None, env=env, start_new_session=True,
            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE)

    def watch(self, timeout_ms):
        self.timer = after(timeout_ms / 1000, self.kill, signal.SIGKILL, "timed_out")
        self.thread = threading.Thread(target=self.supervise, daemon=True)
        self.thread.start()

    def kill(self, sig, reason=None):
        # Only while the leader is unreaped: its pid is then still the group's id, never reused.
        with self.lock:
            if self.exited:
                return
            if reason:
                setattr(self, reason, True)
            killpg(self.proc.pid, sig)

    def cancel(self):
        if not self.cancelled:
            self.kill(signal.SIGTERM, "cancelled")
            after(CANCEL_GRACE_S, self.kill, signal.SIGKILL)

    def supervise(self):
        wake_r, wake_w = os.pipe()
        pump = threading.Thread(target=self.pump, args=(wake_r,), daemon=True)
        pump.start()
        try:
            # WNOWAIT leaves the leader a zombie, so its group id stays ours while we kill it.
            os.waitid(os.P_PID, self.proc.pid, os.WEXITED | os.WNOWAIT)
            with self.lock:
                self.exited = True
                killpg(self.proc.pid, signal.SIGKILL)  # background children must not outlive the run
            self.proc.wait()
            self.duration_ms = round((time.monotonic() - self.started_at) * 1000)
            self.timer.cancel()
            os.write(wake_w, b"\0")
            pump.join()
        except Exception:  # a bug here must still end the run with an exit event
            log(traceback.format_exc())
            emit_error(self.id, "The agent failed while supervising this run.")
        finally:
            for fd in (wake_r, wake_w):
                os.close(fd)
            self.proc.stdout.close()
            self.proc.stderr.close()
            self.finish()

    def pump(self, wake_fd):
        with selectors.DefaultSelector() as selector:
            selector.register(self.proc.stdout, selectors.EVENT_READ, "stdout")
            selector.register(self.proc.stderr, selectors.EVENT_READ, "stderr")
            selector.register(wake_fd, selectors.EVENT_READ, None)
            open_streams, drain_until = 2, None
            while open_streams:
                timeout = None if drain_until is None else max(0.0, drain_until - time.monotonic())
                ready = selector.select(timeout)
                if not ready and drain_until is not None:
                    break
                for key, _ in ready:
                    if key.data is None:
                        selector.unregister(wake_fd)
                        drain_until = time.monotonic() + DRAIN_S
                        continue
                    chunk = os.read(key.fd, CHUNK_BYTES)
                    if chunk:
                        self.output(key.data, self.decoders[key.data].decode(chunk))
                    else:
                        selector.unregister(key.fileobj)
                        open_streams -= 1
        for stream, decoder in self.decoders.items():
            self.output(stream, decoder.decode(b"", final=True))

    def output(self, stream, text):
        if self.truncated or not text:
            return
        data = text.encode("utf-8")
        room = self.cap - self.emitted_bytes
        if len(data) > room:
            # Cut at a character boundary so the cap holds for the UTF-8 the server receives.
            text = data[:room].decode("utf-8", "ignore")
            self.truncated = True
        self.emitted_bytes += len(text.encode("utf-8"))
        if text:
            emit({"type": "output", "id": self.id, "stream": stream, "data": text})
        if self.truncated:
            emit({"type": "truncated", "id": self.id})

    def finish(self):
        code = self.proc.returncode
        sig = signal_name(code)
        oom_after = oom_kills()
        # Our own kills also end in SIGKILL; only an unexplained one counts as the OOM killer's.
        oom_killed = (sig == "SIGKILL" and not (self.timed_out or self.cancelled)
                      and None not in (self.oom_before, oom_after) and oom_after > self.oom_before)
        for name, size in list_artifacts(self.artifacts_dir):
            emit({"type": "artifact", "id": self.id, "name": name, "bytes": size})
        if self.artifacts_dir:
            # Most runs write nothing: drop the empty folder here rather than the server
            # spending another run on it.
            with contextlib.suppress(OSError):
                os.rmdir(self.artifacts_dir)
        with _runs_lock:
            del _runs[self.id]
            emit(exit_event(self.id, code if sig is None else None, sig, self.timed_out,
                            self.cancelled, oom_killed, self.truncated, getattr(self, "duration_ms", 0)))


def start_run(req):
    run_id = req["id"]
    with _runs_lock:
        if run_id in _runs:
            emit_error(run_id, "A run with this id is already in flight.")
            return
    try:
        check_run_request(req)
        run = Run(req)
        run.start(req)
    except (BadRequest, OSError, ValueError, subprocess.SubprocessError) as error:
        emit_error(run_id, describe_start_failure(error))
        emit(exit_event(run_id, START_FAILED))
        return
    with _runs_lock:
        _runs[run_id] = run
    emit({"type": "started", "id": run_id, "pid": run.proc.pid})
    run.watch(req["timeoutMs"])


def describe_start_failure(error):
    if isinstance(error, BadRequest):
        return str(error)
    if isinstance(error, OSError) and error.filename:
        return f"Could not start the run: {error.strerror}: {error.filename}."
    return f"Could not start the run: {error}."


def handle(raw):
    try:
        req = json.loads(raw.decode("utf-8"))
    except ValueError:
        return emit_error(None, "The request is not a line of valid UTF-8 JSON.")
    if not isinstance(req, dict):
        return emit_error(None, "The request must be a JSON object.")
    op, run_id = req.get("op"), req.get("id")
    if not isinstance(run_id, str) or not run_id:
        return emit_error(None, "The request needs a non-empty string id.")
    if op == "ping":
        emit({"type": "pong", "id": run_id})
    elif op == "run":
        start_run(req)
    elif op == "cancel":
        with _runs_lock:
            run = _runs.get(run_id)
        if run:  # a run that already ended needs no cancelling: cancel races with exit
            run.cancel()
    else:
        emit_error(run_id, f"Unknown op {json.dumps(op)}.")


def shutdown():
    with _runs_lock:
        runs = list(_runs.values())
    for run in runs:
        run.kill(signal.SIGKILL, "cancelled")
    for run in runs:
        run.thread.join(timeout=2)


def signal_wakeup():
    # The handlers do nothing but wake serve() through this pipe, so shutdown never interrupts
    # a request halfway (an exception raised from a handler could).
    wake_r, wake_w = os.pipe()
    os.set_blocking(wake_w, False)
    signal.set_wakeup_fd(wake_w)
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda *_: None)
    return wake_r


def serve(wake_fd):
    """Handles request lines until stdin closes or SIGTERM/SIGINT arrives."""
    pending = b""
    # poll, not epoll: epoll refuses a stdin that is a regular file or /dev/null.
    with selectors.PollSelector() as selector:
        selector.register(sys.stdin.fileno(), selectors.EVENT_READ, "stdin")
        selector.register(wake_fd, selectors.EVENT_READ, "signal")
        while True:
            for key, _ in selector.select():
                chunk = os.read(key.fd, CHUNK_BYTES)
                if key.data == "signal" or not chunk:
                    return
                *lines, pending = (pending + chunk).split(b"\n")
                for line in lines:
                    if line.strip():
                        handle(line)


def main():
    wake_fd = signal_wakeup()
    emit({"type": "ready", "version": VERSION, "pid": os.getpid()})
    log(f"ready (protocol {VERSION}, pid {os.getpid()})")
    try:
        serve(wake_fd)
    finally:
        shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
