-- One row per contact: calendar and business durations of first response, first and final
-- resolution and open age (at the data end, while unsolved). The SLA verdicts on them are
-- int_contacts_sla_checked's. Incremental: the contacts loaded since the last build and the
-- ones still open in it, whose open age runs to the new data end (macro
-- loaded_after_this_or_open).
{{ config_contact_incremental(still_open='not is_solved') }}

with

contacts as (

    select * from {{ ref('int_contacts_unioned') }}

),

loaded as (

    select contact_id, loaded_at from {{ ref('int_contacts_loaded') }}

),

lifecycle as (

    select * from {{ ref('int_contacts_lifecycle') }}

),

readings as (

    select * from {{ ref('int_business_clock_readings') }}

),

milestones as (

    select
        contacts.contact_id,
        contacts.schedule_id,
        contacts.priority,
        contacts.channel,
        contacts.created_at,
        lifecycle.first_agent_reply_at,
        lifecycle.first_solved_at,
        lifecycle.final_solved_at,
        coalesce(lifecycle.current_status, 'new') in ('solved', 'closed') as is_solved,
        {{ as_of_timestamp() }} as data_end_at,
        loaded.loaded_at as contact_loaded_at
    from contacts
    left join loaded on contacts.contact_id = loaded.contact_id
    left join lifecycle on contacts.contact_id = lifecycle.contact_id
    where {{ loaded_after_this_or_open('loaded.loaded_at', 'contacts.contact_id') }}

),

milestone_instants as (

    -- The contact's instants one per row, so that one join reads the clock at all of them: five
    -- joins, one per instant, misled DuckDB's estimates into hashing the whole clock four times.
    select contact_id, schedule_id, 'created' as milestone, created_at as reading_at from milestones
    union all
    select contact_id, schedule_id, 'first_reply' as milestone, first_agent_reply_at as reading_at from milestones
    union all
    select contact_id, schedule_id, 'first_solve' as milestone, first_solved_at as reading_at from milestones
    union all
    select contact_id, schedule_id, 'final_solve' as milestone, final_solved_at as reading_at from milestones
    union all
    select contact_id, schedule_id, 'data_end' as milestone, data_end_at as reading_at from milestones

),

milestone_readings as (

    select
        milestone_instants.contact_id,
        max(case when milestone_instants.milestone = 'created' then readings.business_minutes_elapsed end)
            as created_reading,
        max(case when milestone_instants.milestone = 'first_reply' then readings.business_minutes_elapsed end)
            as first_reply_reading,
        max(case when milestone_instants.milestone = 'first_solve' then readings.business_minutes_elapsed end)
            as first_solve_reading,
        max(case when milestone_instants.milestone = 'final_solve' then readings.business_minutes_elapsed end)
            as final_solve_reading,
        max(case when milestone_instants.milestone = 'data_end' then readings.business_minutes_elapsed end)
            as data_end_reading
    from milestone_instants
    inner join readings
        on
            milestone_instants.schedule_id = readings.schedule_id
            and milestone_instants.reading_at = readings.reading_at
    group by milestone_instants.contact_id

),

clocked as (

    select
        milestones.*,
        milestone_readings.created_reading,
        milestone_readings.first_reply_reading,
        milestone_readings.first_solve_reading,
        milestone_readings.final_solve_reading,
        milestone_readings.data_end_reading
    from milestones
    left join milestone_readings on milestones.contact_id = milestone_readings.contact_id

),

final as (

    select
        contact_id,
        is_solved,
        {{ minutes_between('created_at', 'first_agent_reply_at') }} as first_response_calendar_minutes,
        first_reply_reading - created_reading as first_response_business_minutes,
        {{ minutes_between('created_at', 'first_solved_at') }} as first_resolution_calendar_minutes,
        first_solve_reading - created_reading as first_resolution_business_minutes,
        case when is_solved then {{ minutes_between('created_at', 'final_solved_at') }} end
            as resolution_calendar_minutes,
        case when is_solved then final_solve_reading - created_reading end as resolution_business_minutes,
        case when not is_solved then {{ minutes_between('created_at', 'data_end_at') }} end
            as open_age_calendar_minutes,
        case when not is_solved then data_end_reading - created_reading end as open_age_business_minutes,
        first_agent_reply_at,
        contact_loaded_at
    from clocked

)

select * from final
