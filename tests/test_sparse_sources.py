"""Sparse sources: small data sets that lack whole tables or every optional column.

Each is loaded and built with every data test (the unit tests do not depend on the data and
run in the main build); each must build with zero errors and give the values worked out by
hand in the comments below.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import duckdb
import pytest

from conftest import WAREHOUSE_FILE, run_dbt
from swh.load import DuckDBTarget, load_folder

ORDERS_ONLY = {
    "customers.csv": """customer_id,created_at
C1,2025-01-05 10:00:00
C2,2025-01-10 10:00:00
C3,2025-02-15 10:00:00
""",
    "orders.csv": """order_id,customer_id,ordered_at,amount_usd,is_upsell
O1,C1,2025-01-05 10:00:00,10,false
O2,C2,2025-01-10 10:00:00,20,false
O3,C3,2025-02-15 10:00:00,30,false
O4,C1,2025-03-20 10:00:00,40,true
O5,C3,2025-05-02 10:00:00,50,false
""",
}

SURVEYS_ONLY = {
    # No customers, tickets or chats: every answer is anonymous and linked to no contact. Two NPS
    # answers arrive in the same second; each counts.
    "survey_responses.csv": """response_id,survey_type,responded_at,score
R1,nps,2025-03-10 10:00:00,9
R2,nps,2025-03-10 10:00:00,3
R3,nps,2025-03-20 08:00:00,10
R4,csat,2025-03-11 09:00:00,5
R5,csat,2025-03-11 09:30:00,2
R6,ces,2025-04-02 12:00:00,4
""",
}

REQUIRED_COLUMNS_ONLY = {
    # Every contract table with nothing but its required columns (plus the one optional column a
    # rule asks for: a work record names its ticket): no customers on contacts, no teams on
    # tickets, no bodies, tags, scores of pulse answers, account values or page paths.
    "teams.csv": "team_id,team_name\nphone_team,Phone\n",
    "agents.csv": "agent_id,agent_name,team_id,is_bot,hired_on\nA1,Ann,phone_team,false,2025-01-01\n",
    "agent_shifts.csv": "shift_id,agent_id,starts_at,ends_at\nS1,A1,2025-06-02 08:00:00,2025-06-02 16:00:00\n",
    "agent_absences.csv": (
        "absence_id,agent_id,starts_at,ends_at,absence_type\nAB1,A1,2025-06-02 12:00:00,2025-06-02 14:00:00,unplanned\n"
    ),
    "agent_pulse_responses.csv": "response_id,agent_id,responded_at\nP1,A1,2025-06-02 12:00:00\n",
    "accounts.csv": "account_id,account_name,segment\nAC1,Acme,smb\n",
    "customers.csv": "customer_id,created_at\nC1,2025-01-01 00:00:00\n",
    "orders.csv": "order_id,customer_id,ordered_at,amount_usd,is_upsell\nO1,C1,2025-06-01 10:00:00,10,false\n",
    "subscriptions.csv": "subscription_id,customer_id,starts_at\nSU1,C1,2025-05-01 00:00:00\n",
    "referrals.csv": "referral_id,referrer_customer_id,referred_at\nRF1,C1,2025-06-01 09:00:00\n",
    "tickets.csv": """ticket_id,channel,priority,created_at
T1,email,normal,2025-06-02 09:00:00
T2,phone,high,2025-06-02 10:00:00
T3,web_form,low,2025-06-03 08:00:00
""",
    "ticket_events.csv": """event_id,ticket_id,event_at,event_type,actor_type,status
E1,T1,2025-06-02 12:00:00,status_change,system,solved
E2,T2,2025-06-02 10:30:00,public_reply,customer,
""",
    "chat_conversations.csv": "conversation_id,started_at,started_by\nCH1,2025-06-02 11:00:00,customer\n",
    "chat_messages.csv": "message_id,conversation_id,sent_at,author_type\nM1,CH1,2025-06-02 11:00:00,customer\n",
    "agent_work_records.csv": (
        "work_record_id,agent_id,ticket_id,started_at,talk_seconds,hold_seconds,wrap_up_seconds\n"
        "W1,A1,T2,2025-06-02 10:00:00,60,0,30\n"
    ),
    "survey_responses.csv": "response_id,survey_type,responded_at,score\nR1,csat,2025-06-02 12:00:00,4\n",
    "page_views.csv": (
        "page_view_id,session_id,visitor_id,viewed_at,is_support_page,chat_button_shown,chat_online\n"
        "PV1,SE1,V1,2025-06-02 09:00:00,true,false,false\n"
    ),
    "self_service_sessions.csv": (
        "session_id,visitor_id,started_at,session_type\nSS1,V1,2025-06-02 09:00:00,article_view\n"
    ),
    "cost_lines.csv": "cost_line_id,incurred_on,cost_category,amount_usd\nCL1,2025-06-01,tools,100\n",
    "queue_entries.csv": """queue_entry_id,channel,team_id,ticket_id,queued_at,answered_at,abandoned_at
Q1,phone,phone_team,T2,2025-06-02 09:59:45,2025-06-02 10:00:00,
Q2,phone,phone_team,,2025-06-02 10:05:00,,2025-06-02 10:06:00
""",
}


def build(root: Path, files: dict[str, str]) -> duckdb.DuckDBPyConnection:
    folder = root / "raw"
    folder.mkdir()
    for name, text in files.items():
        (folder / name).write_text(text)
    database = root / WAREHOUSE_FILE
    report = load_folder(folder, DuckDBTarget(database), progress=lambda _: None)
    assert report.rows_rejected == 0, report.rejects[:3]
    run_dbt(["build", "--target", "duckdb", "--exclude", "resource_type:unit_test"], database)
    return duckdb.connect(str(database), read_only=True)


def test_orders_only_gives_complete_months_of_churn_retention_and_defection(tmp_path: Path) -> None:
    con = build(tmp_path, ORDERS_ONLY)
    months = con.execute(
        "select month_start_date, active_at_start_count, churned_customer_count, active_at_end_count, "
        "new_customer_count, buying_customer_count, defected_customer_count, customer_retention_rate, "
        "customer_defection_rate from marts.churn_monthly order by 1"
    ).fetchall()
    calendar = con.execute("select min(date_day), max(date_day) from core.dim_dates").fetchall()[0]
    con.close()
    # Active at an instant: an order in the 90 days before it. May 1 - 90 days = January 31,
    # so C2 (last order January 10) is no longer active at the end of April.
    #  month  start churned end new buyers defected  retention           defection
    assert months == [
        (date(2025, 1, 1), 0, 0, 2, 2, 2, 2, None, 1.0),  # C1, C2 buy; nobody buys again in Feb
        (date(2025, 2, 1), 2, 0, 3, 1, 1, 1, 100.0, 1.0),  # C3 new; (3 - 1) / 2
        (date(2025, 3, 1), 3, 0, 3, 0, 1, 1, 100.0, 1.0),  # C1's upsell; nobody buys in April
        (date(2025, 4, 1), 3, 1, 2, 0, 0, 0, pytest.approx(200 / 3), None),  # C2 churns
        (date(2025, 5, 1), 2, 0, 2, 0, 1, 0, 100.0, None),  # May incomplete: no defection yet
    ]
    assert calendar == (date(2025, 1, 3), date(2025, 5, 4))  # two days either side of the data


def test_surveys_only_build_and_every_anonymous_answer_counts(tmp_path: Path) -> None:
    con = build(tmp_path, SURVEYS_ONLY)
    nps = con.execute(
        "select period_type, period_start_date, sum(nps_respondent_count), sum(promoter_count), "
        "sum(detractor_count) from marts.satisfaction_nps_periods group by 1, 2 order by 1, 2"
    ).fetchall()
    surveys = con.execute(
        "select channel, team_id, sum(csat_response_count), sum(csat_satisfied_count), sum(ces_response_count), "
        "sum(ces_score_sum) from marts.satisfaction_surveys_daily group by 1, 2"
    ).fetchall()
    data_end = con.execute("select data_end_at from intermediate.int_data_end").fetchall()[0][0]
    con.close()
    assert ("month", date(2025, 3, 1), 3, 2, 1) in nps  # R1 and R2 at the same second both count
    assert ("day", date(2025, 3, 10), 2, 1, 1) in nps
    assert surveys == [("unknown", "unassigned", 2, 1, 1, 4)]  # no contact: channel and team unknown
    assert data_end == datetime(2025, 4, 2, 12)


def test_required_columns_only_build_and_count_every_contact(tmp_path: Path) -> None:
    con = build(tmp_path, REQUIRED_COLUMNS_ONLY)
    created = con.execute(
        "select team_id, sum(created_contact_count), sum(resolved_contact_count) from marts.speed_daily group by 1"
    ).fetchall()
    open_now = con.execute("select sum(open_contact_count) from marts.team_open_contacts_current").fetchall()[0][0]
    queue = con.execute(
        "select sum(queue_entry_count), sum(answered_contact_count), sum(abandoned_contact_count), "
        "sum(answered_within_threshold_count) from marts.contact_centre_queue_daily"
    ).fetchall()[0]
    staffing = con.execute(
        "select sum(scheduled_hours), sum(unplanned_absence_hours) from marts.employee_absenteeism_daily"
    ).fetchall()[0]
    con.close()
    assert created == [("unassigned", 4, 1)]  # three tickets and the chat; T1 solved by the system
    assert open_now == 3  # T2, T3 and the chat
    assert queue == (2, 1, 1, 1)  # Q1 answered after 15 s; Q2 abandoned after 60 s
    assert staffing == (8.0, 2.0)  # an eight-hour shift with two hours of unplanned absence
