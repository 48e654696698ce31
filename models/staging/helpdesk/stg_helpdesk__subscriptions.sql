with

source as (

    select * from {{ source('helpdesk', 'subscriptions') }}

),

renamed as (

    select
        cast({{ scoped_id('subscription_id') }} as {{ dbt.type_string() }}) as subscription_id,
        cast({{ scoped_id('customer_id') }} as {{ dbt.type_string() }}) as customer_id,
        cast(starts_at as {{ dbt.type_timestamp() }}) as starts_at,
        cast(ends_at as {{ dbt.type_timestamp() }}) as ends_at,
        cast(_source_system as {{ dbt.type_string() }}) as source_system,
        cast(_load_id as {{ dbt.type_string() }}) as load_id,
        _loaded_at as loaded_at

    from source

)

select * from renamed
