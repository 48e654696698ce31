with

source as (

    select * from {{ source('helpdesk', 'agents') }}

),

renamed as (

    select
        cast(agent_id as {{ dbt.type_string() }}) as agent_id,
        cast(agent_name as {{ dbt.type_string() }}) as agent_name,
        cast(team_id as {{ dbt.type_string() }}) as team_id,
        cast(is_bot as {{ dbt.type_boolean() }}) as is_bot,
        cast(hired_on as date) as hired_on,
        cast(left_on as date) as left_on,
        cast(hourly_cost_usd as {{ dbt.type_numeric() }}) as hourly_cost_usd,
        _loaded_at as loaded_at

    from source

)

select * from renamed
