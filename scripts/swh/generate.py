"""Deterministic demo data generator: a year of a support team's raw data, in contract form.

Everything is vectorised with numpy (one pass per reply round, not per ticket), and string
formatting of ids and codes is left to DuckDB while writing, so one million tickets with
all proportional tables take well under two minutes. The same seed and scale always give
the same files.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import duckdb
import numpy as np
import pyarrow as pa

from swh.errors import SwhError

START = datetime(2025, 1, 1, tzinfo=UTC)
DAYS = 365
START_S = int(START.timestamp())
END_S = START_S + DAYS * 86400  # data end: events after it have not happened yet
DAY = 86400
HOUR = 3600

CHANNELS = ["email", "web_form", "phone", "chat", "social", "messaging"]
TICKET_CHANNEL_WEIGHTS = [0.36, 0.2, 0.2, 0.0, 0.1, 0.14]
PRIORITIES = ["low", "normal", "high", "urgent"]
PRIORITY_WEIGHTS = [0.2, 0.55, 0.18, 0.07]
REASONS = ["billing", "shipping", "returns", "account_access", "product_defect", "how_to", "cancellation"]
REASON_WEIGHTS = [0.2, 0.22, 0.14, 0.12, 0.1, 0.15, 0.07]
EVENT_TYPES = ["public_reply", "internal_note", "status_change", "assignment"]
ACTORS = ["customer", "agent", "bot", "system"]
STATUSES = ["new", "open", "pending", "hold", "solved", "closed"]
SEGMENTS = ["smb", "mid_market", "enterprise", "consumer"]
COUNTRIES = ["NL", "DE", "US", "GB", "FR", "CA"]

# Teams: (team_id, name, schedule_id, time zone, weekday hours, saturday hours, share)
TEAMS = [
    ("eu_support", "EU Support", "eu_office", "Europe/Amsterdam", (9, 17), None, 0.45),
    ("us_support", "US Support", "us_office", "America/New_York", (8, 20), (10, 14), 0.40),
    ("premium", "Premium 24/7", "always_on", "UTC", (0, 24), (0, 24), 0.15),
]
BOT_TEAM = ("bots", "Virtual agents", "always_on")

CUSTOMER_HAPPY = [
    "thanks so much that was really helpful",
    "great thank you for the quick help",
    "perfect that solved it thanks",
    "awesome support you are the best",
    "thank you it works now",
]
CUSTOMER_NEUTRAL = [
    "hi i have a question about my order",
    "can you check the status of my request",
    "i need help with my account",
    "how do i change my delivery address",
    "please see the attached details",
]
CUSTOMER_UNHAPPY = [
    "this is still not working and i am frustrated",
    "terrible experience i am very disappointed",
    "why is this taking so long it is unacceptable",
    "the product arrived broken and i am angry",
    "still waiting this is really bad service",
]
AGENT_LINES = [
    "thanks for reaching out let me check that for you",
    "i have updated your order please let us know if anything else is needed",
    "sorry for the trouble i have fixed the issue",
    "could you send us a screenshot please",
    "happy to help your refund is on its way",
]
BOT_LINES = ["hi i am the virtual assistant how can i help", "here is an article that may help"]
BODIES = CUSTOMER_HAPPY + CUSTOMER_NEUTRAL + CUSTOMER_UNHAPPY + AGENT_LINES + BOT_LINES
HAPPY0, NEUTRAL0, UNHAPPY0 = 0, len(CUSTOMER_HAPPY), len(CUSTOMER_HAPPY) + len(CUSTOMER_NEUTRAL)
AGENT0 = UNHAPPY0 + len(CUSTOMER_UNHAPPY)
BOT0 = AGENT0 + len(AGENT_LINES)

Progress = Callable[[str], None]


@dataclass
class Columns:
    """Column arrays of one table under construction (numpy arrays by column name)."""

    data: dict[str, np.ndarray]

    def __len__(self) -> int:
        return len(next(iter(self.data.values())))


class Chunks:
    """Collects column chunks of one table and concatenates them once at the end."""

    def __init__(self) -> None:
        self.parts: list[dict[str, np.ndarray]] = []

    def add(self, n: int, **cols: np.ndarray | int | float | bool) -> None:
        if n == 0:
            return
        self.parts.append({k: np.broadcast_to(np.asarray(v), (n,)).copy() for k, v in cols.items()})

    def build(self) -> Columns:
        keys = self.parts[0].keys()
        return Columns({k: np.concatenate([p[k] for p in self.parts]) for k in keys})


class LocalClock:
    """Vectorised UTC <-> local conversion for one IANA zone over the data range, DST exact."""

    def __init__(self, zone: str) -> None:
        tz = ZoneInfo(zone)
        hours = np.arange(-48, (DAYS + 60) * 24)
        self.first_hour = -48
        self.offsets = np.array(
            [int((START + timedelta(hours=int(h))).astimezone(tz).utcoffset().total_seconds()) for h in hours]
        )

    def offset_at_utc(self, t: np.ndarray) -> np.ndarray:
        idx = np.clip((t - START_S) // HOUR - self.first_hour, 0, len(self.offsets) - 1)
        return self.offsets[idx]

    def to_local(self, t: np.ndarray) -> np.ndarray:
        return t + self.offset_at_utc(t)

    def to_utc(self, local: np.ndarray) -> np.ndarray:
        # Guess with the offset at the local instant read as UTC, then correct once (DST-safe).
        guess = local - self.offset_at_utc(local)
        return local - self.offset_at_utc(guess)


def _choice(rng: np.random.Generator, n: int, weights: list[float]) -> np.ndarray:
    p = np.asarray(weights, dtype=float)
    return rng.choice(len(p), size=n, p=p / p.sum())


class Generator:
    """Builds every raw table for a given scale (number of tickets) and seed."""

    def __init__(self, tickets: int, seed: int, progress: Progress) -> None:
        self.n_tickets = tickets
        self.seed = seed
        self.rng = np.random.default_rng(seed)
        self.progress = progress
        self.clocks = [LocalClock(team[3]) for team in TEAMS]
        self.tables: dict[str, Columns] = {}

    # ------------------------------------------------------------------ helpers
    def open_hours(self, team: np.ndarray, weekday: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Opening and closing second of day for each row's team and local weekday (0=Mon)."""
        opens = np.zeros(len(team), dtype=np.int64)
        closes = np.zeros(len(team), dtype=np.int64)
        for i, (_, _, _, _, weekdays, saturday, _) in enumerate(TEAMS):
            mine = team == i
            wk = mine & (weekday < 5)
            opens[wk], closes[wk] = weekdays[0] * HOUR, weekdays[1] * HOUR
            if saturday:
                sat = mine & (weekday == 5)
                opens[sat], closes[sat] = saturday[0] * HOUR, saturday[1] * HOUR
            if weekdays == (0, 24):
                sun = mine & (weekday == 6)
                opens[sun], closes[sun] = 0, 24 * HOUR
        return opens, closes

    def to_local(self, t: np.ndarray, team: np.ndarray) -> np.ndarray:
        local = t.copy()
        for i, clock in enumerate(self.clocks):
            mine = team == i
            local[mine] = clock.to_local(t[mine])
        return local

    def to_utc(self, local: np.ndarray, team: np.ndarray) -> np.ndarray:
        utc = local.copy()
        for i, clock in enumerate(self.clocks):
            mine = team == i
            utc[mine] = clock.to_utc(local[mine])
        return utc

    def next_staffed(self, t: np.ndarray, team: np.ndarray) -> np.ndarray:
        """Move each instant to the next moment its team is staffed (plus a short random lag)."""
        t = t.copy()
        pending = np.ones(len(t), dtype=bool)
        for _ in range(8):
            if not pending.any():
                break
            idx = np.nonzero(pending)[0]
            local = self.to_local(t[idx], team[idx])
            day_start = local - (local - START_S) % DAY
            sec = local - day_start
            weekday = ((day_start - START_S) // DAY + START.weekday()) % 7
            opens, closes = self.open_hours(team[idx], weekday)
            inside = (sec >= opens) & (sec < closes)
            before = (~inside) & (sec < opens) & (closes > opens)
            lag = self.rng.integers(0, 45 * 60, len(idx))
            moved_local = np.where(before, day_start + opens + lag, day_start + DAY)
            t[idx[before]] = self.to_utc(moved_local[before], team[idx[before]])
            after = (~inside) & ~before
            t[idx[after]] = self.to_utc(moved_local[after], team[idx[after]])
            pending[idx[inside]] = False
            pending[idx[before]] = False
        return t

    def local_times(self, n: int, team: np.ndarray) -> np.ndarray:
        """Contact arrival instants with weekly and daily seasonality in the team's zone."""
        rng = self.rng
        day_weight = np.ones(DAYS)
        weekday = (np.arange(DAYS) + START.weekday()) % 7
        day_weight[weekday == 5] = 0.45
        day_weight[weekday == 6] = 0.35
        day_weight *= 1 + 0.25 * (np.arange(DAYS) > 300)  # holiday-season peak
        day = rng.choice(DAYS, size=n, p=day_weight / day_weight.sum())
        hour_weight = np.array([1, 1, 1, 1, 1, 2, 4, 8, 14, 16, 16, 15, 13, 14, 15, 14, 12, 10, 8, 7, 6, 4, 2, 1.0])
        hour = rng.choice(24, size=n, p=hour_weight / hour_weight.sum())
        local = START_S + day * DAY + hour * HOUR + rng.integers(0, HOUR, n)
        return self.to_utc(local, team)

    # ------------------------------------------------------------------ tables
    def people(self) -> None:
        rng = self.rng
        n_customers = max(60, self.n_tickets // 3)
        n_accounts = max(15, n_customers // 4)
        self.n_customers, self.n_accounts = n_customers, n_accounts
        segment = _choice(rng, n_accounts, [0.45, 0.25, 0.1, 0.2])
        value = np.round(rng.lognormal(8, 1, n_accounts) * np.array([1, 4, 20, 0.3])[segment], 2)
        self.tables["accounts"] = Columns({"account_idx": np.arange(n_accounts), "segment": segment, "value": value})
        account = rng.integers(0, n_accounts, n_customers)
        has_account = rng.random(n_customers) < 0.8
        created = START_S - rng.integers(0, 2 * 365 * DAY, n_customers)
        late = rng.random(n_customers) < 0.25  # a quarter sign up during the year
        created[late] = START_S + rng.integers(0, DAYS * DAY, late.sum())
        self.customer_created = created
        self.tables["customers"] = Columns(
            {
                "customer_idx": np.arange(n_customers),
                "account_idx": np.where(has_account, account, -1),
                "created_at": created,
                "country": rng.integers(0, len(COUNTRIES), n_customers),
            }
        )
        # Lifetimes: some customers churn during the year; their orders stop then.
        churn = np.full(n_customers, END_S + 365 * DAY)
        churning = rng.random(n_customers) < 0.18
        churn[churning] = START_S + rng.integers(30 * DAY, DAYS * DAY, churning.sum())
        self.customer_churn = churn

    def agents(self) -> None:
        rng = self.rng
        n_humans = max(9, self.n_tickets // 1500)
        team = _choice(rng, n_humans, [t[6] for t in TEAMS])
        team[: len(TEAMS)] = np.arange(len(TEAMS))  # every team has someone
        hired = START_S - rng.integers(30, 1500, n_humans) * DAY
        joiners = rng.random(n_humans) < 0.1
        hired[joiners] = START_S + rng.integers(10, 200, joiners.sum()) * DAY
        left = np.full(n_humans, -1)
        leavers = (rng.random(n_humans) < 0.1) & ~joiners
        left[leavers] = START_S + rng.integers(60, 360, leavers.sum()) * DAY
        self.agent_team = team
        self.agent_speed = rng.lognormal(0, 0.35, n_humans)
        self.agent_quality = rng.uniform(0.55, 0.95, n_humans)
        self.agent_hired, self.agent_left = hired, left
        self.n_humans = n_humans
        self.bot_idx = n_humans  # one virtual agent after the humans
        self.tables["agents"] = Columns(
            {
                "agent_idx": np.arange(n_humans + 1),
                "team": np.append(team, -1),
                "is_bot": np.append(np.zeros(n_humans, bool), True),
                "hired_on": np.append(hired, START_S - 400 * DAY),
                "left_on": np.append(left, -1),
                "hourly_cost": np.append(np.round(rng.uniform(24, 48, n_humans), 2), 0.0),
            }
        )

    def tickets(self) -> None:
        rng, n = self.rng, self.n_tickets
        base = int(n * 0.93)
        team = _choice(rng, n, [t[6] for t in TEAMS])
        customer = (rng.zipf(1.6, n) + rng.integers(0, self.n_customers, n)) % self.n_customers
        reason = _choice(rng, n, REASON_WEIGHTS)
        created = self.local_times(n, team)
        # Follow-ups: the same customer with the same reason a few days later (breaks FCR).
        early = np.nonzero(created[:base] < END_S - 8 * DAY)[0]
        parent = early[rng.integers(0, len(early), n - base)]
        customer[base:], reason[base:], team[base:] = customer[parent], reason[parent], team[parent]
        created[base:] = created[parent] + rng.integers(DAY, 6 * DAY, n - base)
        channel = _choice(rng, n, TICKET_CHANNEL_WEIGHTS)
        priority = _choice(rng, n, PRIORITY_WEIGHTS)
        humans_by_team = [np.nonzero(self.agent_team == i)[0] for i in range(len(TEAMS))]
        assignee = np.empty(n, dtype=np.int64)
        for i, pool in enumerate(humans_by_team):
            mine = team == i
            assignee[mine] = pool[rng.integers(0, len(pool), mine.sum())]
        tag_draw = rng.random(n)
        tags = np.select(
            [tag_draw < 0.02, tag_draw < 0.03, tag_draw < 0.04, tag_draw < 0.11],
            [1, 2, 3, 4],
            0,
        )  # 1 spam, 2 duplicate, 3 customer_mistake, 4 complaint
        self.tables["tickets"] = Columns(
            {
                "ticket_idx": np.arange(n),
                "channel": channel,
                "priority": priority,
                "reason": reason,
                "customer_idx": customer,
                "team": team,
                "created_at": created,
                "tags": tags,
            }
        )
        self.ticket_assignee = assignee
        self.ticket_events(created, channel, team, assignee, tags)

    def ticket_events(
        self, created: np.ndarray, channel: np.ndarray, team: np.ndarray, assignee: np.ndarray, tags: np.ndarray
    ) -> None:
        rng, n = self.rng, len(created)
        ev = Chunks()
        work = Chunks()
        idx = np.arange(n)
        phone = channel == CHANNELS.index("phone")
        speed, quality = self.agent_speed[assignee], self.agent_quality[assignee]

        def add(rows: np.ndarray, t: np.ndarray, etype: str, actor: str, **extra: np.ndarray | int) -> None:
            defaults = {"agent": -1, "status": -1, "assignee": -1, "auto_ack": False, "body": -1}
            defaults.update(extra)
            ev.add(
                len(rows),
                ticket=rows,
                t=t,
                etype=EVENT_TYPES.index(etype),
                actor=ACTORS.index(actor),
                **{k: (v[rows] if isinstance(v, np.ndarray) and len(v) == n else v) for k, v in defaults.items()},
            )

        def customer_body(rows: np.ndarray, mood: np.ndarray) -> np.ndarray:
            pick = rng.integers(0, 5, len(rows))
            return np.select([mood > 0.66, mood < 0.33], [HAPPY0 + pick, UNHAPPY0 + pick], NEUTRAL0 + pick)

        add(idx, created, "public_reply", "customer", body=NEUTRAL0 + rng.integers(0, 5, n))
        auto = np.isin(channel, [0, 1])
        add(idx[auto], created[auto] + 30, "public_reply", "system", auto_ack=True, body=AGENT0)
        assign_t = created + rng.integers(30, 20 * 60, n)
        self_assign = rng.random(n) < 0.3
        add(idx[~self_assign], assign_t[~self_assign], "assignment", "system", assignee=assignee)
        add(idx[self_assign], assign_t[self_assign], "assignment", "agent", agent=assignee, assignee=assignee)

        spam = tags == 1
        add(idx[spam], assign_t[spam] + 300, "status_change", "agent", agent=assignee, status=STATUSES.index("solved"))

        # Reply rounds: the number of agent replies needed depends on the agent's quality.
        touches = np.where(phone, 1, 1 + rng.geometric(np.clip(quality, 0.3, 0.97), n) - 1)
        touches = np.clip(touches + (rng.random(n) < 0.25), 1, 5)
        frt_median = np.array([240, 300, 1.5, 30, 60, 45])[channel] * 60.0
        reply_t = created + rng.lognormal(0, 0.9, n) * frt_median * speed
        reply_t = np.where(phone, created + rng.integers(20, 400, n), reply_t)
        delayed = ~phone
        reply_t[delayed] = self.next_staffed(reply_t[delayed].astype(np.int64), team[delayed])
        reply_t = reply_t.astype(np.int64)
        active = ~spam
        solve_t = np.full(n, -1, dtype=np.int64)
        for r in range(1, 6):
            rows = idx[active & (touches >= r)]
            if len(rows) == 0:
                break
            t = reply_t[rows]
            add(rows, t, "public_reply", "agent", agent=assignee, body=AGENT0 + rng.integers(0, 5, len(rows)))
            talk = np.where(phone[rows], rng.integers(120, 900, len(rows)), rng.integers(60, 600, len(rows)))
            work.add(
                len(rows),
                ticket=rows,
                chat=-1,
                agent=assignee[rows],
                t=t - talk,
                talk=(talk * speed[rows]).astype(np.int64),
                hold=np.where(phone[rows] & (rng.random(len(rows)) < 0.3), rng.integers(20, 240, len(rows)), 0),
                wrap=rng.integers(20, 180, len(rows)),
            )
            last = touches[rows] == r
            solved_rows = rows[last]
            st = reply_t[solved_rows] + 15
            add(solved_rows, st, "status_change", "agent", agent=assignee, status=STATUSES.index("solved"))
            solve_t[solved_rows] = st
            more = rows[~last]
            hold = rng.random(len(more)) < 0.12
            on_hold, waiting = more[hold], more[~hold]
            add(
                waiting,
                reply_t[waiting] + 15,
                "status_change",
                "agent",
                agent=assignee,
                status=STATUSES.index("pending"),
            )
            add(on_hold, reply_t[on_hold] + 15, "status_change", "agent", agent=assignee, status=STATUSES.index("hold"))
            if len(on_hold):
                back = reply_t[on_hold] + rng.integers(6 * HOUR, 3 * DAY, len(on_hold))
                add(on_hold, back, "status_change", "agent", agent=assignee, status=STATUSES.index("open"))
                reply_t[on_hold] = back + rng.integers(5 * 60, 2 * HOUR, len(on_hold))
            if len(waiting):
                answer = reply_t[waiting] + (rng.lognormal(0, 1, len(waiting)) * 5 * HOUR).astype(np.int64)
                mood = quality[waiting] - 0.1 * r + rng.normal(0, 0.2, len(waiting))
                add(waiting, answer, "public_reply", "customer", body=customer_body(waiting, mood))
                add(waiting, answer + 1, "status_change", "system", status=STATUSES.index("open"))
                follow = answer + (rng.lognormal(0, 0.8, len(waiting)) * 90 * 60 * speed[waiting]).astype(np.int64)
                reply_t[waiting] = self.next_staffed(follow, team[waiting])
            if r == 2:
                note = rows[rng.random(len(rows)) < 0.3]
                add(note, reply_t[note] - 60, "internal_note", "agent", agent=assignee, body=AGENT0 + 1)

        # Reopens: the customer writes again after the solve; some sources log no status change.
        solved = idx[solve_t > 0]
        reopen = solved[rng.random(len(solved)) < 0.06]
        again = solve_t[reopen] + rng.integers(HOUR, 5 * DAY, len(reopen))
        add(reopen, again, "public_reply", "customer", body=UNHAPPY0 + rng.integers(0, 5, len(reopen)))
        logged = rng.random(len(reopen)) < 0.7
        add(reopen[logged], again[logged] + 1, "status_change", "system", status=STATUSES.index("open"))
        fix = self.next_staffed(again + rng.integers(10 * 60, 4 * HOUR, len(reopen)), team[reopen])
        add(reopen, fix, "public_reply", "agent", agent=assignee, body=AGENT0 + 2)
        add(reopen, fix + 15, "status_change", "agent", agent=assignee, status=STATUSES.index("solved"))
        work.add(len(reopen), ticket=reopen, chat=-1, agent=assignee[reopen], t=fix - 300, talk=300, hold=0, wrap=60)
        solve_t[reopen] = fix + 15
        close = solved[rng.random(len(solved)) < 0.8]
        add(close, solve_t[close] + 4 * DAY, "status_change", "system", status=STATUSES.index("closed"))

        events = ev.build()
        keep = events.data["t"] < END_S
        order = np.lexsort((events.data["t"], events.data["ticket"]))
        order = order[keep[order]]
        self.tables["ticket_events"] = Columns({k: v[order] for k, v in events.data.items()})
        self.ticket_work = work
        self.ticket_solve_t = solve_t
        self.ticket_assignee = assignee

    def chats(self) -> None:
        rng = self.rng
        n = max(20, int(self.n_tickets * 0.45))
        team = _choice(rng, n, [t[6] for t in TEAMS])
        bot = rng.random(n) < 0.35
        start = self.next_staffed(self.local_times(n, team), team)
        handed = bot & (rng.random(n) < 0.35)
        humans_by_team = [np.nonzero(self.agent_team == i)[0] for i in range(len(TEAMS))]
        agent = np.empty(n, dtype=np.int64)
        for i, pool in enumerate(humans_by_team):
            mine = team == i
            agent[mine] = pool[rng.integers(0, len(pool), mine.sum())]
        customer = rng.integers(0, self.n_customers, n)
        known = rng.random(n) < 0.8
        msgs = Chunks()
        work = Chunks()
        idx = np.arange(n)
        t = start.copy()
        # Bot opening.
        msgs.add(bot.sum(), chat=idx[bot], t=t[bot], author=ACTORS.index("bot"), agent=self.bot_idx, body=BOT0)
        msgs.add(n, chat=idx, t=t + 5 * bot, author=0, agent=-1, body=NEUTRAL0 + rng.integers(0, 5, n))
        handover_t = np.where(handed, t + rng.integers(60, 240, n), -1)
        human = ~bot | handed
        t = np.where(handed, handover_t, t)
        t = t + rng.integers(15, 180, n) * human + 20 * bot
        exchanges = rng.integers(1, 5, n)
        quality = self.agent_quality[agent]
        for r in range(1, 5):
            rows = idx[exchanges >= r]
            hum = human[rows]
            msgs.add(
                len(rows),
                chat=rows,
                t=t[rows],
                author=np.where(hum, 1, 2),
                agent=np.where(hum, agent[rows], self.bot_idx),
                body=np.where(hum, AGENT0 + r, BOT0 + 1),
            )
            gap = rng.integers(20, 150, len(rows))
            last = exchanges[rows] == r
            mood = quality[rows] + rng.normal(0, 0.2, len(rows)) - 0.15 * (~hum)
            pick = rng.integers(0, 5, len(rows))
            body = np.where(
                last,
                np.select([mood > 0.66, mood < 0.4], [HAPPY0 + pick, UNHAPPY0 + pick], NEUTRAL0 + pick),
                NEUTRAL0 + pick,
            )
            msgs.add(len(rows), chat=rows, t=t[rows] + gap, author=0, agent=-1, body=body)
            t[rows] = t[rows] + gap + rng.integers(20, 120, len(rows))
        end = t + 60
        still_open = end >= END_S
        hum_rows = idx[human]
        work.add(
            len(hum_rows),
            ticket=-1,
            chat=hum_rows,
            agent=agent[hum_rows],
            t=np.where(handed, handover_t, start)[hum_rows],
            talk=(end - np.where(handed, handover_t, start))[hum_rows],
            hold=0,
            wrap=rng.integers(15, 90, len(hum_rows)),
        )
        messages = msgs.build()
        keep = messages.data["t"] < END_S
        order = np.lexsort((messages.data["t"], messages.data["chat"]))
        order = order[keep[order]]
        self.tables["chat_messages"] = Columns({k: v[order] for k, v in messages.data.items()})
        self.tables["chat_conversations"] = Columns(
            {
                "chat_idx": idx,
                "customer_idx": np.where(known, customer, -1),
                "visitor_idx": customer + 10_000_000,
                "team": team,
                "reason": _choice(rng, n, REASON_WEIGHTS),
                "started_at": start,
                "bot": bot,
                "handed_over_at": np.where(handover_t < END_S, handover_t, -1),
                "ended_at": np.where(still_open, -1, end),
            }
        )
        self.chat_agent, self.chat_human, self.chat_end, self.chat_quality = agent, human, end, quality
        self.chat_work = work

    def work_records(self) -> None:
        records = Chunks()
        for chunk in (self.ticket_work, self.chat_work):
            for part in chunk.parts:
                records.parts.append(part)
        work = records.build()
        keep = (work.data["t"] < END_S) & (work.data["t"] >= START_S - DAY)
        self.tables["agent_work_records"] = Columns({k: v[keep] for k, v in work.data.items()})

    def surveys(self) -> None:
        rng = self.rng
        tickets = self.tables["tickets"].data
        solved = np.nonzero((self.ticket_solve_t > 0) & (self.ticket_solve_t < END_S))[0]
        parts = Chunks()
        csat = solved[rng.random(len(solved)) < 0.25]
        qc = self.agent_quality[self.ticket_assignee[csat]] + rng.normal(0, 0.2, len(csat))
        score = np.clip(np.round(1 + 4 * qc + rng.normal(0, 0.6, len(csat))), 1, 5)
        parts.add(
            len(csat),
            kind=0,
            customer=tickets["customer_idx"][csat],
            ticket=csat,
            chat=-1,
            t=self.ticket_solve_t[csat] + rng.integers(600, 2 * DAY, len(csat)),
            score=score,
        )
        ces = solved[rng.random(len(solved)) < 0.1]
        qe = self.agent_quality[self.ticket_assignee[ces]]
        effort = np.clip(np.round(7 - 6 * qe + rng.normal(0, 1.1, len(ces))), 1, 7)
        parts.add(
            len(ces),
            kind=2,
            customer=tickets["customer_idx"][ces],
            ticket=ces,
            chat=-1,
            t=self.ticket_solve_t[ces] + rng.integers(600, DAY, len(ces)),
            score=effort,
        )
        responders = rng.choice(self.n_customers, size=int(self.n_customers * 0.3), replace=False)
        n_nps = len(responders)
        loyal = self.customer_churn[responders] > END_S
        nps = np.clip(np.round(rng.normal(np.where(loyal, 8.2, 5.0), 2.0)), 0, 10)
        nps_t = START_S + rng.integers(0, DAYS * DAY, n_nps)
        parts.add(n_nps, kind=1, customer=responders, ticket=-1, chat=-1, t=nps_t, score=nps)
        second = responders[: n_nps // 5]  # some answer twice; the latest in a period counts
        parts.add(
            len(second),
            kind=1,
            customer=second,
            ticket=-1,
            chat=-1,
            t=np.minimum(nps_t[: len(second)] + rng.integers(DAY, 60 * DAY, len(second)), END_S - 1),
            score=np.clip(nps[: len(second)] + rng.integers(-2, 3, len(second)), 0, 10),
        )
        chats = self.tables["chat_conversations"].data
        ended = np.nonzero(self.chat_human & (chats["ended_at"] > 0))[0]
        smile = ended[rng.random(len(ended)) < 0.3]
        mood = self.chat_quality[smile] + rng.normal(0, 0.25, len(smile))
        parts.add(
            len(smile),
            kind=3,
            customer=chats["customer_idx"][smile],
            ticket=-1,
            chat=smile,
            t=self.chat_end[smile] + 30,
            score=np.select([mood > 0.72, mood < 0.45], [3, 1], 2),
        )
        surveys = parts.build()
        keep = surveys.data["t"] < END_S
        self.tables["survey_responses"] = Columns({k: v[keep] for k, v in surveys.data.items()})

    def commerce(self) -> None:
        rng = self.rng
        nc = self.n_customers
        buyers = rng.random(nc) < 0.85  # some customers never order
        rate = rng.gamma(2.0, 2.5, nc) * buyers  # orders per year
        counts = rng.poisson(rate)
        owner = np.repeat(np.arange(nc), counts)
        first = np.maximum(self.customer_created[owner], START_S - 180 * DAY)
        t = first + (rng.random(len(owner)) * (END_S - first)).astype(np.int64)
        keep = t < self.customer_churn[owner]
        owner, t = owner[keep], t[keep]
        # Orders that follow a contact within a week (agent-driven revenue).
        tickets = self.tables["tickets"].data
        conv = rng.random(self.n_tickets) < 0.08
        owner = np.append(owner, tickets["customer_idx"][conv])
        t = np.append(t, tickets["created_at"][conv] + rng.integers(HOUR, 7 * DAY, conv.sum()))
        keep = t < END_S
        owner, t = owner[keep], t[keep]
        amount = np.round(rng.lognormal(4, 0.8, len(owner)), 2)
        upsell = rng.random(len(owner)) < 0.1
        self.tables["orders"] = Columns({"customer_idx": owner, "t": t, "amount": amount, "upsell": upsell})
        subs = np.nonzero(rng.random(nc) < 0.25)[0]
        s_start = np.maximum(self.customer_created[subs], START_S - 300 * DAY) + rng.integers(0, 30 * DAY, len(subs))
        s_end = np.where(self.customer_churn[subs] < END_S, self.customer_churn[subs], -1)
        ok = (s_start < END_S) & ((s_end < 0) | (s_end > s_start))
        self.tables["subscriptions"] = Columns({"customer_idx": subs[ok], "start": s_start[ok], "end": s_end[ok]})
        late = np.nonzero(self.customer_created > START_S + 10 * DAY)[0]
        referred = late[rng.random(len(late)) < 0.3]
        referrer = rng.integers(0, nc, len(referred))
        ref_t = self.customer_created[referred] - rng.integers(HOUR, 20 * DAY, len(referred))
        self.tables["referrals"] = Columns({"referrer": referrer, "referred": referred, "t": ref_t})

    def web(self) -> None:
        rng = self.rng
        n_sessions = self.n_tickets * 2
        team = np.zeros(n_sessions, dtype=np.int64)  # traffic follows the EU clock
        start = self.local_times(n_sessions, team)
        views = 1 + rng.poisson(1.5, n_sessions)
        session = np.repeat(np.arange(n_sessions), views)
        t = start[session] + (rng.random(len(session)) * 600 * np.arange(len(session)) % 1800).astype(np.int64)
        visitor = rng.integers(0, self.n_customers, n_sessions) + 10_000_000
        logged_in = rng.random(n_sessions) < 0.55
        support = rng.random(len(session)) < 0.15
        shown = rng.random(len(session)) < 0.7
        staffed_t = self.next_staffed(t, rng.integers(0, 2, len(session)))
        online = shown & (staffed_t == t)
        self.tables["page_views"] = Columns(
            {
                "session": session,
                "visitor": visitor[session],
                "customer": np.where(logged_in[session], visitor[session] - 10_000_000, -1),
                "t": t,
                "support": support,
                "shown": shown,
                "online": online,
            }
        )
        n_self = self.n_tickets
        s_start = self.local_times(n_self, np.zeros(n_self, dtype=np.int64))
        visitor = rng.integers(0, self.n_customers, n_self)
        self.tables["self_service_sessions"] = Columns(
            {
                "visitor": visitor + 10_000_000,
                "customer": np.where(rng.random(n_self) < 0.5, visitor, -1),
                "t": s_start,
                "end": s_start + rng.integers(30, 900, n_self),
                "kind": rng.integers(0, 3, n_self),
            }
        )

    def workforce(self) -> None:
        rng = self.rng
        n = self.n_humans
        day = np.arange(-1, DAYS)
        a, d = np.meshgrid(np.arange(n), day, indexing="ij")
        a, d = a.ravel(), d.ravel()
        team = self.agent_team[a]
        local_midnight = START_S + d * DAY
        weekday = (d + START.weekday()) % 7
        opens, closes = self.open_hours(team, weekday)
        rotation = a % 3  # the 24/7 team works three 8-hour rotations
        always = closes - opens == 24 * HOUR
        opens = np.where(always, rotation * 8 * HOUR, opens)
        closes = np.where(always, rotation * 8 * HOUR + 8 * HOUR, closes)
        works = (closes > opens) & ~(always & (((d + a) % 7) >= 5))
        start = self.to_utc(local_midnight + opens, team)
        end = self.to_utc(local_midnight + closes, team)
        employed = (start >= self.agent_hired[a]) & ((self.agent_left[a] < 0) | (start < self.agent_left[a]))
        keep = works & employed & (start < END_S)
        self.tables["agent_shifts"] = Columns({"agent": a[keep], "start": start[keep], "end": end[keep]})
        s_agent, s_start, s_end = a[keep], start[keep], end[keep]
        draw = rng.random(len(s_agent))
        absent = draw < 0.09
        self.tables["agent_absences"] = Columns(
            {"agent": s_agent[absent], "start": s_start[absent], "end": s_end[absent], "planned": draw[absent] < 0.06}
        )
        months = START_S + np.arange(12) * 30 * DAY + 14 * DAY
        pa_agent, pa_month = np.meshgrid(np.arange(n), months, indexing="ij")
        pa_agent, pa_month = pa_agent.ravel(), pa_month.ravel()
        employed = (pa_month >= self.agent_hired[pa_agent]) & (
            (self.agent_left[pa_agent] < 0) | (pa_month < self.agent_left[pa_agent])
        )
        answered = employed & (rng.random(len(pa_agent)) < 0.7)
        happy = self.agent_quality[pa_agent[answered]]
        self.tables["agent_pulse_responses"] = Columns(
            {
                "agent": pa_agent[answered],
                "t": pa_month[answered] + rng.integers(0, 5 * DAY, answered.sum()),
                "recommend": np.clip(np.round(rng.normal(4 + 6 * happy, 1.8)), 0, 10),
                "happiness": np.clip(np.round(rng.normal(1 + 4 * happy, 0.8)), 1, 5),
            }
        )
        month_days = np.arange(12) * 30
        cost = Chunks()
        cost.add(12, day=month_days, category=0, channel=-1, amount=np.round(rng.uniform(1500, 2500, 12), 2))
        cost.add(
            12,
            day=month_days,
            category=1,
            channel=CHANNELS.index("phone"),
            amount=np.round(self.n_tickets * 0.02 * rng.uniform(0.8, 1.2, 12), 2),
        )
        self.tables["cost_lines"] = cost.build()

    def queues(self) -> None:
        """Calls waiting in the team's queue: answered calls are the phone tickets, plus calls
        abandoned while waiting. Waits grow with the hour's load per staffed agent; a share of the
        abandons are short (a caller who hangs up within seconds). Uses its own random stream so
        that adding queues changed no other table."""
        rng = np.random.default_rng(self.seed + 1)
        tickets = self.tables["tickets"].data
        phone = np.nonzero(tickets["channel"] == CHANNELS.index("phone"))[0]
        n_abandoned = int(len(phone) * 0.14)
        source = phone[rng.integers(0, len(phone), n_abandoned)] if len(phone) else phone
        arrival = np.concatenate(
            [tickets["created_at"][phone], tickets["created_at"][source] + rng.integers(-HOUR, HOUR, n_abandoned)]
        )
        team = np.concatenate([tickets["team"][phone], tickets["team"][source]])
        answered = np.concatenate([np.ones(len(phone), dtype=bool), np.zeros(n_abandoned, dtype=bool)])
        ticket = np.concatenate([phone, np.full(n_abandoned, -1)])
        agent = np.concatenate([self.ticket_assignee[phone], np.full(n_abandoned, -1)])
        # Staffed agents per team and UTC hour (shifts minus absences), from the workforce tables.
        hours = DAYS * 24 + 48
        staffed = np.zeros((len(TEAMS), hours))
        for table, sign in (("agent_shifts", 1), ("agent_absences", -1)):
            data = self.tables[table].data
            agent_team = self.agent_team[data["agent"]]
            first = np.clip((data["start"] - START_S + DAY) // HOUR, 0, hours - 1)
            last = np.clip((data["end"] - START_S + DAY) // HOUR, 0, hours - 1)
            for i in range(len(TEAMS)):
                mine = agent_team == i
                np.add.at(staffed[i], first[mine], sign)
                np.add.at(staffed[i], last[mine], -sign)
        staffed = np.cumsum(staffed, axis=1)
        hour = np.clip((arrival - START_S + DAY) // HOUR, 0, hours - 1)
        calls = np.zeros((len(TEAMS), hours))
        np.add.at(calls, (team, hour), 1)
        agents_now = staffed[team, hour]
        load = np.where(agents_now > 0, calls[team, hour] * 300.0 / (HOUR * np.maximum(agents_now, 1)), 1.0)
        busy = np.clip(load, 0, 0.95)
        mean_wait = np.where(agents_now > 0, 12 + 45 * busy / (1 - busy), 240.0)
        has_ivr = rng.random(len(arrival)) < 0.7
        ivr = np.where(has_ivr, rng.integers(5, 60, len(arrival)), 0)
        queued = arrival + ivr
        wait = np.round(rng.exponential(mean_wait)).astype(np.int64)
        short = rng.random(len(arrival)) < 0.3
        patience = np.where(short, rng.integers(0, 5, len(arrival)), 5 + np.round(rng.exponential(70, len(arrival))))
        answered_at = np.where(answered, queued + wait, -1)
        abandoned_at = np.where(answered, -1, queued + patience.astype(np.int64))
        waiting = answered & (answered_at >= END_S)  # still in the queue at the data end
        answered_at[waiting] = -1
        agent[waiting] = -1
        keep = queued < END_S
        self.tables["queue_entries"] = Columns(
            {
                "team": team[keep],
                "ticket": ticket[keep],
                "ivr_at": np.where(has_ivr, arrival, -1)[keep],
                "queued_at": queued[keep],
                "answered_at": answered_at[keep],
                "abandoned_at": abandoned_at[keep],
                "agent": agent[keep],
            }
        )

    def run(self) -> dict[str, Columns]:
        steps = [
            ("customers and accounts", self.people),
            ("agents", self.agents),
            ("tickets and their events", self.tickets),
            ("chats and their messages", self.chats),
            ("work records", self.work_records),
            ("surveys", self.surveys),
            ("orders, subscriptions, referrals", self.commerce),
            ("web traffic and self-service", self.web),
            ("shifts, absences, pulse surveys, costs", self.workforce),
            ("contact-centre queues", self.queues),
        ]
        for label, step in steps:
            started = time.perf_counter()
            step()
            self.progress(f"  generated {label} ({time.perf_counter() - started:.1f}s)")
        return self.tables


def _ts(col: str) -> str:
    return f"case when {col} < 0 then null else to_timestamp({col})::timestamp end"


def _id(prefix: str, col: str, width: int = 7) -> str:
    return f"case when {col} < 0 then null else '{prefix}' || lpad({col}::varchar, {width}, '0') end"


def _lookup(values: list[str], col: str) -> str:
    quoted = ", ".join(f"'{v}'" for v in values)
    return f"case when {col} < 0 then null else [{quoted}][{col} + 1] end"


TEAM_IDS = [t[0] for t in TEAMS]
OUTPUT_SQL: dict[str, str] = {
    "teams": "select * from teams_src",
    "accounts": f"""select {_id("A", "account_idx")} as account_id, 'Account ' || account_idx as account_name,
        {_lookup(SEGMENTS, "segment")} as segment, value as account_value_usd from src""",
    "customers": f"""select {_id("CU", "customer_idx")} as customer_id, {_id("A", "account_idx")} as account_id,
        {_ts("created_at")} as created_at, {_lookup(COUNTRIES, "country")} as country from src""",
    "agents": f"""select {_id("AG", "agent_idx", 4)} as agent_id,
        case when is_bot then 'Virtual agent' else 'Agent ' || agent_idx end as agent_name,
        case when team < 0 then 'bots' else {_lookup(TEAM_IDS, "team")} end as team_id, is_bot,
        {_ts("hired_on")}::date as hired_on, {_ts("left_on")}::date as left_on, hourly_cost as hourly_cost_usd
        from src""",
    "tickets": f"""select {_id("T", "ticket_idx")} as ticket_id, {_lookup(CHANNELS, "channel")} as channel,
        {_lookup(PRIORITIES, "priority")} as priority, {_lookup(REASONS, "reason")} as reason,
        {_id("CU", "customer_idx")} as customer_id, {_lookup(TEAM_IDS, "team")} as team_id,
        {_ts("created_at")} as created_at,
        {_lookup(["spam", "duplicate", "customer_mistake", "complaint"], "tags - 1")} as tags,
        'Request about ' || {_lookup(REASONS, "reason")} as subject, {_ts("created_at")} as updated_at from src""",
    "ticket_events": f"""select 'E' || lpad((row_number() over ())::varchar, 9, '0') as event_id,
        {_id("T", "ticket")} as ticket_id, {_ts("t")} as event_at, {_lookup(EVENT_TYPES, "etype")} as event_type,
        {_lookup(ACTORS, "actor")} as actor_type, {_id("AG", "agent", 4)} as agent_id,
        {_lookup(STATUSES, "status")} as status, {_id("AG", "assignee", 4)} as assignee_agent_id,
        auto_ack as is_auto_acknowledgement, bodies[body + 1] as body from src""",
    "chat_conversations": f"""select {_id("C", "chat_idx")} as conversation_id,
        {_id("CU", "customer_idx")} as customer_id, 'V' || visitor_idx as visitor_id,
        {_lookup(TEAM_IDS, "team")} as team_id, {_lookup(REASONS, "reason")} as reason, 'normal' as priority,
        null::varchar as tags, {_ts("started_at")} as started_at,
        case when bot then 'bot' else 'customer' end as started_by,
        {_ts("handed_over_at")} as handed_over_at, {_ts("ended_at")} as ended_at from src""",
    "chat_messages": f"""select 'M' || lpad((row_number() over ())::varchar, 9, '0') as message_id,
        {_id("C", "chat")} as conversation_id, {_ts("t")} as sent_at, {_lookup(ACTORS, "author")} as author_type,
        {_id("AG", "agent", 4)} as agent_id, bodies[body + 1] as body from src""",
    "agent_work_records": f"""select 'W' || lpad((row_number() over ())::varchar, 9, '0') as work_record_id,
        {_id("AG", "agent", 4)} as agent_id, {_id("T", "ticket")} as ticket_id,
        {_id("C", "chat")} as conversation_id, {_ts("t")} as started_at, talk::bigint as talk_seconds,
        hold::bigint as hold_seconds, wrap::bigint as wrap_up_seconds from src""",
    "survey_responses": f"""select 'S' || lpad((row_number() over ())::varchar, 8, '0') as response_id,
        {_lookup(["csat", "nps", "ces", "smiley"], "kind")} as survey_type, {_id("CU", "customer")} as customer_id,
        {_id("T", "ticket")} as ticket_id, {_id("C", "chat")} as conversation_id,
        {_ts("t")} as responded_at, score::int as score from src""",
    "orders": f"""select 'O' || lpad((row_number() over ())::varchar, 8, '0') as order_id,
        {_id("CU", "customer_idx")} as customer_id, {_ts("t")} as ordered_at, amount as amount_usd,
        upsell as is_upsell from src""",
    "subscriptions": f"""select 'SUB' || lpad((row_number() over ())::varchar, 7, '0') as subscription_id,
        {_id("CU", "customer_idx")} as customer_id, {_ts("start")} as starts_at, {_ts('"end"')} as ends_at
        from src""",
    "referrals": f"""select 'R' || lpad((row_number() over ())::varchar, 7, '0') as referral_id,
        {_id("CU", "referrer")} as referrer_customer_id, {_id("CU", "referred")} as referred_customer_id,
        {_ts("t")} as referred_at from src""",
    "page_views": f"""select 'PV' || lpad((row_number() over ())::varchar, 9, '0') as page_view_id,
        'WS' || lpad(session::varchar, 8, '0') as session_id, 'V' || visitor as visitor_id,
        {_id("CU", "customer")} as customer_id, {_ts("t")} as viewed_at,
        case when support then '/help' else '/shop' end as page_path, support as is_support_page,
        shown as chat_button_shown, online as chat_online from src""",
    "self_service_sessions": f"""select 'SS' || lpad((row_number() over ())::varchar, 8, '0') as session_id,
        'V' || visitor as visitor_id, {_id("CU", "customer")} as customer_id, {_ts("t")} as started_at,
        {_ts('"end"')} as ended_at, {_lookup(["article_view", "search", "bot_answer"], "kind")} as session_type
        from src""",
    "agent_shifts": f"""select 'SH' || lpad((row_number() over ())::varchar, 8, '0') as shift_id,
        {_id("AG", "agent", 4)} as agent_id, {_ts("start")} as starts_at, {_ts('"end"')} as ends_at from src""",
    "agent_absences": f"""select 'AB' || lpad((row_number() over ())::varchar, 7, '0') as absence_id,
        {_id("AG", "agent", 4)} as agent_id, {_ts("start")} as starts_at, {_ts('"end"')} as ends_at,
        case when planned then 'planned' else 'unplanned' end as absence_type from src""",
    "agent_pulse_responses": f"""select 'PR' || lpad((row_number() over ())::varchar, 7, '0') as response_id,
        {_id("AG", "agent", 4)} as agent_id, {_ts("t")} as responded_at, recommend::int as recommend_score,
        happiness::int as happiness_score from src""",
    "cost_lines": f"""select 'CL' || lpad((row_number() over ())::varchar, 5, '0') as cost_line_id,
        (date '2025-01-01' + day::int) as incurred_on, ['tooling', 'telephony'][category + 1] as cost_category,
        {_lookup(CHANNELS, "channel")} as channel, amount as amount_usd from src""",
}

OUTPUT_SQL["queue_entries"] = f"""select 'Q' || lpad((row_number() over ())::varchar, 8, '0') as queue_entry_id,
    'phone' as channel, {_lookup(TEAM_IDS, "team")} as team_id, {_id("T", "ticket")} as ticket_id,
    null::varchar as conversation_id, {_ts("ivr_at")} as ivr_entered_at, {_ts("queued_at")} as queued_at,
    {_ts("answered_at")} as answered_at, {_ts("abandoned_at")} as abandoned_at,
    {_id("AG", "agent", 4)} as answered_by_agent_id from src"""

FORMATS = {"parquet": "(format parquet)", "csv": "(format csv, header true)", "jsonl": "(format json)"}
EXTENSIONS = {"parquet": "parquet", "csv": "csv", "jsonl": "jsonl"}


def write_tables(tables: dict[str, Columns], out: Path, fmt: str, progress: Progress) -> dict[str, int]:
    """Format ids and codes in DuckDB and write one file per raw table; returns row counts."""
    out.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect()
    con.execute("set preserve_insertion_order = true")
    con.execute("create table bodies_tbl as select ?::varchar[] as bodies", [BODIES])
    team_rows = [(t[0], t[1], t[2]) for t in TEAMS] + [BOT_TEAM]
    con.execute("create table teams_src (team_id varchar, team_name varchar, schedule_id varchar)")
    con.executemany("insert into teams_src values (?, ?, ?)", team_rows)
    counts: dict[str, int] = {}
    for name, sql in OUTPUT_SQL.items():
        target = out / f"{name}.{EXTENSIONS[fmt]}"
        if name == "teams":
            counts[name] = len(team_rows)
        else:
            con.register("src", pa.table(dict(tables[name].data)))
            counts[name] = len(tables[name])
            if "bodies" in sql:
                sql = sql.replace("from src", "from src, bodies_tbl")
        con.execute(f"copy ({sql}) to '{target}' {FORMATS[fmt]}")
        progress(f"  wrote {target.name}: {counts[name]:,} rows")
        if name != "teams":
            con.unregister("src")
    con.close()
    return counts


def generate(
    out: Path, tickets: int, seed: int = 42, fmt: str = "parquet", progress: Progress = print
) -> dict[str, int]:
    """Generate the demo data set into `out`; returns rows written per table."""
    if tickets < 100:
        raise SwhError("--tickets must be at least 100")
    if fmt not in FORMATS:
        raise SwhError(f"--format must be one of {', '.join(FORMATS)}")
    progress(f"generating {tickets:,} tickets (seed {seed}) into {out}")
    tables = Generator(tickets, seed, progress).run()
    return write_tables(tables, out, fmt, progress)
