-- Grain: one row per customer, with account attributes and first purchase moments.
with

customers as (

    select * from {{ ref('int_customers') }}

),

accounts as (

    {{ staged('accounts') }}

),

orders as (

    select customer_id, min(ordered_at) as first_ordered_at, count(*) as order_count
    from {{ ref('stg_helpdesk__orders') }}
    group by customer_id

),

subscriptions as (

    select customer_id, min(starts_at) as first_subscription_starts_at
    from {{ ref('stg_helpdesk__subscriptions') }}
    group by customer_id

),

final as (

    select
        customers.customer_id,
        customers.account_id,
        accounts.segment,
        accounts.account_value_usd,
        customers.country,
        customers.created_at,
        orders.first_ordered_at,
        subscriptions.first_subscription_starts_at,
        case
            when orders.first_ordered_at is null then subscriptions.first_subscription_starts_at
            when subscriptions.first_subscription_starts_at is null then orders.first_ordered_at
            when orders.first_ordered_at < subscriptions.first_subscription_starts_at then orders.first_ordered_at
            else subscriptions.first_subscription_starts_at
        end as became_customer_at,
        coalesce(orders.order_count, 0) as order_count
    from customers
    left join accounts on customers.account_id = accounts.account_id
    left join orders on customers.customer_id = orders.customer_id
    left join subscriptions on customers.customer_id = subscriptions.customer_id

)

select * from final
