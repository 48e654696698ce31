-- The per-agent open-case snapshot and the team backlog count the same open contacts each day.
with

by_agent as (

    select date_day, sum(open_contact_count) as open_contact_count
    from {{ ref('rep_open_cases_daily') }}
    group by date_day

),

by_team as (

    select date_day, sum(open_backlog_count) as open_backlog_count
    from {{ ref('team_backlog_daily') }}
    group by date_day

)

select by_team.date_day, by_team.open_backlog_count, by_agent.open_contact_count
from by_team
left join by_agent on by_team.date_day = by_agent.date_day
where by_team.open_backlog_count != coalesce(by_agent.open_contact_count, 0)
