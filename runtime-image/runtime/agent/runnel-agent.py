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
import resource
import select
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
# Held while the agent starts a process it keeps (a kernel, a standby program) until it has
# recorded it, and by sweep_strays() throughout: a sweep never takes a process being started
# for a stray.
_spawn_lock = threading.RLock()


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


# A block can leave any number of files, FIFOs or links in its output folder: only this many
# skipped ones are named, and one note counts the rest, so the notes stay as few as the files kept.
SKIP_NOTES_MAX = 10


class SkipNotes:
    """A run's notes on the output files it did not send: the first SKIP_NOTES_MAX by name, then
    (close()) one that counts the others."""

    def __init__(self, run_id):
        self.run_id, self.count = run_id, 0

    def __call__(self, name, reason):
        self.count += 1
        if self.count <= SKIP_NOTES_MAX:
            emit({"type": "artifact-skipped", "id": self.run_id, "name": name, "reason": reason})

    def close(self):
        more = self.count - SKIP_NOTES_MAX
        if more > 0:
            emit({"type": "artifact-skipped", "id": self.run_id, "name": "",
                  "reason": f"… and {more:,} more output files were skipped."})


def collect_artifacts(run_id, directory, max_count, max_bytes):
    """Sends the regular files the run left in its output folder, bytes and all.

    The block may have swapped the folder, a folder on the way to it or any file in it for a
    link, a FIFO or a device: each step is opened O_NOFOLLOW relative to a directory fd the agent
    opened itself, a file is opened O_NONBLOCK (a FIFO cannot hang it) and fstat'ed before a byte
    is read, and only what the sandbox user may read leaves. Anything else is skipped with a note.
    """
    skipped = SkipNotes(run_id)
    try:
        dir_fd, parent_fd = open_dir_nofollow(directory)
    except FileNotFoundError:
        return
    except OSError:
        skipped("", "The output folder was replaced by a link or something that is not a folder; nothing was collected from it.")
        return
    kept = 0
    try:
        with os.scandir(dir_fd) as entries:
            names = sorted(entry.name for entry in entries)
        for name in names:
            if kept >= max_count:
                skipped(name, f"only {max_count} output files are kept")
                continue
            if send_file(run_id, dir_fd, name, max_bytes, skipped):
                kept += 1
        skipped.close()
        if not names:
            # Most runs write nothing: drop the empty folder here rather than the server
            # spending another run on it.
            with contextlib.suppress(OSError):
                os.rmdir(os.path.basename(directory.rstrip("/")), dir_fd=parent_fd)
    finally:
        os.close(dir_fd)
        os.close(parent_fd)


def send_file(run_id, dir_fd, name, max_bytes, skipped):
    try:
        fd = os.open(name, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_NOCTTY | os.O_CLOEXEC, dir_fd=dir_fd)
    except OSError as error:
        reason = "it is a link" if error.errno == errno.ELOOP else f"it cannot be read ({error.strerror})"
        skipped(name, reason)
        return False
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            kind = "a folder" if stat.S_ISDIR(info.st_mode) else "not a regular file (a FIFO, socket or device)"
            skipped(name, f"it is {kind}")
            return False
        if info.st_size > max_bytes:
            skipped(name, f"it is larger than {max_bytes} bytes")
            return False
        sent = 0
        while True:
            chunk = os.read(fd, min(ARTIFACT_CHUNK_BYTES, max_bytes + 1 - sent))
            if not chunk:
                break
            sent += len(chunk)
            if sent > max_bytes:  # it grew while being read
                skipped(name, f"it is larger than {max_bytes} bytes")
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


def check_program_request(req):
    argv, env = req.get("argv"), req.get("env", {})
    require(isinstance(argv, list) and argv and all(isinstance(a, str) for a in argv),
            "argv must be a non-empty list of strings.")
    require(isinstance(env, dict) and all(isinstance(v, str) for v in env.values()),
            "env must map names to string values.")
    for name in ("cwd", "artifactsDir"):
        require(isinstance(req.get(name, ""), str), f"{name} must be a string.")


def check_run_request(req):
    check_program_request(req)
    require(isinstance(req.get("source", ""), str), "source must be a string.")
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


# An argv item the agent replaces with the path of the pipe a run's `source` arrives on.
SOURCE_ARG = "{source}"


def program_env(req):
    """The program's environment; its output folder is made (mode 0700) and exported first."""
    env = {**os.environ, **req.get("env", {})}
    artifacts_dir = req.get("artifactsDir") or None
    if artifacts_dir:
        os.makedirs(artifacts_dir, mode=0o700, exist_ok=True)
        os.chmod(artifacts_dir, 0o700)
        env["RUNNEL_OUTPUT"] = artifacts_dir
    return env


class Program:
    """A started program, and the write end of the pipe its source arrives on (if it takes one).

    The source pipe is the program's own file, named in its argv as /dev/fd/N; stdin stays
    /dev/null, as for every run, so a script that reads stdin gets EOF and not its own text.
    """

    def __init__(self, req, with_source):
        argv, source_r, self.source_w = req["argv"], None, None
        if with_source:
            source_r, self.source_w = os.pipe()
            argv = [f"/dev/fd/{source_r}" if arg == SOURCE_ARG else arg for arg in argv]
        try:
            self.proc = subprocess.Popen(
                argv, cwd=req.get("cwd") or None, env=program_env(req), start_new_session=True,
                stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                pass_fds=(source_r,) if with_source else ())
        except BaseException:
            if self.source_w is not None:
                os.close(self.source_w)
            raise
        finally:
            if source_r is not None:
                os.close(source_r)

    def discard(self):
        killpg(self.proc.pid, signal.SIGKILL)
        with contextlib.suppress(ChildProcessError):
            self.proc.wait()
        for stream in (self.proc.stdout, self.proc.stderr):
            stream.close()
        if self.source_w is not None:
            os.close(self.source_w)


# A program started ahead of the run that will take it (`standby`): an interpreter's start-up
# (R loading its default packages takes most of a script's time) is paid before the request.
# One at a time, keyed by everything that shapes the process before its source arrives.
_standby = None


def standby_key(req):
    return json.dumps([req["argv"], req.get("cwd") or "", req.get("env", {}), req.get("artifactsDir") or ""],
                      sort_keys=True)


def start_standby(req):
    global _standby
    with _spawn_lock:
        try:
            check_program_request(req)
            program = Program(req, with_source=True)
        except BadRequest as error:
            return emit_error(req["id"], str(error))
        except (OSError, ValueError, subprocess.SubprocessError) as error:
            return emit_error(req["id"], describe_start_failure(error))
        with _runs_lock:
            replaced, _standby = _standby, (standby_key(req), program)
    if replaced:
        replaced[1].discard()


def take_standby(req):
    """The program in standby for this run, if one waits with the same shape and still lives."""
    global _standby
    with _runs_lock:
        if _standby is None or _standby[0] != standby_key(req):
            return None
        program, _standby = _standby[1], None
    if program.proc.poll() is None:
        return program
    program.discard()
    return None


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
        self.exited = self.timed_out = self.cancelled = self.truncated = self.output_capped = False
        self.cancel_requested = False
        self.emitted_bytes = 0
        self.duration_ms = 0
        self.decoders = {s: codecs.getincrementaldecoder("utf-8")("replace") for s in ("stdout", "stderr")}
        self.source_w = None
        self.wake_r, self.wake_w = os.pipe()
        os.set_blocking(self.wake_w, False)
        self.thread = threading.Thread(target=self.main, daemon=True)

    def spawn(self):
        with _spawn_lock:  # the standby it takes is kept until this run holds it
            self.spawn_program()

    def spawn_program(self):
        req = self.req
        self.source = memoryview(req.get("source", "").encode("utf-8"))
        program = take_standby(req) if "source" in req else None
        if program is not None:
            # Its leader is this run's from here on, so the agent's reaping leaves it alone.
            self.proc, self.source_w = program.proc, program.source_w
        try:
            if program is not None:
                program_env(req)  # the output folder, in case something removed it meanwhile
            write_files(req.get("files", []), req.get("cwd"))
        except BaseException:
            if program is not None:
                program.discard()
            raise
        self.oom_before = oom_kills()
        self.started_at = time.monotonic()
        if program is None:
            program = Program(req, with_source="source" in req)
            self.proc, self.source_w = program.proc, program.source_w

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
            self.close_source()
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

    def close_source(self):
        if self.source_w is not None:
            os.close(self.source_w)
            self.source_w = None

    def feed_source(self, selector):
        # Non-blocking, a chunk per turn: a program that never reads its source cannot stall the
        # loop that times it out. EPIPE (it closed the pipe, or exited) ends the feeding.
        try:
            sent = os.write(self.source_w, self.source[:CHUNK_BYTES])
            self.source = self.source[sent:]
        except OSError:
            self.source = self.source[:0]
        if not self.source:
            selector.unregister(self.source_w)
            self.close_source()

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
            if self.source_w is not None:
                os.set_blocking(self.source_w, False)
                selector.register(self.source_w, selectors.EVENT_WRITE, "source")
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
                    elif key.data == "source":
                        self.feed_source(selector)
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
        sweep_strays(self)

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
            # Past the cap nothing more of it is kept, so it is stopped rather than left to run.
            self.kill(signal.SIGKILL, "output_capped")

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
        event = exit_event(self.id, code if sig is None else None, sig, self.timed_out,
                           self.cancelled, oom_killed, self.truncated, self.duration_ms)
        if self.output_capped:
            event["message"] = (f"The block passed the output cap of {mib_text(self.cap)} (EXEC_OUTPUT_MAX_BYTES) "
                                "and was stopped.")
        changed = limits_changed(event)
        with _runs_lock:
            _runs.pop(self.id, None)
            emit(event)
        if changed:
            end_sandbox(changed)


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
    """(state, ppid, pgrp, session) of a process, or None when it is gone."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as proc:
            fields = proc.read().rsplit(b")", 1)[1].split()
        return fields[0], int(fields[1]), int(fields[2]), int(fields[3])
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
        leaders = {run.proc.pid for run in _runs.values() if getattr(run, "proc", None) is not None}
        if _standby is not None:
            leaders.add(_standby[1].proc.pid)
    with _kernels_lock:
        # A kernel's exit status is its own Popen's to read (it says why the kernel died).
        leaders |= {k.proc.pid for k in _kernels.values() if k.proc is not None}
    for pid in all_pids():
        info = proc_stat(pid)
        if info and info[0] == b"Z" and info[1] == me and pid not in leaders:
            with contextlib.suppress(ChildProcessError):
                os.waitpid(pid, os.WNOHANG)


def kept_roots():
    """The processes the agent keeps between runs: each live kernel (its session, which it was
    started in) and the standby program (its group), as (pids, sessions, groups)."""
    pids, sessions, groups = set(), {os.getsid(0)}, set()
    with _runs_lock:
        if _standby is not None:
            pids.add(_standby[1].proc.pid)
            groups.add(_standby[1].proc.pid)
    with _kernels_lock:
        for kernel in _kernels.values():
            proc = kernel.proc
            if proc is not None:
                pids.add(proc.pid)
                sessions.add(proc.pid)
    return pids, sessions, groups


def stray_pids():
    """Live processes that are neither the agent, nor kept (kept_roots), nor a descendant of a
    kept one. The agent's own helpers (an `rm` it runs) share its session and are kept."""
    me = os.getpid()
    pids, sessions, groups = kept_roots()
    table = {pid: info for pid in all_pids() if pid != me and (info := proc_stat(pid)) is not None}
    kept = {pid for pid, (_, _, pgrp, sid) in table.items() if pid in pids or sid in sessions or pgrp in groups}
    grew = True
    while grew:  # descendants, by parent, of what is kept (never of the agent: that is everyone)
        found = {pid for pid, info in table.items() if pid not in kept and info[1] in kept}
        kept |= found
        grew = bool(found)
    return [pid for pid, info in table.items() if pid not in kept and info[0] != b"Z"]


def sweep_strays(finishing):
    """Kills what a run left behind once no other run is in flight.

    A block can leave its process group and session (double fork and setsid, `(setsid cmd &)`):
    killing the run's group misses such a daemon, which would outlive the run and its Cancel,
    holding the session's memory and pids. So when a run ends (or is cancelled) and it was the
    only one in flight, every process the agent did not start and does not keep is killed:
    kept are the agent itself (and its helpers), each live kernel's session and its
    descendants (a kernel's own background jobs belong to the kernel, and go with it), and the
    standby program. Only as PID 1: outside a container the agent sees the host's processes.
    """
    if not IS_INIT:
        return
    with _spawn_lock:
        with _runs_lock:
            if any(run is not finishing for run in _runs.values()):
                return
        give_up = time.monotonic() + GROUP_KILL_S
        strays = stray_pids()
        if not strays:
            return  # most runs leave nothing behind: one scan of /proc
        while True:
            for pid in strays:
                with contextlib.suppress(ProcessLookupError, PermissionError):
                    os.kill(pid, signal.SIGKILL)
            reap_orphans()
            if time.monotonic() > give_up:
                log(f"{len(strays)} stray process(es) survived {GROUP_KILL_S:g} s of SIGKILL")
                break
            time.sleep(0.005)
            strays = stray_pids()
            if not strays:
                break
        reap_orphans()


def start(req, check, make):
    """Starts one run (a program, or a block in its kernel) on a thread of its own, after
    check(req) accepts it. Every refusal still ends the run with one exit event."""
    run_id = req["id"]
    try:
        check(req)
    except BadRequest as error:
        emit_error(run_id, str(error))
        emit(exit_event(run_id, START_FAILED))
        return
    with _runs_lock:
        if run_id in _runs:
            emit_error(run_id, "A run with this id is already in flight.")
            return
        run = _runs[run_id] = make(req)
    try:
        run.thread.start()
    except RuntimeError:  # no thread could be made: the pids limit is used up right now
        with _runs_lock:
            _runs.pop(run_id, None)
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


# ---------------------------------------------------------------------------------------------
# Kernels: state that carries from block to block (a `state: shared` notebook).
#
# One kernel per language per session, started on first use, as the sandbox uid (the agent's own:
# the container has no capabilities to give it another). The kernel IS the block's code, so it
# gets nothing of the agent's: it is started with its stdin on /dev/null and its stdout/stderr
# on pipes only the agent reads (never the agent's stdout, the server's channel), in a session of
# its own (a signal to its group never reaches PID 1), and exec'd, so it is dumpable while the
# agent stays not dumpable (close_to_blocks): a kernel can read its own memory, never the
# agent's fds. Everything a kernel sends is untrusted data: a Jupyter message is checked against
# its HMAC key and its size before its JSON is read, routed only to the run the agent itself sent
# the request for (by the agent's own msg_id, never by an id in the message), validated field by
# field, capped per bundle and per run, and re-encoded by emit() as the agent's own event: text a
# kernel prints (a forged {"type": "exit", …} line included) is the `data` of an output event.
# ---------------------------------------------------------------------------------------------

KERNEL_RUNTIMES = ("python", "bash", "r", "node")
KERNEL_START_S = 60.0
KERNEL_GRACE_S = float(os.environ.get("RUNNEL_KERNEL_GRACE_S", "3"))
DEFAULT_BUNDLE_BYTES = 2 * 1024 * 1024
# No single Jupyter message is read whole above this (libzmq drops the connection instead),
# so a kernel cannot make the agent hold more than this at once.
KERNEL_MAX_MESSAGE_BYTES = 64 * 1024 * 1024
KERNEL_ROOT = os.environ.get("RUNNEL_KERNEL_DIR", "/tmp")
KERNEL_LOG_BYTES = 4096
# The server ends a session on a line over 1 MiB; an event of the agent's stays well below.
AGENT_LINE_SAFE_BYTES = 960 * 1024
_kernels_lock = threading.Lock()
_kernels = {}


def now_iso():
    return time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime()) + ".%03dZ" % (int(time.time() * 1000) % 1000)


def mib_text(n):
    return f"{n / 1024 ** 2:.1f} MiB" if n >= 1024 ** 2 else f"{n} bytes"


def describe_kernel_exit(runtime, returncode, oom):
    """Why a kernel process ended, in words, for the reader."""
    if oom:
        what = f"The {runtime} kernel ran out of memory and was killed"
    elif returncode is not None and returncode < 0:
        what = f"The {runtime} kernel was killed by {signal_name(returncode)}"
        if -returncode == signal.SIGSEGV:
            what = f"The {runtime} kernel crashed (a segmentation fault)"
    else:
        what = f"The {runtime} kernel exited with code {returncode}"
    return f"{what}; its variables are gone. The next run starts a fresh kernel."


class KernelDied(Exception):
    pass


def check_execute_request(req):
    require(req.get("runtime") in KERNEL_RUNTIMES, f"runtime must be one of {', '.join(KERNEL_RUNTIMES)}.")
    require(isinstance(req.get("code"), str), "code must be a string.")
    require(isinstance(req.get("cwd", ""), str), "cwd must be a string.")
    require(is_int(req.get("timeoutMs")) and req["timeoutMs"] > 0, "timeoutMs must be a positive integer.")
    require(is_int(req.get("outputCapBytes")) and req["outputCapBytes"] >= 0,
            "outputCapBytes must be a non-negative integer.")
    for name in ("bundleCapBytes", "artifactMaxCount", "artifactMaxBytes"):
        require(is_int(req.get(name, 0)) and req.get(name, 0) >= 0, f"{name} must be a non-negative integer.")


class KernelProcess:
    """One language's kernel process; replaced by a fresh one after it dies or is restarted."""

    def __init__(self, runtime):
        self.runtime = runtime
        self.proc = None
        self.started_at = None
        self.state = "idle"
        self.lock = threading.Lock()  # one execute at a time, as a Jupyter kernel runs them
        self.log = b""
        self.dir = None
        self.out_dir = None

    # -- lifecycle -------------------------------------------------------------------------
    def alive(self):
        return self.proc is not None and self.proc.poll() is None

    def view(self):
        alive = self.alive()
        # A kernel that died between runs (nobody was waiting on it) is dead, whatever it last said.
        state = "dead" if self.state in ("idle", "busy") and not alive else self.state
        return {"runtime": self.runtime, "state": state, "startedAt": self.started_at if alive else None}

    def base_env(self):
        out_dir = os.path.join(os.environ.get("HOME", "/workspace"), ".runnel", "kernel-out", self.runtime)
        self.out_dir = out_dir
        return {**os.environ, "RUNNEL_OUTPUT": out_dir}

    def spawn(self, argv, env, cwd, **kw):
        with _spawn_lock:
            self.proc = subprocess.Popen(
                argv, cwd=cwd, env=env, start_new_session=True, stdin=kw.pop("stdin", subprocess.DEVNULL),
                stdout=subprocess.PIPE, stderr=subprocess.PIPE, **kw)
        self.started_at = now_iso()
        for pipe in (self.proc.stdout, self.proc.stderr):
            threading.Thread(target=self.drain_log, args=(pipe,), daemon=True).start()

    def drain_log(self, pipe):
        # What a kernel writes to its own fds outside a run: kept (the last few KiB) only to
        # explain a kernel that fails to start. Never forwarded as protocol.
        with contextlib.suppress(OSError, ValueError):
            while True:
                chunk = pipe.read1(CHUNK_BYTES) if hasattr(pipe, "read1") else pipe.read(CHUNK_BYTES)
                if not chunk:
                    break
                self.log = (self.log + chunk)[-KERNEL_LOG_BYTES:]

    def kill(self):
        proc = self.proc
        if proc is None:
            return
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(proc.pid, signal.SIGKILL)
        with contextlib.suppress(Exception):
            proc.wait(timeout=5)
        if IS_INIT:
            give_up = time.monotonic() + GROUP_KILL_S
            while group_members(proc.pid) and time.monotonic() < give_up:
                killpg(proc.pid, signal.SIGKILL)
                reap_orphans()
                time.sleep(0.01)
        self.close_client()
        self.proc = None
        self.started_at = None
        if self.dir:
            subprocess.run(["rm", "-rf", self.dir], check=False)
            self.dir = None

    def close_client(self):
        pass

    def interrupt(self):
        if self.alive():
            killpg(self.proc.pid, signal.SIGINT)

    def prepare_out_dir(self):
        os.makedirs(self.out_dir, mode=0o700, exist_ok=True)

    def start(self, cwd):
        raise NotImplementedError

    def execute(self, run):
        raise NotImplementedError

    def complete(self, code, cursor, timeout_s):
        return completion_reply("unsupported")

    def await_completion(self, timeout_s, read_answer):
        """Calls read_answer(wait_s) until it returns a reply: "timeout" past timeout_s, and
        "no-kernel" once the kernel's process has ended. Each call waits at most 50 ms for input."""
        deadline = time.monotonic() + timeout_s
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                return completion_reply("timeout")
            if self.proc.poll() is not None:
                return completion_reply("no-kernel")
            reply = read_answer(min(left, 0.05))
            if reply is not None:
                return reply


class JupyterKernel(KernelProcess):
    """A Jupyter kernel (python: Debian's ipykernel; r: Debian's IRkernel), driven with Debian's
    jupyter_client over ipc sockets.

    The connection file (transport ipc, HMAC-SHA256 with a fresh key) lives in a folder of its
    own made 0700 by mkdtemp. The sockets are the kernel's, and the kernel is the block's code:
    a block can reach its own session's kernel however it likes. What it cannot do through them
    is reach the agent's channel: the agent reads these sockets as data (see the section comment).
    """

    def start(self, cwd):
        import tempfile
        import secrets
        import zmq
        from jupyter_client.connect import write_connection_file
        from jupyter_client.session import Session

        self.dir = tempfile.mkdtemp(prefix=f"runnel-kernel-{self.runtime}-", dir=KERNEL_ROOT)
        conn = os.path.join(self.dir, "kernel.json")
        key = secrets.token_hex(32).encode("ascii")
        _, info = write_connection_file(conn, transport="ipc", ip=os.path.join(self.dir, "s"),
                                        key=key, signature_scheme="hmac-sha256")
        self.spawn(self.argv(conn), self.kernel_env(), cwd)
        # jupyter_client's Session signs and checks every message (HMAC-SHA256); the sockets are
        # plain blocking zmq ones (jupyter_client 7's channels want an asyncio loop per thread).
        self.zmq = zmq
        self.session = Session(key=key, signature_scheme="hmac-sha256", username="runnel")
        ctx = zmq.Context.instance()

        def socket(kind, port):
            sock = ctx.socket(kind)
            sock.setsockopt(zmq.LINGER, 0)
            sock.setsockopt(zmq.MAXMSGSIZE, KERNEL_MAX_MESSAGE_BYTES)
            if kind == zmq.DEALER:
                sock.setsockopt(zmq.IDENTITY, self.session.bsession)
            if kind == zmq.SUB:
                sock.setsockopt(zmq.SUBSCRIBE, b"")
            sock.connect(f"ipc://{info['ip']}-{info[port]}")
            return sock

        self.shell = socket(zmq.DEALER, "shell_port")
        self.iopub = socket(zmq.SUB, "iopub_port")
        self.stdin = socket(zmq.DEALER, "stdin_port")
        self.wait_ready()

    # Code run once when the kernel is ready, unseen (None: nothing is run).
    WARM_UP = None

    def argv(self, conn):
        raise NotImplementedError

    def kernel_env(self):
        raise NotImplementedError

    def send(self, sock, msg_type, content, parent=None):
        return self.session.send(sock, msg_type, content, parent=parent)["header"]["msg_id"]

    def close_client(self):
        for name in ("shell", "iopub", "stdin"):
            sock = getattr(self, name, None)
            if sock is not None:
                with contextlib.suppress(Exception):
                    sock.close(linger=0)
                setattr(self, name, None)

    def recv(self, socket):
        """One message from a kernel socket, signature checked, content still raw bytes."""
        frames = socket.recv_multipart(self.zmq.NOBLOCK, copy=True)
        _, parts = self.session.feed_identities(frames, copy=True)
        return self.session.deserialize(parts, content=False, copy=True)

    def wait_ready(self):
        """kernel_info until the kernel answers and iopub is subscribed (Jupyter's slow joiner)."""
        deadline = time.monotonic() + KERNEL_START_S
        poller = self.zmq.Poller()
        poller.register(self.shell, self.zmq.POLLIN)
        poller.register(self.iopub, self.zmq.POLLIN)
        replied = subscribed = False
        warm_up = None if self.WARM_UP is None else False  # False: to send; a msg_id: awaited; None: done
        self.send(self.shell, "kernel_info_request", {})
        next_ask = time.monotonic() + 0.2
        while not (replied and subscribed and warm_up is None):
            if replied and subscribed and warm_up is False:
                # One run nobody sees (no history, no output), so the first block does not pay
                # for the kernel's first execution (about 10 ms of IPython's first-run work).
                warm_up = self.send(self.shell, "execute_request", {
                    "code": self.WARM_UP, "silent": False, "store_history": False, "user_expressions": {},
                    "allow_stdin": False, "stop_on_error": False})
            if self.proc.poll() is not None:
                raise KernelDied(self.start_failure())
            now = time.monotonic()
            if now > deadline:
                raise KernelDied(f"The {self.runtime} kernel did not start within {KERNEL_START_S:.0f} s.")
            if now > next_ask and not subscribed:
                self.send(self.shell, "kernel_info_request", {})  # the first may have gone before iopub joined
                next_ask = now + 0.2
            for socket, _ in poller.poll(50):
                try:
                    msg = self.recv(socket)
                except self.zmq.Again:
                    continue
                except (ValueError, KeyError, TypeError):
                    continue  # bad signature or not a Jupyter message: dropped
                if socket is self.shell and msg["msg_type"] == "kernel_info_reply":
                    replied = True
                elif socket is self.shell and msg["msg_type"] == "execute_reply" and warm_up and \
                        msg.get("parent_header", {}).get("msg_id") == warm_up:
                    warm_up = None
                elif socket is self.iopub:
                    subscribed = True

    def drain_iopub(self, run, msg_id):
        """What the kernel said before it died (a print before os._exit) is still the run's output."""
        while True:
            try:
                msg = self.recv(self.iopub)
            except self.zmq.Again:
                return
            except (ValueError, KeyError, TypeError):
                continue
            if msg.get("parent_header", {}).get("msg_id") == msg_id and msg.get("msg_type") != "status":
                run.kernel_message(msg.get("msg_type"), msg["content"])

    def complete(self, code, cursor, timeout_s):
        """Jupyter's complete_request on the shell channel; called with the kernel's lock held, so
        no run is using the sockets. A kernel answers only when idle: past timeout_s, no answer."""
        zmq = self.zmq
        self.discard_iopub()
        msg_id = self.send(self.shell, "complete_request", {"code": code, "cursor_pos": cursor})

        def read_answer(wait_s):
            if not self.shell.poll(max(1, int(wait_s * 1000))):
                return None
            try:
                msg = self.recv(self.shell)
            except zmq.Again:
                return None
            except (ValueError, KeyError, TypeError):
                return None  # unsigned, forged or malformed: never read
            if msg.get("parent_header", {}).get("msg_id") != msg_id or msg.get("msg_type") != "complete_reply":
                return None  # a late reply to an earlier request
            return parse_completions(msg["content"], code)

        try:
            return self.await_completion(timeout_s, read_answer)
        finally:
            self.discard_iopub()

    def discard_iopub(self):
        # Each complete_request makes the kernel publish busy/idle: read off here (nothing waits
        # for them), so they never fill iopub's queue before the next run's own messages.
        for _ in range(10000):
            try:
                self.iopub.recv_multipart(self.zmq.NOBLOCK, copy=False)
            except self.zmq.Again:
                return

    def start_failure(self):
        tail = self.log.decode("utf-8", "replace").strip().splitlines()[-3:]
        detail = f" It said: {' / '.join(tail)[:500]}" if tail else ""
        return f"The {self.runtime} kernel could not start (exit code {self.proc.returncode}).{detail}"

    def execute(self, run):
        zmq = self.zmq
        msg_id = self.send(self.shell, "execute_request", {
            "code": run.code, "silent": False, "store_history": True, "user_expressions": {},
            "allow_stdin": True, "stop_on_error": True})
        poller = zmq.Poller()
        shell, iopub, stdin = self.shell, self.iopub, self.stdin
        input_parent = None
        for s in (shell, iopub, stdin):
            poller.register(s, zmq.POLLIN)
        poller.register(run.wake_r, zmq.POLLIN)
        exit_watch = pidfd(self.proc.pid)
        if exit_watch is not None:
            poller.register(exit_watch, zmq.POLLIN)
        reply = idle = None
        try:
            while reply is None or idle is None:
                if self.proc.poll() is not None:
                    self.drain_iopub(run, msg_id)
                    raise KernelDied("")
                wait_s = run.tick(self)
                if wait_s is None:
                    return None  # killed: the caller reports it
                for sock, _ in poller.poll(max(1, int(wait_s * 1000))):
                    if sock == run.wake_r:
                        os.read(run.wake_r, 512)
                        continue
                    if sock == exit_watch:
                        continue  # proc.poll() sees it on the next turn
                    try:
                        msg = self.recv(sock)
                    except zmq.Again:
                        continue
                    except (ValueError, KeyError, TypeError):
                        continue  # unsigned, forged or malformed: never delivered
                    if msg.get("parent_header", {}).get("msg_id") != msg_id:
                        continue  # not this run's (another client's, or a stale one)
                    kind = msg.get("msg_type")
                    if sock is shell:
                        if kind == "execute_reply":
                            content = run.load_content(msg["content"], kind)
                            reply = content.get("status") if isinstance(content, dict) else "error"
                    elif sock is stdin:
                        if kind == "input_request":
                            content = run.load_content(msg["content"], kind)
                            if isinstance(content, dict):
                                input_parent = msg
                                run.ask_input(content)
                    elif kind == "status":
                        content = run.load_content(msg["content"], kind)
                        state = content.get("execution_state") if isinstance(content, dict) else None
                        if state == "busy":
                            run.busy = True
                            run.wake()  # a pending interrupt goes now
                        elif state == "idle":
                            idle = True
                    else:
                        run.kernel_message(kind, msg["content"])
                if run.pending_input is not None and input_parent is not None:
                    value, run.pending_input = run.pending_input, None
                    self.send(stdin, "input_reply", {"value": value}, parent=input_parent)
                    input_parent = None
        finally:
            if exit_watch is not None:
                os.close(exit_watch)
        return 0 if reply == "ok" else 1


def pidfd(pid):
    try:
        return os.pidfd_open(pid)
    except (AttributeError, OSError):
        return None


class PythonKernel(JupyterKernel):
    WARM_UP = "None"

    def argv(self, conn):
        # IPython's own completer, not jedi's: it completes from the kernel's live names in
        # milliseconds, where jedi takes seconds on its first use in a 1-CPU sandbox.
        return ["python3", "-m", "ipykernel_launcher", "-f", conn, "--HistoryManager.enabled=False",
                "--IPCompleter.use_jedi=False"]

    def kernel_env(self):
        env = self.base_env()
        # Matplotlib's inline backend (the image's MPLBACKEND=Agg is for one-shot runs). No
        # JPY_PARENT_PID: ipykernel would take its parent being PID 1 as having been orphaned.
        env.update({"MPLBACKEND": "module://matplotlib_inline.backend_inline", "PYTHONUNBUFFERED": "1"})
        env.pop("JPY_PARENT_PID", None)
        # IPython's own folder in the kernel's private one (not the workspace), with autoreload
        # on for the workspace's modules: a changed file block's module is reloaded before the
        # next block runs. Only those are watched (autoreload 1, each marked as it is imported):
        # mode 2 stats every loaded module before every block, which cost more than the block.
        profile = os.path.join(self.dir, "ipython", "profile_default")
        os.makedirs(os.path.join(profile, "startup"))
        with open(os.path.join(profile, "ipython_kernel_config.py"), "w", encoding="utf-8") as config:
            config.write("c.InteractiveShellApp.extensions = ['autoreload']\n"
                         "c.InteractiveShellApp.exec_lines = ['%autoreload 1']\n")
        with open(os.path.join(profile, "startup", "00-runnel-reload.py"), "w", encoding="utf-8") as startup:
            startup.write(self.WATCH_WORKSPACE)
        env["IPYTHONDIR"] = os.path.join(self.dir, "ipython")
        return env

    WATCH_WORKSPACE = r'''
def _runnel_watch_workspace():
    import os, sys
    ip = get_ipython()
    reloader = ip.magics_manager.registry["AutoreloadMagics"]._reloader
    root = os.path.join(os.path.realpath(os.environ.get("HOME", "/workspace")), "")
    seen = set(sys.modules)
    def mark():
        for name in set(sys.modules) - seen:
            seen.add(name)
            path = getattr(sys.modules.get(name), "__file__", None)
            if isinstance(path, str) and os.path.realpath(path).startswith(root):
                reloader.mark_module_reloadable(name)
    ip.events.register("post_execute", mark)
_runnel_watch_workspace()
del _runnel_watch_workspace
'''


class RKernel(JupyterKernel):
    """Debian's IRkernel: data frames as HTML tables, plots as PNG, through the same protocol."""

    def argv(self, conn):
        return ["R", "--no-save", "--no-restore", "--slave", "-e", "IRkernel::main()", "--args", conn]

    def kernel_env(self):
        env = self.base_env()
        # Runnel's R profile sends plots of one-shot runs to files; IRkernel shows them inline.
        env.pop("R_PROFILE", None)
        env.pop("JPY_PARENT_PID", None)
        return env


class BashKernel(KernelProcess):
    """One persistent bash per session (Runme's model), written here: Debian packages no bash kernel.

    bash reads the agent's commands from fd 3 (a pipe only the agent writes): each is the path of
    a block file to source and a nonce; it sources the file in the shell itself, so variables,
    functions, `cd` and exports carry over, and writes "<nonce> <status>" to fd 4. The block's
    stdin is /dev/null and its output goes to pipes the agent reads as data. A block can write to
    fd 4 (it is the same shell); a line without this run's nonce is not taken as the end.

    `read` from the block's stdin prompts the reader in the page, as input() does in Python: the
    shell's `read` is a function that writes "<nonce> input <secret> <base64 prompt>" to fd 4,
    then reads the base64 answer the agent writes to fd 5 and hands it to the builtin, so -r, -a,
    -d, -n and several names behave as they do. `read -u N`, or a read from a pipe or a file, is
    the builtin's own. (Other programs reading stdin still get end of file: only `read` asks.)
    """

    def program(self):
        return self.LOOP

    LOOP = r'''
trap 'runnel_interrupted=1; return 130 2>/dev/null' INT
read() {
  if [ -t 0 ] || ! [ /dev/stdin -ef /dev/null ]; then builtin read "$@"; return; fi
  local runnel_opt runnel_prompt= runnel_secret=0 runnel_answer OPTIND=1
  local -a runnel_keep=()
  while getopts ":a:d:ei:n:N:p:rst:u:" runnel_opt; do
    case $runnel_opt in
      p) runnel_prompt=$OPTARG ;;
      s) runnel_secret=1 ;;
      a|d|n|N) runnel_keep+=("-$runnel_opt" "$OPTARG") ;;
      u) builtin read "$@"; return ;;
      r) runnel_keep+=(-r) ;;
      e|i|t) ;;
      *) builtin read "$@"; return ;;  # -u N, or an option bash's read does not have
    esac
  done
  shift $((OPTIND - 1))
  printf '%s input %s %s\n' "$runnel_nonce" "$runnel_secret" "$(printf '%s' "$runnel_prompt" | base64 -w0)" >&4
  builtin read -r -u 5 runnel_answer || return 1
  builtin read "${runnel_keep[@]}" "$@" <<<"$(printf '%s' "$runnel_answer" | base64 -d)"
}
while IFS=' ' builtin read -r -u 3 runnel_nonce runnel_file; do
  runnel_interrupted=0
  . "$runnel_file" </dev/null
  runnel_status=$?
  [ "$runnel_interrupted" = 1 ] && [ "$runnel_status" = 0 ] && runnel_status=130
  printf '%s %s\n' "$runnel_nonce" "$runnel_status" >&4
done
'''

    def start(self, cwd):
        import tempfile
        self.dir = tempfile.mkdtemp(prefix="runnel-kernel-bash-", dir=KERNEL_ROOT)
        cmd_r, self.cmd_w = os.pipe()
        self.done_r, done_w = os.pipe()
        answer_r, self.answer_w = os.pipe()
        # Moved above 3, 4 and 5 first, so the prelude's dups cannot overwrite one with another.
        import fcntl
        high = [fcntl.fcntl(fd, fcntl.F_DUPFD_CLOEXEC, 20) for fd in (cmd_r, done_w, answer_r)]
        for fd in (cmd_r, done_w, answer_r):
            os.close(fd)
        cmd_r, done_w, answer_r = high
        # The agent keeps a reading end of the answers too, to empty it of any the block never read
        # (blocking, as it shares bash's open file: read only what select says is there, while
        # bash waits for its next command).
        self.answer_drain = os.dup(answer_r)
        os.set_blocking(self.answer_w, False)
        # The loop's own fds are 3 (commands in), 4 (statuses out) and 5 (answers to `read` in),
        # moved there by bash itself.
        prelude = f"exec 3<&{cmd_r} 4>&{done_w} 5<&{answer_r} {cmd_r}<&- {done_w}>&- {answer_r}<&-\n"
        try:
            with _spawn_lock:
                self.proc = subprocess.Popen(
                    ["bash", "--noprofile", "--norc", "-c", prelude + self.program()], cwd=cwd, env=self.base_env(),
                    start_new_session=True, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                    stderr=subprocess.PIPE, pass_fds=(cmd_r, done_w, answer_r))
        finally:
            for fd in (cmd_r, done_w, answer_r):
                os.close(fd)
        self.started_at = now_iso()
        os.set_blocking(self.done_r, False)
        self.done_buf = b""

    def close_client(self):
        for name in ("cmd_w", "done_r", "answer_w", "answer_drain"):
            fd = getattr(self, name, None)
            if fd is not None:
                with contextlib.suppress(OSError):
                    os.close(fd)
                setattr(self, name, None)

    def execute(self, run):
        import secrets
        nonce = secrets.token_hex(16)
        path = os.path.join(self.dir, f"block-{nonce}.sh")
        with open(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600), "w", encoding="utf-8") as f:
            f.write(run.code)
            if not run.code.endswith("\n"):
                f.write("\n")
        with contextlib.suppress(OSError):
            # Answers to prompts an earlier block asked for and never read.
            while select.select([self.answer_drain], [], [], 0)[0] and os.read(self.answer_drain, CHUNK_BYTES):
                pass
        os.write(self.cmd_w, self.request_line(nonce, path, run))
        sel = selectors.DefaultSelector()
        streams = {self.proc.stdout.fileno(): "stdout", self.proc.stderr.fileno(): "stderr"}
        for fd in streams:
            os.set_blocking(fd, False)
            sel.register(fd, selectors.EVENT_READ, "out")
        sel.register(self.done_r, selectors.EVENT_READ, "done")
        sel.register(run.wake_r, selectors.EVENT_READ, "wake")
        exit_watch = pidfd(self.proc.pid)
        if exit_watch is not None:
            sel.register(exit_watch, selectors.EVENT_READ, "exit")
        status = None
        decoders = {s: codecs.getincrementaldecoder("utf-8")("replace") for s in ("stdout", "stderr")}
        try:
            while status is None:
                if self.proc.poll() is not None:
                    self.flush_streams(run, streams, decoders)
                    raise KernelDied("")
                wait_s = run.tick(self)
                if wait_s is None:
                    return None
                for key, _ in sel.select(wait_s):
                    if key.data == "wake":
                        os.read(run.wake_r, 512)
                    elif key.data == "out":
                        with contextlib.suppress(BlockingIOError):
                            chunk = os.read(key.fd, CHUNK_BYTES)
                            if chunk:
                                run.stream(streams[key.fd], decoders[streams[key.fd]].decode(chunk))
                    elif key.data == "done":
                        with contextlib.suppress(BlockingIOError):
                            self.done_buf += os.read(self.done_r, CHUNK_BYTES)
                        *lines, self.done_buf = self.done_buf.split(b"\n")
                        if len(self.done_buf) > self.max_answer_bytes(run):
                            self.done_buf = b""  # a line this long is no answer of ours: dropped
                        for line in lines:
                            answered = self.answer(run, nonce, line)
                            if answered is not None:
                                status = answered
                if run.pending_input is not None:
                    value, run.pending_input = run.pending_input, None
                    self.send_answer(run, value)
            self.flush_streams(run, streams, decoders)
        finally:
            sel.close()
            if exit_watch is not None:
                os.close(exit_watch)
            with contextlib.suppress(OSError):
                os.unlink(path)
        return status

    def request_line(self, nonce, path, run):
        return f"{nonce} {path}\n".encode()

    def max_answer_bytes(self, run):
        return 4096

    def answer(self, run, nonce, line):
        """The block's status from one line on fd 4, or None when the line is not this run's end.
        A `read` asking the reader is "<nonce> input <0|1> <base64 prompt>"."""
        got_nonce, _, rest = line.decode("ascii", "replace").partition(" ")
        if got_nonce != nonce:
            return None
        if rest.strip().isdigit():
            return int(rest.strip())
        kind, _, rest = rest.partition(" ")
        secret, _, prompt = rest.partition(" ")
        if kind == "input" and secret in ("0", "1"):
            try:
                text = base64.b64decode(prompt.strip(), validate=True).decode("utf-8", "replace")
            except ValueError:
                text = ""
            run.ask_input({"prompt": text, "password": secret == "1"})
        return None

    BASH_ANSWER_MAX_BYTES = 32 * 1024

    def send_answer(self, run, value):
        # Written whole or not at all, without blocking: the pipe holds 64 KiB, and a block that
        # asked without reading must not stall the run's own loop.
        data = value.encode("utf-8")
        if len(data) > self.BASH_ANSWER_MAX_BYTES:
            emit_error(run.id, f"An answer to a bash prompt may be at most {self.BASH_ANSWER_MAX_BYTES // 1024} KiB.")
            data = b""
        try:
            os.write(self.answer_w, base64.b64encode(data) + b"\n")
        except OSError:
            emit_error(run.id, "The answer could not be passed to the block.")

    def flush_streams(self, run, streams, decoders):
        # Output the block wrote just before its status line is still in the pipes.
        for fd, name in streams.items():
            while True:
                try:
                    chunk = os.read(fd, CHUNK_BYTES)
                except (BlockingIOError, OSError):
                    break
                if not chunk:
                    break
                run.stream(name, decoders[name].decode(chunk))
            run.stream(name, decoders[name].decode(b"", final=True))


class NodeKernel(BashKernel):
    """Runnel's small Node kernel (runnel-node-kernel.cjs): no Jupyter kernel for Node is in Debian.

    Same plumbing as bash (requests on fd 3, answers on fd 4, console output on pipes). Its
    answers are JSON lines, and they are the block's own code's: each is bounded, parsed as data,
    taken only with this run's nonce, and its display bundles validated and capped like Jupyter's.
    """

    SCRIPT = os.environ.get("RUNNEL_NODE_KERNEL", "/opt/runnel/runnel-node-kernel.cjs")

    def program(self):
        return f"exec node {shlex_quote(self.SCRIPT)}\n"

    def request_line(self, nonce, path, run):
        return (json.dumps({"nonce": nonce, "code": run.code}) + "\n").encode("utf-8")

    def max_answer_bytes(self, run):
        return run.bundle_cap + 65536

    def answer(self, run, nonce, line):
        if len(line) > self.max_answer_bytes(run):
            run.counted({"type": "display", "id": run.id, "displayId": None,
                         "data": run.oversize_marker(len(line)), "metadata": {}}, 200)
            return None
        try:
            message = json.loads(line)
        except ValueError:
            return None
        if not isinstance(message, dict) or message.get("nonce") != nonce:
            return None
        if message.get("type") == "display":
            bundle = valid_bundle(message.get("data"))
            if bundle is not None:
                run.counted({"type": "display", "id": run.id, "displayId": None, "data": bundle, "metadata": {}}, len(line))
            return None
        if message.get("type") == "done":
            if message.get("ok") is True:
                return 0
            tb = message.get("traceback")
            run.kernel_message("error", json.dumps({"ename": message.get("ename"), "evalue": message.get("evalue"),
                                                    "traceback": tb if isinstance(tb, list) else []}).encode())
            return 1
        return None

    def complete(self, code, cursor, timeout_s):
        """The kernel's REPL completer (runnel-node-kernel.cjs), asked as Jupyter's complete_request
        is: a request line on fd 3, its answer (a complete_reply's content) found by nonce on fd 4."""
        import secrets
        nonce = secrets.token_hex(16)
        os.write(self.cmd_w, (json.dumps({"nonce": nonce, "complete": {"code": code, "cursor": cursor}}) + "\n").encode("utf-8"))
        with selectors.DefaultSelector() as sel:
            sel.register(self.done_r, selectors.EVENT_READ)

            def read_answer(wait_s):
                if not sel.select(wait_s):
                    return None
                with contextlib.suppress(BlockingIOError):
                    self.done_buf += os.read(self.done_r, CHUNK_BYTES)
                *lines, self.done_buf = self.done_buf.split(b"\n")
                if len(self.done_buf) > COMPLETE_REPLY_MAX_BYTES:
                    self.done_buf = b""  # no answer of ours is this long: dropped
                for line in lines:
                    if len(line) > COMPLETE_REPLY_MAX_BYTES:
                        continue
                    try:
                        message = json.loads(line)
                    except ValueError:
                        continue
                    if isinstance(message, dict) and message.get("nonce") == nonce and message.get("type") == "complete_reply":
                        return parse_completions(json.dumps(message.get("content")).encode("utf-8"), code)
                return None

            return self.await_completion(timeout_s, read_answer)


def shlex_quote(text):
    import shlex
    return shlex.quote(text)


KERNEL_CLASSES = {"python": PythonKernel, "bash": BashKernel, "r": RKernel, "node": NodeKernel}


def kernel_for(runtime):
    with _kernels_lock:
        kernel = _kernels.get(runtime)
        if kernel is None:
            kernel = _kernels[runtime] = KERNEL_CLASSES[runtime](runtime)
        return kernel


def kernel_views():
    with _kernels_lock:
        kernels = list(_kernels.values())
    return [k.view() for k in kernels]


class KernelRun:
    """One block executed in its language's kernel, supervised by a thread of its own."""

    def __init__(self, req):
        self.req = req
        self.id = req["id"]
        self.runtime = req["runtime"]
        self.code = req["code"]
        self.cap = req["outputCapBytes"]
        self.bundle_cap = req.get("bundleCapBytes") or DEFAULT_BUNDLE_BYTES
        self.emitted_bytes = 0
        self.truncated = self.timed_out = self.cancelled = self.oom_killed = False
        self.cancel_requested = False
        self.interrupted_at = None
        self.killed = False
        self.message = None
        self.killed_by_restart = False
        self.stop_reason = None
        self.interrupt_sent = False
        self.busy = False
        self.pending_input = None
        self.waiting_input = False
        self.wake_r, self.wake_w = os.pipe()
        os.set_blocking(self.wake_w, False)
        self.thread = threading.Thread(target=self.main, daemon=True)
        self.kernel = None

    # -- called from the main thread -------------------------------------------------------
    def wake(self):
        with contextlib.suppress(OSError):
            os.write(self.wake_w, b"\0")

    def close_wake(self):
        for fd in (self.wake_r, self.wake_w):
            with contextlib.suppress(OSError):
                os.close(fd)

    def cancel(self):
        self.cancel_requested = True
        self.wake()

    def provide_input(self, value):
        if not self.waiting_input:
            emit_error(self.id, "No prompt is waiting for input in this run.")
            return
        self.waiting_input = False
        self.pending_input = value
        self.wake()

    # -- the run's own thread --------------------------------------------------------------
    def kernel_event(self, state, message=None):
        event = {"type": "kernel", "id": self.id, "runtime": self.runtime, "state": state}
        if message:
            event["message"] = message
        emit(event)

    def main(self):
        self.started_at = time.monotonic()
        self.deadline = self.started_at + self.req["timeoutMs"] / 1000
        kernel = self.kernel = kernel_for(self.runtime)
        code = None
        try:
            with kernel.lock:
                # Time spent waiting for the kernel (another run, a warm-up start) is not the block's.
                self.deadline = time.monotonic() + self.req["timeoutMs"] / 1000
                emit({"type": "started", "id": self.id, "pid": kernel.proc.pid if kernel.alive() else 0})
                code = self.run_in(kernel)
        except Exception:
            log(traceback.format_exc())
            emit_error(self.id, "The agent failed while running this block in its kernel.")
            with contextlib.suppress(Exception):
                kernel.kill()
                kernel.state = "dead"
            code = 1
        finally:
            self.finish(code)

    def run_in(self, kernel):
        if not kernel.alive():
            if kernel.proc is not None:  # died since the last run, unnoticed
                kernel.kill()
            kernel.state = "starting"
            self.kernel_event("starting")
            try:
                kernel.start(self.req.get("cwd") or None)
            except KernelDied as error:
                kernel.kill()
                kernel.state = "dead"
                self.kernel_event("dead", str(error))
                emit_error(self.id, str(error))
                return START_FAILED
            except (OSError, ImportError) as error:
                kernel.kill()
                kernel.state = "dead"
                message = f"The {self.runtime} kernel could not start: {error}."
                self.kernel_event("dead", message)
                emit_error(self.id, message)
                return START_FAILED
            self.kernel_event("idle")
            # A kernel's start is not the block's time: its timeout counts from here.
            self.deadline = time.monotonic() + self.req["timeoutMs"] / 1000
        kernel.prepare_out_dir()
        self.oom_before = oom_kills()
        kernel.state = "busy"
        try:
            code = kernel.execute(self)
        except KernelDied:
            returncode = kernel.proc.returncode if kernel.proc else None
            oom_after = oom_kills()
            oom = (returncode == -signal.SIGKILL and None not in (self.oom_before, oom_after)
                   and oom_after > self.oom_before)
            self.oom_killed = oom
            if not self.killed_by_restart:
                self.message = describe_kernel_exit(self.runtime, returncode, oom)
            kernel.kill()
            kernel.state = "dead"
            self.kernel_event("dead", self.message)
            return None if returncode is not None and returncode < 0 else (returncode or 1)
        if code is None:  # did not stop after the interrupt: killed
            kernel.kill()
            kernel.state = "dead"
            self.kernel_event("dead", self.message)
            return None
        kernel.state = "idle"
        return code

    def tick(self, kernel):
        """Deadlines of one turn of a kernel's wait loop: the seconds to wait, or None once killed."""
        now = time.monotonic()
        reason = None
        if now >= self.deadline and not self.timed_out:
            self.timed_out, reason = True, "ran past its timeout"
        if self.cancel_requested and not self.cancelled and not self.timed_out:
            self.cancelled, reason = True, "was cancelled"
        if self.truncated and self.interrupted_at is None and reason is None:
            reason = "passed the output cap"
        if reason and self.interrupted_at is None:
            self.interrupted_at = now
            self.stop_reason = reason
        # ipykernel ignores SIGINT until it is running the request: sent once it says busy.
        if self.interrupted_at is not None and not self.interrupt_sent and (self.busy or not isinstance(kernel, JupyterKernel)):
            self.interrupt_sent = True
            kernel.interrupt()
        if self.interrupted_at is not None and now >= self.interrupted_at + KERNEL_GRACE_S:
            self.message = (f"The block {self.stop_reason} and did not stop within {KERNEL_GRACE_S:g} s of an "
                            f"interrupt, so the {self.runtime} kernel was killed; its variables are gone. "
                            "The next run starts a fresh kernel.")
            self.killed = True
            return None
        if self.interrupted_at is not None:
            return max(0.0, self.interrupted_at + KERNEL_GRACE_S - now)
        return max(0.0, self.deadline - now)

    def stream(self, name, text):
        self.output_event({"type": "output", "id": self.id, "stream": name, "data": text}, text)

    def output_event(self, event, text):
        if self.truncated or not text:
            return
        data = text.encode("utf-8")
        room = self.cap - self.emitted_bytes
        if len(data) > room:
            event["data"] = text = data[:room].decode("utf-8", "ignore")
            self.truncated = True
        self.emitted_bytes += len(text.encode("utf-8"))
        if text:
            emit(event)
        if self.truncated:
            emit({"type": "truncated", "id": self.id})
            self.wake()

    def counted(self, event, size):
        """Emits a rich event if the run's output cap has room for its size."""
        if self.truncated:
            return
        line_bytes = len(json.dumps(event, ensure_ascii=False, separators=(",", ":")).encode("utf-8", "replace"))
        if line_bytes > AGENT_LINE_SAFE_BYTES:
            # Re-encoded, it would pass the server's bound on a line: one marker instead.
            if event["type"] == "exception":
                event["traceback"] = ["[runnel] The traceback was too long to keep."]
            else:
                event.update(data=self.oversize_marker(line_bytes), metadata={})
            size = 200
        if self.emitted_bytes + size > self.cap:
            self.truncated = True
            emit({"type": "truncated", "id": self.id})
            self.wake()
            return
        self.emitted_bytes += size
        emit(event)

    def load_content(self, raw, kind):
        """A message's content JSON, or None when it is too large to read (then noted once)."""
        if len(raw) > self.bundle_cap:
            return None
        try:
            return json.loads(raw)
        except ValueError:
            return None

    def oversize_marker(self, size):
        text = (f"[runnel] An output of {mib_text(size)} was left out: one output may be at most "
                f"{mib_text(self.bundle_cap)} (EXEC_DISPLAY_MAX_BYTES).")
        return {"text/plain": text}

    def kernel_message(self, kind, raw):
        size = len(raw)
        if kind not in ("stream", "display_data", "execute_result", "update_display_data", "clear_output", "error"):
            return
        content = self.load_content(raw, kind)
        if size > self.bundle_cap:
            if kind in ("display_data", "execute_result", "stream"):
                self.counted({"type": "display", "id": self.id, "displayId": None,
                              "data": self.oversize_marker(size), "metadata": {}}, 200)
            return
        if not isinstance(content, dict):
            return
        if kind == "stream":
            name, text = content.get("name"), content.get("text")
            if name in ("stdout", "stderr") and isinstance(text, str):
                self.stream(name, text)
        elif kind in ("display_data", "execute_result", "update_display_data"):
            bundle = valid_bundle(content.get("data"))
            metadata = content.get("metadata") if isinstance(content.get("metadata"), dict) else {}
            transient = content.get("transient") if isinstance(content.get("transient"), dict) else {}
            display_id = transient.get("display_id")
            display_id = display_id if isinstance(display_id, str) and 0 < len(display_id) <= 200 else None
            if bundle is None:
                return
            if kind == "update_display_data":
                if display_id is None:
                    return
                self.counted({"type": "display-update", "id": self.id, "displayId": display_id,
                              "data": bundle, "metadata": metadata}, size)
            else:
                event = {"type": "display", "id": self.id, "displayId": display_id, "data": bundle, "metadata": metadata}
                if kind == "execute_result":
                    # A result (Out[n]) rather than a display: the .ipynb export writes it as one.
                    count = content.get("execution_count")
                    ok = isinstance(count, int) and not isinstance(count, bool) and 0 <= count <= 10**9
                    event["executionCount"] = count if ok else None
                self.counted(event, size)
        elif kind == "clear_output":
            emit({"type": "clear-output", "id": self.id, "wait": content.get("wait") is True})
        elif kind == "error":
            ename, evalue, tb = content.get("ename"), content.get("evalue"), content.get("traceback")
            if not isinstance(tb, list):
                tb = []
            self.counted({"type": "exception", "id": self.id,
                          "ename": ename if isinstance(ename, str) else "Error",
                          "evalue": evalue if isinstance(evalue, str) else "",
                          "traceback": [line for line in tb if isinstance(line, str)]}, size)

    def ask_input(self, content):
        prompt = content.get("prompt")
        self.waiting_input = True
        emit({"type": "input-request", "id": self.id, "prompt": prompt[:10000] if isinstance(prompt, str) else "",
              "password": content.get("password") is True})

    def finish(self, code):
        duration_ms = round((time.monotonic() - self.started_at) * 1000)
        kernel = self.kernel
        sweep_strays(self)  # what left the kernel's session (the kernel's own jobs stay)
        if kernel is not None and kernel.out_dir:
            try:
                collect_artifacts(self.id, kernel.out_dir, self.req.get("artifactMaxCount", DEFAULT_ARTIFACT_COUNT),
                                  self.req.get("artifactMaxBytes", DEFAULT_ARTIFACT_BYTES))
                clear_dir(kernel.out_dir)
            except OSError as error:
                log(f"collecting artifacts failed: {error}")
                emit_error(self.id, "The output files could not be collected.")
        self.close_wake()
        sig = "SIGKILL" if code is None else None
        if self.cancelled or self.timed_out:
            if code == 0 or code is None:
                code = None if sig else 1
        event = exit_event(self.id, code, sig, self.timed_out, self.cancelled, self.oom_killed,
                           self.truncated, duration_ms)
        if self.message:
            event["message"] = self.message
        elif self.interrupted_at is not None and kernel is not None and kernel.alive():
            if self.stop_reason == "passed the output cap":
                event["message"] = (f"The block passed the output cap of {mib_text(self.cap)} (EXEC_OUTPUT_MAX_BYTES) "
                                    f"and was interrupted; the {self.runtime} kernel keeps its variables.")
            else:
                event["message"] = f"The {self.runtime} kernel was interrupted and keeps its variables."
        changed = limits_changed(event)
        with _runs_lock:
            _runs.pop(self.id, None)
            emit(event)
        if changed:
            end_sandbox(changed)


MIME_TEXT_MAX = 200


def valid_bundle(data):
    """A MIME bundle as the stream carries it: MIME type → str, or any JSON for */json types."""
    if not isinstance(data, dict) or not data:
        return None
    bundle = {}
    for mime, value in data.items():
        if not isinstance(mime, str) or not 0 < len(mime) <= MIME_TEXT_MAX or "/" not in mime:
            continue
        if mime == "application/json" or mime.endswith("+json"):
            bundle[mime] = value
        elif isinstance(value, str):
            bundle[mime] = value
        elif isinstance(value, list) and all(isinstance(v, str) for v in value):
            bundle[mime] = "".join(value)  # nbformat's multiline strings
    return bundle or None


def clear_dir(path):
    """Empties a kernel's output folder after its files were sent (links removed, never followed)."""
    try:
        dir_fd, parent_fd = open_dir_nofollow(path)
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(path)  # a link in its place
        return
    try:
        for name in os.listdir(dir_fd):
            try:
                os.unlink(name, dir_fd=dir_fd)
            except IsADirectoryError:
                subprocess.run(["rm", "-rf", "--", os.path.join(path, name)], check=False)
            except OSError:
                pass
    finally:
        os.close(dir_fd)
        os.close(parent_fd)


def restart_kernels(req):
    """Kills the named kernel (or every kernel) and starts it again in the background."""
    runtime = req.get("runtime")
    if runtime is not None and runtime not in KERNEL_RUNTIMES:
        return emit_error(req["id"], f"runtime must be one of {', '.join(KERNEL_RUNTIMES)}.")
    with _kernels_lock:
        names = [runtime] if runtime else list(_kernels)
    for name in names:
        kernel = kernel_for(name)
        kernel.state = "restarting"
        with _runs_lock:
            running = [r for r in _runs.values() if isinstance(r, KernelRun) and r.runtime == name]
        for run in running:
            run.message = (f"The {name} kernel was restarted while this block ran; its variables are gone.")
            run.cancel_requested = True
            run.killed_by_restart = True
        # The run in flight (if any) holds the lock: kill the process so it ends at once.
        proc = kernel.proc
        if proc is not None:
            killpg(proc.pid, signal.SIGKILL)
        threading.Thread(target=restart_one, args=(kernel,), daemon=True).start()
    emit({"type": "kernels", "id": req["id"], "kernels": [kernel_for(n).view() for n in names]})


def warm_kernels(req):
    """Starts the named kernels in the background (a warm pool's sandbox, a shared notebook's
    connect), so the first run does not wait for a kernel to start; running ones are left be."""
    runtimes = req.get("runtimes")
    if not isinstance(runtimes, list) or not all(r in KERNEL_RUNTIMES for r in runtimes):
        return emit_error(req["id"], f"runtimes must be a list of {', '.join(KERNEL_RUNTIMES)}.")
    for name in dict.fromkeys(runtimes):
        kernel = kernel_for(name)
        if not kernel.alive():
            threading.Thread(target=restart_one, args=(kernel, False), daemon=True).start()
    emit({"type": "kernels", "id": req["id"], "kernels": [kernel_for(n).view() for n in dict.fromkeys(runtimes)]})


def restart_one(kernel, kill=True):
    with kernel.lock:
        if not kill and kernel.alive():
            return
        kernel.kill()
        kernel.state = "starting"
        try:
            kernel.start(os.environ.get("HOME", "/workspace"))
            kernel.state = "idle"
        except Exception as error:  # noqa: BLE001 - reported as the kernel's state
            log(f"restarting the {kernel.runtime} kernel failed: {error}")
            kernel.kill()
            kernel.state = "dead"


# Completion in the editor: Jupyter's complete_request, asked of a kernel that is already running
# and idle. Never starts a kernel (an empty answer, "no-kernel"), never waits for a busy one (its
# lock is taken without blocking: "busy"), and bounded in time. A kernel's reply is the block's
# code's: read only below a size bound, each match checked, and few and short ones kept.
COMPLETE_CODE_MAX_CHARS = 256 * 1024
COMPLETE_TIMEOUT_S = 2.0
COMPLETE_TIMEOUT_MAX_MS = 5000
COMPLETE_REPLY_MAX_BYTES = 1024 * 1024
COMPLETE_MAX_MATCHES = 200
COMPLETE_MATCH_MAX_CHARS = 200
COMPLETE_SCAN_MAX = 5000
COMPLETION_TYPE_MAX_CHARS = 24


def completion_reply(status, matches=(), cursor_start=0, cursor_end=0):
    return {"status": status, "matches": list(matches), "cursorStart": cursor_start, "cursorEnd": cursor_end}


def plain_text(text, max_chars):
    return (isinstance(text, str) and 0 < len(text) <= max_chars
            and not any(ord(ch) < 32 or ord(ch) == 127 for ch in text))


def parse_completions(raw, code):
    """A complete_reply's content (raw JSON bytes) as the agent's reply, or "invalid"."""
    if len(raw) > COMPLETE_REPLY_MAX_BYTES:
        return completion_reply("invalid")
    try:
        content = json.loads(raw)
    except ValueError:
        return completion_reply("invalid")
    if not isinstance(content, dict) or content.get("status") != "ok":
        return completion_reply("invalid")
    matches, start, end = content.get("matches"), content.get("cursor_start"), content.get("cursor_end")
    if not (isinstance(matches, list) and is_int(start) and is_int(end) and 0 <= start <= end <= len(code)):
        return completion_reply("invalid")
    types = {}
    metadata = content.get("metadata")
    experimental = metadata.get("_jupyter_types_experimental") if isinstance(metadata, dict) else None
    if isinstance(experimental, list):
        for item in experimental[:COMPLETE_SCAN_MAX]:
            kind = item.get("type") if isinstance(item, dict) else None
            # A kind is a word ("function", "module"); IPython's "<unknown>" and anything else is none.
            if (isinstance(kind, str) and isinstance(item.get("text"), str) and plain_text(kind, COMPLETION_TYPE_MAX_CHARS)
                    and kind.isascii() and kind.isalpha()):
                types.setdefault(item["text"], kind)
    kept, seen = [], set()
    for text in matches[:COMPLETE_SCAN_MAX]:
        if not plain_text(text, COMPLETE_MATCH_MAX_CHARS) or text in seen:
            continue
        seen.add(text)
        kept.append({"text": text, **({"type": types[text]} if text in types else {})})
        if len(kept) >= COMPLETE_MAX_MATCHES:
            break
    return completion_reply("ok", kept, start, end)


def check_complete_request(req):
    require(req.get("runtime") in KERNEL_RUNTIMES, f"runtime must be one of {', '.join(KERNEL_RUNTIMES)}.")
    code = req.get("code")
    require(isinstance(code, str) and len(code) <= COMPLETE_CODE_MAX_CHARS,
            f"code must be a string of at most {COMPLETE_CODE_MAX_CHARS} characters.")
    require(is_int(req.get("cursor")) and 0 <= req["cursor"] <= len(code),
            "cursor must be a character offset inside code.")
    timeout = req.get("timeoutMs", 1)
    require(is_int(timeout) and 0 < timeout <= COMPLETE_TIMEOUT_MAX_MS,
            f"timeoutMs must be a positive integer of at most {COMPLETE_TIMEOUT_MAX_MS}.")


def complete(req):
    run_id = req["id"]

    def answer(reply):
        emit({"type": "completions", "id": run_id, **reply})

    try:
        check_complete_request(req)
    except BadRequest as error:
        emit_error(run_id, str(error))
        return answer(completion_reply("invalid"))
    with _kernels_lock:
        kernel = _kernels.get(req["runtime"])  # looked up, never made: completion starts no kernel
    if kernel is None or not kernel.alive() or kernel.state not in ("idle", "busy"):
        return answer(completion_reply("no-kernel"))
    if not kernel.lock.acquire(blocking=False):
        return answer(completion_reply("busy"))  # a run (or a start) has the kernel
    timeout_s = req["timeoutMs"] / 1000 if "timeoutMs" in req else COMPLETE_TIMEOUT_S

    def ask():
        try:
            reply = kernel.complete(req["code"], req["cursor"], timeout_s) if kernel.alive() else completion_reply("no-kernel")
        except Exception:  # noqa: BLE001 - a failure here is an empty answer, never a stuck editor
            log(traceback.format_exc())
            reply = completion_reply("invalid")
        finally:
            kernel.lock.release()
        answer(reply)

    try:
        threading.Thread(target=ask, daemon=True).start()
    except RuntimeError:
        kernel.lock.release()
        answer(completion_reply("busy"))


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
        start(req, check_run_request, Run)
    elif op == "execute":
        start(req, check_execute_request, KernelRun)
    elif op == "standby":
        start_standby(req)
    elif op == "cancel":
        with _runs_lock:
            run = _runs.get(run_id)
        if run:  # a run that already ended needs no cancelling: cancel races with exit
            run.cancel()
    elif op == "input":
        value = req.get("value")
        with _runs_lock:
            run = _runs.get(run_id)
        if not isinstance(value, str) or len(value) > 1024 * 1024:
            emit_error(run_id, "input needs a string value of at most 1 MiB.")
        elif not isinstance(run, KernelRun):
            emit_error(run_id, "No prompt is waiting for input in this run.")
        else:
            run.provide_input(value)
    elif op == "kernels":
        emit({"type": "kernels", "id": run_id, "kernels": kernel_views()})
    elif op == "restart-kernels":
        restart_kernels(req)
    elif op == "warm-kernels":
        warm_kernels(req)
    elif op == "complete":
        complete(req)
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
        waiting = _standby
    if waiting:
        waiting[1].discard()
    for run in runs:
        if isinstance(run, Run):
            run.kill(signal.SIGKILL, "cancelled")
    with _kernels_lock:
        kernels = list(_kernels.values())
    for kernel in kernels:
        if kernel.proc is not None:
            killpg(kernel.proc.pid, signal.SIGKILL)
    for run in runs:
        with contextlib.suppress(RuntimeError):
            run.thread.join(timeout=2)


def signal_wakeup():
    """A pipe that SIGTERM/SIGINT wake serve() through, or None when the agent is PID 1.

    As PID 1 of the container's pid namespace the kernel delivers a block only the signals the
    agent has handlers for, so it has none: every signal stays at its default (or ignored, as
    Python leaves SIGPIPE and SIGXFSZ), and a block cannot stop its own session's agent. Python
    itself installs one, SIGINT's KeyboardInterrupt, which a block's `os.kill(1, SIGINT)` raised
    in serve(), ending the session: it is put back to the default here, and the check after it
    refuses to serve with any other handler left. The engine still stops the container (SIGKILL
    from outside), and stdin's EOF ends it cleanly. Outside a container the handlers do nothing
    but wake serve(), so shutdown never interrupts a request halfway.
    """
    if IS_INIT:
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        handled = [signum for signum in signal.valid_signals()
                   if signal.getsignal(signum) not in (signal.SIG_DFL, signal.SIG_IGN, None)]
        if handled:
            raise RuntimeError(f"signal handlers left on PID 1: {handled}")
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
    pipes they were given. What that check does not guard, the same uid still may: lower the
    agent's resource limits (see _limits: the sandbox then ends), and renice it or pin it to
    a CPU (its timeouts held all the same: a block that made every agent thread SCHED_IDLE and
    nice 19, then spun, was stopped at its 3 s timeout 26 ms late).
    """
    pr_set_dumpable = 4
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(pr_set_dumpable, 0, 0, 0, 0) != 0:
        raise OSError(ctypes.get_errno(), "prctl(PR_SET_DUMPABLE, 0) failed")


# The agent's resource limits as it started. Blocks share its uid (and gid), which is all that
# prlimit(2) asks of a caller: the agent cannot stop a block from lowering them (to one open file,
# say, so no run can start again), nor raise a hard limit back. So it checks them after every
# run and before every request, and once one differs the sandbox is no longer one it can run
# blocks in: the run that ends says why, and the agent exits; the server ends the session, and
# the next connect gets a fresh sandbox.
_limits = {}


# Each limit once, by its first name (RLIMIT_OFILE is RLIMIT_NOFILE).
RLIMITS = {}
for _name in sorted(n for n in dir(resource) if n.startswith("RLIMIT_")):
    RLIMITS.setdefault(getattr(resource, _name), _name)


def own_limits():
    return {name: resource.getrlimit(number) for number, name in RLIMITS.items()}


def limits_message(changed):
    return (f"A block changed the sandbox agent's resource limits ({', '.join(changed)}), which the agent cannot "
            "undo, so this sandbox stops here. Connect again for a fresh one.")


def limits_changed(exit_event=None):
    """The names of the limits that differ from the agent's start; a run's exit event says why."""
    changed = sorted(name for name, value in own_limits().items() if _limits.get(name) != value)
    if changed and exit_event is not None:
        exit_event["message"] = limits_message(changed)
    return changed


def end_sandbox(changed):
    log(limits_message(changed))
    emit_error(None, limits_message(changed))
    with contextlib.suppress(Exception):
        shutdown()
    os._exit(70)


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
            changed = limits_changed()
            if changed:
                end_sandbox(changed)
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
    _limits.update(own_limits())
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
