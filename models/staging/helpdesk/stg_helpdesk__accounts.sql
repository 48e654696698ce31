with

source as (

    select * from {{ source('helpdesk', 'accounts') }}

),

renamed as (

    select
        cast({{ scoped_id('account_id') }} as {{ dbt.type_string() }}) as account_id,
        cast(account_name as {{ dbt.type_string() }}) as account_name,
        cast(segment as {{ dbt.type_string() }}) as segment,
        cast(account_value_usd as {{ dbt.type_numeric() }}) as account_value_usd,
        cast(_source_system as {{ dbt.type_string() }}) as source_system,
        cast(_load_id as {{ dbt.type_string() }}) as load_id,
        _loaded_at as loaded_at

    from source

)

select * from renamed
