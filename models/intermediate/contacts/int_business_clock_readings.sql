-- The business clock read at every instant a contact duration can start or end: each
-- contact event, each contact's creation and the data end, per schedule. A business
-- duration is the difference of two readings; one equi-join per endpoint keeps the cost
-- proportional to the number of events.
with

contacts as (

    select * from {{ ref('int_contacts_unioned') }}

),

events as (

    select * from {{ ref('int_contact_events_sequenced') }}

),

clock_days as (

    select * from {{ ref('int_business_clock_days') }}

),

schedules as (

    select schedule_id from {{ ref('int_business_schedules') }}

),

instants as (

    select contacts.schedule_id, events.event_at as reading_at
    from events
    inner join contacts on events.contact_id = contacts.contact_id

    union

    select schedule_id, created_at as reading_at
    from contacts

    union

    select schedule_id, {{ as_of_timestamp() }} as reading_at
    from schedules

),

final as (

    select
        instants.schedule_id,
        instants.reading_at,
        max(clock_days.business_minutes_before_day)
        + coalesce(sum(
            case
                when clock_days.segment_starts_at < instants.reading_at
                    then {{ minutes_between(
                        'clock_days.segment_starts_at',
                        'case when instants.reading_at < clock_days.segment_ends_at '
                        ~ 'then instants.reading_at else clock_days.segment_ends_at end'
                    ) }}
            end
        ), 0) as business_minutes_elapsed
    from instants
    inner join clock_days
        on
            instants.schedule_id = clock_days.schedule_id
            and cast(instants.reading_at as date) = clock_days.utc_date
    group by instants.schedule_id, instants.reading_at

)

select * from final
