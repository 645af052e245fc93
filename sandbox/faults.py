"""Fault injection for the sandbox servers: what can go wrong on a real platform, on demand.

Two ways to ask for faults, both per server:
- *scripted*: `FaultInjector.push(Fault(...))` queues faults that hit the next matching
  requests, for tests that need one precise failure;
- *random*: a seeded `FaultPlan` of rates, for crash tests, benchmarks and the demo.
"""

from __future__ import annotations

import random
import re
import threading
from dataclasses import dataclass, field
from typing import Literal

FaultKind = Literal[
    "rate_limit",
    "server_error",
    "slow",
    "timeout",
    "drop",
    "accept_then_crash",
    "unauthorized",
    "payment_required",
]


@dataclass(frozen=True)
class Fault:
    """One injected failure.

    `status` is used by server_error (500/502/503); `delay_s` by slow and timeout (a
    timeout sleeps this long and then drops the connection); `path` is a regular
    expression a request path must match (None: any request); `method` likewise.
    """

    kind: FaultKind
    status: int = 503
    delay_s: float = 0.0
    path: str | None = None
    method: str | None = None
    retry_after_s: int = 60

    def matches(self, method: str, path: str) -> bool:
        """Whether this fault applies to a request."""
        if self.method is not None and self.method != method:
            return False
        return self.path is None or re.search(self.path, path) is not None


@dataclass(frozen=True)
class FaultPlan:
    """Seeded random faults; every rate is a probability per request.

    `revoke_after` makes every authenticated call answer 401 after that many calls, as
    when a token is revoked while the daemon runs. `echo_credentials` makes those 401
    bodies quote the refused credentials back (as written, URL-encoded and base64), as
    careless servers and proxies do: the client must never store or print them.
    `write_only` restricts random faults to requests that change state (POST/PUT/DELETE),
    which is where they hurt.
    """

    seed: int = 0
    rate_limit: float = 0.0
    server_error: float = 0.0
    slow: float = 0.0
    slow_delay_s: float = 0.5
    timeout: float = 0.0
    timeout_delay_s: float = 2.0
    drop: float = 0.0
    accept_then_crash: float = 0.0
    payment_required: float = 0.0
    revoke_after: int | None = None
    rate_limit_retry_after_s: int = 2
    write_only: bool = True
    echo_credentials: bool = False

    @classmethod
    def chaos(cls, seed: int, level: float = 0.05) -> FaultPlan:
        """A plan with every transient fault at about `level`, for crash tests."""
        return cls(
            seed=seed,
            rate_limit=level / 2,
            server_error=level,
            slow=level,
            timeout=level / 4,
            drop=level / 2,
            accept_then_crash=level,
        )


@dataclass
class FaultInjector:
    """Decides, request by request, which fault (if any) a sandbox server plays."""

    plan: FaultPlan = field(default_factory=FaultPlan)
    _scripted: list[Fault] = field(default_factory=list)
    _auth_calls: int = 0
    _revoked: bool = False
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def __post_init__(self) -> None:
        self._random = random.Random(self.plan.seed)

    def push(self, *faults: Fault) -> None:
        """Queue faults for the next matching requests, in order."""
        with self._lock:
            self._scripted.extend(faults)

    def set_plan(self, plan: FaultPlan) -> None:
        """Replace the random plan (and its seed) while the server runs."""
        with self._lock:
            self.plan = plan
            self._random = random.Random(plan.seed)

    def revoke(self) -> None:
        """From now on every authenticated request answers 401."""
        with self._lock:
            self._revoked = True

    def restore(self) -> None:
        """Accept credentials again and forget the call count."""
        with self._lock:
            self._revoked = False
            self._auth_calls = 0

    def clear(self) -> None:
        """Drop scripted faults and return to a fault-free plan."""
        with self._lock:
            self._scripted.clear()
            self.plan = FaultPlan()
            self._random = random.Random(0)

    @property
    def revoked(self) -> bool:
        """Whether credentials are currently refused."""
        return self._revoked

    def decide(self, method: str, path: str, *, authenticated: bool) -> Fault | None:
        """The fault to play for this request, or None to answer normally."""
        with self._lock:
            if authenticated:
                self._auth_calls += 1
                limit = self.plan.revoke_after
                if limit is not None and self._auth_calls > limit:
                    self._revoked = True
                if self._revoked:
                    return Fault("unauthorized")
            for index, fault in enumerate(self._scripted):
                if fault.matches(method, path):
                    del self._scripted[index]
                    return fault
            if self.plan.write_only and method == "GET":
                return None
            return self._random_fault()

    def _random_fault(self) -> Fault | None:
        plan = self.plan
        roll = self._random.random()
        candidates: list[tuple[float, Fault]] = [
            (plan.rate_limit, Fault("rate_limit", retry_after_s=plan.rate_limit_retry_after_s)),
            (plan.server_error, Fault("server_error", status=self._random.choice((500, 502, 503)))),
            (plan.slow, Fault("slow", delay_s=plan.slow_delay_s)),
            (plan.timeout, Fault("timeout", delay_s=plan.timeout_delay_s)),
            (plan.drop, Fault("drop")),
            (plan.accept_then_crash, Fault("accept_then_crash")),
            (plan.payment_required, Fault("payment_required")),
        ]
        threshold = 0.0
        for rate, fault in candidates:
            threshold += rate
            if roll < threshold:
                return fault
        return None
