-- Grain: one row per snapshot date, assigned agent and bucket of time since the last agent
-- reply: open contacts at the end of each day (the last day at the data end), from
-- fct_contact_open_snapshots.
with

open_at_snapshot as (

    select
        snapshot_date as date_day,
        snapshot_at,
        is_data_end_snapshot,
        contact_id
    from {{ ref('fct_contact_open_snapshots') }}

),

events as (

    select contact_id, event_at, event_sequence, assignee_after_event, is_agent_reply
    from {{ ref('fct_contact_events') }}

),

state_at_snapshot as (

    select
        open_at_snapshot.date_day,
        open_at_snapshot.snapshot_at,
        open_at_snapshot.is_data_end_snapshot,
        open_at_snapshot.contact_id,
        max(case when events.is_agent_reply then events.event_at end) as last_agent_reply_at,
        max(events.event_sequence) as last_event_sequence
    from open_at_snapshot
    left join events
        on
            open_at_snapshot.contact_id = events.contact_id
            and (
                open_at_snapshot.snapshot_at > events.event_at
                or (open_at_snapshot.is_data_end_snapshot and open_at_snapshot.snapshot_at = events.event_at)
            )
    group by 1, 2, 3, 4

),

with_assignee as (

    select
        state_at_snapshot.*,
        coalesce(events.assignee_after_event, 'unassigned') as agent_id
    from state_at_snapshot
    left join events
        on
            state_at_snapshot.contact_id = events.contact_id
            and state_at_snapshot.last_event_sequence = events.event_sequence

),

bucketed as (

    select
        *,
        case
            when last_agent_reply_at is null then 'never_answered'
            when {{ minutes_between('last_agent_reply_at', 'snapshot_at') }} < 1440 then '0_to_1_day'
            when {{ minutes_between('last_agent_reply_at', 'snapshot_at') }} < 3 * 1440 then '1_to_3_days'
            when {{ minutes_between('last_agent_reply_at', 'snapshot_at') }} < 7 * 1440 then '3_to_7_days'
            else '7_days_or_more'
        end as last_response_age_bucket
    from with_assignee

),

final as (

    select
        date_day,
        agent_id,
        last_response_age_bucket,
        max(snapshot_at) as snapshot_at,
        max(case when is_data_end_snapshot then 1 else 0 end) = 1 as is_data_end_snapshot,
        count(*) as open_contact_count
    from bucketed
    group by 1, 2, 3

)

select * from final
