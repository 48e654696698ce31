with

source as (

    select * from {{ source('helpdesk', 'customers') }}

),

renamed as (

    select
        cast(customer_id as {{ dbt.type_string() }}) as customer_id,
        cast(account_id as {{ dbt.type_string() }}) as account_id,
        cast(created_at as {{ dbt.type_timestamp() }}) as created_at,
        cast(country as {{ dbt.type_string() }}) as country,
        _loaded_at as loaded_at

    from source

)

select * from renamed
