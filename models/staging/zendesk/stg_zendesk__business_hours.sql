{{ config(enabled=zendesk_schedules_enabled()) }}
-- Zendesk schedule intervals as weekly opening hours: one row per interval and local day it
-- covers, in minutes from that day's midnight. Zendesk counts minutes from Sunday 00:00 local
-- time (0 to 10080; Sunday is ISO day 7); an interval that runs past midnight is split there.
with

intervals as (

    select
        id,
        cast(start_time as integer) as start_minute,
        cast(end_time as integer) as end_minute,
        cast(floor(start_time / 1440.0) as integer) as first_week_day,
        cast(floor((end_time - 1) / 1440.0) as integer) as last_week_day
    from {{ source('zendesk', 'schedule') }}

),

days as (

    select
        intervals.id,
        intervals.start_minute - (intervals.first_week_day + numbers.n) * 1440 as start_of_day_minute,
        intervals.end_minute - (intervals.first_week_day + numbers.n) * 1440 as end_of_day_minute,
        intervals.first_week_day + numbers.n as week_day
    from intervals
    cross join {{ numbers(1) }} as numbers
    where intervals.first_week_day + numbers.n <= intervals.last_week_day

),

final as (

    select
        {{ connector_id('zendesk', 'id') }} as schedule_id,
        case when week_day = 0 then 7 else week_day end as day_of_week,
        case when start_of_day_minute > 0 then start_of_day_minute else 0 end as open_minute,
        case when end_of_day_minute < 1440 then end_of_day_minute else 1440 end as close_minute
    from days

)

select * from final
