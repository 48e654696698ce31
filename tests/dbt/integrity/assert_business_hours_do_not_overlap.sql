-- Two opening intervals of one schedule and weekday that overlap would count their common
-- minutes twice on the business clock; every source of business hours must keep them apart.
select
    earlier.schedule_id,
    earlier.day_of_week,
    earlier.open_minute,
    later.open_minute as overlapping_open_minute
from {{ ref('int_business_hours') }} as earlier
inner join {{ ref('int_business_hours') }} as later
    on
        earlier.schedule_id = later.schedule_id
        and earlier.day_of_week = later.day_of_week
        and earlier.open_minute <= later.open_minute
        and earlier.close_minute > later.open_minute
        and (earlier.open_minute < later.open_minute or earlier.close_minute <> later.close_minute)
