-- Intercom admins, and the bots that wrote parts, in the shape of stg_helpdesk__agents. An
-- admin's team is the first team they belong to (`team_admin`); Intercom keeps no hire date or
-- cost. A bot has no row of its own in Intercom: each bot author id of a part is one bot.
with

admins as (

    select * from {{ source('intercom', 'admin') }}
    where not coalesce(_fivetran_deleted, false)

),

memberships as (

    select * from {{ ref('base_intercom__admin_teams') }}

),

bots as (

    select author_id, max(_fivetran_synced) as _fivetran_synced
    from {{ ref('base_intercom__conversation_parts') }}
    where author_type = 'bot'
    group by author_id

),

renamed as (

    select
        {{ connector_id('intercom', 'admins.id') }} as agent_id,
        cast(admins.name as {{ dbt.type_string() }}) as agent_name,
        {{ connector_id('intercom', 'memberships.team_id') }} as team_id,
        cast(false as {{ dbt.type_boolean() }}) as is_bot,
        cast(null as date) as hired_on,
        cast(null as date) as left_on,
        cast(null as {{ dbt.type_numeric() }}) as hourly_cost_usd,
        cast('{{ var("intercom_source_system") }}' as {{ dbt.type_string() }}) as source_system,
        cast(null as {{ dbt.type_string() }}) as load_id,
        cast(admins._fivetran_synced as {{ dbt.type_timestamp() }}) as loaded_at
    from admins
    left join memberships on admins.id = memberships.admin_id

    union all

    select
        {{ connector_id('intercom', 'author_id') }} as agent_id,
        cast('Intercom bot' as {{ dbt.type_string() }}) as agent_name,
        cast(null as {{ dbt.type_string() }}) as team_id,
        cast(true as {{ dbt.type_boolean() }}) as is_bot,
        cast(null as date) as hired_on,
        cast(null as date) as left_on,
        cast(null as {{ dbt.type_numeric() }}) as hourly_cost_usd,
        cast('{{ var("intercom_source_system") }}' as {{ dbt.type_string() }}) as source_system,
        cast(null as {{ dbt.type_string() }}) as load_id,
        cast(_fivetran_synced as {{ dbt.type_timestamp() }}) as loaded_at
    from bots

)

select * from renamed
