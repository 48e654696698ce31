-- Grain: one row per snapshot date, assigned agent and bucket of time since the last agent
-- reply: open contacts at the end of each day (the last day at the data end). Open means
-- not solved or closed: pending and on-hold contacts are open.
with

intervals as (

    select * from {{ ref('fct_contact_stage_intervals') }}
    where stage != 'solved'

),

events as (

    select contact_id, event_at, event_sequence, assignee_after_event, is_agent_reply
    from {{ ref('fct_contact_events') }}

),

dates as (

    select
        date_day,
        {{ reporting_day_start('date_day') }} as day_starts_at,
        {{ reporting_day_start('cast(' ~ dbt.dateadd('day', 1, 'date_day') ~ ' as date)') }} as day_ends_at
    from {{ ref('dim_dates') }}

),

snapshots as (

    select
        date_day,
        case when day_ends_at > {{ as_of_timestamp() }} then {{ as_of_timestamp() }} else day_ends_at end
            as snapshot_at,
        day_ends_at > {{ as_of_timestamp() }} as is_data_end_snapshot
    from dates
    where day_starts_at <= {{ as_of_timestamp() }}

),

open_at_snapshot as (

    select
        snapshots.date_day,
        snapshots.snapshot_at,
        snapshots.is_data_end_snapshot,
        intervals.contact_id
    from intervals
    inner join snapshots
        on
            (
                snapshots.is_data_end_snapshot
                and intervals.is_running
                and intervals.starts_at <= snapshots.snapshot_at
            )
            or (
                not snapshots.is_data_end_snapshot
                and intervals.starts_at < snapshots.snapshot_at
                and (intervals.is_running or intervals.ends_at >= snapshots.snapshot_at)
            )

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

{{ select_contract_columns('final') }}
