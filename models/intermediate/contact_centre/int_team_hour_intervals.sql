-- Grain: one row per team and local hour of its schedule's time zone on every date of the data
-- range: [starts_at, ends_at) in UTC. On the spring DST change the skipped hour has no row; on
-- the autumn change the repeated hour is one interval of two hours.
with

zones as (

    select * from {{ ref('int_team_time_zones') }}

),

data_range as (

    select * from {{ ref('int_calendar_range') }}

),

hours as (

    select n as local_hour
    from {{ numbers(2) }} as numbers
    where n < 24

),

local_hours as (

    select
        zones.team_id,
        zones.time_zone,
        cast({{ dbt.dateadd('day', 'numbers.n', 'data_range.first_date') }} as date) as local_date,
        hours.local_hour,
        {{ dbt.dateadd(
            'hour', 'hours.local_hour',
            'cast(' ~ dbt.dateadd('day', 'numbers.n', 'data_range.first_date') ~ ' as ' ~ dbt.type_timestamp() ~ ')'
        ) }} as local_starts_at
    from zones
    cross join data_range
    cross join {{ numbers(5) }} as numbers
    cross join hours
    where numbers.n <= data_range.day_count

),

converted as (

    select
        team_id,
        local_date,
        local_hour,
        {{ local_to_utc('local_starts_at', 'time_zone') }} as starts_at,
        {{ local_to_utc(dbt.dateadd('hour', 1, 'local_starts_at'), 'time_zone') }} as ends_at
    from local_hours

),

final as (

    select
        team_id,
        local_date,
        local_hour,
        {{ iso_day_of_week('local_date') }} as local_day_of_week,
        starts_at,
        ends_at,
        cast({{ epoch_seconds('ends_at') }} - {{ epoch_seconds('starts_at') }} as {{ type_double() }})
            as interval_seconds
    from converted
    where ends_at > starts_at

)

select * from final
