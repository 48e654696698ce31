with

source as (

    select * from {{ source('helpdesk', 'orders') }}

),

renamed as (

    select
        cast({{ scoped_id('order_id') }} as {{ dbt.type_string() }}) as order_id,
        cast({{ scoped_id('customer_id') }} as {{ dbt.type_string() }}) as customer_id,
        cast(ordered_at as {{ dbt.type_timestamp() }}) as ordered_at,
        cast(amount_usd as {{ dbt.type_numeric() }}) as amount_usd,
        cast(is_upsell as {{ dbt.type_boolean() }}) as is_upsell,
        cast(_source_system as {{ dbt.type_string() }}) as source_system,
        cast(_load_id as {{ dbt.type_string() }}) as load_id,
        _loaded_at as loaded_at

    from source

)

select * from renamed
