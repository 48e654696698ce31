with

source as (

    select * from {{ source('helpdesk', 'cost_lines') }}

),

renamed as (

    select
        cast({{ scoped_id('cost_line_id') }} as {{ dbt.type_string() }}) as cost_line_id,
        cast(incurred_on as date) as incurred_on,
        cast(cost_category as {{ dbt.type_string() }}) as cost_category,
        cast(channel as {{ dbt.type_string() }}) as source_channel,
        cast(amount_usd as {{ dbt.type_numeric() }}) as amount_usd,
        cast(_source_system as {{ dbt.type_string() }}) as source_system,
        cast(_load_id as {{ dbt.type_string() }}) as load_id,
        _loaded_at as loaded_at

    from source

),

mapped as (

    {{ select_with_mapped_channel('renamed') }}

)

select * from mapped
