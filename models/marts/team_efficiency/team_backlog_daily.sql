-- Grain: one row per reporting date, source system, channel and team: inflow (contacts created), outflow
-- (solve events: a contact solved twice in a day counts twice), reopens, and the open
-- backlog at the end of the day (at the data end for the last day). Pending and on-hold
-- contacts are open. Backlog = previous backlog + inflow - outflow + reopens.
{%- set grain = ['date_day', 'source_system', 'channel', 'team_id'] %}
with

contacts as (

    select contact_id, created_date, source_system, channel, {{ reporting_team('team_id') }} as team_id
    from {{ ref('fct_contacts') }}

),

events as (

    select event_date, contact_id, is_solve, is_reopen
    from {{ ref('fct_contact_events') }}
    where is_solve or is_reopen

),

open_snapshots as (

    select * from {{ ref('fct_contact_open_snapshots') }}

),

dates as (

    select date_day
    from {{ ref('dim_dates') }}
    where {{ reporting_day_start('date_day') }} <= {{ as_of_timestamp() }}

),

inflow as (

    select created_date as date_day, source_system, channel, team_id, count(*) as inflow_count
    from contacts
    group by 1, 2, 3, 4

),

flows as (

    select
        events.event_date as date_day,
        contacts.source_system,
        contacts.channel,
        contacts.team_id,
        sum(case when events.is_solve then 1 else 0 end) as outflow_count,
        sum(case when events.is_reopen then 1 else 0 end) as reopen_count
    from events
    inner join contacts on events.contact_id = contacts.contact_id
    group by 1, 2, 3, 4

),

backlog as (

    select snapshot_date as date_day, source_system, channel, team_id, count(*) as open_backlog_count
    from open_snapshots
    group by 1, 2, 3, 4

),

segments as (

    select distinct source_system, channel, team_id from contacts

),

spine as (

    select dates.date_day, segments.source_system, segments.channel, segments.team_id
    from dates
    cross join segments

),

final as (

    select
        spine.date_day,
        spine.source_system,
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
