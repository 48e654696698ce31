-- NPS per month over all segments (counts add up across segments) next to CSAT.
with

nps as (

    select
        period_start_date as month_start,
        100 * {{ ratio('sum(promoter_count) - sum(detractor_count)', 'sum(nps_respondent_count)') }} as nps
    from {{ ref('satisfaction_nps_periods') }}
    where period_type = 'month'
    group by 1

),

csat as (

    select
        cast({{ dbt.date_trunc('month', 'date_day') }} as date) as month_start,
        100 * {{ ratio('sum(csat_satisfied_count)', 'sum(csat_response_count)') }} as csat
    from {{ ref('satisfaction_surveys_daily') }}
    group by 1

)

select
    nps.month_start,
    nps.nps,
    csat.csat
from nps
left join csat on nps.month_start = csat.month_start
order by 1
