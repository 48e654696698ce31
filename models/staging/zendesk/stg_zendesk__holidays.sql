{{ config(enabled=zendesk_schedules_enabled()) }}
-- Zendesk schedule holidays (Fivetran `schedule_holiday`): one row per schedule and local date
-- a holiday closes it, from its start date to its end date included.
with

holidays as (

    select * from {{ source('zendesk', 'schedule_holiday') }}
    where not coalesce(_fivetran_deleted, false)

),

days as (

    select
        holidays.schedule_id,
        holidays.name,
        cast({{ dbt.dateadd('day', 'numbers.n', 'cast(holidays.start_date as date)') }} as date) as holiday_date
    from holidays
    cross join {{ numbers(3) }} as numbers
    where numbers.n <= {{ dbt.datediff('cast(holidays.start_date as date)', 'cast(holidays.end_date as date)', 'day') }}

),

final as (

    select
        {{ connector_id('zendesk', 'schedule_id') }} as schedule_id,
        holiday_date,
        min(cast(name as {{ dbt.type_string() }})) as holiday_name
    from days
    group by schedule_id, holiday_date

)

select * from final
