"""The dashboard's pages: one per KPI category, each a mart, its headlines, breakdowns and tables."""

from __future__ import annotations

from common import Headline, Page, Source, Table, average, rate, still, total

# fct_contacts reports a contact without a team under 'unassigned', as the marts do.
TEAM_OF_CONTACT = {"team_id": "coalesce(team_id, 'unassigned')"}
CREATED = Source("core.fct_contacts", "created_date", TEAM_OF_CONTACT)
ASSIGNEE = {"agent_id": "current_assignee_agent_id"}
SOLVED = Source("core.fct_contacts", "final_solved_date", TEAM_OF_CONTACT)

CONTACT_LIST = """
    select c.contact_id, c.channel, coalesce(t.team_name, c.team_id) as team, c.priority, c.created_at,
        c.current_status, c.first_response_sla_status, c.resolution_sla_status,
        round(c.open_age_calendar_minutes / 60.0, 1) as open_hours
    from {contacts} c left join core.dim_teams t on c.team_id = t.team_id
"""

PAGES: dict[str, Page] = {
    "speed": Page(
        "Speed",
        Source("marts.speed_daily", "date_day"),
        [
            average(
                "Avg first response (business min)",
                "first_response_business_minutes_sum",
                "first_responded_contact_count",
                "first responses",
                "{:.0f}",
            ),
            average(
                "Avg time to resolution (h)",
                "resolution_calendar_hours_sum",
                "resolved_contact_count",
                "resolved contacts",
                "{:.1f}",
            ),
            rate(
                "First-response SLA met",
                "first_response_sla_achieved_count",
                "first_response_sla_measured_count",
                "contacts with a first-response target",
            ),
            still("Awaiting first response", "awaiting_first_response_count"),
        ],
        slicers=["channel", "team_id", "priority"],
        breakdowns=["channel", "team_id", "priority"],
        tables=[
            Table(
                "Average, median and 90th percentile",
                """
                select 'First response (business minutes)' as measure, count(*) as contacts,
                    round(avg(first_response_business_minutes), 1) as average,
                    round(median(first_response_business_minutes), 1) as median,
                    round(quantile_cont(first_response_business_minutes, 0.9), 1) as p90
                from {created} where first_response_calendar_minutes is not null
                union all
                select 'Time to resolution (calendar hours)', count(*),
                    round(avg(resolution_calendar_minutes) / 60, 1),
                    round(median(resolution_calendar_minutes) / 60, 1),
                    round(quantile_cont(resolution_calendar_minutes, 0.9) / 60, 1)
                from {solved} where is_solved
                """,
                {"created": CREATED, "solved": SOLVED},
            ),
            Table(
                "Time solved contacts spent in each stage (average calendar hours per contact)",
                "select stage as label, sum(stage_calendar_hours_sum) / nullif(sum(contact_count), 0) as value "
                "from {stages} group by 1 order by 2 desc",
                {"stages": Source("marts.speed_stage_times_daily", "date_day")},
                kind="bar",
            ),
            Table(
                "SLA breaches (contacts created in the range)",
                CONTACT_LIST + " where 'breached' in (c.first_response_sla_status, c.resolution_sla_status) "
                "order by c.created_at desc",
                {"contacts": CREATED},
                download="sla_breaches.csv",
            ),
            Table(
                "Awaiting a first reply (contacts created in the range)",
                CONTACT_LIST + " where c.is_awaiting_first_response order by c.created_at",
                {"contacts": CREATED},
                download="awaiting_first_reply.csv",
            ),
        ],
    ),
    "effectiveness": Page(
        "Effectiveness",
        Source("marts.effectiveness_daily", "date_day"),
        [
            rate("First contact resolution", "fcr_contact_count", "fcr_eligible_contact_count", "eligible contacts"),
            average(
                "Replies per resolution",
                "resolved_agent_reply_count",
                "resolved_contact_count",
                "resolved contacts",
                "{:.2f}",
            ),
            rate("Reopen rate", "reopened_contact_count", "solved_at_least_once_count", "solved contacts", "lower"),
            rate("Effectivity rating", "effective_reply_count", "agent_reply_count", "agent replies"),
        ],
        slicers=["channel", "team_id", "priority"],
        breakdowns=["channel", "team_id", "priority"],
    ),
    "satisfaction": Page(
        "Satisfaction",
        Source("marts.satisfaction_surveys_daily", "date_day"),
        [
            rate("CSAT", "csat_satisfied_count", "csat_response_count", "CSAT answers"),
            average("Customer effort (1 = easy)", "ces_score_sum", "ces_response_count", "CES answers", "{:.2f}"),
            rate("Friendliness (happy smileys)", "smiley_happy_count", "smiley_response_count", "smiley answers"),
        ],
        slicers=["channel", "team_id", "agent_id"],
        breakdowns=["channel", "team_id", "agent_id"],
        tables=[
            Table(
                "NPS per month (each customer's latest answer in the month counts once)",
                "select period_start_date as month, sum(nps_respondent_count) as respondents, "
                "round(100.0 * (sum(promoter_count) - sum(detractor_count)) / nullif(sum(nps_respondent_count), 0), 1)"
                " as nps from {nps} where period_type = 'month' group by 1 order by 1 desc",
                {"nps": Source("marts.satisfaction_nps_periods", "period_start_date")},
            ),
        ],
    ),
    "automation": Page(
        "Automation",
        Source("marts.automation_bot_daily", "date_day"),
        [
            rate("Bot containment", "contained_count", "ended_bot_conversation_count", "ended bot conversations"),
            rate("Bot escalation", "handed_over_count", "bot_conversation_count", "bot conversations", "lower"),
            average("Minutes to handover", "handover_minutes_sum", "handed_over_count", "handovers", "{:.1f}"),
        ],
        slicers=["team_id", "reason"],
        breakdowns=["reason", "team_id"],
        tables=[
            Table(
                "Case deflection by self-service type",
                "select session_type, sum(self_service_session_count) as sessions, "
                "round(100.0 * sum(deflected_session_count) / nullif(sum(self_service_session_count), 0), 1) "
                "as deflection_pct from {sessions} group by 1 order by 1",
                {"sessions": Source("marts.automation_self_service_daily", "date_day")},
            ),
        ],
    ),
    "rep_activity": Page(
        "Rep activity",
        Source("marts.rep_activity_daily", "date_day"),
        [
            average(
                "Avg handle time (min)",
                "handle_seconds",
                "worked_contact_count",
                "worked contacts",
                "{:.1f}",
                per="/60",
            ),
            average(
                "Contacts per scheduled hour",
                "handled_contact_count",
                "scheduled_hours",
                "scheduled hours",
                "{:.2f}",
                "higher",
            ),
            total("Service activities", "service_activity_count"),
            total("Solves as assignee", "solves_as_assignee_count", better="higher"),
        ],
        slicers=["agent_id"],
        breakdowns=["agent_id"],
        tables=[
            Table(
                "Agent leaderboard (FCR and CSAT with their number of contacts and answers)",
                """
                with work as (
                    select agent_id, sum(solves_as_assignee_count) as solved,
                        sum(first_response_business_minutes_sum) / nullif(sum(first_responded_contact_count), 0)
                            as first_response_business_min,
                        sum(handle_seconds) / nullif(sum(worked_contact_count), 0) / 60 as handle_min
                    from {work} group by 1
                ),
                surveys as (
                    select agent_id, sum(csat_response_count) as csat_n,
                        100.0 * sum(csat_satisfied_count) / nullif(sum(csat_response_count), 0) as csat_pct
                    from {surveys} group by 1
                ),
                resolved as (
                    select current_assignee_agent_id as agent_id, count(*) filter (where is_fcr_eligible) as fcr_n,
                        100.0 * count(*) filter (where is_first_contact_resolution)
                            / nullif(count(*) filter (where is_fcr_eligible), 0) as fcr_pct
                    from {resolved} where is_solved group by 1
                )
                select a.agent_name as agent, a.team_name as team, w.solved,
                    round(w.first_response_business_min, 0) as first_response_business_min,
                    round(s.csat_pct, 1) as csat_pct, coalesce(s.csat_n, 0) as csat_n,
                    round(w.handle_min, 1) as handle_min, round(r.fcr_pct, 1) as fcr_pct, coalesce(r.fcr_n, 0) as fcr_n
                from work w
                join core.dim_agents a on w.agent_id = a.agent_id
                left join surveys s on w.agent_id = s.agent_id
                left join resolved r on w.agent_id = r.agent_id
                where not a.is_bot
                order by w.solved desc, a.agent_name
                """,
                {
                    "work": Source("marts.rep_activity_daily", "date_day"),
                    "surveys": Source("marts.satisfaction_surveys_daily", "date_day"),
                    "resolved": Source("core.fct_contacts", "final_solved_date", ASSIGNEE),
                },
                download="agent_leaderboard.csv",
            ),
            Table(
                "Open cases per agent, by time since the last reply",
                "select coalesce(a.agent_name, o.agent_id) as agent, o.last_response_age_bucket, o.open_contact_count "
                "from {open_cases} o left join core.dim_agents a on o.agent_id = a.agent_id "
                "where o.is_data_end_snapshot order by o.open_contact_count desc",
                {"open_cases": Source("marts.rep_open_cases_daily", None)},
            ),
        ],
    ),
    "team_efficiency": Page(
        "Team efficiency",
        Source("marts.team_backlog_daily", "date_day"),
        [
            total("Inflow (new contacts)", "inflow_count"),
            total("Outflow (solves)", "outflow_count", better="higher"),
            total("Reopens", "reopen_count", better="lower"),
            Headline("Backlog change", "sum(inflow_count - outflow_count + reopen_count)", "{:+,.0f}", "lower"),
        ],
        slicers=["channel", "team_id"],
        breakdowns=["channel", "team_id"],
        tables=[
            Table(
                "Open contacts by channel, team and status",
                "select o.channel, coalesce(t.team_name, o.team_id) as team, o.current_status, o.open_contact_count "
                "from {open_contacts} o left join core.dim_teams t on o.team_id = t.team_id "
                "order by o.open_contact_count desc",
                {"open_contacts": Source("marts.team_open_contacts_current", None)},
            ),
            Table(
                "Contacts submitted by weekday and local hour (months starting in the range, each team's time zone)",
                "select local_iso_day_of_week as row, local_hour_of_day as column, "
                "sum(submitted_contact_count) as value from {submissions} group by 1, 2",
                {"submissions": Source("marts.team_submissions_heatmap", "month_start_date")},
                kind="heatmap",
                axis_titles=("local hour", "day of week (1 = Monday)", "contacts"),
            ),
        ],
    ),
    "availability": Page(
        "Availability and engagement",
        Source("marts.availability_daily", "date_day"),
        [
            rate("Coverage", "staffed_page_view_count", "page_view_count", "page views"),
            rate("Presence", "chat_online_page_view_count", "page_view_count", "page views"),
            rate("Support page share", "support_session_count", "web_session_count", "web sessions", "neutral"),
            rate(
                "Support visitors who contact",
                "support_session_contacted_count",
                "support_session_count",
                "support sessions",
                "neutral",
            ),
            rate(
                "Live chat engagement",
                "chat_started_count",
                "chat_button_shown_page_view_count",
                "page views with the chat button",
            ),
        ],
    ),
    "churn_prevention": Page(
        "Churn prevention",
        Source("marts.churn_monthly", "month_start_date"),
        [
            rate("Churn rate", "churned_customer_count", "active_at_start_count", "customers at the start", "lower"),
            Headline(
                "Retention (CRR)",
                "100.0 * (sum(active_at_end_count) - sum(new_customer_count)) / nullif(sum(active_at_start_count), 0)",
                "{:.1f}%",
                sample="sum(active_at_start_count)",
                noun="customers at the start",
                is_rate=True,
            ),
            rate("Upsell rate", "upsell_customer_count", "active_in_period_count", "active customers"),
        ],
        slicers=["segment"],
        breakdowns=["segment"],
        monthly=True,
        tables=[
            Table(
                "Accounts at risk (latest NPS 0-6, CSAT below 50% or a contact open over 7 days)",
                "select account_name, segment, account_value_usd, contact_count, open_contact_count, "
                "csat_response_count, csat_score, latest_nps_score, oldest_open_contact_age_days "
                "from {accounts} where is_at_risk order by account_value_usd desc",
                {"accounts": Source("marts.churn_accounts_at_risk", None)},
                download="accounts_at_risk.csv",
            ),
            Table(
                "Open contacts of the accounts at risk",
                "select r.account_name, r.segment, c.contact_id, c.channel, coalesce(t.team_name, c.team_id) as team, "
                "c.created_at, c.current_status, round(c.open_age_calendar_minutes / 1440.0, 1) as open_days "
                "from {accounts} r join core.fct_contacts c on r.account_id = c.account_id "
                "left join core.dim_teams t on c.team_id = t.team_id "
                "where r.is_at_risk and not c.is_solved order by open_days desc",
                {"accounts": Source("marts.churn_accounts_at_risk", None)},
                download="at_risk_open_contacts.csv",
            ),
        ],
    ),
    "contribution": Page(
        "Contribution",
        Source("marts.contribution_revenue_daily", "date_day"),
        [
            rate("Conversion rate", "converted_contact_count", "human_handled_contact_count", "human-handled contacts"),
            total("Attributed revenue (USD)", "attributed_revenue_usd", better="higher"),
            average(
                "Average order value (USD)",
                "attributed_revenue_usd",
                "attributed_order_count",
                "orders",
                "{:,.2f}",
                "higher",
            ),
        ],
        slicers=["team_id"],
        breakdowns=["team_id", "agent_id"],
        tables=[
            Table(
                "Cost per human-handled contact per month (USD)",
                "select cast(date_trunc('month', date_day) as date) as month, round(sum(total_cost_usd), 0) "
                "as total_cost_usd, sum(human_handled_contact_count) as contacts, "
                "round(sum(total_cost_usd) / nullif(sum(human_handled_contact_count), 0), 2) as cost_per_contact_usd "
                "from {costs} group by 1 order by 1 desc",
                {"costs": Source("marts.contribution_cost_daily", "date_day")},
            ),
        ],
    ),
    "product_development": Page(
        "Product development",
        Source("marts.product_reasons_monthly", "month_start_date"),
        [
            rate("FCR", "fcr_contact_count", "fcr_eligible_contact_count", "FCR-eligible contacts"),
            average(
                "Avg time to resolution (h)",
                "resolution_calendar_hours_sum",
                "resolved_contact_count",
                "resolved contacts",
                "{:.1f}",
            ),
            total("Inflow", "inflow_count"),
        ],
        slicers=["reason"],
        breakdowns=["reason"],
        monthly=True,
        tables=[
            Table(
                "Complaints by reason",
                "select reason, sum(complaint_count) as complaints, sum(resolved_complaint_count) as resolved "
                "from {complaints} group by 1 order by 2 desc",
                {"complaints": Source("marts.product_complaints_monthly", "month_start_date")},
            ),
        ],
    ),
    "employee_experience": Page(
        "Employee experience",
        Source("marts.employee_absenteeism_daily", "date_day"),
        [
            rate("Absenteeism", "unplanned_absence_hours", "scheduled_hours", "scheduled hours", "lower", "{:.2f}%"),
            total("Scheduled hours", "scheduled_hours"),
        ],
        slicers=["team_id"],
        breakdowns=["team_id"],
        tables=[
            Table(
                "eNPS, happiness and turnover per month and team",
                "select p.month_start_date as month, coalesce(d.team_name, p.team_id) as team, "
                "p.enps_response_count as enps_n, round(p.enps, 1) as enps, p.happiness_response_count as happiness_n, "
                "round(p.mean_happiness, 2) as happiness, round(100 * t.agent_turnover_rate, 1) as turnover_pct "
                "from {pulse} p left join {turnover} t "
                "on p.month_start_date = t.month_start_date and p.team_id = t.team_id "
                "left join core.dim_teams d on p.team_id = d.team_id order by 1 desc, 2",
                {
                    "pulse": Source("marts.employee_pulse_monthly", "month_start_date"),
                    "turnover": Source("marts.employee_turnover_monthly", "month_start_date"),
                },
            ),
        ],
    ),
    "contact_centre": Page(
        "Contact centre",
        Source("marts.contact_centre_queue_daily", "date_day"),
        [
            average(
                "Avg speed of answer (s)",
                "answer_wait_seconds_sum",
                "answered_contact_count",
                "answered contacts",
                "{:.0f}",
            ),
            rate(
                "Service level",
                "answered_within_threshold_count",
                "offered_excluding_short_abandon_count",
                "offered contacts (short abandons excluded)",
            ),
            rate(
                "Abandonment rate",
                "abandoned_contact_count",
                "offered_excluding_short_abandon_count",
                "offered contacts (short abandons excluded)",
                "lower",
            ),
            total("Offered contacts", "offered_contact_count"),
        ],
        slicers=["team_id", "channel"],
        breakdowns=["team_id"],
        tables=[
            Table(
                "Speed of answer: average, median and 90th percentile (seconds)",
                "select count(*) as answered, round(avg(wait_seconds), 1) as average, "
                "round(median(wait_seconds), 1) as median, round(quantile_cont(wait_seconds, 0.9), 1) as p90 "
                "from {entries} where outcome = 'answered'",
                {"entries": Source("core.fct_queue_entries", "queued_date")},
            ),
            Table(
                "Staffing gap by weekday and local hour (staffed - required by Erlang C; red is short)",
                "select local_day_of_week as row, local_hour as column, "
                "sum(average_staffed_agents - coalesce(average_required_agents, 0)) as value "
                "from {staffing} group by 1, 2",
                {"staffing": Source("marts.contact_centre_staffing_weekly", None, undated="A typical week, all data")},
                kind="heatmap",
                axis_titles=("local hour", "day of week (1 = Monday)", "agents"),
            ),
        ],
    ),
}
