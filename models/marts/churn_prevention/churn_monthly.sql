-- Grain: one row per month and account segment: churn, retention, defection and upsell.
-- Period metrics depend on the period's boundaries, so they are computed per month (not
-- summed from days); segments re-aggregate by summing the counts.
with

activity as (

    select * from {{ ref('fct_customer_activity_months') }}

),

next_month as (

    select
        customer_id,
        cast({{ dbt.dateadd('month', -1, 'month_start_date') }} as date) as previous_month_start_date,
        has_order_in_period,
        is_period_complete
    from activity

),

final as (

    select
        activity.month_start_date,
        activity.segment,
        max(case when activity.is_period_complete then 1 else 0 end) = 1 as is_period_complete,
        sum(case when activity.is_active_at_start then 1 else 0 end) as active_at_start_count,
        sum(case when activity.is_active_at_start and not activity.is_active_at_end then 1 else 0 end)
            as churned_customer_count,
        {{ ratio('sum(case when activity.is_active_at_start and not activity.is_active_at_end then 1 else 0 end)',
            'sum(case when activity.is_active_at_start then 1 else 0 end)') }} as churn_rate,
        sum(case when activity.is_active_at_end then 1 else 0 end) as active_at_end_count,
        sum(case when activity.is_new_in_period then 1 else 0 end) as new_customer_count,
        100 * {{ ratio('sum(case when activity.is_active_at_end then 1 else 0 end) '
            ~ '- sum(case when activity.is_new_in_period then 1 else 0 end)',
            'sum(case when activity.is_active_at_start then 1 else 0 end)') }} as customer_retention_rate,
        sum(case when activity.is_active_in_period then 1 else 0 end) as active_in_period_count,
        sum(case when activity.is_active_in_period and activity.has_upsell_order_in_period then 1 else 0 end)
            as upsell_customer_count,
        {{ ratio('sum(case when activity.is_active_in_period and activity.has_upsell_order_in_period '
            ~ 'then 1 else 0 end)', 'sum(case when activity.is_active_in_period then 1 else 0 end)') }}
            as upsell_rate,
        sum(case when activity.has_order_in_period then 1 else 0 end) as buying_customer_count,
        sum(case
            when activity.has_order_in_period and coalesce(next_month.is_period_complete, false)
                and not coalesce(next_month.has_order_in_period, false) then 1
            else 0
        end) as defected_customer_count,
        max(case when next_month.is_period_complete then 1 else 0 end) = 1 as is_next_period_complete,
        case
            when max(case when next_month.is_period_complete then 1 else 0 end) = 1
                then {{ ratio('sum(case when activity.has_order_in_period '
                    ~ 'and not coalesce(next_month.has_order_in_period, false) then 1 else 0 end)',
                    'sum(case when activity.has_order_in_period then 1 else 0 end)') }}
        end as customer_defection_rate
    from activity
    left join next_month
        on
            activity.customer_id = next_month.customer_id
            and activity.month_start_date = next_month.previous_month_start_date
    group by activity.month_start_date, activity.segment

)

{{ select_contract_columns('final') }}
