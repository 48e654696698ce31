-- Grain: one row per subscription, active on [starts_at, ends_at).
with

subscriptions as (

    select * from {{ ref('stg_helpdesk__subscriptions') }}

),

final as (

    select
        subscription_id,
        customer_id,
        starts_at,
        ends_at
    from subscriptions

)

select * from final
