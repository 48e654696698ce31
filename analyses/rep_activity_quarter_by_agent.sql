-- Average handle time and contacts per scheduled hour per agent over a quarter.
select
    agent_id,
    {{ ratio('sum(handle_seconds)', 'sum(worked_contact_count)') }} / 60 as aht_minutes,
    {{ ratio('sum(handled_contact_count)', 'sum(scheduled_hours)') }} as contacts_per_scheduled_hour,
    sum(open_backlog_net_change) as open_backlog_net_change
from {{ ref('rep_activity_daily') }}
where date_day >= cast('2025-10-01' as date) and date_day < cast('2026-01-01' as date)
group by agent_id
order by aht_minutes desc
