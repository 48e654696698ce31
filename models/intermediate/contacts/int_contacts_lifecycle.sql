-- One row per contact: the milestones and counts of its event history. Incremental: the
-- contacts loaded since the last build (macro config_contact_incremental).
{{ config_contact_incremental() }}

with

events as (

    select * from {{ ref('int_contact_events_sequenced') }}
    where {{ loaded_after_this('contact_loaded_at') }}

),

agent_replies as (

    select
        contact_id,
        agent_id,
        event_at,
        row_number() over (partition by contact_id order by event_sequence) as reply_rank,
        row_number() over (partition by contact_id order by event_sequence desc) as reply_rank_desc
    from events
    where is_agent_reply

),

first_and_last_replies as (

    select
        contact_id,
        max(case when reply_rank = 1 then event_at end) as first_agent_reply_at,
        max(case when reply_rank = 1 then agent_id end) as first_reply_agent_id,
        max(case when reply_rank_desc = 1 then event_at end) as last_agent_reply_at,
        max(case when reply_rank_desc = 1 then agent_id end) as last_reply_agent_id
    from agent_replies
    group by contact_id

),

last_events as (

    select
        contact_id,
        status_after_event as current_status,
        assignee_after_event as current_assignee_agent_id
    from (
        select
            contact_id,
            status_after_event,
            assignee_after_event,
            row_number() over (partition by contact_id order by event_sequence desc) as event_rank_desc
        from events
    ) as ranked
    where event_rank_desc = 1

),

counts as (

    select
        contact_id,
        sum(case when is_agent_reply then 1 else 0 end) as agent_reply_count,
        sum(case when is_customer_message then 1 else 0 end) as customer_message_count,
        sum(case when is_service_activity then 1 else 0 end) as service_activity_count,
        sum(case when is_solve then 1 else 0 end) as solve_count,
        sum(case when is_reopen then 1 else 0 end) as reopen_count,
        sum(case when event_type = 'team_change' then 1 else 0 end) as team_change_count,
        min(case when is_solve then event_at end) as first_solved_at,
        max(case when is_solve then event_at end) as final_solved_at,
        max(case when is_customer_message then event_at end) as last_customer_message_at,
        max(contact_loaded_at) as contact_loaded_at
    from events
    group by contact_id

),

final as (

    select
        counts.contact_id,
        first_and_last_replies.first_agent_reply_at,
        first_and_last_replies.first_reply_agent_id,
        first_and_last_replies.last_agent_reply_at,
        first_and_last_replies.last_reply_agent_id,
        counts.agent_reply_count,
        counts.customer_message_count,
        counts.service_activity_count,
        counts.solve_count,
        counts.reopen_count,
        counts.team_change_count,
        counts.first_solved_at,
        counts.final_solved_at,
        counts.last_customer_message_at,
        last_events.current_status,
        last_events.current_assignee_agent_id,
        counts.contact_loaded_at
    from counts
    inner join last_events on counts.contact_id = last_events.contact_id
    left join first_and_last_replies on counts.contact_id = first_and_last_replies.contact_id

)

select * from final
