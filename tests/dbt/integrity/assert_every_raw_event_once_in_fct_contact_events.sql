-- Nothing lost between raw and core, nothing doubled: every ticket event and chat message (of every
-- source) up to the data end is exactly one contact event, and every contact event, also the ones
-- the models add (a chat's first assignment and its end), is one row. This is the event chain's
-- uniqueness test: between int_contact_events_unioned and fct_contact_events no model groups rows or
-- joins a key that is not unique, so a doubled event up to the data end is doubled here (DECISIONLOG).
with

raw_events as (

    select 'ticket:' || event_id as event_id
    from ({{ staged('ticket_events') }}) as ticket_events
    where event_at <= {{ as_of_timestamp() }}

    union all

    select 'chat:' || message_id as event_id
    from ({{ staged('chat_messages') }}) as chat_messages
    where sent_at <= {{ as_of_timestamp() }}

),

core_events as (

    select
        event_id,
        count(*) as n_rows,
        event_id like '%:assignment' or event_id like '%:end' as is_added_by_the_models
    from {{ ref('fct_contact_events') }}
    group by event_id

)

select
    coalesce(raw_events.event_id, core_events.event_id) as event_id,
    core_events.n_rows
from raw_events
full outer join core_events on raw_events.event_id = core_events.event_id
where
    core_events.event_id is null
    or core_events.n_rows != 1
    or (raw_events.event_id is null and not core_events.is_added_by_the_models)
