-- Grain: one row per calendar date of the data range (reporting time zone).
with

data_range as (

    select * from {{ ref('int_calendar_range') }}

),

dates as (

    select cast({{ dbt.dateadd('day', 'numbers.n', 'data_range.first_date') }} as date) as date_day
    from data_range
    cross join {{ numbers(5) }} as numbers
    where numbers.n <= data_range.day_count

),

final as (

    select
        date_day,
        cast({{ dbt.date_trunc('week', 'date_day') }} as date) as iso_week_start_date,
        cast({{ dbt.date_trunc('month', 'date_day') }} as date) as month_start_date,
        {{ iso_day_of_week('date_day') }} as iso_day_of_week,
        {{ iso_day_of_week('date_day') }} >= 6 as is_weekend
    from dates

)

select * from final
