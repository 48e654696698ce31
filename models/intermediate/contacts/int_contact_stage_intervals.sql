-- One row per stretch of time a contact spent in one status, from its creation to its
-- final solve (solved contacts) or to the data end (unsolved contacts). Closed counts as
-- the solved stage; solved stretches before a reopen are kept, so the stages of a solved
-- contact add up to its time to resolution. Incremental: the contacts loaded since the last
-- build and the ones still running a stage in it, whose last stage runs to the new data end
-- (macro loaded_after_this_or_open).
{{ config_contact_incremental(still_open='is_running') }}

with

loaded as (

    select contact_id, loaded_at from {{ ref('int_contacts_loaded') }}

),

contacts as (

    select unioned.*, loaded.loaded_at as contact_loaded_at
    from {{ ref('int_contacts_unioned') }} as unioned
    left join loaded on unioned.contact_id = loaded.contact_id
    where {{ loaded_after_this_or_open('loaded.loaded_at', 'unioned.contact_id') }}

),

events as (

    select * from {{ ref('int_contact_events_sequenced') }}

),

lifecycle as (

    select * from {{ ref('int_contacts_lifecycle') }}

),

status_changes as (

    select contact_id, created_at as starts_at, 0 as event_sequence, 'new' as status, contact_loaded_at
    from contacts

    union all

    select
        events.contact_id,
        case when events.event_at < contacts.created_at then contacts.created_at else events.event_at end as starts_at,
        events.event_sequence,
        events.status_after_event as status,
        contacts.contact_loaded_at
    from events
    inner join contacts on events.contact_id = contacts.contact_id
    where events.status_after_event != events.status_before_event

),

intervals as (

    select
        contact_id,
        event_sequence,
        starts_at,
        case when status = 'closed' then 'solved' else status end as stage,
        lead(starts_at) over (partition by contact_id order by starts_at, event_sequence) as next_starts_at,
        contact_loaded_at
    from status_changes

),

bounded as (

    select
        intervals.contact_id,
        intervals.event_sequence,
        intervals.stage,
        intervals.starts_at,
        case
            when coalesce(lifecycle.current_status, 'new') in ('solved', 'closed') then intervals.next_starts_at
            else coalesce(intervals.next_starts_at, {{ as_of_timestamp() }})
        end as ends_at,
        coalesce(lifecycle.current_status, 'new') in ('solved', 'closed') as is_contact_solved,
        coalesce(lifecycle.current_status, 'new') not in ('solved', 'closed') and intervals.next_starts_at is null
            as is_running,
        lifecycle.final_solved_at,
        intervals.contact_loaded_at
    from intervals
    left join lifecycle on intervals.contact_id = lifecycle.contact_id

),

final as (

    select
        contact_id || ':' || cast(event_sequence as {{ dbt.type_string() }}) as stage_interval_id,
        contact_id,
        stage,
        starts_at,
        ends_at,
        is_running,
        contact_loaded_at
    from bounded
    where not is_contact_solved or starts_at < final_solved_at

)

select * from final
