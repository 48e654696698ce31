with

source as (

    select * from {{ source('helpdesk', 'agents') }}

),

renamed as (

    select
        cast({{ scoped_id('agent_id') }} as {{ dbt.type_string() }}) as agent_id,
        cast(agent_name as {{ dbt.type_string() }}) as agent_name,
        cast({{ scoped_id('team_id') }} as {{ dbt.type_string() }}) as team_id,
        cast(is_bot as {{ dbt.type_boolean() }}) as is_bot,
        cast(hired_on as date) as hired_on,
        cast(left_on as date) as left_on,
        cast(hourly_cost_usd as {{ dbt.type_numeric() }}) as hourly_cost_usd,
        cast(_source_system as {{ dbt.type_string() }}) as source_system,
        cast(_load_id as {{ dbt.type_string() }}) as load_id,
        _loaded_at as loaded_at

    from source

)

select * from renamed
