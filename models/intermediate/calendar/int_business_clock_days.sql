-- The business clock: one row per schedule, UTC date and opening segment of that date
-- (days without opening hours keep one row with null segment), with the business minutes
-- elapsed from the start of the calendar range to the date's UTC midnight. The business
-- minutes at any instant are then one equi-join away (int_business_clock_readings), so
-- durations never expand into per-minute or per-day rows per contact.
with

business_intervals as (

    select * from {{ ref('int_business_intervals') }}

),

schedules as (

    select schedule_id from {{ ref('int_business_schedules') }}

),

data_range as (

    select * from {{ ref('int_calendar_range') }}

),

utc_days as (

    select
        schedules.schedule_id,
        cast({{ dbt.dateadd('day', 'numbers.n', 'data_range.first_date') }} as date) as utc_date,
        cast({{ dbt.dateadd('day', 'numbers.n', 'data_range.first_date') }} as {{ dbt.type_timestamp() }})
            as day_starts_at,
        cast({{ dbt.dateadd('day', 'numbers.n + 1', 'data_range.first_date') }} as {{ dbt.type_timestamp() }})
            as day_ends_at
    from schedules
    cross join data_range
    cross join {{ numbers(5) }} as numbers
    where numbers.n <= data_range.day_count

),

segments as (

    select
        utc_days.schedule_id,
        utc_days.utc_date,
        utc_days.day_starts_at,
        case
            when business_intervals.opens_at is null then null
            when business_intervals.opens_at > utc_days.day_starts_at then business_intervals.opens_at
            else utc_days.day_starts_at
        end as segment_starts_at,
        case
            when business_intervals.closes_at is null then null
            when business_intervals.closes_at < utc_days.day_ends_at then business_intervals.closes_at
            else utc_days.day_ends_at
        end as segment_ends_at
    from utc_days
    left join business_intervals
        on
            utc_days.schedule_id = business_intervals.schedule_id
            and utc_days.day_ends_at > business_intervals.opens_at
            and utc_days.day_starts_at < business_intervals.closes_at

),

day_totals as (

    select
        schedule_id,
        utc_date,
        coalesce(sum({{ minutes_between('segment_starts_at', 'segment_ends_at') }}), 0) as business_minutes_in_day
    from segments
    group by schedule_id, utc_date

),

cumulated as (

    select
        schedule_id,
        utc_date,
        coalesce(
            sum(business_minutes_in_day) over (
                partition by schedule_id
                order by utc_date
                rows between unbounded preceding and 1 preceding
            ),
            0
        ) as business_minutes_before_day
    from day_totals

),

final as (

    select
        segments.schedule_id,
        segments.utc_date,
        segments.day_starts_at,
        cumulated.business_minutes_before_day,
        segments.segment_starts_at,
        segments.segment_ends_at
    from segments
    inner join cumulated
        on segments.schedule_id = cumulated.schedule_id and segments.utc_date = cumulated.utc_date

)

select * from final
