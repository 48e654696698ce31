with

source as (

    select * from {{ source('helpdesk', 'referrals') }}

),

renamed as (

    select
        cast(referral_id as {{ dbt.type_string() }}) as referral_id,
        cast(referrer_customer_id as {{ dbt.type_string() }}) as referrer_customer_id,
        cast(referred_customer_id as {{ dbt.type_string() }}) as referred_customer_id,
        cast(referred_at as {{ dbt.type_timestamp() }}) as referred_at,
        _loaded_at as loaded_at

    from source

)

select * from renamed
