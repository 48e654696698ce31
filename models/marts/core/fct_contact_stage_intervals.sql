-- Grain: one row per stretch of time a contact spent in one stage (new, open, pending,
-- on_hold, solved before a reopen), in calendar and business minutes. Incremental: the
-- contacts loaded since the last build and the ones still running a stage in it (macro
-- loaded_after_this_or_open).
{{ config_contact_incremental(still_open='is_running') }}

with

intervals as (

    select * from {{ ref('int_contact_stage_intervals') }}
    where {{ loaded_after_this_or_open('contact_loaded_at', 'contact_id') }}

),

contacts as (

    select contact_id, schedule_id from {{ ref('int_contacts_unioned') }}

),

readings as (

    select * from {{ ref('int_business_clock_readings') }}

),

final as (

    select
        intervals.stage_interval_id,
        intervals.contact_id,
        intervals.stage,
        intervals.starts_at,
        intervals.ends_at,
        intervals.is_running,
        {{ minutes_between('intervals.starts_at', 'intervals.ends_at') }} as stage_calendar_minutes,
        ends_reading.business_minutes_elapsed - starts_reading.business_minutes_elapsed as stage_business_minutes,
        intervals.contact_loaded_at
    from intervals
    inner join contacts on intervals.contact_id = contacts.contact_id
    left join readings as starts_reading
        on contacts.schedule_id = starts_reading.schedule_id and intervals.starts_at = starts_reading.reading_at
    left join readings as ends_reading
        on contacts.schedule_id = ends_reading.schedule_id and intervals.ends_at = ends_reading.reading_at

)

select * from final
