-- One row per opening interval of a business schedule, in UTC: weekly hours in the
-- schedule's own time zone on every local date of the data range, minus its holidays.
with

schedules as (

    select * from {{ ref('int_business_schedules') }}

),

business_hours as (

    select * from {{ ref('int_business_hours') }}

),

holidays as (

    select * from {{ ref('int_schedule_holidays') }}

),

data_range as (

    select * from {{ ref('int_calendar_range') }}

),

local_dates as (

    select
        schedules.schedule_id,
        schedules.time_zone,
        cast({{ dbt.dateadd('day', 'numbers.n', 'data_range.first_date') }} as date) as local_date
    from schedules
    cross join data_range
    cross join {{ numbers(5) }} as numbers
    where numbers.n <= data_range.day_count

),

open_local_dates as (

    select
        local_dates.*,
        business_hours.open_minute,
        business_hours.close_minute
    from local_dates
    inner join business_hours
        on
            local_dates.schedule_id = business_hours.schedule_id
            and {{ iso_day_of_week('local_dates.local_date') }} = business_hours.day_of_week
    left join holidays
        on
            local_dates.schedule_id = holidays.schedule_id
            and local_dates.local_date = holidays.holiday_date
    where holidays.schedule_id is null and business_hours.close_minute > business_hours.open_minute

),

final as (

    select
        schedule_id,
        local_date,
        {{ local_to_utc(add_minutes('cast(local_date as ' ~ dbt.type_timestamp() ~ ')', 'open_minute'), 'time_zone') }}
            as opens_at,
        {{ local_to_utc(add_minutes('cast(local_date as ' ~ dbt.type_timestamp() ~ ')', 'close_minute'), 'time_zone') }}
            as closes_at
    from open_local_dates

)

select * from final
