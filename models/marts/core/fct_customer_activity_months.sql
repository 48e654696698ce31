-- Grain: one row per customer and calendar month (reporting time zone) from the month the
-- customer first ordered or subscribed. A customer is active at instant t when they have
-- an order in [t - 90 days, t) or a subscription with start <= t < end.
with

customers as (

    select customer_id, account_id, segment, became_customer_at
    from {{ ref('dim_customers') }}
    where became_customer_at is not null

),

orders as (

    select customer_id, ordered_at, is_upsell from {{ ref('fct_orders') }}

),

subscriptions as (

    select customer_id, starts_at, ends_at from {{ ref('fct_subscriptions') }}

),

months as (

    select distinct
        month_start_date,
        {{ reporting_day_start('month_start_date') }} as period_starts_at,
        {{ reporting_day_start('cast(' ~ dbt.dateadd('month', 1, 'month_start_date') ~ ' as date)') }}
            as period_ends_at
    from {{ ref('dim_dates') }}
    where month_start_date <= cast({{ as_of_timestamp() }} as date)

),

customer_months as (

    select
        customers.customer_id,
        customers.account_id,
        customers.segment,
        customers.became_customer_at,
        months.month_start_date,
        months.period_starts_at,
        months.period_ends_at
    from customers
    inner join months on customers.became_customer_at < months.period_ends_at

),

order_facts as (

    select
        customer_months.customer_id,
        customer_months.month_start_date,
        max(case when orders.ordered_at < customer_months.period_starts_at then orders.ordered_at end)
            as last_order_before_start_at,
        max(orders.ordered_at) as last_order_before_end_at,
        sum(case when orders.ordered_at >= customer_months.period_starts_at then 1 else 0 end) as order_count,
        sum(case when orders.ordered_at >= customer_months.period_starts_at and orders.is_upsell then 1 else 0 end)
            as upsell_order_count
    from customer_months
    inner join orders
        on customer_months.customer_id = orders.customer_id and customer_months.period_ends_at > orders.ordered_at
    group by customer_months.customer_id, customer_months.month_start_date

),

subscription_facts as (

    select
        customer_months.customer_id,
        customer_months.month_start_date,
        max(case
            when
                subscriptions.starts_at <= customer_months.period_starts_at
                and (subscriptions.ends_at is null or subscriptions.ends_at > customer_months.period_starts_at)
                then 1
            else 0
        end) = 1 as has_subscription_at_start,
        max(case
            when
                subscriptions.starts_at <= customer_months.period_ends_at
                and (subscriptions.ends_at is null or subscriptions.ends_at > customer_months.period_ends_at)
                then 1
            else 0
        end) = 1 as has_subscription_at_end,
        max(case when subscriptions.starts_at >= customer_months.period_starts_at then 1 else 0 end) = 1
            as has_subscription_start_in_period
    from customer_months
    inner join subscriptions
        on
            customer_months.customer_id = subscriptions.customer_id
            and customer_months.period_ends_at >= subscriptions.starts_at
    group by customer_months.customer_id, customer_months.month_start_date

),

final as (

    select
        customer_months.customer_id || ':' || cast(customer_months.month_start_date as {{ dbt.type_string() }})
            as customer_month_id,
        customer_months.customer_id,
        customer_months.account_id,
        coalesce(customer_months.segment, 'none') as segment,
        customer_months.month_start_date,
        customer_months.period_ends_at <= {{ as_of_timestamp() }} as is_period_complete,
        coalesce(
            order_facts.last_order_before_start_at
            >= {{ dbt.dateadd('day', -var('active_customer_window_days'), 'customer_months.period_starts_at') }},
            false
        )
        or coalesce(subscription_facts.has_subscription_at_start, false) as is_active_at_start,
        coalesce(
            order_facts.last_order_before_end_at
            >= {{ dbt.dateadd('day', -var('active_customer_window_days'), 'customer_months.period_ends_at') }},
            false
        )
        or coalesce(subscription_facts.has_subscription_at_end, false) as is_active_at_end,
        coalesce(order_facts.order_count, 0) > 0 as has_order_in_period,
        coalesce(order_facts.upsell_order_count, 0) > 0 as has_upsell_order_in_period,
        coalesce(subscription_facts.has_subscription_start_in_period, false) as has_subscription_start_in_period,
        customer_months.became_customer_at >= customer_months.period_starts_at as is_new_in_period
    from customer_months
    left join order_facts
        on
            customer_months.customer_id = order_facts.customer_id
            and customer_months.month_start_date = order_facts.month_start_date
    left join subscription_facts
        on
            customer_months.customer_id = subscription_facts.customer_id
            and customer_months.month_start_date = subscription_facts.month_start_date

)

select
    *,
    is_active_at_start or has_order_in_period or has_subscription_start_in_period as is_active_in_period
from final
