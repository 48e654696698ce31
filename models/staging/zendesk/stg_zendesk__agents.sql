-- Zendesk agents and admins (Fivetran `user`) in the shape of stg_helpdesk__agents. Zendesk
-- keeps no hire date, team or cost: an agent is hired on the day the user was created, belongs
-- to no team (agents work tickets of any group) and has no hourly cost; a deactivated agent
-- left on the day of the user's last update.
with

users as (

    select * from {{ source('zendesk', 'user') }}
    where role in ('agent', 'admin')

),

renamed as (

    select
        {{ connector_id('zendesk', 'id') }} as agent_id,
        cast(name as {{ dbt.type_string() }}) as agent_name,
        cast(null as {{ dbt.type_string() }}) as team_id,
        cast(false as {{ dbt.type_boolean() }}) as is_bot,
        cast(created_at as date) as hired_on,
        cast(case when not active then updated_at end as date) as left_on,
        cast(null as {{ dbt.type_numeric() }}) as hourly_cost_usd,
        cast('{{ var("zendesk_source_system") }}' as {{ dbt.type_string() }}) as source_system,
        cast(null as {{ dbt.type_string() }}) as load_id,
        cast(_fivetran_synced as {{ dbt.type_timestamp() }}) as loaded_at
    from users

)

select * from renamed
