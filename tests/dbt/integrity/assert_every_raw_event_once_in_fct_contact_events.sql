-- Nothing lost between raw and core: every ticket event and chat message (of every source) up to the data end
-- is exactly one contact event.
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

    select event_id, count(*) as n_rows
    from {{ ref('fct_contact_events') }}
    where event_id not like '%:assignment' and event_id not like '%:end'
    group by event_id

)

select
    coalesce(raw_events.event_id, core_events.event_id) as event_id,
    core_events.n_rows
from raw_events
full outer join core_events on raw_events.event_id = core_events.event_id
where raw_events.event_id is null or core_events.event_id is null or core_events.n_rows != 1
