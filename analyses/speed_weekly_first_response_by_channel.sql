-- Weekly first response time in business minutes per channel, re-aggregated from sums.
select
    {{ dbt.date_trunc('week', 'date_day') }} as week_start,
    channel,
    {{ ratio('sum(first_response_business_minutes_sum)', 'sum(first_responded_contact_count)') }}
        as avg_first_response_business_minutes,
    {{ ratio('sum(first_response_sla_achieved_count)', 'sum(first_response_sla_measured_count)') }}
        as first_response_sla_attainment
from {{ ref('speed_daily') }}
group by 1, 2
order by 1, 2
