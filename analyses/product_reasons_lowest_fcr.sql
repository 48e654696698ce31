-- Contact reasons ranked by FCR over the whole period, with their volume.
select
    reason,
    {{ ratio('sum(fcr_contact_count)', 'sum(fcr_eligible_contact_count)') }} as fcr_rate,
    sum(inflow_count) as contacts,
    {{ ratio('sum(resolution_calendar_hours_sum)', 'sum(resolved_contact_count)') }} as avg_resolution_hours
from {{ ref('product_reasons_monthly') }}
group by reason
order by fcr_rate
