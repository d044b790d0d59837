"""The server calls no one. Python loads this file at start when deploy/python is on PYTHONPATH (the container and
scripts/cluster.py put it there); with WB_NO_OUTBOUND=1 it tells Streamlit the machine's addresses up front.

Streamlit 1.67 otherwise learns them from the network (streamlit/net_util.py): its external address from
checkip.amazonaws.com (a DNS look-up and an HTTP request, 1 s timeout, retried while they fail) and its internal one by
a UDP socket "connected" to 8.8.8.8. It asks to print them at start, and to match a websocket whose Origin is another
site's (web/server/server_util.py). Both are given as 127.0.0.1, an origin Streamlit allows anyway, so nothing new is
let in. The two module variables are private: tests/test_outbound.py fails if the pinned Streamlit stops reading them.
"""

import os

if os.environ.get("WB_NO_OUTBOUND") == "1":
    from streamlit import net_util

    net_util._external_ip = "127.0.0.1"  # noqa: SLF001 - see above
    net_util._internal_ip = "127.0.0.1"  # noqa: SLF001
