-- One row per contact: when the loader last wrote a row its event chain is made from (the
-- contact's own row, its events or messages and their sentiment readings, or any row of the
-- agents, teams and customers every contact is read with). The incremental event models
-- rebuild the contacts loaded after the latest they hold (macro contacts_loaded_after); a
-- change to a shared row moves every contact, so all of them are rebuilt.
with

contact_rows as (

    select 'ticket:' || ticket_id as contact_id, loaded_at from ({{ staged('tickets') }}) as tickets

    union all

    select 'chat:' || conversation_id as contact_id, loaded_at
    from ({{ staged('chat_conversations') }}) as chats

),

event_rows as (

    select
        'ticket:' || ticket_id as contact_id,
        {{ contact_event_id('ticket_events', 'event_id') }} as event_id,
        loaded_at
    from ({{ staged('ticket_events') }}) as ticket_events

    union all

    select
        'chat:' || conversation_id as contact_id,
        {{ contact_event_id('chat_messages', 'message_id') }} as event_id,
        loaded_at
    from ({{ staged('chat_messages') }}) as chat_messages

),

sentiment_rows as (

    select
        {{ sentiment_event_id('source_table', 'message_id') }} as event_id,
        loaded_at
    from {{ ref('stg_helpdesk__message_sentiments') }}

),

shared_rows as (

    select loaded_at from ({{ staged('agents') }}) as agents
    union all
    select loaded_at from ({{ staged('teams') }}) as teams
    union all
    select loaded_at from ({{ staged('customers') }}) as customers

),

own_rows as (

    select contact_id, loaded_at from contact_rows
    union all
    select contact_id, loaded_at from event_rows
    union all
    select event_rows.contact_id, sentiment_rows.loaded_at
    from sentiment_rows
    inner join event_rows on sentiment_rows.event_id = event_rows.event_id

),

own_latest as (

    select contact_id, max(loaded_at) as loaded_at
    from own_rows
    group by contact_id

),

shared_latest as (

    select max(loaded_at) as loaded_at from shared_rows

),

final as (

    select
        own_latest.contact_id,
        case
            when shared_latest.loaded_at > own_latest.loaded_at then shared_latest.loaded_at
            else own_latest.loaded_at
        end as loaded_at
    from own_latest
    cross join shared_latest

)

select * from final
