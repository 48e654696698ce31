-- Grain: one row per contact and reporting date at whose end the contact was open (at the
-- data end for the last day). Open means not solved or closed: pending and on-hold contacts
-- are open. A change at exactly midnight belongs to the next day. Incremental: the contacts
-- loaded since the last build and the ones open at its data end, whose last snapshot moves to
-- the new one (macro loaded_after_this_or_open); a settled day's snapshot never changes.
{{ config_contact_incremental(still_open='is_data_end_snapshot') }}

with

intervals as (

    select * from {{ ref('fct_contact_stage_intervals') }}
    where stage != 'solved'
        and {{ loaded_after_this_or_open('contact_loaded_at', 'contact_id') }}

),

contacts as (

    select contact_id, source_system, channel, team_id from {{ ref('fct_contacts') }}

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
        intervals.contact_id,
        intervals.contact_loaded_at
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

final as (

    select
        open_at_snapshot.contact_id || ':' || cast(open_at_snapshot.date_day as {{ dbt.type_string() }})
            as contact_snapshot_id,
        open_at_snapshot.contact_id,
        open_at_snapshot.date_day as snapshot_date,
        open_at_snapshot.snapshot_at,
        open_at_snapshot.is_data_end_snapshot,
        contacts.source_system,
        contacts.channel,
        {{ reporting_team('contacts.team_id') }} as team_id,
        open_at_snapshot.contact_loaded_at
    from open_at_snapshot
    inner join contacts on open_at_snapshot.contact_id = contacts.contact_id

)

select * from final
