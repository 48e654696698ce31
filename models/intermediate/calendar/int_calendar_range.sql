-- The calendar range every spine covers (one row): from two days before the earliest instant
-- of any dated source (int_source_time_bounds) to two days after the data end, so that data
-- with only orders, only surveys or only calls gets complete months.
with

sources as (

    select min(first_at) as first_at from {{ ref('int_source_time_bounds') }}

),

bounds as (

    select
        cast({{ dbt.dateadd('day', -2, 'coalesce(first_at, ' ~ as_of_timestamp() ~ ')') }} as date) as first_date,
        cast({{ dbt.dateadd('day', 2, as_of_timestamp()) }} as date) as last_date
    from sources

),

final as (

    select
        first_date,
        last_date,
        {{ dbt.datediff('first_date', 'last_date', 'day') }} as day_count  -- noqa: LT05
    from bounds

)

select * from final
