#!/usr/bin/env python3
"""Checks .github/workflows/ci.yml, which no machine of ours can run: it must parse, and every
step must be one its runner can do.

  check_workflow.py REPO_ROOT

- The file is YAML with the jobs QCC ships from: a Debian 12 container running the README's
  test command, Ubuntu 24.04 building a .deb, Windows building the NSIS installer, macOS the
  disk image.
- Every step has exactly one of `run` or `uses`; actions are from the maintained list below
  and pinned to a major version; Qt is no newer than 6.4 (the project's floor and ceiling).
- No step asks its runner for what it lacks: apt/dpkg only on Linux, sudo only where there is
  one (not in a root container), Homebrew only on macOS, NSIS only on Windows, DragNDrop only
  on macOS, DEB only on Linux.
- Every script of the repository a step names exists and is executable; every CTest label a
  step selects is one tests/CMakeLists.txt gives.
Then it proves it can fail: each rule is broken once in a copy, which must be refused.
Exit status 0 when all holds, 1 with one line per problem otherwise.
"""
import copy
import os
import re
import sys

import yaml

ACTIONS = {"actions/checkout": "v4", "actions/upload-artifact": "v4",
           "jurplel/install-qt-action": "v4", "ilammy/msvc-dev-cmd": "v1"}
NOT_ON = {
    "windows": [r"\bapt(-get)?\b", r"\bdpkg", r"\bsudo\b", r"\bbrew\b", r"-G\s+\"?DEB",
                r"-G\s+\"?DragNDrop"],
    "macos": [r"\bapt(-get)?\b", r"\bdpkg", r"\bchoco\b", r"-G\s+\"?NSIS", r"-G\s+\"?DEB"],
    "linux": [r"\bbrew\b", r"\bchoco\b", r"-G\s+\"?NSIS", r"-G\s+\"?DragNDrop"],
}


def runner_os(job):
    runs_on = str(job.get("runs-on", ""))
    for os_name, pattern in (("windows", "windows"), ("macos", "macos"), ("linux", "ubuntu")):
        if pattern in runs_on:
            return os_name
    return None


def check(doc, root, labels):
    problems = []
    if not isinstance(doc, dict) or "jobs" not in doc:
        return ["the workflow has no jobs"]
    triggers = doc.get("on", doc.get(True))  # YAML 1.1 reads a bare `on` as true
    if not triggers:
        problems.append("the workflow has no trigger (on:)")
    jobs = doc["jobs"]
    kinds = {}
    for name, job in jobs.items():
        os_name = runner_os(job)
        if not os_name:
            problems.append(f"{name}: runs-on {job.get('runs-on')!r} is no Linux, Windows or macOS runner")
            continue
        container = str(job.get("container", "") or "")
        if "timeout-minutes" not in job:
            problems.append(f"{name}: no timeout-minutes (a hung step would run for 6 hours)")
        text = ""
        for i, step in enumerate(job.get("steps", [])):
            where = f"{name} step {i + 1} ({step.get('name', step.get('uses', 'run'))})"
            if ("run" in step) == ("uses" in step):
                problems.append(f"{where}: needs exactly one of run and uses")
                continue
            if "uses" in step:
                action, _, version = step["uses"].partition("@")
                if action not in ACTIONS:
                    problems.append(f"{where}: {action} is not one of the maintained actions used here")
                elif version != ACTIONS[action]:
                    problems.append(f"{where}: {action}@{version}, expected @{ACTIONS[action]}")
                if action == "jurplel/install-qt-action":
                    qt = str(step.get("with", {}).get("version", ""))
                    parts = [int(p) for p in re.findall(r"\d+", qt)[:2]]
                    if len(parts) < 2 or parts > [6, 4]:
                        problems.append(f"{where}: Qt {qt!r}; the project uses nothing newer than 6.4")
                continue
            run = str(step["run"])
            text += run + "\n"
            for pattern in NOT_ON[os_name]:
                if re.search(pattern, run):
                    problems.append(f"{where}: {pattern!r} cannot run on a {os_name} runner")
            if container and re.search(r"\bsudo\b", run):
                problems.append(f"{where}: sudo in the {container} container, which has none")
            for path in re.findall(r"(?:\./)?((?:scripts|installer|tests|bench)/[\w./-]+\.(?:sh|py))", run):
                full = os.path.join(root, path)
                if not os.path.isfile(full):
                    problems.append(f"{where}: {path} does not exist")
                elif not os.access(full, os.X_OK):
                    problems.append(f"{where}: {path} is not executable")
            for expr in re.findall(r"ctest\b[^\n]*?-L[E]?\s+\"?([\w|-]+)", run):
                for label in expr.split("|"):
                    if label not in labels:
                        problems.append(f"{where}: CTest label {label!r} is given to no test")
        if "scripts/test.sh" in text and container.startswith("debian:12"):
            kinds["suite"] = name
        if os_name == "linux" and re.search(r"cpack[^\n]*DEB|build-packages\.sh", text):
            kinds.setdefault("deb", []).append(container or str(job["runs-on"]))
        if os_name == "windows" and re.search(r"cpack[^\n]*NSIS", text):
            kinds["nsis"] = name
        if os_name == "macos" and re.search(r"cpack[^\n]*DragNDrop", text):
            kinds["dmg"] = name
    if "suite" not in kinds:
        problems.append("no job runs scripts/test.sh in a debian:12 container")
    if not any("ubuntu-24.04" in d for d in kinds.get("deb", [])):
        problems.append("no job builds a .deb on Ubuntu 24.04 itself")
    if "nsis" not in kinds:
        problems.append("no Windows job builds the NSIS installer")
    if "dmg" not in kinds:
        problems.append("no macOS job builds the disk image")
    return problems


def ctest_labels(root):
    text = open(os.path.join(root, "tests", "CMakeLists.txt"), encoding="utf-8").read()
    labels = set()
    for group in re.findall(r"LABELS\s+\"?([\w;-]+)", text):
        labels.update(group.split(";"))
    return labels


def broken_copies(doc):
    """One copy per rule, each breaking it once: every one must be refused."""
    jobs = doc["jobs"]
    cases = []
    def case(why, change):
        d = copy.deepcopy(doc)
        change(d)
        cases.append((why, d))
    def key(d, os_name):
        return next(k for k, j in d["jobs"].items() if runner_os(j) == os_name)
    case("apt on Windows", lambda d: d["jobs"][key(d, "windows")]["steps"].append({"run": "sudo apt-get install -y nsis"}))
    case("brew on Linux", lambda d: d["jobs"][key(d, "linux")]["steps"].append({"run": "brew install qt"}))
    case("a missing script", lambda d: d["jobs"][key(d, "macos")]["steps"].append({"run": "./scripts/no-such-script.sh"}))
    case("an unknown label", lambda d: d["jobs"][key(d, "macos")]["steps"].append({"run": "ctest -L nosuchlabel"}))
    case("Qt 6.8", lambda d: [s.setdefault("with", {}).update(version="6.8.0") for s in d["jobs"][key(d, "windows")]["steps"] if "install-qt" in s.get("uses", "")])
    case("an unpinned action", lambda d: d["jobs"][key(d, "macos")]["steps"].append({"uses": "actions/checkout@main"}))
    case("no Windows installer", lambda d: d["jobs"].pop(key(d, "windows")))
    def sudo_in_container(d):
        name = next(k for k, j in d["jobs"].items() if j.get("container"))
        d["jobs"][name]["steps"].append({"run": "sudo ./scripts/test.sh"})
    case("sudo in a container", sudo_in_container)
    return cases


def main():
    root = sys.argv[1]
    path = os.path.join(root, ".github", "workflows", "ci.yml")
    try:
        doc = yaml.safe_load(open(path, encoding="utf-8"))
    except yaml.YAMLError as e:
        print(f"FAIL: {path} does not parse: {e}")
        return 1
    labels = ctest_labels(root)
    problems = check(doc, root, labels)
    for p in problems:
        print(f"FAIL: {p}")
    if problems:
        return 1
    print(f"PASS: {path}: {len(doc['jobs'])} jobs, every step one its runner can do")
    for why, broken in broken_copies(doc):
        if not check(broken, root, labels):
            print(f"FAIL: the check accepts a workflow with {why}")
            return 1
    print("PASS: each rule refuses a copy that breaks it")
    return 0


if __name__ == "__main__":
    sys.exit(main())
