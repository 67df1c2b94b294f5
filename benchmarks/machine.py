"""What the machine was doing while a benchmark ran, read from /proc (Linux), so that every
figure says whether it was measured on a quiet machine or a shared one.

    watch = Watch(server_pid)        # before the measured phase
    ... the phase, with ``await watch.sample_every(1.0, until)`` beside it ...
    print(watch.report(requests))    # after it

It records, for the phase:

- the time every CPU spent busy, idle and stolen (``/proc/stat``; steal is the time the
  hypervisor ran something else while this virtual machine wanted the CPU), and context
  switches;
- the CPU time of the served processes (a process and its descendants), of PostgreSQL's
  processes (every process named ``postgres``: other work's backends too) and of this
  process (the load generator); what the machine spent besides is other work;
- the load average each second, and the CPU clock (``cpu MHz`` of ``/proc/cpuinfo``,
  where the virtual machine shows it);
- a speed probe: the CPU time of a fixed piece of pure-Python work (about 11 ms on this
  project's machine when it runs undisturbed), once a second during the phase, and before
  and after it (the least of five). The same work taking longer means the same
  instructions ran slower: caches emptied by other processes sharing the CPU, a CPU shared
  with a neighbour, a lower clock.
"""

from __future__ import annotations

import asyncio
import os
import statistics
import time
from dataclasses import dataclass, field
from pathlib import Path

TICK = os.sysconf("SC_CLK_TCK")


@dataclass(frozen=True)
class CpuTimes:
    """``/proc/stat``'s first line, in seconds summed over every CPU."""

    busy: float  # user, nice, system, irq, softirq
    idle: float  # idle and iowait
    steal: float
    switches: int  # context switches since boot

    @classmethod
    def read(cls) -> CpuTimes:
        busy = idle = steal = 0.0
        switches = 0
        for line in Path("/proc/stat").read_text().splitlines():
            if line.startswith("cpu "):
                ticks = [int(x) for x in line.split()[1:]]
                user, nice, system, idle_, iowait, irq, softirq, steal_ = ticks[:8]
                busy = (user + nice + system + irq + softirq) / TICK
                idle = (idle_ + iowait) / TICK
                steal = steal_ / TICK
            elif line.startswith("ctxt "):
                switches = int(line.split()[1])
        return cls(busy, idle, steal, switches)


@dataclass(frozen=True)
class ProcessTimes:
    """CPU seconds (user + system) of the process tree under ``root`` and of PostgreSQL's
    processes, from one pass over ``/proc``."""

    tree: float
    tree_system: float  # of ``tree``: in the kernel
    postgres: float

    @classmethod
    def read(cls, root: int) -> ProcessTimes:
        children: dict[int, list[int]] = {}
        times: dict[int, tuple[float, float]] = {}
        postgres = 0.0
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            name = stat[stat.index("(") + 1 : stat.rindex(")")]
            fields = stat[stat.rindex(")") + 2 :].split()
            pid = int(entry.name)
            user, system = int(fields[11]) / TICK, int(fields[12]) / TICK
            children.setdefault(int(fields[1]), []).append(pid)
            times[pid] = (user, system)
            if name == "postgres":
                postgres += user + system
        tree = tree_system = 0.0
        todo = [root]
        while todo:
            current = todo.pop()
            user, system = times.get(current, (0.0, 0.0))
            tree += user + system
            tree_system += system
            todo.extend(children.get(current, []))
        return cls(tree, tree_system, postgres)


def tree_cpu(pid: int) -> float:
    """CPU seconds (user + system) used so far by process ``pid`` and its descendants."""
    return ProcessTimes.read(pid).tree


def cpu_mhz() -> float | None:
    """The mean ``cpu MHz`` over the CPUs, where ``/proc/cpuinfo`` shows one."""
    try:
        lines = Path("/proc/cpuinfo").read_text().splitlines()
    except OSError:
        return None
    values = [float(line.split(":")[1]) for line in lines if line.startswith("cpu MHz")]
    return statistics.fmean(values) if values else None


def speed_probe(rounds: int = 5) -> float:
    """Milliseconds of this process's CPU for a fixed piece of pure-Python work (dict,
    string and integer operations, as a request's code does), the least of ``rounds``."""
    best = float("inf")
    for _ in range(rounds):
        start = time.process_time()
        table: dict[str, int] = {}
        for i in range(60_000):
            key = f"k{i % 997}"
            table[key] = table.get(key, 0) + (i * 7) % 13
        "".join(sorted(table)).upper().split("K")
        best = min(best, time.process_time() - start)
    return best * 1000


@dataclass
class Watch:
    """What the machine did between its making and :meth:`stop`."""

    server_pid: int
    cpus: int = field(default_factory=lambda: os.cpu_count() or 1)
    loads: list[float] = field(default_factory=list)
    mhz: list[float] = field(default_factory=list)
    probes: list[float] = field(default_factory=list)  # one round each second

    def __post_init__(self) -> None:
        self.probe_before = speed_probe()
        self.start = time.monotonic()
        self.machine_before = CpuTimes.read()
        self.processes_before = ProcessTimes.read(self.server_pid)
        self.own_before = time.process_time()
        self._sample()

    def _sample(self) -> None:
        self.loads.append(os.getloadavg()[0])
        mhz = cpu_mhz()
        if mhz is not None:
            self.mhz.append(mhz)

    async def sample_every(self, seconds: float, until: float) -> None:
        """Sample the load average, the clock and the speed probe (one round) every
        ``seconds`` until ``until`` (``time.monotonic``); run beside the phase."""
        while time.monotonic() + seconds < until:
            await asyncio.sleep(seconds)
            self._sample()
            self.probes.append(speed_probe(1))

    def stop(self) -> None:
        self.own = time.process_time() - self.own_before
        processes = ProcessTimes.read(self.server_pid)
        machine = CpuTimes.read()
        self.took = time.monotonic() - self.start
        self._sample()
        self.server = processes.tree - self.processes_before.tree
        self.server_system = processes.tree_system - self.processes_before.tree_system
        self.postgres = processes.postgres - self.processes_before.postgres
        self.busy = machine.busy - self.machine_before.busy
        self.idle = machine.idle - self.machine_before.idle
        self.steal = machine.steal - self.machine_before.steal
        self.switches = machine.switches - self.machine_before.switches
        self.probe_after = speed_probe()

    def report(self, requests: int) -> str:
        """Three lines: the machine's CPU by whom, its state (steal, load, clock), the
        speed probe. Call after :meth:`stop`."""
        per_s = 1 / self.took
        total = max(1e-9, self.busy + self.idle + self.steal)
        other = max(0.0, self.busy - self.server - self.postgres - self.own)
        mhz = f"{min(self.mhz):.0f}-{max(self.mhz):.0f}" if self.mhz else "not shown"
        during = "none during"
        if self.probes:
            ranked = sorted(self.probes)
            p90 = ranked[min(len(ranked) - 1, round(0.9 * (len(ranked) - 1)))]
            during = f"during p50/p90 {statistics.median(ranked):.1f}/{p90:.1f} ms"
        return (
            f"  machine: {self.busy * per_s:.2f} of {self.cpus} CPUs busy: server "
            f"{self.server * per_s:.2f} ({self.server_system * per_s:.2f} of it in the "
            f"kernel), PostgreSQL {self.postgres * per_s:.2f}, load generator "
            f"{self.own * per_s:.2f}, other work {other * per_s:.2f} CPU-s per s; PostgreSQL "
            f"{self.postgres * 1000 / max(1, requests):.2f} ms per request\n"
            f"  machine: steal {100 * self.steal / total:.1f} %, idle "
            f"{100 * self.idle / total:.1f} %; {self.switches / max(1, requests):.1f} context "
            f"switches per request; load average {min(self.loads):.2f}-{max(self.loads):.2f} "
            f"(1 min); CPU MHz {mhz}\n"
            f"  machine: speed probe {self.probe_before:.1f} ms before, {during}, "
            f"{self.probe_after:.1f} ms after"
        )
