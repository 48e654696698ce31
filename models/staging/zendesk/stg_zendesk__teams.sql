-- Zendesk groups (Fivetran `group`) in the shape of stg_helpdesk__teams. Every group works to
-- the project's default schedule until Zendesk schedules are mapped.
with

groups as (

    select * from {{ source('zendesk', 'group') }}
    where not coalesce(_fivetran_deleted, false)

),

renamed as (

    select
        {{ connector_id('zendesk', 'id') }} as team_id,
        cast(name as {{ dbt.type_string() }}) as team_name,
        cast('{{ var("default_schedule_id") }}' as {{ dbt.type_string() }}) as schedule_id,
        cast('{{ var("zendesk_source_system") }}' as {{ dbt.type_string() }}) as source_system,
        cast(null as {{ dbt.type_string() }}) as load_id,
        cast(_fivetran_synced as {{ dbt.type_timestamp() }}) as loaded_at
    from groups

)

select * from renamed
