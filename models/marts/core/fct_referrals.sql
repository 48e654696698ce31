-- Grain: one row per referral, with whether the referred customer placed a first order
-- within N days (var referral_conversion_window_days) after the referral.
with

referrals as (

    select * from {{ ref('stg_helpdesk__referrals') }}

),

first_orders as (

    select customer_id, min(ordered_at) as first_ordered_at
    from {{ ref('stg_helpdesk__orders') }}
    group by customer_id

),

final as (

    select
        referrals.referral_id,
        referrals.referrer_customer_id,
        referrals.referred_customer_id,
        referrals.referred_at,
        {{ reporting_date('referrals.referred_at') }} as referred_date,
        first_orders.first_ordered_at as referred_first_ordered_at,
        coalesce(
            first_orders.first_ordered_at >= referrals.referred_at
            and first_orders.first_ordered_at
            <= {{ dbt.dateadd('day', var('referral_conversion_window_days'), 'referrals.referred_at') }},
            false
        ) as is_converted
    from referrals
    left join first_orders on referrals.referred_customer_id = first_orders.customer_id

)

select * from final
