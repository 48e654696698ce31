-- Grain: one row per customer account.
with

accounts as (

    {{ staged('accounts') }}

),

final as (

    select
        account_id,
        account_name,
        segment,
        account_value_usd
    from accounts

)

{{ select_contract_columns('final') }}
