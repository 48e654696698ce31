-- Contact events in order, up to the data end, with the contact's effective status after
-- each event. A customer message on a solved/closed contact reopens it even when the
-- source logs no status change. A solve is a move from an unsolved status into solved or
-- closed (solved -> closed is neither a solve nor a reopen); a reopen is the way back.
with

events as (

    select * from {{ ref('int_contact_events_unioned') }}

),

contacts as (

    select contact_id, channel from {{ ref('int_contacts_unioned') }}

),

ordered as (

    select
        events.*,
        contacts.channel,
        events.event_type = 'public_reply'
        and events.is_human_agent_actor
        and not events.is_auto_acknowledgement as is_agent_reply,
        events.event_type = 'public_reply' and events.actor_type = 'customer' as is_customer_message,
        row_number() over (partition by events.contact_id order by events.event_at, events.event_id) as event_sequence
    from events
    inner join contacts on events.contact_id = contacts.contact_id
    where events.event_at <= {{ as_of_timestamp() }}

),

status_grouped as (

    select
        *,
        sum(case when event_type = 'status_change' and status is not null then 1 else 0 end) over (
            partition by contact_id order by event_sequence rows between unbounded preceding and current row
        ) as status_group,
        sum(case when event_type = 'assignment' then 1 else 0 end) over (
            partition by contact_id order by event_sequence rows between unbounded preceding and current row
        ) as assignment_group
    from ordered

),

explicit_status as (

    select
        *,
        max(case when event_type = 'status_change' then status end) over (
            partition by contact_id, status_group
        ) as last_explicit_status,
        max(case when is_customer_message and status_group > 0 then 1 else 0 end) over (
            partition by contact_id, status_group
            order by event_sequence rows between unbounded preceding and current row
        ) as has_customer_message_since_status,
        max(case when event_type = 'assignment' then assignee_agent_id end) over (
            partition by contact_id, assignment_group
        ) as assignee_after_event
    from status_grouped

),

effective_status as (

    select
        *,
        case
            when status_group = 0 then 'new'
            when last_explicit_status in ('solved', 'closed') and has_customer_message_since_status = 1 then 'open'
            else last_explicit_status
        end as status_after_event
    from explicit_status

),

transitions as (

    select
        *,
        coalesce(
            lag(status_after_event) over (partition by contact_id order by event_sequence), 'new'
        ) as status_before_event
    from effective_status

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
        end as activity_type
    from transitions

)

select * from final
