-- Grain: one row per period type (day, week, month), period start and account segment.
-- A customer's latest NPS answer in the period counts once, so NPS is re-aggregable over
-- segments but not over periods: each period type is computed from the answers. Answers
-- without a customer are anonymous: each counts, as its own respondent.
with

responses as (

    select
        responses.response_id,
        responses.customer_id,
        responses.responded_at,
        responses.responded_date,
        responses.score,
        responses.nps_group,
        coalesce(customers.segment, 'none') as segment
    from {{ ref('fct_survey_responses') }} as responses
    left join {{ ref('dim_customers') }} as customers on responses.customer_id = customers.customer_id
    where responses.survey_type = 'nps'

),

periods as (

    select
        'day' as period_type,
        responses.responded_date as period_start_date,
        responses.*
    from responses
    union all
    select
        'week' as period_type,
        cast({{ dbt.date_trunc('week', 'responded_date') }} as date) as period_start_date,
        responses.*
    from responses
    union all
    select
        'month' as period_type,
        cast({{ dbt.date_trunc('month', 'responded_date') }} as date) as period_start_date,
        responses.*
    from responses

),

latest as (

    select
        *,
        row_number() over (
            partition by period_type, period_start_date, coalesce(customer_id, 'anonymous:' || response_id)
            order by responded_at desc, response_id desc
        ) as answer_rank
    from periods

),

final as (

    select
        period_type,
        period_start_date,
        segment,
        count(*) as nps_respondent_count,
        sum(case when nps_group = 'promoter' then 1 else 0 end) as promoter_count,
        sum(case when nps_group = 'passive' then 1 else 0 end) as passive_count,
        sum(case when nps_group = 'detractor' then 1 else 0 end) as detractor_count,
        100 * {{ ratio("sum(case when nps_group = 'promoter' then 1 else 0 end) "
            ~ "- sum(case when nps_group = 'detractor' then 1 else 0 end)", 'count(*)') }} as nps
    from latest
    where answer_rank = 1
    group by 1, 2, 3

)

{{ select_contract_columns('final') }}
