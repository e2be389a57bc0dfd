#!/usr/bin/env python3
"""Times commands run by turns, so a change in the machine's speed hits each alike (docs/BENCHMARKS.md, stop 20).

usage: interleave.py RUNS NAME=[VAR=VALUE;VAR=<unset>;...|]COMMAND ARGS... [NAME=...]

Each round runs every command once, in turn (the order reversed every other round), with stdout to /dev/null; five
rounds of warm-up come first. Prints each command's median, quartiles and ratio to the first command's median.
A command is started with posix_spawn (no shell) and timed until waitpid returns; a failing run stops the whole.
"""
import os
import statistics
import sys
import time


def parse(spec):
    name, rest = spec.split("=", 1)
    variables, command = rest.split("|", 1) if "|" in rest else ("", rest)
    env = dict(os.environ)
    for assignment in filter(None, variables.split(";")):
        key, value = assignment.split("=", 1)
        if value == "<unset>":
            env.pop(key, None)
        else:
            env[key] = value
    return name, command.split(), env


def main():
    runs = int(sys.argv[1])
    commands = [parse(spec) for spec in sys.argv[2:]]
    devnull = os.open(os.devnull, os.O_WRONLY)
    actions = [(os.POSIX_SPAWN_DUP2, devnull, 1)]
    times = {name: [] for name, _, _ in commands}
    warmup = 5
    for round_ in range(runs + warmup):
        for name, argv, env in commands if round_ % 2 == 0 else commands[::-1]:
            start = time.perf_counter()
            pid = os.posix_spawn(argv[0], argv, env, file_actions=actions)
            _, status = os.waitpid(pid, 0)
            elapsed = time.perf_counter() - start
            if status != 0:
                sys.exit(f"{name}: {' '.join(argv)} exited with status {status}")
            if round_ >= warmup:
                times[name].append(elapsed * 1000)
    base = None
    for name, _, _ in commands:
        ordered = sorted(times[name])
        median = statistics.median(ordered)
        base = base or median
        quarter = len(ordered) // 4
        print(f"{name:14s} median {median:7.2f} ms  p25 {ordered[quarter]:7.2f}  p75 {ordered[3 * quarter]:7.2f}  x{median / base:5.2f}")


if __name__ == "__main__":
    main()
