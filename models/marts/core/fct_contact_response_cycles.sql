-- Grain: one row per customer message (or run of consecutive customer messages) awaiting
-- an agent reply, with the time to that reply in calendar and business minutes.
-- Incremental: the contacts loaded since the last build (macro config_contact_incremental);
-- a business duration is the difference of two readings of one build's clock, so rows built
-- on different days agree.
{{ config_contact_incremental() }}

with

cycles as (

    select * from {{ ref('int_contact_response_cycles') }}
    where {{ loaded_after_this('contact_loaded_at') }}

),

contacts as (

    select contact_id, schedule_id, source_system, channel, team_id, priority, reason
    from {{ ref('int_contacts_unioned') }}

),

readings as (

    select * from {{ ref('int_business_clock_readings') }}

),

final as (

    select
        cycles.response_cycle_id,
        cycles.contact_id,
        cycles.cycle_number,
        cycles.awaiting_since_at,
        {{ reporting_date('cycles.awaiting_since_at') }} as awaiting_since_date,
        cycles.customer_message_count,
        cycles.replied_at,
        cycles.replying_agent_id,
        cycles.replied_at is not null as is_answered,
        {{ minutes_between('cycles.awaiting_since_at', 'cycles.replied_at') }} as response_calendar_minutes,
        replied_reading.business_minutes_elapsed - awaiting_reading.business_minutes_elapsed
            as response_business_minutes,
        contacts.source_system,
        contacts.channel,
        contacts.team_id,
        contacts.priority,
        contacts.reason,
        cycles.contact_loaded_at
    from cycles
    inner join contacts on cycles.contact_id = contacts.contact_id
    left join readings as awaiting_reading
        on contacts.schedule_id = awaiting_reading.schedule_id
            and cycles.awaiting_since_at = awaiting_reading.reading_at
    left join readings as replied_reading
        on contacts.schedule_id = replied_reading.schedule_id and cycles.replied_at = replied_reading.reading_at

)

{{ select_contract_columns('final') }}
