-- Daily inflow, outflow, reopens and open backlog over all channels and teams.
select
    date_day,
    sum(inflow_count) as inflow,
    sum(outflow_count) as outflow,
    sum(reopen_count) as reopens,
    sum(open_backlog_count) as open_backlog
from {{ ref('team_backlog_daily') }}
group by date_day
order by date_day
