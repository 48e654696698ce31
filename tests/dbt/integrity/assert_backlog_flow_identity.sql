-- Backlog today = backlog yesterday + inflow - outflow + reopens, per source system, channel and team.
with

backlog as (

    select
        *,
        lag(open_backlog_count) over (
            partition by source_system, channel, team_id order by date_day
        ) as previous_backlog_count
    from {{ ref('team_backlog_daily') }}

)

select *
from backlog
where open_backlog_count != coalesce(previous_backlog_count, 0) + inflow_count - outflow_count + reopen_count
