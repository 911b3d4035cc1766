"""Loaded by tests that must prove a process stays offline: any connection
to an address outside the loopback range raises, and is recorded."""

import ipaddress
import os
import socket

_connect = socket.socket.connect
_log = os.environ.get("AUTOBRIEF_NETLOG")


def _guarded(self, address):
    host = address[0] if isinstance(address, tuple) else None
    if host is not None and self.family in (socket.AF_INET, socket.AF_INET6):
        try:
            loopback = ipaddress.ip_address(host.split("%")[0]).is_loopback
        except ValueError:
            loopback = host == "localhost"
        if not loopback:
            if _log:
                with open(_log, "a") as fh:
                    fh.write(f"{host}\n")
            raise OSError(f"network access to {host} blocked by the offline test")
    return _connect(self, address)


socket.socket.connect = _guarded
_getaddrinfo = socket.getaddrinfo


def _no_lookup(host, *args, **kwargs):
    if host not in (None, "localhost", "127.0.0.1", "::1") and not str(host).startswith("127."):
        if _log:
            with open(_log, "a") as fh:
                fh.write(f"lookup {host}\n")
        raise socket.gaierror(f"name lookup of {host} blocked by the offline test")
    return _getaddrinfo(host, *args, **kwargs)


socket.getaddrinfo = _no_lookup
