-- Every contact is counted exactly once in the marts that count contacts.
{% set checks = [
    ("sum(created_contact_count)", "speed_daily", "1 = 1"),
    ("sum(submitted_contact_count)", "team_submissions_daily", "1 = 1"),
    ("sum(submitted_contact_count)", "team_submissions_heatmap", "1 = 1"),
    ("sum(inflow_count)", "team_backlog_daily", "1 = 1"),
    ("sum(inflow_count)", "product_reasons_monthly", "1 = 1"),
    ("sum(resolved_contact_count)", "speed_daily", "is_solved"),
    ("sum(resolved_contact_count)", "effectiveness_daily", "is_solved"),
    ("sum(solved_at_least_once_count)", "effectiveness_daily", "was_ever_solved"),
    ("sum(open_contact_count)", "team_open_contacts_current", "not is_solved"),
    ("sum(human_handled_contact_count)", "contribution_revenue_daily", "is_human_handled"),
    ("sum(bot_conversation_count)", "automation_bot_daily", "is_bot_started"),
    ("sum(first_responded_contact_count)", "rep_activity_daily", "first_reply_agent_id is not null"),
    ("sum(resolved_contact_count)", "rep_activity_daily", "is_solved and last_reply_agent_id is not null"),
] %}
with

checks as (

    {% for expression, mart, condition in checks %}
        select
            '{{ mart }}: {{ expression }}' as check_name,
            (select {{ expression }} from {{ ref(mart) }}) as mart_total,
            (
                select count(*) from {{ ref('fct_contacts') }}
                where {{ condition }}
            ) as contact_total
        {% if not loop.last %}union all{% endif %}
    {% endfor %}

)

select * from checks
where coalesce(mart_total, 0) != contact_total
