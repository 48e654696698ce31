-- Cost per human-handled contact per month, and revenue attributed to service.
with

cost as (

    select
        cast({{ dbt.date_trunc('month', 'date_day') }} as date) as month_start,
        {{ ratio('sum(total_cost_usd)', 'sum(human_handled_contact_count)') }} as cost_per_contact_usd
    from {{ ref('contribution_cost_daily') }}
    group by 1

),

revenue as (

    select
        cast({{ dbt.date_trunc('month', 'date_day') }} as date) as month_start,
        sum(attributed_revenue_usd) as attributed_revenue_usd
    from {{ ref('contribution_revenue_daily') }}
    group by 1

)

select
    cost.month_start,
    cost.cost_per_contact_usd,
    revenue.attributed_revenue_usd
from cost
left join revenue on cost.month_start = revenue.month_start
order by 1
