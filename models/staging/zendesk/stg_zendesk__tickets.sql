-- Zendesk tickets (Fivetran `ticket`) in the shape of stg_helpdesk__tickets. Deleted tickets
-- are left out (Zendesk removes them from every view and report); a ticket without a priority
-- is `normal`, Zendesk's default; the reason is the ticket type (question, incident, problem,
-- task); the team is the ticket's current group.
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

renamed as (

    select
        {{ connector_id('zendesk', 'tickets.id') }} as ticket_id,
        cast(tickets.via_channel as {{ dbt.type_string() }}) as source_channel,
        cast(coalesce(tickets.priority, 'normal') as {{ dbt.type_string() }}) as priority,
        cast(tickets.type as {{ dbt.type_string() }}) as reason,
        {{ connector_id('zendesk', 'tickets.requester_id') }} as customer_id,
        {{ connector_id('zendesk', 'tickets.group_id') }} as team_id,
        cast(tickets.created_at as {{ dbt.type_timestamp() }}) as created_at,
        cast(tags.tags as {{ dbt.type_string() }}) as tags,
        cast(tickets.subject as {{ dbt.type_string() }}) as subject,
        cast(tickets.updated_at as {{ dbt.type_timestamp() }}) as updated_at,
        cast('{{ var("zendesk_source_system") }}' as {{ dbt.type_string() }}) as source_system,
        cast(null as {{ dbt.type_string() }}) as load_id,
        cast(tickets._fivetran_synced as {{ dbt.type_timestamp() }}) as loaded_at
    from tickets
    left join tags on tickets.id = tags.ticket_id
    where tickets.status <> 'deleted'

),

mapped as (

    {{ select_with_mapped_channel('renamed') }}

)

select * from mapped
