-- Grain: one row per reporting date, channel and team: inflow (contacts created), outflow
-- (solve events: a contact solved twice in a day counts twice), reopens, and the open
-- backlog at the end of the day (at the data end for the last day). Pending and on-hold
-- contacts are open. Backlog = previous backlog + inflow - outflow + reopens.
{%- set grain = ['date_day', 'channel', 'team_id'] %}
with

contacts as (

    select contact_id, created_date, channel, coalesce(team_id, 'unassigned') as team_id
    from {{ ref('fct_contacts') }}

),

events as (

    select event_date, contact_id, is_solve, is_reopen
    from {{ ref('fct_contact_events') }}
    where is_solve or is_reopen

),

open_cases as (

    select * from {{ ref('fct_contact_stage_intervals') }}
    where stage != 'solved'

),

dates as (

    select
        date_day,
        {{ reporting_day_start('cast(' ~ dbt.dateadd('day', 1, 'date_day') ~ ' as date)') }} as day_ends_at
    from {{ ref('dim_dates') }}
    where {{ reporting_day_start('date_day') }} <= {{ as_of_timestamp() }}

),

snapshots as (

    select
        date_day,
        case when day_ends_at > {{ as_of_timestamp() }} then {{ as_of_timestamp() }} else day_ends_at end
            as snapshot_at,
        day_ends_at > {{ as_of_timestamp() }} as is_data_end_snapshot
    from dates

),

inflow as (

    select created_date as date_day, channel, team_id, count(*) as inflow_count
    from contacts
    group by 1, 2, 3

),

flows as (

    select
        events.event_date as date_day,
        contacts.channel,
        contacts.team_id,
        sum(case when events.is_solve then 1 else 0 end) as outflow_count,
        sum(case when events.is_reopen then 1 else 0 end) as reopen_count
    from events
    inner join contacts on events.contact_id = contacts.contact_id
    group by 1, 2, 3

),

backlog as (

    select
        snapshots.date_day,
        contacts.channel,
        contacts.team_id,
        count(*) as open_backlog_count
    from open_cases
    inner join snapshots
        on
            (
                snapshots.is_data_end_snapshot
                and open_cases.is_running
                and open_cases.starts_at <= snapshots.snapshot_at
            )
            or (
                not snapshots.is_data_end_snapshot
                and open_cases.starts_at < snapshots.snapshot_at
                and (open_cases.is_running or open_cases.ends_at >= snapshots.snapshot_at)
            )
    inner join contacts on open_cases.contact_id = contacts.contact_id
    group by 1, 2, 3

),

segments as (

    select distinct channel, team_id from contacts

),

spine as (

    select snapshots.date_day, segments.channel, segments.team_id
    from snapshots
    cross join segments

),

final as (

    select
        spine.date_day,
        spine.channel,
        spine.team_id,
        coalesce(inflow.inflow_count, 0) as inflow_count,
        coalesce(flows.outflow_count, 0) as outflow_count,
        coalesce(flows.reopen_count, 0) as reopen_count,
        coalesce(backlog.open_backlog_count, 0) as open_backlog_count
    from spine
    left join inflow on {{ same_grain('spine', 'inflow', grain) }}
    left join flows on {{ same_grain('spine', 'flows', grain) }}
    left join backlog on {{ same_grain('spine', 'backlog', grain) }}

)

{{ select_contract_columns('final') }}
