-- Periods in which at least one human agent was on shift and not absent ("opening hours as
-- actually staffed"), cut at UTC midnights so page views find theirs with an equi-join.
-- Built by sweeping the agents' staffed periods (int_agent_staffed_periods).
with

agent_periods as (

    select * from {{ ref('int_agent_staffed_periods') }}

),

agent_transitions as (

    select starts_at as changes_at, 1 as staffed_delta from agent_periods
    union all
    select ends_at as changes_at, -1 as staffed_delta from agent_periods

),

global_points as (

    select changes_at, sum(staffed_delta) as staffed_delta
    from agent_transitions
    group by changes_at

),

global_periods as (

    select
        changes_at as starts_at,
        lead(changes_at) over (order by changes_at) as ends_at,
        sum(staffed_delta) over (order by changes_at rows unbounded preceding) as staffed_agent_count
    from global_points

),

staffed as (

    select starts_at, ends_at, staffed_agent_count
    from global_periods
    where staffed_agent_count > 0 and ends_at is not null

),

data_range as (

    select * from {{ ref('int_calendar_range') }}

),

days as (

    select
        cast({{ dbt.dateadd('day', 'numbers.n', 'data_range.first_date') }} as date) as staffed_date,
        cast({{ dbt.dateadd('day', 'numbers.n', 'data_range.first_date') }} as {{ dbt.type_timestamp() }})
            as day_starts_at,
        cast({{ dbt.dateadd('day', 'numbers.n + 1', 'data_range.first_date') }} as {{ dbt.type_timestamp() }})
            as day_ends_at
    from data_range
    cross join {{ numbers(5) }} as numbers
    where numbers.n <= data_range.day_count

),

final as (

    select
        days.staffed_date,
        case when staffed.starts_at > days.day_starts_at then staffed.starts_at else days.day_starts_at end
            as starts_at,
        case when staffed.ends_at < days.day_ends_at then staffed.ends_at else days.day_ends_at end as ends_at,
        staffed.staffed_agent_count
    from staffed
    inner join days on staffed.starts_at < days.day_ends_at and staffed.ends_at > days.day_starts_at

)

select * from final
