-- Monthly first contact resolution and reopen rate per team.
select
    {{ dbt.date_trunc('month', 'date_day') }} as month_start,
    team_id,
    {{ ratio('sum(fcr_contact_count)', 'sum(fcr_eligible_contact_count)') }} as fcr_rate,
    {{ ratio('sum(reopened_contact_count)', 'sum(solved_at_least_once_count)') }} as reopen_rate
from {{ ref('effectiveness_daily') }}
group by 1, 2
order by 1, 2
