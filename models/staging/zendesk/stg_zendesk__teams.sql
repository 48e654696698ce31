-- Zendesk groups (Fivetran `group`) in the shape of stg_helpdesk__teams. A group has no
-- schedule of its own in Zendesk: each works to the account's default schedule (the project's
-- default schedule without Zendesk schedules); a trigger's schedule sits on the ticket.
with

groups as (

    select * from {{ source('zendesk', 'group') }}
    where not coalesce(_fivetran_deleted, false)

),

{% if zendesk_schedules_enabled() -%}
    default_schedule as (

        select schedule_id from {{ ref('stg_zendesk__business_schedules') }}
        where is_default

    ),

{% endif -%}
renamed as (

    select
        {{ connector_id('zendesk', 'groups.id') }} as team_id,
        cast(groups.name as {{ dbt.type_string() }}) as team_name,
        {%- if zendesk_schedules_enabled() %}
            coalesce(default_schedule.schedule_id, '{{ var("default_schedule_id") }}') as schedule_id,
        {%- else %}
        cast('{{ var("default_schedule_id") }}' as {{ dbt.type_string() }}) as schedule_id,
        {%- endif %}
        cast('{{ var("zendesk_source_system") }}' as {{ dbt.type_string() }}) as source_system,
        cast(null as {{ dbt.type_string() }}) as load_id,
        cast(groups._fivetran_synced as {{ dbt.type_timestamp() }}) as loaded_at
    from groups
    {%- if zendesk_schedules_enabled() %}
    left join default_schedule on 1 = 1
    {%- endif %}

)

select * from renamed
