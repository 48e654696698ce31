-- Grain: one row per month: the Social Promoter Score, i.e. the share of active customers
-- who made a referral in the month whose referred customer placed a first order within
-- 90 days after it, and the referral conversion rate.
with

activity as (

    select * from {{ ref('fct_customer_activity_months') }}

),

referrals as (

    select *, cast({{ dbt.date_trunc('month', 'referred_date') }} as date) as month_start_date
    from {{ ref('fct_referrals') }}

),

referral_counts as (

    select
        month_start_date,
        count(*) as referral_count,
        sum(case when is_converted then 1 else 0 end) as converted_referral_count
    from referrals
    group by month_start_date

),

promoters as (

    select distinct month_start_date, referrer_customer_id as customer_id
    from referrals
    where is_converted

),

active as (

    select
        activity.month_start_date,
        count(*) as active_customer_count,
        sum(case when promoters.customer_id is not null then 1 else 0 end) as social_promoter_count
    from activity
    left join promoters
        on activity.month_start_date = promoters.month_start_date and activity.customer_id = promoters.customer_id
    where activity.is_active_in_period
    group by activity.month_start_date

),

final as (

    select
        active.month_start_date,
        active.active_customer_count,
        active.social_promoter_count,
        100 * {{ ratio('active.social_promoter_count', 'active.active_customer_count') }} as social_promoter_score,
        coalesce(referral_counts.referral_count, 0) as referral_count,
        coalesce(referral_counts.converted_referral_count, 0) as converted_referral_count,
        {{ ratio('referral_counts.converted_referral_count', 'referral_counts.referral_count') }}
            as referral_conversion_rate
    from active
    left join referral_counts on active.month_start_date = referral_counts.month_start_date

)

{{ select_contract_columns('final') }}
