-- Zendesk comments and field changes (Fivetran `ticket_comment`, `ticket_field_history`) in
-- the shape of stg_helpdesk__ticket_events. A public comment is a reply, a private one an
-- internal note; who wrote it follows the author's role (end-user: customer; agent or admin:
-- agent). A status change or an assignment without an acting user was made by Zendesk itself
-- (triggers, automations): actor `system`. A move to another group is a team change; the
-- group a ticket gets at creation is its first team, not a change.
with

tickets as (

    -- the tickets the adapter keeps (deleted ones are left out there, and so are their events)
    select ticket_id from {{ ref('stg_zendesk__tickets') }}

),

users as (

    select * from {{ source('zendesk', 'user') }}

),

comments as (

    select
        {{ connector_id('zendesk', 'ticket_comment.id', kind='comment') }} as event_id,
        ticket_comment.ticket_id,
        ticket_comment.created as event_at,
        case when ticket_comment.public then 'public_reply' else 'internal_note' end as event_type,
        ticket_comment.user_id,
        cast(null as {{ dbt.type_string() }}) as status,
        cast(null as {{ dbt.type_string() }}) as assignee_agent_id,
        cast(null as {{ dbt.type_string() }}) as team_id,
        ticket_comment.body,
        ticket_comment._fivetran_synced
    from {{ source('zendesk', 'ticket_comment') }} as ticket_comment

),

field_history as (

    -- one event id per ticket, field and instant of change
    select
        {{ dbt.concat([
            "'" ~ var("zendesk_source_system") ~ ":" ~ "'",
            "field_name",
            "':'",
            dbt.cast('ticket_id', dbt.type_string()),
            "':'",
            dbt.cast('updated', dbt.type_string()),
        ]) }} as event_id,
        ticket_id,
        field_name,
        updated,
        user_id,
        value,
        _fivetran_synced
    from {{ source('zendesk', 'ticket_field_history') }}
    where field_name in ('status', 'assignee_id', 'group_id')

),

field_changes as (

    select
        event_id,
        ticket_id,
        updated as event_at,
        case field_name when 'status' then 'status_change' else 'assignment' end as event_type,
        user_id,
        case when field_name = 'status' then value end as status,
        case when field_name = 'assignee_id' and value is not null then {{ connector_id('zendesk', 'value') }} end
            as assignee_agent_id,
        cast(null as {{ dbt.type_string() }}) as team_id,
        cast(null as {{ dbt.type_string() }}) as body,
        _fivetran_synced
    from field_history
    where field_name in ('status', 'assignee_id')

),

group_history as (

    select
        *,
        lag(value) over (partition by ticket_id order by updated) as previous_value,
        row_number() over (partition by ticket_id order by updated) as group_number
    from field_history
    where field_name = 'group_id'

),

group_changes as (

    select
        event_id,
        ticket_id,
        updated as event_at,
        'team_change' as event_type,
        user_id,
        cast(null as {{ dbt.type_string() }}) as status,
        cast(null as {{ dbt.type_string() }}) as assignee_agent_id,
        {{ connector_id('zendesk', 'value') }} as team_id,
        cast(null as {{ dbt.type_string() }}) as body,
        _fivetran_synced
    from group_history
    where group_number > 1 and value is not null and value <> coalesce(previous_value, '')

),

events as (

    select * from comments
    union all
    select * from field_changes
    union all
    select * from group_changes

),

renamed as (

    select
        cast(events.event_id as {{ dbt.type_string() }}) as event_id,
        {{ connector_id('zendesk', 'events.ticket_id') }} as ticket_id,
        cast(events.event_at as {{ dbt.type_timestamp() }}) as event_at,
        cast(events.event_type as {{ dbt.type_string() }}) as event_type,
        cast(case
            when users.role = 'end-user' then 'customer'
            when users.role in ('agent', 'admin') then 'agent'
            else 'system'
        end as {{ dbt.type_string() }}) as actor_type,
        case when users.role in ('agent', 'admin') then {{ connector_id('zendesk', 'events.user_id') }} end as agent_id,
        cast(events.status as {{ dbt.type_string() }}) as status,
        cast(events.assignee_agent_id as {{ dbt.type_string() }}) as assignee_agent_id,
        cast(events.team_id as {{ dbt.type_string() }}) as team_id,
        cast(false as {{ dbt.type_boolean() }}) as is_auto_acknowledgement,
        cast(events.body as {{ dbt.type_string() }}) as body,
        cast('{{ var("zendesk_source_system") }}' as {{ dbt.type_string() }}) as source_system,
        cast(null as {{ dbt.type_string() }}) as load_id,
        cast(events._fivetran_synced as {{ dbt.type_timestamp() }}) as loaded_at
    from events
    inner join tickets on {{ connector_id('zendesk', 'events.ticket_id') }} = tickets.ticket_id
    left join users on events.user_id = users.id

)

select * from renamed
