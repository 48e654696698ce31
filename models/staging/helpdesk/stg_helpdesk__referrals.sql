with

source as (

    select * from {{ source('helpdesk', 'referrals') }}

),

renamed as (

    select
        cast({{ scoped_id('referral_id') }} as {{ dbt.type_string() }}) as referral_id,
        cast({{ scoped_id('referrer_customer_id') }} as {{ dbt.type_string() }}) as referrer_customer_id,
        cast({{ scoped_id('referred_customer_id') }} as {{ dbt.type_string() }}) as referred_customer_id,
        cast(referred_at as {{ dbt.type_timestamp() }}) as referred_at,
        cast(_source_system as {{ dbt.type_string() }}) as source_system,
        cast(_load_id as {{ dbt.type_string() }}) as load_id,
        _loaded_at as loaded_at

    from source

)

select * from renamed
