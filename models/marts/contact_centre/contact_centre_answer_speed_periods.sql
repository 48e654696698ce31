-- Grain: one row per period (day, ISO week, month of the queue entry's reporting date) and
-- team: the median and 90th percentile of the speed of answer. Percentiles cannot be
-- re-aggregated from days, hence one row per period type.
with

answered as (

    select queued_date, team_id, wait_seconds
    from {{ ref('fct_queue_entries') }}
    where outcome = 'answered'

),

periods as (

    select 'day' as period_type, queued_date as period_start_date, team_id, wait_seconds from answered
    union all
    select
        'week' as period_type,
        cast({{ dbt.date_trunc('week', 'queued_date') }} as date) as period_start_date,
        team_id,
        wait_seconds
    from answered
    union all
    select
        'month' as period_type,
        cast({{ dbt.date_trunc('month', 'queued_date') }} as date) as period_start_date,
        team_id,
        wait_seconds
    from answered

),

final as (

    select
        period_type,
        period_start_date,
        team_id,
        count(*) as answered_contact_count,
        sum(wait_seconds) as answer_wait_seconds_sum,
        {{ ratio('sum(wait_seconds)', 'count(*)') }} as average_speed_of_answer_seconds,
        percentile_cont(0.5) within group (order by wait_seconds) as median_speed_of_answer_seconds,
        percentile_cont(0.9) within group (order by wait_seconds) as p90_speed_of_answer_seconds
    from periods
    group by period_type, period_start_date, team_id

)

{{ select_contract_columns('final') }}
