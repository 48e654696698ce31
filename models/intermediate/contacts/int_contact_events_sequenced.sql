-- Contact events in order, up to the data end, with the contact's effective status after
-- each event. A customer message on a solved/closed contact reopens it even when the
-- source logs no status change. A solve is a move from an unsolved status into solved or
-- closed (solved -> closed is neither a solve nor a reopen); a reopen is the way back.
-- Every running value comes from one sort of the contact's events: the status before an
-- event is read from the same values one row earlier (window `before`). Incremental: the
-- contacts loaded since the last build (macro config_contact_incremental).
{{ config_contact_incremental() }}

with

events as (

    select * from {{ ref('int_contact_events_unioned') }}

),

contacts as (

    select contact_id, channel from {{ ref('int_contacts_unioned') }}

),

flagged as (

    select
        events.*,
        contacts.channel,
        events.event_type = 'public_reply'
        and events.is_human_agent_actor
        and not events.is_auto_acknowledgement as is_agent_reply,
        events.event_type = 'public_reply' and events.actor_type = 'customer' as is_customer_message,
        events.event_type = 'status_change' and events.status is not null as is_explicit_status
    from events
    inner join contacts on events.contact_id = contacts.contact_id
    where events.event_at <= {{ as_of_timestamp() }} and {{ loaded_after_this('events.contact_loaded_at') }}

),

walked as (

    select
        *,
        row_number() over through_event as event_sequence,
        -- the latest explicit status, and whether a customer message came after it
        {{ value_at_last('status', 'is_explicit_status', 'through_event') }} as last_explicit_status,
        {{ value_at_last('is_customer_message', 'is_customer_message or is_explicit_status', 'through_event') }}
            as has_customer_message_since_status,
        {{ value_at_last('status', 'is_explicit_status', 'before_event') }} as last_explicit_status_before,
        {{ value_at_last('is_customer_message', 'is_customer_message or is_explicit_status', 'before_event') }}
            as has_customer_message_since_status_before,
        -- the latest assignment's assignee (null after an unassignment)
        {{ value_at_last('assignee_agent_id', "event_type = 'assignment'", 'through_event') }} as assignee_after_event
    from flagged
    window
        through_event as (
            partition by contact_id order by event_at, event_id rows between unbounded preceding and current row
        ),
        before_event as (
            partition by contact_id order by event_at, event_id rows between unbounded preceding and 1 preceding
        )

),

statused as (

    select
        *,
        case
            when last_explicit_status is null then 'new'
            when last_explicit_status in ('solved', 'closed') and has_customer_message_since_status then 'open'
            else last_explicit_status
        end as status_after_event,
        case
            when last_explicit_status_before is null then 'new'
            when
                last_explicit_status_before in ('solved', 'closed') and has_customer_message_since_status_before
                then 'open'
            else last_explicit_status_before
        end as status_before_event
    from walked

),

final as (

    select
        event_id,
        contact_id,
        event_sequence,
        event_at,
        event_type,
        actor_type,
        agent_id,
        is_human_agent_actor,
        source_status,
        status,
        assignee_agent_id,
        new_team_id,
        is_auto_acknowledgement,
        has_text,
        is_agent_reply,
        is_customer_message,
        status_before_event,
        status_after_event,
        status_before_event not in ('solved', 'closed') and status_after_event in ('solved', 'closed') as is_solve,
        status_before_event in ('solved', 'closed') and status_after_event not in ('solved', 'closed') as is_reopen,
        assignee_after_event,
        is_human_agent_actor
        and not is_auto_acknowledgement
        and event_type in ('public_reply', 'internal_note', 'status_change', 'assignment', 'team_change')
            as is_service_activity,
        case
            when not is_human_agent_actor or is_auto_acknowledgement then null
            when event_type = 'public_reply' and channel = 'phone' then 'call'
            when event_type = 'public_reply' then 'reply'
            when event_type = 'internal_note' then 'internal_note'
            when event_type = 'status_change' then 'status_change'
            when event_type in ('assignment', 'team_change') then 'reassignment'
        end as activity_type,
        contact_loaded_at
    from statused

)

select * from final
