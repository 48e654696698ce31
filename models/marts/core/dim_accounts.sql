-- Grain: one row per customer account.
with

accounts as (

    select * from {{ ref('stg_helpdesk__accounts') }}

),

final as (

    select
        account_id,
        account_name,
        segment,
        account_value_usd
    from accounts

)

select * from final
