with

source as (

    select * from {{ source('helpdesk', 'customers') }}

),

renamed as (

    select
        cast({{ scoped_id('customer_id') }} as {{ dbt.type_string() }}) as customer_id,
        cast({{ scoped_id('account_id') }} as {{ dbt.type_string() }}) as account_id,
        cast(created_at as {{ dbt.type_timestamp() }}) as created_at,
        cast(country as {{ dbt.type_string() }}) as country,
        cast(_source_system as {{ dbt.type_string() }}) as source_system,
        cast(_load_id as {{ dbt.type_string() }}) as load_id,
        _loaded_at as loaded_at

    from source

)

select * from renamed
