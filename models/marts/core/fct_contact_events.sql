-- Grain: one row per contact event (public reply, internal note, status change,
-- assignment, move to another team) up to the data end, with the contact's effective status
-- around it. Incremental: the contacts loaded since the last build (macro
-- config_contact_incremental).
{{ config_contact_incremental() }}

with

events as (

    select * from {{ ref('int_contact_events_sequenced') }}
    where {{ loaded_after_this('contact_loaded_at') }}

),

contacts as (

    select contact_id, source_system, channel, team_id, reason, priority from {{ ref('int_contacts_unioned') }}

),

scored as (

    select event_id, sentiment_score from {{ ref('int_customer_messages_scored') }}

),

replies as (

    select event_id, is_effective_reply from {{ ref('int_agent_replies_effective') }}

),

final as (

    select
        events.event_id,
        events.contact_id,
        events.event_sequence,
        events.event_at,
        {{ reporting_date('events.event_at') }} as event_date,
        events.event_type,
        events.actor_type,
        events.agent_id,
        events.is_human_agent_actor,
        events.source_status,
        events.status,
        events.status_before_event,
        events.status_after_event,
        events.is_solve,
        events.is_reopen,
        events.assignee_agent_id,
        events.assignee_after_event,
        events.new_team_id,
        events.is_auto_acknowledgement,
        events.is_agent_reply,
        events.is_customer_message,
        events.is_service_activity,
        events.activity_type,
        replies.is_effective_reply,
        scored.sentiment_score,
        contacts.source_system,
        contacts.channel,
        contacts.team_id,
        contacts.reason,
        contacts.priority,
        events.contact_loaded_at
    from events
    inner join contacts on events.contact_id = contacts.contact_id
    left join scored on events.event_id = scored.event_id
    left join replies on events.event_id = replies.event_id

)

select * from final
