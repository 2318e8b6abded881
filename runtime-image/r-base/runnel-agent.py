#!/usr/bin/env python3
"""Runnel's in-sandbox agent: the session container's main process.

The server keeps one attached stdin/stdout stream to this process and multiplexes runs over it
as newline-delimited JSON; lib/containers/agent-protocol.ts is the contract. stdout carries
protocol lines only; diagnostics go to stderr. Standard library only: the image has no PyPI.
"""
import base64
import codecs
import contextlib
import ctypes
import errno
import json
import os
import selectors
import signal
import stat
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
DRAIN_MAX_S = 2.0
# Killing a group that is still forking (a fork bomb) can take a few rounds.
GROUP_KILL_S = 5.0
START_FAILED = 127
# Raw bytes per artifact-chunk event: base64 keeps each line near 64 KiB, far below the
# server's bound on a line.
ARTIFACT_CHUNK_BYTES = 48 * 1024
DEFAULT_ARTIFACT_COUNT = 20
DEFAULT_ARTIFACT_BYTES = 10 * 1024 * 1024
# cgroup v2, then v1 (still what Docker 20.10 hosts often run): both count the OOM killer's
# kills in an "oom_kill N" line. Overridable so tests can stand in for the OOM killer.
OOM_COUNTER_FILES = os.environ.get(
    "RUNNEL_MEMORY_EVENTS", "/sys/fs/cgroup/memory.events:/sys/fs/cgroup/memory/memory.oom_control"
).split(":")

IS_INIT = os.getpid() == 1
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


def open_dir_nofollow(path):
    """A directory fd reached from / without following a link at any step, and its parent's."""
    parent = os.open("/", os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    fd = None
    try:
        for part in [p for p in path.split("/") if p]:
            if fd is not None:
                os.close(parent)
                parent = fd
            fd = None
            fd = os.open(part, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC, dir_fd=parent)
        return fd, parent
    except OSError:
        os.close(parent)
        if fd is not None:
            os.close(fd)
        raise


def skipped(run_id, name, reason):
    emit({"type": "artifact-skipped", "id": run_id, "name": name, "reason": reason})


def collect_artifacts(run_id, directory, max_count, max_bytes):
    """Sends the regular files the run left in its output folder, bytes and all.

    The block may have swapped the folder, a folder on the way to it or any file in it for a
    link, a FIFO or a device: each step is opened O_NOFOLLOW relative to a directory fd the agent
    opened itself, a file is opened O_NONBLOCK (a FIFO cannot hang it) and fstat'ed before a byte
    is read, and only what the sandbox user may read leaves. Anything else is skipped with a note.
    """
    try:
        dir_fd, parent_fd = open_dir_nofollow(directory)
    except FileNotFoundError:
        return
    except OSError:
        skipped(run_id, "", "The output folder was replaced by a link or something that is not a folder; nothing was collected from it.")
        return
    kept = 0
    try:
        with os.scandir(dir_fd) as entries:
            names = sorted(entry.name for entry in entries)
        for name in names:
            if kept >= max_count:
                skipped(run_id, name, f"only {max_count} output files are kept")
                continue
            if send_file(run_id, dir_fd, name, max_bytes):
                kept += 1
        if not names:
            # Most runs write nothing: drop the empty folder here rather than the server
            # spending another run on it.
            with contextlib.suppress(OSError):
                os.rmdir(os.path.basename(directory.rstrip("/")), dir_fd=parent_fd)
    finally:
        os.close(dir_fd)
        os.close(parent_fd)


def send_file(run_id, dir_fd, name, max_bytes):
    try:
        fd = os.open(name, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_NOCTTY | os.O_CLOEXEC, dir_fd=dir_fd)
    except OSError as error:
        reason = "it is a link" if error.errno == errno.ELOOP else f"it cannot be read ({error.strerror})"
        skipped(run_id, name, reason)
        return False
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            kind = "a folder" if stat.S_ISDIR(info.st_mode) else "not a regular file (a FIFO, socket or device)"
            skipped(run_id, name, f"it is {kind}")
            return False
        if info.st_size > max_bytes:
            skipped(run_id, name, f"it is larger than {max_bytes} bytes")
            return False
        sent = 0
        while True:
            chunk = os.read(fd, min(ARTIFACT_CHUNK_BYTES, max_bytes + 1 - sent))
            if not chunk:
                break
            sent += len(chunk)
            if sent > max_bytes:  # it grew while being read
                skipped(run_id, name, f"it is larger than {max_bytes} bytes")
                return False
            emit({"type": "artifact-chunk", "id": run_id, "name": name,
                  "data": base64.b64encode(chunk).decode("ascii")})
        emit({"type": "artifact", "id": run_id, "name": name, "bytes": sent})
        return True
    finally:
        os.close(fd)


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
    for name in ("artifactMaxCount", "artifactMaxBytes"):
        require(is_int(req.get(name, 0)) and req.get(name, 0) >= 0, f"{name} must be a non-negative integer.")


class Run:
    """One program, supervised by one thread of its own.

    The thread is started before the program exists and the program never makes the agent
    start another: a block that exhausts the pids limit (a fork bomb) must not leave the agent
    unable to time it out, kill it or report it. Timeout, cancel grace and the end of output are
    deadlines in the thread's own select loop, not timer threads.
    """

    def __init__(self, req):
        self.req = req
        self.id = req["id"]
        self.cap = req["outputCapBytes"]
        self.artifacts_dir = req.get("artifactsDir") or None
        self.lock = threading.Lock()
        self.proc = None
        self.exited = self.timed_out = self.cancelled = self.truncated = False
        self.cancel_requested = False
        self.emitted_bytes = 0
        self.duration_ms = 0
        self.decoders = {s: codecs.getincrementaldecoder("utf-8")("replace") for s in ("stdout", "stderr")}
        self.wake_r, self.wake_w = os.pipe()
        os.set_blocking(self.wake_w, False)
        self.thread = threading.Thread(target=self.main, daemon=True)

    def spawn(self):
        req = self.req
        env = {**os.environ, **req.get("env", {})}
        if self.artifacts_dir:
            os.makedirs(self.artifacts_dir, mode=0o700, exist_ok=True)
            os.chmod(self.artifacts_dir, 0o700)
            env["RUNNEL_OUTPUT"] = self.artifacts_dir
        write_files(req.get("files", []), req.get("cwd"))
        self.oom_before = oom_kills()
        self.started_at = time.monotonic()
        self.proc = subprocess.Popen(
            req["argv"], cwd=req.get("cwd") or None, env=env, start_new_session=True,
            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE)

    def main(self):
        try:
            self.spawn()
        except (OSError, ValueError, subprocess.SubprocessError) as error:
            self.forget()
            emit_error(self.id, describe_start_failure(error))
            emit(exit_event(self.id, START_FAILED))
            self.close_wake()
            return
        emit({"type": "started", "id": self.id, "pid": self.proc.pid})
        try:
            self.supervise()
        except Exception:  # a bug here must still end the run with an exit event
            log(traceback.format_exc())
            emit_error(self.id, "The agent failed while supervising this run.")
            with contextlib.suppress(Exception):
                self.kill(signal.SIGKILL)
                self.reap()
        finally:
            self.close_wake()
            self.proc.stdout.close()
            self.proc.stderr.close()
            self.finish()

    def wake(self):
        with contextlib.suppress(OSError):
            os.write(self.wake_w, b"\0")

    def close_wake(self):
        for fd in (self.wake_r, self.wake_w):
            with contextlib.suppress(OSError):
                os.close(fd)

    def kill(self, sig, reason=None):
        # Only while the leader is unreaped: its pid is then still the group's id, never reused.
        with self.lock:
            if self.proc is None or self.proc.returncode is not None:
                return
            if reason and not self.exited:
                setattr(self, reason, True)
            killpg(self.proc.pid, sig)

    def cancel(self):
        # Called from the main thread: the run's own loop does the killing.
        self.cancel_requested = True
        self.wake()

    def supervise(self):
        pid = self.proc.pid
        deadline = self.started_at + self.req["timeoutMs"] / 1000
        kill_at = drain_until = drain_end = None
        with selectors.DefaultSelector() as selector:
            selector.register(self.proc.stdout, selectors.EVENT_READ, "stdout")
            selector.register(self.proc.stderr, selectors.EVENT_READ, "stderr")
            selector.register(self.wake_r, selectors.EVENT_READ, "wake")
            exit_watch = ExitWatch(pid, selector)
            open_streams = 2
            while True:
                now = time.monotonic()
                if not self.exited:
                    if now >= deadline:
                        self.kill(signal.SIGKILL, "timed_out")
                    if self.cancel_requested and not self.cancelled:
                        self.kill(signal.SIGTERM, "cancelled")
                        kill_at = now + CANCEL_GRACE_S
                    if kill_at is not None and now >= kill_at:
                        self.kill(signal.SIGKILL)
                        kill_at = None
                    if exit_watch.exited():
                        self.on_exit(exit_watch)
                        kill_at = None
                        now = time.monotonic()
                        drain_until, drain_end = now + DRAIN_S, now + DRAIN_MAX_S
                if self.exited and (not open_streams or now >= min(drain_until, drain_end)):
                    break  # past the drain, a process that left the group holds the pipes open
                waits = [t for t in (None if self.exited else deadline, kill_at, drain_until) if t is not None]
                if exit_watch.poll_s is not None:
                    waits.append(now + exit_watch.poll_s)
                timeout = max(0.0, min(waits) - now) if waits else None
                for key, _ in selector.select(timeout):
                    if key.data == "wake":
                        os.read(self.wake_r, 512)
                    elif key.data == "exit":
                        exit_watch.close()  # seen; exited() confirms it on the next turn
                        exit_watch.poll_s = 0.0
                    else:
                        chunk = os.read(key.fd, CHUNK_BYTES)
                        if chunk:
                            self.output(key.data, self.decoders[key.data].decode(chunk))
                            if self.exited:
                                drain_until = time.monotonic() + DRAIN_S
                        else:
                            selector.unregister(key.fileobj)
                            open_streams -= 1
            exit_watch.close()
        for stream, decoder in self.decoders.items():
            self.output(stream, decoder.decode(b"", final=True))

    def on_exit(self, exit_watch):
        self.duration_ms = round((time.monotonic() - self.started_at) * 1000)
        with self.lock:
            self.exited = True
        exit_watch.close()
        self.reap()

    def reap(self):
        # Background children must not outlive the run. In a container (the agent is PID 1)
        # the group is killed until no member is left: killed ones are zombies of this agent,
        # reaped here, so their pids are free for the next run. Outside one (the agent's own
        # tests) a scan of the host's /proc would cost more than it proves: one kill suffices.
        pgid = self.proc.pid
        give_up = time.monotonic() + GROUP_KILL_S
        while True:
            self.kill(signal.SIGKILL)
            if not IS_INIT:
                break
            reap_orphans()
            if not group_members(pgid) or time.monotonic() > give_up:
                break
            time.sleep(0.01)
        with self.lock:
            self.proc.wait()

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

    def forget(self):
        with _runs_lock:
            _runs.pop(self.id, None)

    def finish(self):
        code = self.proc.returncode
        sig = signal_name(code)
        oom_after = oom_kills()
        # Our own kills also end in SIGKILL; only an unexplained one counts as the OOM killer's.
        oom_killed = (sig == "SIGKILL" and not (self.timed_out or self.cancelled)
                      and None not in (self.oom_before, oom_after) and oom_after > self.oom_before)
        if self.artifacts_dir:
            try:
                collect_artifacts(self.id, self.artifacts_dir, self.req.get("artifactMaxCount", DEFAULT_ARTIFACT_COUNT),
                                  self.req.get("artifactMaxBytes", DEFAULT_ARTIFACT_BYTES))
            except OSError as error:
                log(f"collecting artifacts failed: {error}")
                emit_error(self.id, "The output files could not be collected.")
        with _runs_lock:
            _runs.pop(self.id, None)
            emit(exit_event(self.id, code if sig is None else None, sig, self.timed_out,
                            self.cancelled, oom_killed, self.truncated, self.duration_ms))


class ExitWatch:
    """Tells when a child has exited without reaping it (WNOWAIT keeps its pid the group's id).

    A pidfd wakes the select loop at once; where the kernel or a seccomp profile refuses
    pidfd_open, the loop polls instead.
    """

    POLL_S = 0.01

    def __init__(self, pid, selector):
        self.pid, self.selector, self.fd, self.poll_s = pid, selector, None, None
        try:
            self.fd = os.pidfd_open(pid)
            selector.register(self.fd, selectors.EVENT_READ, "exit")
        except (AttributeError, OSError):
            self.poll_s = self.POLL_S

    def exited(self):
        info = os.waitid(os.P_PID, self.pid, os.WEXITED | os.WNOHANG | os.WNOWAIT)
        return info is not None and info.si_pid != 0

    def wait(self):
        os.waitid(os.P_PID, self.pid, os.WEXITED | os.WNOWAIT)

    def close(self):
        if self.fd is not None:
            with contextlib.suppress(KeyError, ValueError):
                self.selector.unregister(self.fd)
            os.close(self.fd)
            self.fd = None
        self.poll_s = None


def proc_stat(pid):
    """(state, ppid, pgrp) of a process, or None when it is gone."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as proc:
            fields = proc.read().rsplit(b")", 1)[1].split()
        return fields[0], int(fields[1]), int(fields[2])
    except (OSError, IndexError, ValueError):
        return None


def all_pids():
    return [int(name) for name in os.listdir("/proc") if name.isdigit()]


def group_members(pgid):
    """Processes of the group other than its leader; zombies count while they are ours to reap."""
    me = os.getpid()
    members = []
    for pid in all_pids():
        info = proc_stat(pid)
        if pid != pgid and info and info[2] == pgid and (info[0] != b"Z" or info[1] == me):
            members.append(pid)
    return members


def reap_orphans():
    """Reaps exited children that are not a run's leader: as PID 1 the agent inherits orphans."""
    me = os.getpid()
    with _runs_lock:
        leaders = {run.proc.pid for run in _runs.values() if run.proc is not None}
    for pid in all_pids():
        info = proc_stat(pid)
        if info and info[0] == b"Z" and info[1] == me and pid not in leaders:
            with contextlib.suppress(ChildProcessError):
                os.waitpid(pid, os.WNOHANG)


def start_run(req):
    run_id = req["id"]
    try:
        check_run_request(req)
    except BadRequest as error:
        emit_error(run_id, str(error))
        emit(exit_event(run_id, START_FAILED))
        return
    with _runs_lock:
        if run_id in _runs:
            emit_error(run_id, "A run with this id is already in flight.")
            return
        run = _runs[run_id] = Run(req)
    try:
        run.thread.start()
    except RuntimeError:  # no thread could be made: the pids limit is used up right now
        run.forget()
        run.close_wake()
        emit_error(run_id, NO_ROOM)
        emit(exit_event(run_id, START_FAILED))


NO_ROOM = "Could not start the run: the sandbox's process limit is used up by what is already running."


def describe_start_failure(error):
    if isinstance(error, OSError) and error.errno == errno.EAGAIN:
        return NO_ROOM
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


def handle_safely(raw):
    # Whatever goes wrong with one request (even no thread to be had), the agent keeps serving.
    try:
        handle(raw)
    except Exception:
        log(traceback.format_exc())
        emit_error(None, "The agent could not handle a request.")


def shutdown():
    with _runs_lock:
        runs = list(_runs.values())
    for run in runs:
        run.kill(signal.SIGKILL, "cancelled")
    for run in runs:
        with contextlib.suppress(RuntimeError):
            run.thread.join(timeout=2)


def signal_wakeup():
    """A pipe that SIGTERM/SIGINT wake serve() through, or None when the agent is PID 1.

    As PID 1 of the container's pid namespace the kernel delivers a block only the signals the
    agent has handlers for, so it installs none: a block cannot stop its own session's agent.
    The engine still stops the container (SIGKILL from outside), and stdin's EOF ends it cleanly.
    The handlers do nothing but wake serve(), so shutdown never interrupts a request halfway.
    """
    if IS_INIT:
        return None
    wake_r, wake_w = os.pipe()
    os.set_blocking(wake_w, False)
    signal.set_wakeup_fd(wake_w)
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda *_: None)
    return wake_r


def close_to_blocks():
    """Keeps the channel the agent's own.

    Blocks run as the agent's uid (the container has no capabilities to give them another), so
    what guards the channel is the kernel's ptrace access check: a process that is not dumpable
    has /proc/<pid>/fd, fdinfo, mem, environ, maps and every task's copies owned by root, and
    cannot be traced or read by the same uid. The agent is PID 1 (no tini in front of it, which
    would hold the same stdout open and be dumpable), so no other process a block can see holds
    the channel. Blocks are exec'd, which makes them dumpable again and leaves them only the
    pipes they were given.
    """
    pr_set_dumpable = 4
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(pr_set_dumpable, 0, 0, 0, 0) != 0:
        raise OSError(ctypes.get_errno(), "prctl(PR_SET_DUMPABLE, 0) failed")


ORPHAN_REAP_S = 2.0


def serve(wake_fd):
    """Handles request lines until stdin closes (or SIGTERM/SIGINT, when not PID 1)."""
    pending = b""
    # poll, not epoll: epoll refuses a stdin that is a regular file or /dev/null.
    with selectors.PollSelector() as selector:
        selector.register(sys.stdin.fileno(), selectors.EVENT_READ, "stdin")
        if wake_fd is not None:
            selector.register(wake_fd, selectors.EVENT_READ, "signal")
        while True:
            ready = selector.select(ORPHAN_REAP_S)
            if not ready and IS_INIT:
                reap_orphans()  # processes that left their run's group and exited later
            for key, _ in ready:
                chunk = os.read(key.fd, CHUNK_BYTES)
                if key.data == "signal" or not chunk:
                    return
                *lines, pending = (pending + chunk).split(b"\n")
                for line in lines:
                    if line.strip():
                        handle_safely(line)


def main():
    close_to_blocks()
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
