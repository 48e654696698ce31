"""The dashboard's pages: one per KPI category, each a mart, its headlines and breakdowns."""

from __future__ import annotations

from common import Headline, Page


def share(numerator: str, denominator: str) -> str:
    """Percentage from re-aggregated sums (never an average of averages)."""
    return f"100.0 * sum({numerator}) / nullif(sum({denominator}), 0)"


def mean(total: str, count: str) -> str:
    return f"sum({total}) / nullif(sum({count}), 0)"


PCT = "{:.1f}%"
PAGES: dict[str, Page] = {
    "speed": Page(
        "Speed",
        "speed_daily",
        "date_day",
        [
            Headline(
                "Avg first response (business min)",
                mean("first_response_business_minutes_sum", "first_responded_contact_count"),
                "{:.0f}",
                "lower",
            ),
            Headline(
                "Avg time to resolution (h)",
                mean("resolution_calendar_hours_sum", "resolved_contact_count"),
                "{:.1f}",
                "lower",
            ),
            Headline(
                "First-response SLA met",
                share("first_response_sla_achieved_count", "first_response_sla_measured_count"),
                PCT,
            ),
            Headline("Awaiting first response", "sum(awaiting_first_response_count)", "{:,.0f}", "lower"),
        ],
        slicers=["channel", "team_id", "priority"],
        breakdowns=["channel", "team_id", "priority"],
    ),
    "effectiveness": Page(
        "Effectiveness",
        "effectiveness_daily",
        "date_day",
        [
            Headline("First contact resolution", share("fcr_contact_count", "fcr_eligible_contact_count"), PCT),
            Headline(
                "Replies per resolution",
                mean("resolved_agent_reply_count", "resolved_contact_count"),
                "{:.2f}",
                "lower",
            ),
            Headline("Reopen rate", share("reopened_contact_count", "solved_at_least_once_count"), PCT, "lower"),
            Headline("Effectivity rating", share("effective_reply_count", "agent_reply_count"), PCT),
        ],
        slicers=["channel", "team_id", "priority"],
        breakdowns=["channel", "team_id"],
    ),
    "satisfaction": Page(
        "Satisfaction",
        "satisfaction_surveys_daily",
        "date_day",
        [
            Headline("CSAT", share("csat_satisfied_count", "csat_response_count"), PCT),
            Headline("Customer effort (1 = easy)", mean("ces_score_sum", "ces_response_count"), "{:.2f}", "lower"),
            Headline("Friendliness (happy smileys)", share("smiley_happy_count", "smiley_response_count"), PCT),
        ],
        slicers=["channel", "team_id"],
        breakdowns=["channel", "team_id", "agent_id"],
        extra_table=(
            "NPS per month (each customer's latest answer counts once)",
            "select period_start_date as month, sum(nps_respondent_count) as respondents, "
            "round(100.0 * (sum(promoter_count) - sum(detractor_count)) / sum(nps_respondent_count), 1) as nps "
            "from marts.satisfaction_nps_periods where period_type = 'month' group by 1 order by 1 desc",
        ),
    ),
    "automation": Page(
        "Automation",
        "automation_bot_daily",
        "date_day",
        [
            Headline("Bot containment", share("contained_count", "ended_bot_conversation_count"), PCT),
            Headline("Bot escalation", share("handed_over_count", "bot_conversation_count"), PCT, "lower"),
            Headline("Minutes to handover", mean("handover_minutes_sum", "handed_over_count"), "{:.1f}", "lower"),
        ],
        slicers=["team_id", "reason"],
        breakdowns=["reason", "team_id"],
        extra_table=(
            "Case deflection by self-service type",
            "select session_type, sum(self_service_session_count) as sessions, "
            "round(100.0 * sum(deflected_session_count) / sum(self_service_session_count), 1) as deflection_pct "
            "from marts.automation_self_service_daily group by 1 order by 1",
        ),
    ),
    "rep_activity": Page(
        "Rep activity",
        "rep_activity_daily",
        "date_day",
        [
            Headline(
                "Avg handle time (min)", f"{mean('handle_seconds', 'worked_contact_count')} / 60", "{:.1f}", "lower"
            ),
            Headline("Contacts per scheduled hour", mean("handled_contact_count", "scheduled_hours"), "{:.2f}"),
            Headline("Service activities", "sum(service_activity_count)", "{:,.0f}", "neutral"),
            Headline("Solves as assignee", "sum(solves_as_assignee_count)", "{:,.0f}"),
        ],
        slicers=["agent_id"],
        breakdowns=["agent_id"],
        extra_table=(
            "Open cases per agent at the data end, by time since the last reply",
            "select agent_id, last_response_age_bucket, open_contact_count from marts.rep_open_cases_daily "
            "where is_data_end_snapshot order by open_contact_count desc",
        ),
    ),
    "team_efficiency": Page(
        "Team efficiency",
        "team_backlog_daily",
        "date_day",
        [
            Headline("Inflow (new contacts)", "sum(inflow_count)", "{:,.0f}", "neutral"),
            Headline("Outflow (solves)", "sum(outflow_count)", "{:,.0f}"),
            Headline("Reopens", "sum(reopen_count)", "{:,.0f}", "lower"),
            Headline("Backlog change", "sum(inflow_count - outflow_count + reopen_count)", "{:+,.0f}", "lower"),
        ],
        slicers=["channel", "team_id"],
        breakdowns=["channel", "team_id"],
        extra_table=(
            "Open contacts now, by channel, team and status",
            "select channel, team_id, current_status, open_contact_count from marts.team_open_contacts_current "
            "order by open_contact_count desc",
        ),
    ),
    "availability": Page(
        "Availability and engagement",
        "availability_daily",
        "date_day",
        [
            Headline("Coverage", share("staffed_page_view_count", "page_view_count"), PCT),
            Headline("Presence", share("chat_online_page_view_count", "page_view_count"), PCT),
            Headline("Support page share", share("support_session_count", "web_session_count"), PCT, "neutral"),
            Headline(
                "Support visitors who contact",
                share("support_session_contacted_count", "support_session_count"),
                PCT,
                "neutral",
            ),
            Headline("Live chat engagement", share("chat_started_count", "chat_button_shown_page_view_count"), PCT),
        ],
    ),
    "churn_prevention": Page(
        "Churn prevention",
        "churn_monthly",
        "month_start_date",
        [
            Headline("Churn rate", share("churned_customer_count", "active_at_start_count"), PCT, "lower"),
            Headline(
                "Retention (CRR)",
                "100.0 * (sum(active_at_end_count) - sum(new_customer_count)) / nullif(sum(active_at_start_count), 0)",
                PCT,
            ),
            Headline("Upsell rate", share("upsell_customer_count", "active_in_period_count"), PCT),
        ],
        slicers=["segment"],
        breakdowns=["segment"],
        monthly=True,
        extra_table=(
            "Accounts at risk (latest NPS 0-6, CSAT below 50% or a contact open over 7 days)",
            "select account_id, segment, account_value_usd, contact_count, open_contact_count, csat_score, "
            "latest_nps_score, oldest_open_contact_age_days from marts.churn_accounts_at_risk where is_at_risk "
            "order by account_value_usd desc limit 50",
        ),
    ),
    "contribution": Page(
        "Contribution",
        "contribution_revenue_daily",
        "date_day",
        [
            Headline("Conversion rate", share("converted_contact_count", "human_handled_contact_count"), PCT),
            Headline("Attributed revenue (USD)", "sum(attributed_revenue_usd)", "{:,.0f}"),
            Headline("Average order value (USD)", mean("attributed_revenue_usd", "attributed_order_count"), "{:,.2f}"),
        ],
        slicers=["team_id"],
        breakdowns=["team_id", "agent_id"],
        extra_table=(
            "Cost per human-handled contact per month (USD)",
            "select date_trunc('month', date_day) as month, round(sum(total_cost_usd), 0) as total_cost_usd, "
            "sum(human_handled_contact_count) as contacts, "
            "round(sum(total_cost_usd) / sum(human_handled_contact_count), 2) as cost_per_contact_usd "
            "from marts.contribution_cost_daily group by 1 order by 1 desc",
        ),
    ),
    "product_development": Page(
        "Product development",
        "product_reasons_monthly",
        "month_start_date",
        [
            Headline("FCR", share("fcr_contact_count", "fcr_eligible_contact_count"), PCT),
            Headline(
                "Avg time to resolution (h)",
                mean("resolution_calendar_hours_sum", "resolved_contact_count"),
                "{:.1f}",
                "lower",
            ),
            Headline("Inflow", "sum(inflow_count)", "{:,.0f}", "neutral"),
        ],
        slicers=["reason"],
        breakdowns=["reason"],
        monthly=True,
        extra_table=(
            "Complaints by reason",
            "select reason, sum(complaint_count) as complaints, sum(resolved_complaint_count) as resolved "
            "from marts.product_complaints_monthly group by 1 order by 2 desc",
        ),
    ),
    "employee_experience": Page(
        "Employee experience",
        "employee_absenteeism_daily",
        "date_day",
        [
            Headline("Absenteeism", share("unplanned_absence_hours", "scheduled_hours"), "{:.2f}%", "lower"),
            Headline("Scheduled hours", "sum(scheduled_hours)", "{:,.0f}", "neutral"),
        ],
        slicers=["team_id"],
        breakdowns=["team_id"],
        extra_table=(
            "eNPS, happiness and turnover per month",
            "select p.month_start_date as month, p.team_id, round(p.enps, 1) as enps, round(p.mean_happiness, 2) "
            "as happiness, round(100 * t.agent_turnover_rate, 1) as turnover_pct from marts.employee_pulse_monthly p "
            "left join marts.employee_turnover_monthly t using (month_start_date, team_id) order by 1 desc, 2",
        ),
    ),
    "contact_centre": Page(
        "Contact centre",
        "contact_centre_queue_daily",
        "date_day",
        [
            Headline(
                "Avg speed of answer (s)",
                mean("answer_wait_seconds_sum", "answered_contact_count"),
                "{:.0f}",
                "lower",
            ),
            Headline(
                "Service level",
                share("answered_within_threshold_count", "offered_excluding_short_abandon_count"),
                PCT,
            ),
            Headline(
                "Abandonment rate",
                share("abandoned_contact_count", "offered_excluding_short_abandon_count"),
                PCT,
                "lower",
            ),
            Headline("Offered contacts", "sum(offered_contact_count)", "{:,.0f}", "neutral"),
        ],
        slicers=["team_id", "channel"],
        breakdowns=["team_id"],
        heatmap=(
            "Staffing gap by weekday and local hour, all teams (staffed - required by Erlang C; red is understaffed)",
            "select local_day_of_week as row, local_hour as column, "
            "sum(average_staffed_agents - coalesce(average_required_agents, 0)) as value "
            "from marts.contact_centre_staffing_weekly group by 1, 2",
        ),
    ),
}
