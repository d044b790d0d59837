"""Run a program with every name look-up and outbound connection noted (Python's audit hooks), for
tests/test_outbound.py: `python tests/network_log.py LOG -m streamlit run app.py …`."""

import runpy
import sys

log = open(sys.argv[1], "a", buffering=1, encoding="utf-8")  # noqa: SIM115 - open while the program runs


def note(event: str, args: tuple) -> None:
    if event in ("socket.getaddrinfo", "socket.gethostbyname", "socket.gethostbyname_ex", "socket.gethostbyaddr"):
        log.write(f"{event} {args[0]!r}\n")
    elif event in ("socket.connect", "socket.sendto"):
        log.write(f"{event} {args[-1]!r}\n")


sys.addaudithook(note)
if sys.argv[2] == "-m":
    sys.argv = [sys.argv[3], *sys.argv[4:]]
    runpy.run_module(sys.argv[0], run_name="__main__", alter_sys=True)
