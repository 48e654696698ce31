-- eNPS per team and quarter from counts, never from averaged monthly scores.
select
    {{ dbt.date_trunc('quarter', 'month_start_date') }} as quarter_start,
    team_id,
    100 * {{ ratio('sum(enps_promoter_count) - sum(enps_detractor_count)', 'sum(enps_response_count)') }} as enps
from {{ ref('employee_pulse_monthly') }}
group by 1, 2
order by 1, 2
