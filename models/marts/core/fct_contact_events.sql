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

lookahead as (

    select
        *,
        min(case when is_solve then event_at end) over (
            partition by contact_id order by event_sequence rows between 1 following and unbounded following
        ) as next_solve_at,
        min(case when is_customer_message then event_at end) over (
            partition by contact_id order by event_sequence rows between 1 following and unbounded following
        ) as next_customer_message_at,
        min(case when is_reopen then event_at end) over (
            partition by contact_id order by event_sequence rows between 1 following and unbounded following
        ) as next_reopen_at
    from events

),

final as (

    select
        lookahead.event_id,
        lookahead.contact_id,
        lookahead.event_sequence,
        lookahead.event_at,
        {{ reporting_date('lookahead.event_at') }} as event_date,
        lookahead.event_type,
        lookahead.actor_type,
        lookahead.agent_id,
        lookahead.is_human_agent_actor,
        lookahead.source_status,
        lookahead.status,
        lookahead.status_before_event,
        lookahead.status_after_event,
        lookahead.is_solve,
        lookahead.is_reopen,
        lookahead.assignee_agent_id,
        lookahead.assignee_after_event,
        lookahead.new_team_id,
        lookahead.is_auto_acknowledgement,
        lookahead.is_agent_reply,
        lookahead.is_customer_message,
        lookahead.is_service_activity,
        lookahead.activity_type,
        case
            when not lookahead.is_agent_reply then null
            else
                lookahead.next_solve_at is not null
                and (
                    lookahead.next_customer_message_at is null
                    or lookahead.next_customer_message_at > lookahead.next_solve_at
                )
                and (
                    lookahead.next_reopen_at is null
                    or lookahead.next_reopen_at
                    > {{ dbt.dateadd('day', var('effective_reply_reopen_window_days'), 'lookahead.next_solve_at') }}
                )
        end as is_effective_reply,
        scored.sentiment_score,
        contacts.source_system,
        contacts.channel,
        contacts.team_id,
        contacts.reason,
        contacts.priority,
        lookahead.contact_loaded_at
    from lookahead
    inner join contacts on lookahead.contact_id = contacts.contact_id
    left join scored on lookahead.event_id = scored.event_id

)

select * from final
