-- Zendesk tickets (Fivetran `ticket`) in the shape of stg_helpdesk__tickets. Deleted tickets
-- are left out (Zendesk removes them from every view and report); a ticket without a priority
-- is `normal`, Zendesk's default; the reason is the ticket type (question, incident, problem,
-- task); the team is the ticket's current group; the schedule is the one a trigger applied
-- at creation (Zendesk's ticket_schedule within seconds of it), else the team's (Zendesk's
-- default schedule). A schedule applied later does not change the ticket's business clock.
with

tickets as (

    select * from {{ source('zendesk', 'ticket') }}

),

tags as (

    select
        ticket_id,
        {{ dbt.listagg('tag', "';'", 'order by tag') }} as tags
    from {{ source('zendesk', 'ticket_tag') }}
    group by ticket_id

),

{% if zendesk_schedules_enabled() -%}
    schedules_at_creation as (

        -- Zendesk writes a trigger's schedule up to a few seconds after the ticket; of two
        -- triggers, the later one's stands.
        select
            ticket_schedule.ticket_id,
            ticket_schedule.schedule_id,
            row_number() over (
                partition by ticket_schedule.ticket_id
                order by ticket_schedule.created_at desc, ticket_schedule.schedule_id desc
            ) as recency
        from {{ source('zendesk', 'ticket_schedule') }} as ticket_schedule
        inner join tickets on ticket_schedule.ticket_id = tickets.id
        where
            ticket_schedule.created_at >= tickets.created_at
            and ticket_schedule.created_at <= {{ dbt.dateadd('second', 5, 'tickets.created_at') }}

    ),

{% endif -%}
renamed as (

    select
        {{ connector_id('zendesk', 'tickets.id') }} as ticket_id,
        cast(tickets.via_channel as {{ dbt.type_string() }}) as source_channel,
        cast(coalesce(tickets.priority, 'normal') as {{ dbt.type_string() }}) as priority,
        cast(tickets.type as {{ dbt.type_string() }}) as reason,
        {{ connector_id('zendesk', 'tickets.requester_id') }} as customer_id,
        {{ connector_id('zendesk', 'tickets.group_id') }} as team_id,
        {%- if zendesk_schedules_enabled() %}
            {{ connector_id('zendesk', 'schedules_at_creation.schedule_id') }} as schedule_id,
        {%- else %}
        cast(null as {{ dbt.type_string() }}) as schedule_id,
        {%- endif %}
        cast(tickets.created_at as {{ dbt.type_timestamp() }}) as created_at,
        cast(tags.tags as {{ dbt.type_string() }}) as tags,
        cast(tickets.subject as {{ dbt.type_string() }}) as subject,
        cast(tickets.updated_at as {{ dbt.type_timestamp() }}) as updated_at,
        cast('{{ var("zendesk_source_system") }}' as {{ dbt.type_string() }}) as source_system,
        cast(null as {{ dbt.type_string() }}) as load_id,
        cast(tickets._fivetran_synced as {{ dbt.type_timestamp() }}) as loaded_at
    from tickets
    left join tags on tickets.id = tags.ticket_id
    {%- if zendesk_schedules_enabled() %}
        left join schedules_at_creation
            on tickets.id = schedules_at_creation.ticket_id and schedules_at_creation.recency = 1
    {%- endif %}
    where tickets.status <> 'deleted'

),

mapped as (

    {{ select_with_mapped_channel('renamed') }}

)

select * from mapped
