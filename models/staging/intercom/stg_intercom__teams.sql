-- Intercom teams in the shape of stg_helpdesk__teams; each works to the default schedule.
with

teams as (

    select * from {{ source('intercom', 'team') }}
    where not coalesce(_fivetran_deleted, false)

),

renamed as (

    select
        {{ connector_id('intercom', 'id') }} as team_id,
        cast(name as {{ dbt.type_string() }}) as team_name,
        cast('{{ var("default_schedule_id") }}' as {{ dbt.type_string() }}) as schedule_id,
        cast('{{ var("intercom_source_system") }}' as {{ dbt.type_string() }}) as source_system,
        cast(null as {{ dbt.type_string() }}) as load_id,
        cast(_fivetran_synced as {{ dbt.type_timestamp() }}) as loaded_at
    from teams

)

select * from renamed
