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

clocked as (

    select
        milestones.*,
        created.business_minutes_elapsed as created_reading,
        first_reply.business_minutes_elapsed as first_reply_reading,
        first_solve.business_minutes_elapsed as first_solve_reading,
        final_solve.business_minutes_elapsed as final_solve_reading,
        data_end.business_minutes_elapsed as data_end_reading
    from milestones
    left join readings as created
        on milestones.schedule_id = created.schedule_id and milestones.created_at = created.reading_at
    left join readings as first_reply
        on milestones.schedule_id = first_reply.schedule_id and milestones.first_agent_reply_at = first_reply.reading_at
    left join readings as first_solve
        on milestones.schedule_id = first_solve.schedule_id and milestones.first_solved_at = first_solve.reading_at
    left join readings as final_solve
        on milestones.schedule_id = final_solve.schedule_id and milestones.final_solved_at = final_solve.reading_at
    left join readings as data_end
        on milestones.schedule_id = data_end.schedule_id and milestones.data_end_at = data_end.reading_at

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
